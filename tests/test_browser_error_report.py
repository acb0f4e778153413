"""A reader reports an error in a real browser: select text, Ctrl+Enter, add a comment, send
— or, on a keyboard alone, Tab to "Report an error" and press Enter — and the newsroom has
the report. Nothing the Content-Security-Policy blocks on the way.

The data is created before the browser opens and checked after it closes: Playwright's
event loop makes Django refuse ORM calls while a browser is open (see tests/browser.py).
"""

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from dateline.news.models import ReaderReport, ReportStatus
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

WRONG = "The budget for next year is 12 billion manat."
COMMENT = "The finance ministry says 21 billion."


@dataclass
class Story:
    pk: int
    url: str


@pytest.fixture
def story() -> Story:
    article = factories.article(
        headline="Parliament adopts the budget",
        slug="parliament-adopts-the-budget",
        body=(
            "<p>Parliament adopted the budget on Wednesday.</p>"
            f"<p>{WRONG}</p>"
            "<p>The opposition voted against it.</p>"
        ),
    )
    return Story(pk=article.pk, url=article.get_absolute_url())


def assert_clean(watch: PageWatch) -> None:
    assert watch.csp_violations == []
    assert watch.page_errors == []
    assert [r for r in watch.failed_requests if "/report/" in r] == []


def open_story(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")


def test_a_reader_selects_text_presses_ctrl_enter_and_reports_it(live_server, story):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = PageWatch(page)
        open_story(page, live_server.url + story.url)
        dialog = page.locator("dialog.report-dialog")
        expect(dialog).to_be_hidden()

        # A triple click selects the paragraph, as a reader marking a whole sentence would.
        page.locator(".article__body p", has_text="12 billion").click(click_count=3)
        page.keyboard.press("Control+Enter")

        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("heading", name="Report an error")).to_be_visible()
        expect(dialog.get_by_label("Text with the error")).to_have_value(WRONG)
        comment = dialog.get_by_label("What is wrong (optional)")
        expect(comment).to_be_focused()
        comment.fill(COMMENT)
        screenshot(page, "report-error-dialog", full_page=False)
        dialog.get_by_role("button", name="Send report").click()

        expect(dialog.get_by_role("status")).to_have_text(
            "Thank you. The editors will check the text you reported."
        )
        expect(dialog.get_by_label("Text with the error")).to_be_hidden()
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_be_hidden()
        assert_clean(watch)

    report = ReaderReport.objects.get()
    assert report.article_id == story.pk
    assert report.quoted_text == WRONG
    assert report.comment == COMMENT
    assert report.status == ReportStatus.NEW
    assert len(report.ip_hash) == 32


def test_a_keyboard_user_tabs_to_report_an_error_and_presses_enter(live_server, story):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watch = PageWatch(page)
        open_story(page, live_server.url + story.url)
        link = page.get_by_role("link", name="Report an error")

        for _ in range(80):
            page.keyboard.press("Tab")
            if link.evaluate("element => element === document.activeElement"):
                break
        expect(link).to_be_focused()
        page.keyboard.press("Enter")

        dialog = page.locator("dialog.report-dialog")
        expect(dialog).to_be_visible()
        quote = dialog.get_by_label("Text with the error")
        expect(quote).to_be_focused()
        expect(quote).to_have_value("")
        page.keyboard.type("12 billion manat")
        page.keyboard.press("Tab")
        page.keyboard.type("Should be 21 billion.")
        page.keyboard.press("Tab")
        page.keyboard.type("not-an-address")
        page.keyboard.press("Control+Enter")  # sends the dialog, as in a mail program

        # The server's verdict appears next to the field; the input is kept.
        email = dialog.get_by_label("Your e-mail (optional, if you want an answer)")
        expect(email).to_have_attribute("aria-invalid", "true")
        expect(dialog.locator("#report-email-error")).to_have_text("Enter a valid email address.")
        expect(quote).to_have_value("12 billion manat")
        email.fill("")  # leaves the focus on the e-mail field; the honeypot is not a Tab stop
        page.keyboard.press("Tab")
        expect(dialog.get_by_role("button", name="Send report")).to_be_focused()
        page.keyboard.press("Enter")

        expect(dialog.get_by_role("status")).to_contain_text("Thank you")
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        assert [r for r in watch.failed_requests if "/report/" in r] == [
            f"{live_server.url}{story.url}report/: 400"
        ]
        assert watch.csp_violations == []
        assert watch.page_errors == []

    report = ReaderReport.objects.get()
    assert report.quoted_text == "12 billion manat"
    assert report.comment == "Should be 21 billion."
    assert report.reporter_email == ""


def test_without_javascript_the_link_opens_the_report_page(live_server, story):
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        watch = PageWatch(page)
        open_story(page, live_server.url + story.url)

        with page.expect_navigation():
            page.get_by_role("link", name="Report an error").click()
        assert page.url == f"{live_server.url}{story.url}report/"
        page.get_by_label("Text with the error").fill("12 billion")
        page.get_by_label("What is wrong (optional)").fill("21 billion")
        with page.expect_navigation():
            page.get_by_role("button", name="Send report").click()

        assert page.url == f"{live_server.url}{story.url}report/thanks/"
        expect(page.get_by_role("status")).to_contain_text("Thank you")
        assert watch.csp_violations == []

    assert ReaderReport.objects.get().quoted_text == "12 billion"
