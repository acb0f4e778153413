"""An editor arranges the top stories in a real browser: with the keyboard (the arrow buttons)
and by dragging a row, then saves; readers' home page follows. The page's script and styles
come from static files, so the strict Content-Security-Policy holds and nothing is reported.

Screenshots land in tests/artifacts/ (ignored by git) for a human to look at.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

HEADLINES = ["Budget passes", "Cup final tonight", "Minister resigns"]


@pytest.fixture
def desk(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    en = factories.edition("en")
    politics = factories.section(en, name="Politics")
    now = timezone.now()
    for n, headline in enumerate(HEADLINES):
        factories.article(
            sec=politics,
            headline=headline,
            at=now - timedelta(hours=n + 1),
            is_top_story=True,
            top_position=n + 1,
        )
    client = Client()
    client.force_login(factories.desk_editor("english-editor", desks=[(en, None)]))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def rows(page: Page) -> list[str]:
    return page.locator("tr.curation-row .curation-headline").all_inner_texts()


def top_stories(page: Page, base: str) -> list[str]:
    page.goto(base + "/en/")
    return page.locator(
        ".top-stories .lead-story__headline a, .top-stories .story-item__headline a"
    ).all_inner_texts()


def test_an_editor_reorders_with_the_keyboard_and_by_dragging(live_server, desk):
    base = live_server.url
    with chromium() as browser:
        context = browser.new_context()
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": desk, "url": base}])
        page = context.new_page()
        watch = PageWatch(page)
        page.goto(base + "/newsroom/front-page/en/")
        assert rows(page) == HEADLINES
        expect(page.locator(".curation-handle").first).to_be_visible()  # the script ran

        # Keyboard: focus "move down" on the first story and press Enter twice.
        move_down = page.get_by_role("button", name="Move “Budget passes” down")
        move_down.focus()
        page.keyboard.press("Enter")
        assert rows(page) == ["Cup final tonight", "Budget passes", "Minister resigns"]
        expect(page.locator(".curation-status")).to_contain_text(
            "“Budget passes” is now at place 2"
        )
        page.keyboard.press("Enter")  # focus stayed on the button
        assert rows(page) == ["Cup final tonight", "Minister resigns", "Budget passes"]
        positions = page.locator(".curation-position")
        assert [positions.nth(i).input_value() for i in range(3)] == ["1", "2", "3"]
        screenshot(page, "front-page-curation-unsaved")
        page.get_by_role("button", name="Save order").last.click()
        expect(page.locator(".messagelist")).to_contain_text("Saved.")
        assert rows(page) == ["Cup final tonight", "Minister resigns", "Budget passes"]

        # Drag: the last row onto the top half of the first.
        last = page.locator("tr.curation-row").nth(2)
        first = page.locator("tr.curation-row").nth(0)
        last.drag_to(first, target_position={"x": 40, "y": 2})
        assert rows(page) == ["Budget passes", "Cup final tonight", "Minister resigns"]
        page.get_by_role("button", name="Save order").last.click()
        expect(page.locator(".messagelist")).to_contain_text("Saved.")
        screenshot(page, "front-page-curation")

        assert top_stories(page, base) == ["Budget passes", "Cup final tonight", "Minister resigns"]
        assert watch.csp_violations == []
        assert watch.console_errors == []
        assert watch.page_errors == []
