"""The newsroom's day as two people live it, in a real browser.

A reporter writes a story and submits it for review. An editor finds it on the dashboard,
reads it, schedules it a few seconds ahead in the edition's time zone, and it goes live on its
own — with no worker running, on the first reader's request. The editor then adds a
correction, which the reader sees at the end of the story and on the corrections page.

Both people are ordinary accounts with the roles a newsroom hands out (never superusers), and
every page is watched for CSP violations, console and script errors. Screenshots of the
dashboard and the editing page land in tests/artifacts/ for a human to look at.
"""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot
from tests.editor_helpers import paste_into_body

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct horse battery"
HEADLINE = "Caspian ferry line reopens after a two-year pause"
SLUG = "caspian-ferry-line-reopens-after-a-two-year-pause"
LEAD = "The first ferry leaves Alat port for Aktau on Monday."
BODY = (
    "<h2>Tickets</h2><p>Tickets go on sale at the port and online from Friday.</p>"
    "<ul><li>Passengers: 60 manat</li><li>Cars: 150 manat</li></ul>"
)
CORRECTION = "An earlier version gave the car fare as 105 manat. It is 150 manat."
CHANGE_URL = re.compile(r"/newsroom/news/article/(\d+)/change/")
SCHEDULE_AHEAD = timedelta(seconds=12)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # The sign-in form is under test, not the strength of the hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def newsroom() -> dict:
    edition = factories.edition("en")
    politics = factories.section(edition, "Politics", position=0)
    factories.section(edition, "Economy", position=1)
    factories.reporter("samir.reporter", password=PASSWORD)
    factories.desk_editor("aysel.editor", password=PASSWORD, desks=[(edition, None)])
    return {"edition": edition.name, "section": str(politics), "zone": ZoneInfo(edition.time_zone)}


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/newsroom/login/?next=/newsroom/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert page.url == f"{base}/newsroom/"


def assert_quiet(*watches: PageWatch) -> None:
    for watch in watches:
        assert watch.csp_violations == []
        assert watch.console_errors == []
        assert watch.page_errors == []


def test_a_reporter_files_and_an_editor_schedules_publishes_and_corrects(live_server, newsroom):
    base = live_server.url
    with chromium() as browser:
        # The reporter writes and submits.
        reporter = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
        reporter_watch = PageWatch(reporter)
        sign_in(reporter, base, "samir.reporter")
        reporter.goto(f"{base}/newsroom/news/article/add/")
        reporter.get_by_label("Edition").select_option(label=newsroom["edition"])
        reporter.get_by_label("Section").select_option(label=newsroom["section"])
        reporter.get_by_label("Headline").press_sequentially(HEADLINE)
        expect(reporter.get_by_label("Slug")).to_have_value(SLUG)
        reporter.get_by_label("Lead").fill(LEAD)
        paste_into_body(reporter, BODY)
        expect(reporter.get_by_role("button", name="Save and publish")).to_have_count(0)
        with reporter.expect_navigation():
            reporter.get_by_role("button", name="Save and keep editing").click()
        match = CHANGE_URL.search(reporter.url)
        assert match, reporter.url
        pk = int(match.group(1))
        expect(reporter.locator(".workflow-state .status")).to_have_text("Draft")
        with reporter.expect_navigation():
            reporter.get_by_role("button", name="Save and submit for review").click()
        reporter.goto(f"{base}/newsroom/news/article/{pk}/change/")
        expect(reporter.locator(".workflow-state .status")).to_have_text("In review")

        # The editor finds it waiting for review on the dashboard and opens it.
        editor = browser.new_context(viewport={"width": 1280, "height": 1100}).new_page()
        editor_watch = PageWatch(editor)
        sign_in(editor, base, "aysel.editor")
        waiting = editor.locator(
            "section", has=editor.get_by_role("heading", name=re.compile("review", re.IGNORECASE))
        )
        expect(waiting.first).to_contain_text(HEADLINE)
        with editor.expect_navigation():
            waiting.first.get_by_role("link", name=HEADLINE).click()
        assert CHANGE_URL.search(editor.url)
        expect(editor.locator(".schedule-zone")).to_contain_text("Asia/Baku")
        expect(editor.locator(".prose-editor")).to_contain_text("Tickets go on sale")
        screenshot(editor, "newsroom-flow-editing")

        # Scheduled a few seconds ahead, in the edition's zone, as the page says.
        at = timezone.localtime(timezone.now() + SCHEDULE_AHEAD, newsroom["zone"])
        editor.locator("#id_published_at_0").fill(at.strftime("%Y-%m-%d"))
        editor.locator("#id_published_at_1").fill(at.strftime("%H:%M:%S"))
        with editor.expect_navigation():
            editor.get_by_role("button", name="Schedule").click()
        expect(editor.locator("ul.messagelist")).to_contain_text("Scheduled")
        change_url = f"{base}/newsroom/news/article/{pk}/change/"
        editor.goto(change_url)
        expect(editor.locator(".workflow-state .status")).to_have_text(
            f"Scheduled for {at:%d %B %Y %H:%M}"
        )

        # No worker runs in this test: the story goes live on the first request after its time.
        story_url = base + reverse(
            "website:article", kwargs={"edition": "en", "pk": pk, "slug": SLUG}
        )
        early = browser.new_context().new_page()
        assert early.goto(story_url).status == 404  # not yet (a 404 is logged: no watch here)
        reader = browser.new_context().new_page()
        reader_watch = PageWatch(reader)
        reader.wait_for_timeout(int(SCHEDULE_AHEAD.total_seconds() * 1000) + 1500)
        assert reader.goto(story_url).status == 200
        expect(reader.get_by_role("heading", level=1)).to_have_text(HEADLINE)
        assert reader.goto(f"{base}/").status == 200
        expect(reader.get_by_role("link", name=HEADLINE).first).to_be_visible()

        # The editor corrects the live story; the reader sees the note and the log.
        editor.goto(change_url)
        expect(editor.locator(".workflow-state .status")).to_contain_text("Published")
        editor.get_by_role("link", name="Add a correction, clarification or update…").click()
        editor.get_by_label("Correction", exact=True).check()
        editor.get_by_label("Note to readers").fill(CORRECTION)
        with editor.expect_navigation():
            editor.get_by_role("button", name="Add the note").click()
        expect(editor.locator(".messagelist")).to_contain_text("Correction added")

        reader.goto(story_url)
        expect(reader.locator("section.corrections")).to_contain_text(CORRECTION)
        reader.goto(f"{base}/en/corrections/")
        expect(reader.locator("main")).to_contain_text(HEADLINE)

        editor.goto(f"{base}/newsroom/")
        expect(editor.locator("main, #content").first).to_contain_text(HEADLINE)
        screenshot(editor, "newsroom-flow-dashboard")

        editor.wait_for_timeout(200)  # a late CSP report still travels through the binding
        assert_quiet(reporter_watch, editor_watch, reader_watch)
