"""A chief editor opens the newsroom in a real browser: the dashboard lays its blocks out without
breaking the Content-Security-Policy, flags the overdue story, and "See all" leads to the same
stories in the article list. Screenshots land in tests/artifacts/ for a human to look at."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from dateline.analytics.models import ArticleViews
from dateline.editorial.models import AuditAction, AuditEntry
from dateline.news import publishing
from dateline.news.models import Article, ReaderReport, Status
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def session(monkeypatch) -> str:
    """A morning in the newsroom, set up before the browser opens (the ORM refuses to run
    while Playwright's loop is live); returns the chief editor's session cookie.

    The worker is stopped, and the live server's own check for due stories is held too, so
    the late story stays overdue while the test looks at it.
    """
    monkeypatch.setattr(publishing, "publish_due", lambda now=None: [])
    now = timezone.now()
    en = factories.edition("en", time_zone="Asia/Baku")
    politics, sport = factories.section(en, "Politics"), factories.section(en, "Sport")
    chief = factories.chief_editor()
    for n in range(12):
        story = factories.draft(sec=politics, headline=f"Budget hearing, day {n + 1}")
        Article.objects.filter(pk=story.pk).update(status=Status.IN_REVIEW)
        AuditEntry.objects.create(
            action=AuditAction.SUBMITTED, article=story, at=now - timedelta(hours=n)
        )
    mine = factories.draft(sec=sport, headline="The derby, minute by minute")
    Article.objects.filter(pk=mine.pk).update(created_by=chief)
    live = factories.article(sec=politics, headline="Parliament passes the budget")
    ArticleViews.objects.create(
        article=live, hour=now.replace(minute=0, second=0, microsecond=0), views=840
    )
    ReaderReport.objects.create(article=live, quoted_text="The vote was 80 to 20", ip_hash="x")
    browser = Client()
    browser.force_login(chief)
    for headline, at in [("Going out tonight", now + timedelta(hours=9)),
                         ("Late: the worker is down", now - timedelta(minutes=12))]:  # fmt: skip
        story = factories.draft(sec=sport, headline=headline)
        Article.objects.filter(pk=story.pk).update(status=Status.SCHEDULED, published_at=at)
    cache.clear()  # publishing may have cached Most read before the readers above arrived
    return browser.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_dashboard_in_a_browser(live_server, session):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        page = context.new_page()
        watch = PageWatch(page)

        page.goto(f"{live_server.url}/newsroom/")

        review = page.locator("#block-review")
        expect(review.locator(".dashboard-item")).to_have_count(10)
        expect(review.locator(".dashboard-count")).to_have_text("12")
        expect(review.locator(".dashboard-item__title").first).to_have_text(
            "Budget hearing, day 12"
        )
        scheduled = page.locator("#block-scheduled")
        expect(scheduled.locator(".dashboard-flag")).to_have_text(
            re.compile(r"overdue by 1\d\xa0minutes")  # 12, and more on a slow machine
        )
        expect(scheduled).to_contain_text("(Asia/Baku, +04)")
        expect(page.locator("#block-drafts")).to_contain_text("The derby, minute by minute")
        expect(page.locator("#block-most-read")).to_contain_text("840 views")
        expect(page.locator("#block-reports")).to_contain_text("The vote was 80 to 20")
        # The blocks sit side by side on a wide screen: the stylesheet loaded under the CSP.
        first, second = (page.locator(".dashboard-block").nth(n).bounding_box() for n in (0, 1))
        assert first and second and second["x"] > first["x"] and second["y"] == first["y"]
        screenshot(page, "dashboard")

        review.get_by_role("link", name="See all (12)").click()
        expect(page.locator("#result_list tbody tr")).to_have_count(12)

        assert watch.csp_violations == []
        assert watch.console_errors == []
        assert watch.failed_requests == []
