"""A chief editor corrects a published story in a real browser — from the story's screen,
ticking the reader's error report it resolves — and a reader then finds the dated note at
the end of the story and on the edition's corrections page. No page breaks the strict
Content-Security-Policy.

Screenshots land in tests/artifacts/ (ignored by git) for a human to look at.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from dateline.news.models import ReaderReport
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

TEXT = "An earlier version said the budget was 21 billion manat. It is 12 billion."


@pytest.fixture
def newsroom(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    politics = factories.section(factories.edition("en"), name="Politics")
    story = factories.article(
        sec=politics,
        headline="Parliament passes the budget",
        at=timezone.now() - timedelta(hours=3),
    )
    ReaderReport.objects.create(article=story, quoted_text="21 billion manat", ip_hash="x")
    client = Client()
    client.force_login(factories.chief_editor("chief"))
    return {
        "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "change": f"/newsroom/news/article/{story.pk}/change/",
        "story": story.get_absolute_url(),
    }


def test_a_chief_editor_corrects_a_story_and_a_reader_sees_the_note(live_server, newsroom):
    base = live_server.url
    with chromium() as browser:
        editor = browser.new_context()
        editor.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": newsroom["session"], "url": base}]
        )
        page = editor.new_page()
        watch = PageWatch(page)
        page.goto(base + newsroom["change"])
        expect(page.get_by_text("No corrections or updates yet.")).to_be_visible()
        page.get_by_role("link", name="Add a correction, clarification or update…").click()

        page.get_by_label("Correction", exact=True).check()
        page.get_by_label("Note to readers").fill(TEXT)
        page.get_by_label("“21 billion manat”").check()
        screenshot(page, "correction-add")
        page.get_by_role("button", name="Add the note").click()

        expect(page.locator(".messagelist")).to_contain_text("Correction added")
        expect(page.locator(".corrections-log")).to_contain_text("It is 12 billion.")
        expect(page.locator(".corrections-log")).to_contain_text("resolved 1 reader report")

        reader = browser.new_context().new_page()
        reader_watch = PageWatch(reader)
        reader.goto(base + newsroom["story"])
        notes = reader.locator("section.corrections")
        expect(notes).to_contain_text("Correction")
        expect(notes).to_contain_text(TEXT)
        expect(reader.locator(".article__updated")).to_be_visible()
        screenshot(reader, "correction-on-story")
        notes.get_by_role("link", name="All corrections and updates").click()
        expect(reader.locator(".corrections-log")).to_contain_text("Parliament passes the budget")
        screenshot(reader, "corrections-page")

        for seen in (watch, reader_watch):
            assert seen.csp_violations == []
            assert seen.console_errors == []
            assert seen.page_errors == []
