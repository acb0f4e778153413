# Azerbaijani letters are part of what the reader types.
# ruff: noqa: RUF001
"""A reader searches in a real browser: from the masthead box on any page, through
highlighted results, filters and the next page, to the story — with nothing the
Content-Security-Policy blocks and no draft on the way.

Screenshots land in tests/artifacts/ (ignored by git) for a human to look at.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dateline.news.models import Genre
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),  # publishing commits: the index follows it
]

DRAFT = "Harbour expansion secret, marker 51c2e"


@pytest.fixture
def stories(settings):
    settings.DATELINE_SEARCH_PAGE_SIZE = 3
    english = factories.section(factories.edition("en"), "Economy")
    azerbaijani = factories.section(factories.edition("az"), "İqtisadiyyat", slug="iqtisadiyyat")
    now = timezone.now()
    for n in range(4):
        factories.article(
            sec=english,
            headline=f"Harbour traffic report, week {n + 1}",
            lead="Container ships queue at the new terminal.",
            at=now - timedelta(days=n + 1),
        )
    opinion = factories.article(
        sec=english,
        headline="Why the harbour needs a second terminal",
        lead="A view from the pier.",
        genre=Genre.OPINION,
        at=now - timedelta(hours=1),
    )
    factories.article(sec=english, headline=DRAFT, published=False)
    factories.article(sec=azerbaijani, headline="Şəhər limanında yeni terminal açıldı")
    return {"opinion": opinion.headline, "opinion_url": opinion.get_absolute_url()}


def test_a_reader_searches_filters_pages_and_opens_a_story(live_server, stories):
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        watch = PageWatch(page)

        page.goto(live_server.url + "/en/")
        masthead = page.get_by_role("search").first
        masthead.get_by_role("searchbox", name="Search the news").fill("harbour terminal")
        with page.expect_navigation():
            masthead.get_by_role("button", name="Search").click()

        assert page.url.startswith(live_server.url + "/en/search/?q=harbour+terminal")
        results = page.locator(".search-results")
        expect(results.get_by_role("heading", level=2)).to_have_text(
            "5 results for “harbour terminal”"
        )
        # The freshest, closest match first; the words marked in headlines and snippets.
        expect(results.locator(".story-item__headline").first).to_have_text(stories["opinion"])
        expect(results.locator("mark").first).to_be_visible()
        assert results.locator(".story-item__headline mark").count() == 4  # 2 + 1 + 1
        expect(results.locator(".search-result__snippet mark").first).to_have_text("terminal")
        expect(results.locator(".story-item")).to_have_count(3)
        screenshot(page, "search-results")

        # The next page keeps the query and shows the rest.
        with page.expect_navigation():
            results.get_by_role("link", name="More results").click()
        expect(page.locator(".search-results .story-item")).to_have_count(2)
        expect(page.get_by_label("Search", exact=True)).to_have_value("harbour terminal")

        # A filter narrows to the opinion piece; the query stays in the box.
        page.get_by_label("Kind of story").select_option(Genre.OPINION)
        page.get_by_label("Order").select_option("newest")
        with page.expect_navigation():
            page.locator(".search-form").get_by_role("button", name="Search").click()
        expect(page.locator(".search-results .story-item")).to_have_count(1)

        with page.expect_navigation():
            page.locator(".search-results").get_by_role("link", name=stories["opinion"]).click()
        assert page.url == live_server.url + stories["opinion_url"]

        # Typed without Azerbaijani letters, in the Azerbaijani edition.
        page.goto(live_server.url + "/az/search/?q=seher+liman*")
        expect(page.locator(".search-results .story-item")).to_have_count(1)
        expect(page.locator(".search-results mark").first).to_have_text("Şəhər")

        # On a phone the masthead box and the results fit the screen.
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(live_server.url + "/en/search/?q=harbour")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
        screenshot(page, "search-phone")

        assert DRAFT not in page.content()
        assert watch.csp_violations == []
        assert watch.page_errors == []
        assert [e for e in watch.console_errors if "favicon" not in e] == []
