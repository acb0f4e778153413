"""Two editors in real browsers change the same story: the second gets the conflict page and
keeps her version with one more click; she shares the draft with a colleague who has no login,
then revokes the link; the history compares two revisions. No page breaks the
Content-Security-Policy. Screenshots land in tests/artifacts/ for a human to look at."""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, expect

from dateline.editorial.models import DraftShare, Revision
from dateline.news.models import Article
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Newsroom:
    story_pk: int
    sessions: dict[str, str]  # editor → session cookie


@pytest.fixture
def newsroom() -> Newsroom:
    """Set up before the browser opens: the ORM refuses to run while Playwright's loop is live."""
    politics = factories.section(factories.edition("en"), name="Politics")
    story = factories.draft(
        sec=politics,
        headline="Parliament passes the budget",
        lead="The vote was 80 to 20.",
        body="<p>The budget passed on Wednesday.</p>",
        authors=[factories.author("Aysel Mammadova")],
    )
    sessions = {}
    for name in ("leyla", "tural"):
        browser = Client()
        browser.force_login(factories.editor(name))
        sessions[name] = browser.cookies[settings.SESSION_COOKIE_NAME].value
    return Newsroom(story.pk, sessions)


def signed_in(browser: Browser, server: str, session: str) -> BrowserContext:
    context = browser.new_context()
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": server}])
    return context


def test_a_conflict_a_shared_draft_and_the_history_in_real_browsers(live_server, newsroom):
    change = f"{live_server.url}/newsroom/news/article/{newsroom.story_pk}/change/"
    with chromium() as browser:
        leyla = signed_in(browser, live_server.url, newsroom.sessions["leyla"]).new_page()
        tural = signed_in(browser, live_server.url, newsroom.sessions["tural"]).new_page()
        watches = [PageWatch(leyla), PageWatch(tural)]
        leyla.goto(change)
        tural.goto(change)

        leyla.fill("#id_headline", "Budget passes after a long night")
        leyla.click("input[name=_continue]")
        expect(leyla.locator(".messagelist")).to_contain_text("changed successfully")

        tural.fill("#id_lead", "Deputies voted 80 to 20 after twelve hours.")
        tural.click("input[name=_continue]")
        expect(tural.locator(".errornote")).to_contain_text("Your changes were not saved.")
        expect(tural.locator(".diff__text--lead ins").first).to_have_text("Deputies voted")
        screenshot(tural, "revisions-conflict")

        tural.click("text=Save my version over theirs")
        expect(tural.locator(".messagelist")).to_contain_text("changed successfully")
        expect(tural.locator("#id_lead")).to_have_value(
            "Deputies voted 80 to 20 after twelve hours."
        )

        tural.select_option("#id_share_hours", "168")
        tural.click("text=Create a preview link")
        link = tural.locator("code.share-link").first.inner_text()
        screenshot(tural, "revisions-article-panels")

        colleague = browser.new_context().new_page()
        watches.append(PageWatch(colleague))
        colleague.goto(link)
        expect(colleague.locator("h1")).to_have_text("Parliament passes the budget")
        expect(colleague.locator(".preview-banner--shared")).to_be_visible()
        screenshot(colleague, "revisions-shared-draft")

        tural.click("#preview-links button:has-text('Revoke')")
        expect(tural.locator(".messagelist")).to_contain_text("Preview link revoked")
        gone = colleague.goto(link)
        assert gone is not None and gone.status == 410

        tural.goto(f"{live_server.url}/newsroom/news/article/{newsroom.story_pk}/revisions/")
        tural.check("input[name=a][value='1']")
        tural.check("input[name=b][value='3']")
        tural.click("text=Compare the selected revisions")
        expect(tural.locator(".diff__text--headline")).to_contain_text("Parliament")
        screenshot(tural, "revisions-compare")

        for watch in watches:
            assert watch.csp_violations == []
            assert watch.page_errors == []
            assert watch.console_errors == [] or all(
                "409" in error or "410" in error for error in watch.console_errors
            )

    story = Article.objects.get(pk=newsroom.story_pk)
    assert story.lead == "Deputies voted 80 to 20 after twelve hours."
    assert [
        r.created_by.username for r in Revision.objects.filter(article=story).order_by("number")[1:]
    ] == ["leyla", "tural"]
    assert DraftShare.objects.get().revoked_at is not None
