"""An editor writes a story in the body editor, in a real browser, under the newsroom's strict
Content-Security-Policy: the headline hint and the story's address follow the typing, the
toolbar makes a subhead, a list and a link, the picture dialog inserts a library picture with
its caption and credit, the word count keeps up, and what is saved is exactly that story —
on the edit screen, in the database and in the preview. Pasting from Word and Google Docs
keeps the structure and drops the formatting.

Every page is watched (tests/browser.py): no CSP violation, console error, script error or
failed request. The editing page is saved as ``test-artifacts/newsroom-editor.png``.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import include, path, re_path
from django.views.static import serve
from playwright.sync_api import Page, expect

from dateline.news import publishing
from dateline.news.models import Article
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium
from tests.editor_helpers import clipboard, library_picture, paste_into_body

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
USERNAME = "nigar.editor"
PASSWORD = "a long newsroom passphrase"
SHORT_HEADLINE = "Parliament passes the budget"
HEADLINE = f"{SHORT_HEADLINE} after a long night of debate on pensions and roads"
SLUG = "parliament-passes-the-budget-after-a-long-night-of-debate-on-pensions-and-roads"
OPENING = "Deputies voted 87 to 12 on Tuesday after a four-hour debate."
SUBHEAD = "What the budget changes"
ITEMS = ("Pensions rise by eight per cent", "Road building is cut by a third")
LINKED = "the full text of the bill"
LINK = "https://example.org/budget-2014"
CAPTION = "The Maiden Tower in Baku’s old city."  # noqa: RUF001 (typographic apostrophe)
CREDIT = "Photo: Leyla Aliyeva"
NEXT_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)
WORDS = 45  # 11 + 4 + 6 + 7 + 7 (the link's paragraph) + 7 (caption) + 3 (credit)


def _media(request, path: str):
    """The library's files, which `dateline serve` hands to granian; here Django serves them."""
    return serve(request, path, document_root=django_settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.+)$", _media), path("", include("dateline.urls"))]


@dataclass
class Library:
    """What the test set up, read before the browser opens (the ORM refuses to run while
    Playwright's event loop is live)."""

    picture_id: int
    picture_url: str
    picture_alt: str


@pytest.fixture(autouse=True)
def served_media_and_quick_hashing(settings):
    settings.ROOT_URLCONF = __name__
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def library() -> Library:
    factories.section(factories.edition("en"), "Politics")
    factories.editor(username=USERNAME, password=PASSWORD)
    tower = library_picture(
        "The Maiden Tower at dusk", caption=CAPTION, credit=CREDIT, colour=(200, 80, 40)
    )
    library_picture("Deputies vote in the chamber", credit="Caspian Wire", colour=(40, 80, 200))
    library_picture("Ferries in the harbour", caption="Morning in Baku.", colour=(30, 150, 90))
    return Library(tower.pk, tower.file.url, tower.alt)


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/newsroom/login/")
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def quiet(watch: PageWatch) -> None:
    watch.page.wait_for_timeout(200)  # a late CSP report still travels through the binding
    assert watch.csp_violations == []
    assert watch.console_errors == []
    assert watch.page_errors == []
    assert watch.failed_requests == []


def test_an_editor_writes_a_story_with_the_body_editor(live_server, library, client):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1100})
        watch = PageWatch(page)
        sign_in(page, live_server.url)
        response = page.goto(f"{live_server.url}/newsroom/news/article/add/")
        assert response is not None
        assert "style-src 'self';" in response.headers["content-security-policy"]
        assert "unsafe-inline" not in response.headers["content-security-policy"]

        page.get_by_label("Edition").select_option(label="English")
        page.get_by_label("Section").select_option(label="Politics (en)")

        # The headline: characters counted live, a warning once search results would cut it.
        headline = page.get_by_label("Headline")
        hint = page.locator(".writing-hint")
        headline.press_sequentially(SHORT_HEADLINE)
        expect(hint.locator("[data-characters]")).to_have_text(str(len(SHORT_HEADLINE)))
        expect(hint.locator("[data-warning]")).to_be_hidden()
        address = page.locator(".writing-address output")
        expect(address).to_have_text(f"{live_server.url}/en/news/…-parliament-passes-the-budget/")
        headline.press_sequentially(HEADLINE.removeprefix(SHORT_HEADLINE))
        expect(hint.locator("[data-characters]")).to_have_text(str(len(HEADLINE)))
        expect(hint.locator("[data-warning]")).to_be_visible()
        expect(hint.locator("[data-warning]")).to_have_text(
            re.compile(r"^Search results will cut it to about “Parliament passes the budget .+ …”")
        )
        expect(address).to_have_text(f"{live_server.url}/en/news/…-{SLUG}/")
        page.get_by_label("Lead").fill("The vote was 87 to 12.")

        # The body, through the toolbar.
        body = page.get_by_role("textbox", name="Body")
        body.click()
        page.keyboard.type(OPENING)
        page.keyboard.press("Enter")
        page.locator(".prose-menubar__selected").click()
        page.locator(".prose-menubar__option[data-name=heading2]").click()
        page.keyboard.type(SUBHEAD)
        page.keyboard.press("Enter")
        page.get_by_role("button", name="unordered list", exact=True).click()
        page.keyboard.type(ITEMS[0])
        page.keyboard.press("Enter")
        page.keyboard.type(ITEMS[1])
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # out of the list
        page.keyboard.type(f"Read {LINKED}.")
        page.keyboard.press("ArrowLeft")
        for _ in LINKED:
            page.keyboard.press("Shift+ArrowLeft")
        page.evaluate(NEXT_FRAMES)
        page.get_by_role("button", name="insert link", exact=True).click()
        link_dialog = page.locator("dialog.prose-editor-dialog[open]")
        link_dialog.get_by_label("URL").fill(LINK)
        link_dialog.get_by_role("button", name="Update").click()
        editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
        expect(editor.locator(f'a[href="{LINK}"]')).to_have_text(LINKED)
        # The dialog hands the caret back on the next animation frame, and the editor reads a
        # caret moved by the browser (End) a moment later: like a person, wait for both.
        expect(editor).to_be_focused()
        page.evaluate(NEXT_FRAMES)
        page.keyboard.press("End")
        page.evaluate(NEXT_FRAMES)
        page.keyboard.press("Enter")

        # A picture from the library, found by searching.
        page.get_by_role("button", name="figure", exact=True).click()
        picker = page.get_by_role("dialog", name="Insert a picture from the library")
        expect(picker.locator(".picture-picker__choice")).to_have_count(3)
        picker.get_by_label("Search the library").fill("tower")
        picker.get_by_label("Search the library").press("Enter")
        expect(picker.locator(".picture-picker__choice")).to_have_count(1)
        picker.get_by_role("button", name=re.compile(library.picture_alt)).click()
        expect(picker).to_be_hidden()

        expect(editor.locator("h2")).to_have_text(SUBHEAD)
        expect(editor.locator("ul li")).to_have_text(list(ITEMS))
        expect(editor.locator(f'a[href="{LINK}"]')).to_have_text(LINKED)
        expect(editor.locator("figure figcaption small")).to_have_text(CREDIT)
        expect(editor.locator("figure img")).to_have_attribute("src", library.picture_url)
        counts = page.locator(".writing-counts")
        expect(counts).to_have_text(re.compile(rf"^\s*{WORDS} words\s*·\s*1 min read\s*$"))

        editor.locator("figure img").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "newsroom-editor.png"), full_page=True)
        quiet(watch)

        with page.expect_navigation():
            page.get_by_role("button", name="Save and keep editing").click()
        match = re.search(r"/newsroom/news/article/(\d+)/change/", page.url)
        assert match, page.url
        pk = match.group(1)

        # Back on the edit screen: the same story in the editor, the same count, its address.
        expect(editor.locator("figure figcaption")).to_have_text(f"{CAPTION} {CREDIT}")
        expect(counts).to_have_text(re.compile(rf"^\s*{WORDS} words\s*·\s*1 min read\s*$"))
        expect(address).to_have_text(f"{live_server.url}/en/news/{pk}-{SLUG}/")
        quiet(watch)

        page.goto(f"{live_server.url}/newsroom/news/article/{pk}/preview/")
        story = page.locator(".article__body")
        expect(story.locator("h2")).to_have_text(SUBHEAD)
        expect(story.locator("ul li")).to_have_text(list(ITEMS))
        expect(story.locator("a", has_text=LINKED)).to_have_attribute("href", LINK)
        expect(story.locator("figure figcaption small")).to_have_text(CREDIT)
        expect(story.locator("figure img")).to_have_attribute("alt", library.picture_alt)
        quiet(watch)

    stored = Article.objects.get(pk=pk)
    assert stored.headline == HEADLINE
    assert stored.slug == SLUG
    assert stored.body == (
        f"<p>{OPENING}</p><h2>{SUBHEAD}</h2>"
        f"<ul><li><p>{ITEMS[0]}</p></li><li><p>{ITEMS[1]}</p></li></ul>"
        f'<p>Read <a href="{LINK}" rel="noopener noreferrer">{LINKED}</a>.</p>'
        f'<figure><img src="{library.picture_url}" alt="{library.picture_alt}" width="640" '
        f'height="480" data-image-id="{library.picture_id}"><figcaption>{CAPTION} '
        f"<small>{CREDIT}</small></figcaption></figure>"
    )
    # Once published, readers get the same story.
    publishing.publish(stored)
    page_html = client.get(stored.get_absolute_url()).content.decode()
    assert f"<h2>{SUBHEAD}</h2>" in page_html
    assert f"<figcaption>{CAPTION} <small>{CREDIT}</small></figcaption>" in page_html


LEFTOVERS = re.compile(r"mso-|Mso|<span|<font|<b>|<o:p|style=|class=|<!--|·|docs-internal", re.I)


def test_pasting_from_word_and_google_docs_keeps_structure_and_drops_formatting(
    live_server, library
):
    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)
        sign_in(page, live_server.url)
        page.goto(f"{live_server.url}/newsroom/news/article/add/")
        body = page.locator("#id_body")

        paste_into_body(page, clipboard("word"))
        word = body.input_value()

        page.get_by_role("textbox", name="Body").click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Delete")
        paste_into_body(page, clipboard("google_docs"))
        docs = body.input_value()
        quiet(watch)

    flat = " ".join(word.split())
    assert LEFTOVERS.findall(flat) == []
    assert "<h2>Budget passes its first reading</h2>" in flat
    assert "<strong>87 to 12</strong>" in flat
    assert "<em>four-hour</em>" in flat
    assert "<p></p>" not in flat  # Word's empty spacing paragraphs
    # Word's list paragraphs, with their drawn bullets and numbers, become real lists.
    assert "<ul><li><p>Pensions rise by eight per cent</p></li><li><p>Road building" in flat
    assert re.search(
        r"<ol[^>]*><li><p>A second reading in March</p></li><li><p>The president", flat
    )
    assert f'<a href="{LINK}">the full text of the bill</a>' in flat

    assert LEFTOVERS.findall(docs) == []
    assert "<h2>Budget passes its first reading</h2>" in docs
    # Docs wraps everything in <b style="font-weight:normal">: only the bold run stays bold.
    assert "<p>Deputies voted <strong>87 to 12</strong> after a <em>four-hour</em> debate.</p>" in (
        docs
    )
    assert "<ul><li><p>Pensions rise by eight per cent</p></li>" in docs
    assert f'<a href="{LINK}">the full text of the bill</a>' in docs


def test_an_editor_working_in_russian_sees_the_live_counts_in_russian(live_server, library):
    """The scripts' words come from the newsroom's JavaScript catalog, in the editor's language
    (the newsroom's language cookie): the counts change their Russian plural as they grow."""
    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)
        sign_in(page, live_server.url)
        page.context.add_cookies(
            [
                {
                    "name": django_settings.LANGUAGE_COOKIE_NAME,
                    "value": "ru",
                    "url": f"{live_server.url}{django_settings.LANGUAGE_COOKIE_PATH}",
                }
            ]
        )
        page.goto(f"{live_server.url}/newsroom/news/article/add/")
        counts = page.locator(".writing-counts")
        expect(counts).to_have_text(re.compile(r"^\s*0 слов\s*·\s*читать пока нечего\s*$"))

        page.locator(".prose-editor .ProseMirror[contenteditable=true]").click()
        page.keyboard.type("Парламент")
        expect(counts).to_have_text(re.compile(r"^\s*1 слово\s*·\s*1 мин чтения\s*$"))
        page.keyboard.type(" принял бюджет")
        expect(counts).to_have_text(re.compile(r"^\s*3 слова\s*·\s*1 мин чтения\s*$"))

        # The headline's sentence follows its count too: 21 characters, then 22.
        hint = page.locator(".writing-hint")
        page.locator("#id_headline").press_sequentially("Парламент принял зако")
        expect(hint).to_have_text(re.compile(r"^\s*21 символ; в результатах поиска видно около"))
        page.locator("#id_headline").press_sequentially("н")
        expect(hint).to_have_text(re.compile(r"^\s*22 символа; в результатах поиска видно около"))
        quiet(watch)
