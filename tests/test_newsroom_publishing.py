"""An editor writes a story in the newsroom and publishes, schedules or unpublishes it; readers
see exactly what the buttons promised, and nothing a forged form field asks for."""

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from dateline.news.models import Article, ArticleAuthor, Status
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)  # 10:00 in Baku, the newsroom's time zone
ADD_URL = "/newsroom/news/article/add/"
EDITOR_PASSWORD = "correct horse battery"  # factories.editor()'s default


class FormFields(HTMLParser):
    """The values a browser would submit from the first form on a page with ``<form``,
    buttons excluded. Multiple-choice fields map to lists."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, str | list[str]] = {}
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
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
            multiple = "multiple" in a
            self._select = (name, multiple)
            self.data[name] = [] if multiple else ""
        elif tag == "option" and self._select and "selected" in a:
            name, multiple = self._select
            if multiple:
                self.data[name].append(a.get("value", ""))
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
            value = self.data[self._textarea] + data
            # A browser drops the newline that follows <textarea>.
            self.data[self._textarea] = value.removeprefix("\n")


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # The login itself is under test, not the strength of the hash: spare a second per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def desk(clock):
    en = factories.edition("en")
    az = factories.edition("az")
    return {
        "edition": en,
        "politics": factories.section(en, name="Politics"),
        "az politics": factories.section(az, name="Siyasət", slug="siyaset"),
        "writer": factories.author("Aysel Mammadova"),
    }


@pytest.fixture
def editor(desk):
    """The editor persona, signed in through the newsroom's login form."""
    factories.editor()
    browser = Client()
    response = browser.post(
        "/newsroom/login/?next=/newsroom/",
        {"username": "editor", "password": EDITOR_PASSWORD, "next": "/newsroom/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/newsroom/"
    return browser


def new_reader() -> Client:
    """A reader arriving now: a fresh browser, whose first request runs the scheduler."""
    return Client()


def story_form(editor, desk, url: str = ADD_URL, **fields) -> dict:
    """What the editor submits: the form as the newsroom rendered it, filled in."""
    page = editor.get(url)
    assert page.status_code == 200
    data = FormFields(page.content.decode()).data
    if url == ADD_URL:
        data.update(
            {
                "edition": str(desk["edition"].pk),
                "section": str(desk["politics"].pk),
                "headline": "Parliament passes the budget",
                "slug": "parliament-passes-the-budget",
                "lead": "The vote was 80 to 20.",
                "body": "<p>The budget passed on Wednesday.</p>",
                "articleauthor_set-0-author": str(desk["writer"].pk),
                "articleauthor_set-0-position": "0",
            }
        )
    data.update({name: str(value) for name, value in fields.items()})
    return data


def only_story() -> Article:
    return Article.objects.get()


def test_the_add_form_has_the_fields_and_byline_inline_the_newsroom_expects(editor, desk):
    fields = FormFields(editor.get(ADD_URL).content.decode()).data
    for name in (
        "edition", "section", "headline", "slug", "lead", "body", "genre", "source", "tags",
        "published_at_0", "published_at_1", "articleauthor_set-TOTAL_FORMS",
        "articleauthor_set-INITIAL_FORMS", "articleauthor_set-0-author",
        "articleauthor_set-0-position",
    ):  # fmt: skip
        assert name in fields, name
    assert "status" not in fields


def test_save_and_publish_puts_the_story_on_the_home_page_its_section_and_its_own_page(
    editor, desk
):
    response = editor.post(ADD_URL, story_form(editor, desk, _publish="Save and publish"))

    assert response.status_code == 302
    story = only_story()
    assert story.status == Status.PUBLISHED
    assert story.published_at == NOW
    assert list(story.authors.all()) == [desk["writer"]]
    reader = new_reader()
    assert "Parliament passes the budget" in reader.get("/en/").content.decode()
    assert "Parliament passes the budget" in reader.get("/en/politics/").content.decode()
    page = reader.get(f"/en/news/{story.pk}-parliament-passes-the-budget/")
    assert page.status_code == 200
    assert 'rel="author">Aysel Mammadova</a>' in page.content.decode()


def test_the_editor_is_told_the_story_is_live(editor, desk):
    response = editor.post(
        ADD_URL, story_form(editor, desk, _publish="Save and publish"), follow=True
    )
    assert "Published. It is on the site now." in response.content.decode()


def test_a_future_time_schedules_the_story_and_readers_see_it_only_from_then(editor, desk, clock):
    # 12:00 in Baku, the newsroom's zone, is 08:00 UTC.
    form = story_form(
        editor, desk, published_at_0="2014-03-05", published_at_1="12:00:00", _publish="1"
    )

    response = editor.post(ADD_URL, form, follow=True)

    story = only_story()
    assert story.status == Status.SCHEDULED
    assert story.published_at == datetime(2014, 3, 5, 8, 0, tzinfo=UTC)
    assert "Scheduled for 05 March 2014 12:00" in response.content.decode()
    reader = new_reader()
    assert reader.get(story.get_absolute_url()).status_code == 404
    assert "Parliament passes the budget" not in reader.get("/en/").content.decode()

    clock.set(story.published_at - timedelta(seconds=1))
    assert new_reader().get(story.get_absolute_url()).status_code == 404

    clock.set(story.published_at + timedelta(seconds=1))
    reader = new_reader()
    assert reader.get(story.get_absolute_url()).status_code == 200
    assert "Parliament passes the budget" in reader.get("/en/").content.decode()
    assert Article.objects.get(pk=story.pk).status == Status.PUBLISHED


def test_save_and_unpublish_takes_the_story_off_the_site(editor, desk):
    editor.post(ADD_URL, story_form(editor, desk, _publish="1"))
    story = only_story()
    change_url = f"/newsroom/news/article/{story.pk}/change/"
    chief = Client()  # unpublishing is a chief editor's decision
    chief.force_login(factories.editor("chief", chief=True))
    assert 'name="_unpublish"' in chief.get(change_url).content.decode()

    response = chief.post(change_url, story_form(chief, desk, change_url, _unpublish="1"))

    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).status == Status.UNPUBLISHED
    reader = new_reader()
    assert reader.get(story.get_absolute_url()).status_code == 404
    assert reader.get(story.get_print_url()).status_code == 404
    assert "Parliament passes the budget" not in reader.get("/en/").content.decode()
    assert ArticleAuthor.objects.filter(article=story).count() == 1  # the byline survived


def test_saving_a_draft_with_a_forged_status_field_leaves_it_a_draft(editor, desk):
    form = story_form(editor, desk, _save="1", status="published", updated_at="2014-03-05")

    response = editor.post(ADD_URL, form)

    assert response.status_code == 302
    story = only_story()
    assert story.status == Status.DRAFT
    assert story.updated_at is None
    assert new_reader().get(story.get_absolute_url()).status_code == 404


def test_editing_a_draft_with_a_forged_status_field_leaves_it_a_draft(editor, desk):
    editor.post(ADD_URL, story_form(editor, desk, _save="1"))
    story = only_story()
    change_url = f"/newsroom/news/article/{story.pk}/change/"

    editor.post(change_url, story_form(editor, desk, change_url, _continue="1", status="published"))

    assert Article.objects.get(pk=story.pk).status == Status.DRAFT


class TestPreview:
    @pytest.fixture
    def draft(self, editor, desk):
        editor.post(ADD_URL, story_form(editor, desk, _save="1"))
        return only_story()

    def test_the_preview_shows_the_editor_a_draft_and_keeps_it_out_of_search(self, editor, draft):
        response = editor.get(f"/newsroom/news/article/{draft.pk}/preview/")

        assert response.status_code == 200
        page = response.content.decode()
        assert "Parliament passes the budget" in page
        assert "Preview — status: Draft" in page
        assert '<meta name="robots" content="noindex, nofollow">' in page
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]

    def test_the_preview_sends_an_anonymous_reader_to_the_login_page(self, draft):
        url = f"/newsroom/news/article/{draft.pk}/preview/"

        response = new_reader().get(url)

        assert response.status_code == 302
        assert response["Location"] == f"/newsroom/login/?next={url}"
        assert "Parliament passes the budget" not in response.content.decode()


def test_a_section_from_another_edition_is_refused_and_nothing_is_saved(editor, desk):
    form = story_form(editor, desk, section=desk["az politics"].pk, _publish="1")

    response = editor.post(ADD_URL, form)

    assert response.status_code == 200
    assert "belongs to the Azərbaycanca edition" in response.content.decode()
    assert not Article.objects.exists()
    assert not ArticleAuthor.objects.exists()


def test_a_201_character_headline_is_refused_and_nothing_is_saved(editor, desk):
    form = story_form(editor, desk, headline="B" * 201, _publish="1")

    response = editor.post(ADD_URL, form)

    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters (it has 201)." in (
        response.content.decode()
    )
    assert not Article.objects.exists()


def test_a_signed_in_user_who_is_not_staff_cannot_reach_the_newsroom(desk):
    user = get_user_model().objects.create_user("subscriber", password="another horse battery")
    browser = Client()
    browser.force_login(user)  # the newsroom's own sign-in form would refuse a non-staff

    for url in ("/newsroom/", ADD_URL, "/newsroom/news/article/"):
        response = browser.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/newsroom/login/"), url

    response = browser.post(
        ADD_URL,
        {
            "edition": desk["edition"].pk,
            "section": desk["politics"].pk,
            "headline": "Forged story",
            "slug": "forged-story",
            "_publish": "1",
        },
    )
    assert response.status_code == 302
    assert not Article.objects.exists()


def test_the_login_form_refuses_a_user_who_is_not_staff(desk):
    get_user_model().objects.create_user("subscriber", password="another horse battery")
    response = Client().post(
        "/newsroom/login/", {"username": "subscriber", "password": "another horse battery"}
    )
    assert response.status_code == 200
    assert "staff account" in response.content.decode()
