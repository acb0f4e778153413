"""Editing a story through the newsroom as a browser would: read the form, change it, post it."""

from html.parser import HTMLParser

from django.test import Client

from dateline.news.models import Article


class FormData(HTMLParser):
    """The values a browser would submit from the form with ``form_id`` (or the first form),
    submit buttons excluded. Multiple-choice fields map to lists."""

    def __init__(self, page: str, form_id: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.data: dict[str, str | list[str]] = {}
        self._in_form = False
        self._done = False
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self._templates = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "template":  # inert markup, cloned by scripts: never part of the form
            self._templates += 1
        if self._templates:
            return
        if tag == "form" and not self._done:
            self._in_form = self.form_id is None or a.get("id") == self.form_id
            return
        if not self._in_form or ("form" in a and a["form"] != self.form_id):
            return
        name = a.get("name", "")
        if "__prefix__" in name:  # the empty template row of an inline, never submitted
            return
        if tag == "input" and name and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
            else:
                self.data[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = (name, "multiple" in a)
            self.data[name] = [] if "multiple" in a else ""
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
        if tag == "template":
            self._templates -= 1
        if self._templates:
            return
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            value = str(self.data[self._textarea]) + data
            self.data[self._textarea] = value.removeprefix("\n")  # as a browser reads it


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def change_url(story: Article) -> str:
    return f"/newsroom/news/article/{story.pk}/change/"


def open_story(browser: Client, story: Article) -> dict:
    """The change form as the newsroom rendered it for ``browser``: what a save would send."""
    page = browser.get(change_url(story))
    assert page.status_code == 200, page.status_code
    return FormData(page.content.decode(), "article_form").data


def save(browser: Client, story: Article, form: dict, **changes) -> object:
    """Posts ``form`` with ``changes`` applied, as "Save and keep editing"."""
    data = {**form, **{name: value for name, value in changes.items()}, "_continue": "1"}
    return browser.post(change_url(story), data)


def edit(browser: Client, story: Article, **changes) -> object:
    """Opens the story and saves it with ``changes``, in one go."""
    return save(browser, story, open_story(browser, story), **changes)
