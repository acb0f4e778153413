"""A reader opens a story in Chromium: one beacon per page load, one view per reader."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium

READER_CHROMIUM = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def open_and_wait_for_beacon(page: Page, action) -> None:
    with page.expect_response(lambda r: "/beacon/view/" in r.url) as beacon:
        action()
    assert beacon.value.status == 204
    assert beacon.value.request.method == "POST"


def test_opening_a_story_sends_one_beacon_and_a_reload_does_not_count_again(live_server, settings):
    settings.REDIS_URL = ""  # without Redis the database counts at once
    story = factories.article(headline="Water talks resume in the capital")
    url = live_server.url + story.get_absolute_url()
    with chromium() as browser:
        # Headless Chromium names itself "HeadlessChrome", which crawler lists rightly
        # exclude; a reader's Chromium does not.
        page = browser.new_page(user_agent=READER_CHROMIUM)
        watch = PageWatch(page)
        beacons: list[str] = []
        page.on("request", lambda r: beacons.append(r.method) if "/beacon/view/" in r.url else None)

        open_and_wait_for_beacon(page, lambda: page.goto(url))
        expect(page.locator(".article__views")).to_have_text("Views: 0")  # rendered before it
        assert beacons == ["POST"]

        open_and_wait_for_beacon(page, page.reload)
        expect(page.locator(".article__views")).to_have_text("Views: 1")

        open_and_wait_for_beacon(page, page.reload)
        expect(page.locator(".article__views")).to_have_text("Views: 1")
        assert beacons == ["POST", "POST", "POST"]  # one per page load, counted once

        assert watch.csp_violations == []
        assert watch.page_errors == []
        assert watch.failed_requests == []
