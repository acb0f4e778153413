"""A reader in a real browser: front page, section, story, print version — and nothing the
Content-Security-Policy blocks, no broken asset, no draft anywhere on the way.

Screenshots land in tests/artifacts/ (ignored by git) for a human to look at.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, Response, expect

from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

DATELINE_PATTERN = re.compile(r"^\d{2} [A-Z][a-z]+ \d{4} \[\d{2}:\d{2}\]$")
LETTER = "President answers the open letter from the union of journalists"
DRAFT = "Unreleased cabinet reshuffle, marker 7f3c9"
PHONE = {"width": 390, "height": 844}


@dataclass
class Newsroom:
    """What the test published, with every URL worked out before the browser opens (the
    ORM refuses to run while Playwright's event loop is live)."""

    letter_url: str
    letter_print_url: str
    draft_url: str
    politics: list[str]
    economy: list[str]


@pytest.fixture
def newsroom() -> Newsroom:
    edition = factories.edition("en", time_zone="Asia/Baku")
    politics = factories.section(edition, "Politics", position=0)
    economy = factories.section(edition, "Economy", position=1)
    wire = factories.source("Caspian Wire")
    letter = factories.article(
        sec=politics,
        headline=LETTER,
        slug="president-answers-the-open-letter",
        lead="The reply was published in full on Wednesday morning.",
        body=(
            "<p>The presidential administration published the reply on Wednesday.</p>"
            "<blockquote><p>“We have read your letter with attention, and we will answer "
            "every question it raises.”</p></blockquote>"
            "<p>The union said it would respond in a week. "
            '<a href="https://example.org/letter">Read the original letter</a>.</p>'
        ),
        source=wire,
        authors=[factories.author("Leyla Aliyeva"), factories.author("Murad Hasanov")],
        # 05:30 UTC is 09:30 in Baku: the dateline must show the outlet's wall clock.
        at=datetime(2014, 3, 5, 5, 30, tzinfo=UTC),
    )
    now = timezone.now()
    second_politics = factories.article(
        sec=politics,
        headline="Parliament adopts the budget in its second reading",
        at=now - timedelta(minutes=5),
    )
    economy_stories = [
        factories.article(
            sec=economy,
            headline="Central bank keeps its refinancing rate unchanged",
            at=now - timedelta(minutes=10),
        ),
        factories.article(
            sec=economy,
            headline="Caspian ports report a record quarter for container traffic",
            at=now - timedelta(minutes=20),
        ),
    ]
    draft = factories.article(sec=politics, headline=DRAFT, published=False)
    return Newsroom(
        letter_url=letter.get_absolute_url(),
        letter_print_url=letter.get_print_url(),
        draft_url=draft.get_absolute_url(),
        politics=[letter.headline, second_politics.headline],
        economy=[story.headline for story in economy_stories],
    )


class Reader:
    """One browser tab, checking every page it lands on the same way."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.watch = PageWatch(page)
        self.visited: list[str] = []

    def arrived(self, response: Response | None) -> None:
        assert response is not None
        assert response.status == 200, response.url
        policy = response.headers.get("content-security-policy", "")
        assert "frame-ancestors 'none'" in policy, response.url
        assert "object-src 'none'" in policy, response.url
        self.page.wait_for_load_state("networkidle")
        self.visited.append(self.page.url)
        assert DRAFT not in self.page.content(), f"draft leaked on {self.page.url}"
        assert self.watch.csp_violations == [], f"CSP violations on {self.page.url}"
        # /favicon.ico has its own test below, so that one missing icon does not hide the rest.
        errors = [e for e in self.watch.console_errors if "/favicon.ico" not in e]
        assert errors == [], f"console errors on {self.page.url}"
        assert self.watch.page_errors == []
        failed = [r for r in self.watch.failed_requests if "/favicon.ico" not in r]
        assert failed == [], f"failed requests on {self.page.url}"

    def open(self, url: str) -> None:
        self.arrived(self.page.goto(url))

    def follow(self, link) -> None:
        with self.page.expect_navigation() as navigation:
            link.click()
        self.arrived(navigation.value)

    def computed(self, selector: str, prop: str) -> str:
        return self.page.eval_on_selector(
            selector, "(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop
        )


def test_a_reader_goes_from_the_front_page_to_the_print_version(live_server, newsroom):
    site_name = settings.DATELINE_SITE_NAME
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        reader = Reader(context.new_page())
        page = reader.page

        # The front page: masthead, section navigation, the lenta.
        reader.open(live_server.url + "/")
        expect(page).to_have_title(re.compile(re.escape(site_name)))
        expect(page.locator(".masthead__brand")).to_have_text(site_name)
        lenta = page.locator("section.lenta")
        expect(lenta.get_by_role("heading", name="Latest news")).to_be_visible()
        for headline in newsroom.politics + newsroom.economy:
            expect(lenta.get_by_role("link", name=headline)).to_be_visible()
        expect(lenta.locator(".lenta__day").last).to_have_text("05 March 2014")
        # The stylesheet arrived and applies: the masthead's rule is drawn.
        assert reader.computed(".masthead", "border-bottom-width") == "3px"
        screenshot(page, "home")

        # A section front lists that section's stories, and only those.
        sections = page.get_by_role("navigation", name="Sections")
        reader.follow(sections.get_by_role("link", name="Politics"))
        assert page.url == live_server.url + "/en/politics/"
        expect(page.get_by_role("heading", level=1)).to_have_text("Politics")
        expect(sections.get_by_role("link", name="Politics")).to_have_attribute(
            "aria-current", "page"
        )
        listing = page.locator(".listing")
        for headline in newsroom.politics:
            expect(listing.get_by_role("link", name=headline)).to_be_visible()
        for headline in newsroom.economy:
            expect(listing).not_to_contain_text(headline)
        expect(listing.locator(".story-item")).to_have_count(len(newsroom.politics))

        # The story: headline, dateline with the agency credit, byline, quoted letter.
        reader.follow(listing.get_by_role("link", name=LETTER))
        assert page.url == live_server.url + newsroom.letter_url
        article = page.locator("article.article")
        expect(article.get_by_role("heading", level=1)).to_have_text(LETTER)
        expect(article.locator(".article__masthead")).to_have_text(f"{site_name} / Politics")
        dateline = article.locator(".dateline")
        expect(dateline).to_have_text("05 March 2014 [09:30] - Caspian Wire")
        assert DATELINE_PATTERN.match(dateline.locator("time").inner_text())
        expect(dateline.locator("time")).to_have_attribute("datetime", "2014-03-05T09:30:00+04:00")
        expect(article.locator(".byline")).to_have_text("By Leyla Aliyeva and Murad Hasanov")
        quote = article.locator(".article__body blockquote")
        expect(quote).to_be_visible()
        expect(quote).to_contain_text("“We have read your letter with attention")
        expect(article.get_by_role("link", name="Read the original letter")).to_have_attribute(
            "rel", "noopener noreferrer"
        )
        assert reader.computed(".article__body blockquote", "font-style") == "italic"
        screenshot(page, "article")

        # The print version: the same story without the site around it.
        reader.follow(page.get_by_role("link", name="Print version"))
        assert page.url == live_server.url + newsroom.letter_print_url
        expect(page.get_by_role("heading", level=1)).to_have_text(LETTER)
        expect(page.locator(".dateline")).to_have_text("05 March 2014 [09:30] - Caspian Wire")
        expect(page.locator(".byline")).to_have_text("By Leyla Aliyeva and Murad Hasanov")
        expect(page.locator("blockquote")).to_contain_text("we will answer every question")
        expect(page.locator("nav")).to_have_count(0)
        expect(page.locator(".masthead, .site-footer, .print-link")).to_have_count(0)
        expect(page.locator(".print-footer")).to_contain_text("Printed on")
        expect(page.locator(".print-footer")).to_contain_text(newsroom.letter_url)
        # print.css is the page's only stylesheet, and it applies.
        assert reader.computed("body", "background-color") == "rgb(238, 238, 238)"
        screenshot(page, "article-print")

        # Typing the draft's address shows the 404 page, never the draft.
        draft = context.request.get(live_server.url + newsroom.draft_url)
        assert draft.status == 404
        assert DRAFT not in draft.text()

        assert len(reader.visited) == 4
        page.wait_for_timeout(200)  # a late report would still arrive through the binding
        assert reader.watch.csp_violations == []
        context.close()


def test_the_article_and_front_page_fit_a_phone_screen(live_server, newsroom):
    with chromium() as browser:
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
        )
        reader = Reader(context.new_page())
        page = reader.page
        for url, name in ((newsroom.letter_url, "article-phone"), ("/", "home-phone")):
            reader.open(live_server.url + url)
            # No sideways scrolling: nothing is wider than the screen.
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
            screenshot(page, name)
        context.close()


def test_the_csp_watch_does_see_a_violation(live_server, newsroom):
    # Proves the "0 violations" assertions above can fail: an inline script is blocked.
    with chromium() as browser:
        reader = Reader(browser.new_page())
        reader.open(live_server.url + newsroom.letter_url)
        reader.page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.ran = true'; document.body.append(s); }"
        )
        for _ in range(50):  # the report travels back through a binding: up to a second
            if reader.watch.csp_violations:
                break
            reader.page.wait_for_timeout(20)
        assert reader.page.evaluate("window.ran === undefined")
        assert [v.directive for v in reader.watch.csp_violations] == ["script-src-elem"]


def test_every_reader_page_declares_its_icon(live_server, newsroom):
    # Without <link rel="icon"> the browser fetches /favicon.ico, which answers 404: a
    # console error on the print version and the error pages, and a wasted request.
    with chromium() as browser:
        page = browser.new_page()
        without_icon = []
        for url in ("/", newsroom.letter_url, newsroom.letter_print_url, "/en/no-such-page/"):
            page.goto(live_server.url + url)
            if page.locator('link[rel="icon"]').count() == 0:
                without_icon.append(url)
        assert without_icon == []
