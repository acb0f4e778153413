"""Posting the article screen as a browser would: the rendered form's own values, changed."""

from html.parser import HTMLParser

from django.test import Client

from dateline.news.models import Article

ADD_URL = "/newsroom/news/article/add/"


class FormFields(HTMLParser):
    """The values a browser would submit from the story's form (``id="article_form"``), buttons
    excluded; fields that belong to another form (``form="…"``) are left out too."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str | list[str]] = {}
        self.buttons: set[str] = set()
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        name = a.get("name", "")
        if "__prefix__" in name or a.get("form"):
            return
        if tag == "input" and a.get("type") == "submit" and name:
            self.buttons.add(name)
        elif tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
            else:
                self.data[name] = a.get("value", "")
        elif tag == "select" and name:
            multiple = "multiple" in a
            self._select = (name, multiple)
            self.data[name] = [] if multiple else ""
        elif tag == "option" and self._select and "selected" in a:
            name, multiple = self._select
            if multiple:
                self.data[name].append(a.get("value", ""))  # type: ignore[union-attr]
            else:
                self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            value = str(self.data[self._textarea]) + data
            self.data[self._textarea] = value.removeprefix("\n")


def change_url(story: Article) -> str:
    return f"/newsroom/news/article/{story.pk}/change/"


def page(client: Client, url: str) -> FormFields:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return FormFields(response.content.decode())


def filled(client: Client, url: str, **fields) -> dict:
    """The form at ``url`` as rendered, with ``fields`` changed or added."""
    data = page(client, url).data
    data.update({name: str(value) for name, value in fields.items()})
    return data


def new_story(client: Client, sec, **fields) -> dict:
    """The empty article form as ``client`` is shown it, filled in by a writer."""
    return filled(
        client,
        ADD_URL,
        edition=sec.edition_id,
        section=sec.pk,
        headline="Parliament passes the budget",
        slug="parliament-passes-the-budget",
        lead="The vote was 80 to 20.",
        body="<p>The budget passed on Wednesday.</p>",
        **fields,
    )
