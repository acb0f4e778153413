"""An editor in a real browser: signs in to the newsroom, writes a story, publishes it, and a
reader finds it on the home page, its section front, its own page and the print version.
A draft stays with the editor: its Preview opens for them and readers get a 404.

Every newsroom page is watched the way the reader's pages are (tests/browser.py): no
Content-Security-Policy violation, no console error, no uncaught script error, no failed
request. The editor is an ordinary account from ``create_editor``, never a superuser, so the
screens are exercised with the rights a newsroom actually hands out.

Screenshots land in tests/artifacts/ (ignored by git) for a human to look at.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, Response, expect

from dateline.news.models import Article, Status
from dateline.newsroom.roles import EDITORS, create_editor
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot
from tests.editor_helpers import paste_into_body

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

USERNAME = "nigar.editor"
PASSWORD = "a long newsroom passphrase"
HEADLINE = "Parliament passes the press freedom bill in its first reading"
SLUG = "parliament-passes-the-press-freedom-bill-in-its-first-reading"  # what URLify makes
LEAD = "Deputies voted 87 to 12 after a four-hour debate."
QUOTE = "“Nobody will be jailed for what they write,” the speaker told the chamber."
BODY = (
    "<p>The bill now goes to a second reading next month.</p>\n"
    f"<blockquote><p>{QUOTE}</p></blockquote>\n"
    "<p>Journalists' unions welcomed the vote.</p>"
)
DRAFT = "Cabinet reshuffle expected before the summer recess, marker 5d1e2"
DRAFT_SLUG = "cabinet-reshuffle-expected-before-the-summer-recess-marker-5d1e2"
CHANGE_URL = re.compile(r"/newsroom/news/article/(\d+)/change/$")


@dataclass
class Desk:
    """The newsroom as the test set it up, worked out before the browser opens (the ORM
    refuses to run while Playwright's event loop is live)."""

    editor_pk: int
    author_pk: int
    author: str
    edition: str
    section: str  # as the section <select> labels it
    section_name: str
    section_url: str


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # The sign-in form is under test, not the strength of the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def desk() -> Desk:
    edition = factories.edition("en")
    politics = factories.section(edition, "Politics", position=0)
    factories.section(edition, "Economy", position=1)  # so picking the section means something
    author = factories.author("Leyla Aliyeva")
    editor = create_editor(USERNAME, password=PASSWORD, desks=[(edition, None)])
    assert not editor.is_superuser
    assert [group.name for group in editor.groups.all()] == [EDITORS]
    return Desk(
        editor_pk=editor.pk,
        author_pk=author.pk,
        author=author.name,
        edition=edition.name,
        section=str(politics),
        section_name=politics.name,
        section_url=politics.get_absolute_url(),
    )


class Tab:
    """One browser tab. Every page it lands on must answer 200; what the page said behind the
    reader's back (CSP violations, console errors, failed requests) is checked by ``quiet``."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.watch = PageWatch(page)
        self.visited: list[str] = []

    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    def arrived(self, response: Response | None) -> None:
        assert response is not None
        assert response.status == 200, f"{response.status} {response.url}"
        policy = response.headers.get("content-security-policy", "")
        # Zero violations only mean something if the strict policy was actually sent.
        assert "script-src 'self'" in policy, response.url
        assert "style-src 'self'" in policy, response.url
        self.page.wait_for_load_state("networkidle")
        self.visited.append(self.path)

    def open(self, url: str) -> None:
        self.arrived(self.page.goto(url))

    def follow(self, target: Locator) -> None:
        """Clicks a link or a submit button and waits for the page it leads to."""
        with self.page.expect_navigation() as navigation:
            target.click()
        self.arrived(navigation.value)

    def quiet(self) -> None:
        self.page.wait_for_timeout(200)  # a late CSP report still travels through the binding
        watch = self.watch
        assert watch.csp_violations == [], f"CSP violations on {self.visited}"
        assert watch.console_errors == [], f"console errors on {self.visited}"
        assert watch.page_errors == [], f"script errors on {self.visited}"
        # select2 cancels its pending query when the term changes (the empty one it sends on
        # opening, once the editor types): an abort the editor asked for, not a failure.
        failed = [
            request
            for request in watch.failed_requests
            if not ("/newsroom/autocomplete/?" in request and request.endswith("net::ERR_ABORTED"))
        ]
        assert failed == [], f"failed requests on {self.visited}"


def sign_in(tab: Tab, base: str) -> None:
    """/newsroom/ → the login form → the newsroom's index."""
    page = tab.page
    tab.open(base + "/newsroom/")
    assert tab.path == "/newsroom/login/"
    expect(page.get_by_role("banner").get_by_role("link", name="Newsroom")).to_be_visible()
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    tab.follow(page.get_by_role("button", name="Log in"))
    assert tab.path == "/newsroom/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Today in the newsroom")


def open_add_form(tab: Tab) -> None:
    """Index → Articles → Add article."""
    page = tab.page
    tab.follow(page.locator("#content-main").get_by_role("link", name="Articles", exact=True))
    assert tab.path == "/newsroom/news/article/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Select article to change")
    tab.follow(page.get_by_role("link", name="Add article"))
    assert tab.path == "/newsroom/news/article/add/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Add article")


def write_story(tab: Tab, desk: Desk, *, headline: str, slug: str, body: str) -> None:
    """Fills the add form the way a person does: pick from the lists, type the headline and
    let the admin's prepopulate script make the slug."""
    page = tab.page
    page.get_by_label("Edition").select_option(label=desk.edition)
    page.get_by_label("Section").select_option(label=desk.section)
    page.get_by_label("Headline").press_sequentially(headline)
    slug_field = page.get_by_label("Slug")
    expect(slug_field).to_have_value(slug)  # filled from the headline while typing
    page.get_by_label("Lead").fill(LEAD)
    paste_into_body(page, body)


def add_byline(tab: Tab, desk: Desk) -> None:
    """The byline inline's author field is a select2 autocomplete: open it, type, pick."""
    page = tab.page
    row = page.locator("#articleauthor_set-0")
    row.locator(".select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.press_sequentially(desk.author.split()[0])
    page.locator(".select2-results__option", has_text=desk.author).click()
    expect(row.locator("select[name$='-author']")).to_have_value(str(desk.author_pk))
    expect(row.locator(".select2-selection__rendered")).to_have_text(desk.author)


def messages(page: Page) -> Locator:
    return page.locator("ul.messagelist")


def test_an_editor_publishes_a_story_and_a_reader_finds_it(live_server, desk):
    base = live_server.url
    with chromium() as browser:
        editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
        newsroom = Tab(editor_context.new_page())
        page = newsroom.page

        sign_in(newsroom, base)
        open_add_form(newsroom)
        write_story(newsroom, desk, headline=HEADLINE, slug=SLUG, body=BODY)
        add_byline(newsroom, desk)
        screenshot(page, "newsroom-article-add")

        # "Save and publish" saves, publishes and returns to the list of articles.
        publish = page.get_by_role("button", name="Save and publish")
        expect(publish).to_be_visible()  # an editor, not only a superuser, may publish
        newsroom.follow(publish)
        assert newsroom.path == "/newsroom/news/article/"
        expect(messages(page)).to_contain_text(f"The article “{HEADLINE}” was added successfully.")
        expect(messages(page)).to_contain_text("Published. It is on the site now.")
        row = page.locator("#result_list tbody tr", has_text=HEADLINE)
        expect(row.locator(".status")).to_have_text("Published")

        # Back into the story: the change form shows it published and links to the site.
        newsroom.follow(row.get_by_role("link", name=HEADLINE))
        match = CHANGE_URL.search(newsroom.path)
        assert match, newsroom.path
        pk = int(match.group(1))
        story_url = f"/en/news/{pk}-{SLUG}/"
        expect(page.get_by_label("Headline")).to_have_value(HEADLINE)
        expect(page.get_by_label("Slug")).to_have_value(SLUG)
        expect(page.locator(".field-status_label .status")).to_have_text("Published")
        expect(page.get_by_role("link", name="View on site")).to_have_attribute("href", story_url)
        # Unpublishing is a chief editor's decision: an editor is not offered the button.
        expect(page.get_by_role("button", name="Save and unpublish")).to_have_count(0)
        expect(page.locator("#articleauthor_set-0 .select2-selection__rendered")).to_have_text(
            desk.author
        )
        screenshot(page, "newsroom-article-change")

        assert newsroom.visited == [
            "/newsroom/login/",
            "/newsroom/",
            "/newsroom/news/article/",
            "/newsroom/news/article/add/",
            "/newsroom/news/article/",
            f"/newsroom/news/article/{pk}/change/",
        ]
        newsroom.quiet()

        # A reader, who never signed in, in a browser of their own.
        reader_context = browser.new_context(viewport={"width": 1280, "height": 900})
        reader = Tab(reader_context.new_page())
        page = reader.page

        reader.open(base + "/")
        lenta = page.locator("section.lenta")
        expect(lenta.get_by_role("link", name=HEADLINE)).to_be_visible()

        sections = page.get_by_role("navigation", name="Sections")
        reader.follow(sections.get_by_role("link", name=desk.section_name))
        assert reader.path == desk.section_url
        listing = page.locator(".listing")
        expect(listing.get_by_role("link", name=HEADLINE)).to_be_visible()

        reader.follow(listing.get_by_role("link", name=HEADLINE))
        assert reader.path == story_url
        article = page.locator("article.article")
        expect(article.get_by_role("heading", level=1)).to_have_text(HEADLINE)
        expect(article.locator(".article__lead")).to_have_text(LEAD)
        expect(article.locator(".byline")).to_have_text(f"By {desk.author}")
        expect(article.locator(".article__body blockquote")).to_have_text(QUOTE)

        reader.follow(page.get_by_role("link", name="Print version"))
        assert reader.path == f"/en/news/{pk}-{SLUG}/print/"
        expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
        expect(page.locator("blockquote")).to_have_text(QUOTE)
        expect(page.locator(".print-footer")).to_contain_text(story_url)

        assert len(reader.visited) == 4
        reader.quiet()
        reader_context.close()
        editor_context.close()

    # The browser is closed, so the ORM may run again: what the form stored.
    story = Article.objects.get(pk=pk)
    assert story.status == Status.PUBLISHED
    assert story.created_by_id == desk.editor_pk
    assert story.section.name == desk.section_name
    assert [person.pk for person in story.authors.all()] == [desk.author_pk]
    assert f"<blockquote><p>{QUOTE}</p></blockquote>" in story.body


def test_a_draft_is_previewed_by_its_editor_and_hidden_from_readers(live_server, desk):
    base = live_server.url
    with chromium() as browser:
        editor_context = browser.new_context(viewport={"width": 1280, "height": 900})
        newsroom = Tab(editor_context.new_page())
        page = newsroom.page
        # The Preview link opens a new tab: watch the whole context, so that tab's first page
        # is covered from its first byte (Chromium logs a CSP refusal as a console error).
        other_tabs: list[str] = []

        def other_tab_said(message: ConsoleMessage) -> None:
            if message.type == "error" and message.page is not page:
                other_tabs.append(f"{message.text} ({message.location})")

        editor_context.on("console", other_tab_said)
        editor_context.on("weberror", lambda error: other_tabs.append(str(error.error)))

        sign_in(newsroom, base)
        open_add_form(newsroom)
        write_story(newsroom, desk, headline=DRAFT, slug=DRAFT_SLUG, body=BODY)
        newsroom.follow(page.get_by_role("button", name="Save and keep editing"))
        match = CHANGE_URL.search(newsroom.path)
        assert match, newsroom.path
        pk = int(match.group(1))
        expect(messages(page)).to_contain_text(
            f"The article “{DRAFT}” was added successfully. You may edit it again below."
        )
        expect(page.locator(".field-status_label .status")).to_have_text("Draft")
        expect(page.get_by_role("button", name="Save and unpublish")).to_have_count(0)

        preview_url = f"/newsroom/news/article/{pk}/preview/"
        link = page.get_by_role("link", name="Preview", exact=True)
        expect(link).to_have_attribute("href", preview_url)
        with editor_context.expect_page() as new_tab:
            link.click()
        preview = new_tab.value
        preview.wait_for_load_state("networkidle")
        assert urlsplit(preview.url).path == preview_url
        expect(preview.locator(".preview-banner")).to_have_text(
            "Preview — status: Draft. Readers cannot see this page."
        )
        expect(preview.get_by_role("heading", level=1)).to_have_text(DRAFT)
        expect(preview.locator(".article__body blockquote")).to_have_text(QUOTE)
        screenshot(preview, "newsroom-article-preview")
        preview.close()
        newsroom.quiet()
        assert other_tabs == []

        # The reader: the story's address is a 404, and the preview wants a sign-in.
        reader_context = browser.new_context()
        reader = reader_context.new_page()
        for url in (f"/en/news/{pk}-{DRAFT_SLUG}/", f"/en/news/{pk}/"):
            response = reader.goto(base + url)
            assert response is not None
            assert response.status == 404, url
            expect(reader.locator("body")).not_to_contain_text(DRAFT)
        response = reader.goto(base + preview_url)
        assert response is not None
        assert response.status == 200
        assert urlsplit(reader.url).path == "/newsroom/login/"
        expect(reader.locator("body")).not_to_contain_text(DRAFT)
        response = reader.goto(base + "/")
        assert response is not None
        assert response.status == 200
        expect(reader.locator("body")).not_to_contain_text(DRAFT)
        reader_context.close()
        editor_context.close()

    story = Article.objects.get(pk=pk)
    assert story.status == Status.DRAFT
    assert story.published_at is None
