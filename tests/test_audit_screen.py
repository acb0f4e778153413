"""Chief editors read the audit log of publishing actions — who, what, which story, when in the
newsroom's time zone, from where — and nobody can add, change or delete an entry. The sign-in
log sits beside it for administrators."""

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.accounts import tasks
from dateline.accounts.models import EventKind, SignInEvent
from dateline.editorial.models import AuditAction, AuditEntry
from dateline.news import middleware
from dateline.news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

LOG = "/newsroom/editorial/auditentry/"
SIGN_INS = "/newsroom/accounts/signinevent/"
NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


def clean_log() -> None:
    """Publishing a story through the factories logs it too; tests count only their own."""
    AuditEntry.objects.all().delete()


@pytest.fixture
def story(clock):
    factories.edition("en", time_zone="Asia/Baku")
    published = factories.article(headline="Parliament passes the budget")
    clean_log()
    return published


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def entry(story: Article | None, action=AuditAction.PUBLISHED, *, who="aysel", **fields):
    return AuditEntry.objects.create(
        action=action,
        article=story,
        article_headline=story.headline if story else fields.pop("article_headline", ""),
        username=who,
        ip=fields.pop("ip", "192.0.2.10"),
        **fields,
    )


def test_a_chief_editor_sees_who_did_what_to_which_story_when_and_from_where(story):
    entry(story, at=NOW, ip="192.0.2.10", detail={"from": "review"})
    chief = signed_in(factories.chief_editor())

    page = chief.get(LOG).text

    assert "aysel" in page
    assert "Published" in page
    assert (
        f'<a href="/newsroom/news/article/{story.pk}/change/">Parliament passes the budget</a>'
        in page
    )
    assert "5 Mar 2014, 10:00:00 +04" in page  # 06:00 UTC in Baku, the newsroom's zone
    assert "192.0.2.10" in page
    assert "from: review" in page


def test_an_entry_outlives_its_story_and_the_scheduler_is_named(story):
    entry(story, who="")
    story.delete()
    chief = signed_in(factories.chief_editor())

    page = chief.get(LOG).text

    assert "Parliament passes the budget" in page
    assert "/newsroom/news/article/" not in page.split("<tbody>", 1)[1]
    assert "the scheduler" in page


@pytest.mark.parametrize("persona", [factories.editor, factories.reporter])
def test_editors_and_reporters_cannot_open_the_log(story, persona):
    entry(story)
    client = signed_in(persona())

    assert client.get(LOG).status_code == 403
    assert client.get(f"{LOG}{AuditEntry.objects.get().pk}/change/").status_code == 403
    assert LOG not in client.get("/newsroom/").text


def test_the_log_is_on_the_chief_editors_newsroom_index(story):
    assert LOG in signed_in(factories.chief_editor()).get("/newsroom/").text


def test_nobody_adds_changes_or_deletes_an_entry_not_even_a_superuser(story):
    kept = entry(story)
    admin = signed_in(factories.administrator())

    assert admin.get(f"{LOG}add/").status_code == 403
    assert (
        admin.post(f"{LOG}add/", {"action": "published", "username": "forged"}).status_code == 403
    )
    assert admin.post(f"{LOG}{kept.pk}/change/", {"username": "forged"}).status_code == 403
    assert admin.post(f"{LOG}{kept.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = admin.post(
        LOG, {"action": "delete_selected", "_selected_action": [kept.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302)
    page = admin.get(LOG).text
    assert "delete_selected" not in page
    kept.refresh_from_db()
    assert kept.username == "aysel"
    assert AuditEntry.objects.count() == 1
    # The entry's own page is for reading.
    detail = admin.get(f"{LOG}{kept.pk}/change/")
    assert detail.status_code == 200
    assert 'name="username"' not in detail.text


def test_filters_by_action_user_and_date_and_search_by_headline_or_username(story, clock):
    chief_user = factories.chief_editor()
    other = factories.article(headline="Floods in the north")
    clean_log()
    entry(story, AuditAction.PUBLISHED, who="chief", user=chief_user, at=NOW)
    entry(other, AuditAction.UNPUBLISHED, who="rashad", at=NOW - timedelta(days=40))
    chief = signed_in(chief_user)

    def rows(**query) -> str:
        return chief.get(LOG, query).text.split("<tbody>", 1)[1]

    by_action = rows(action__exact="unpublished")
    assert "Floods in the north" in by_action and "Parliament passes" not in by_action
    by_user = rows(user__id__exact=chief_user.pk)
    assert "Parliament passes" in by_user and "Floods" not in by_user
    page = chief.get(LOG).text
    link = re.search(r'<a href="\?([^"]*at__gte[^"]*)">Today</a>', page).group(1)
    today = rows(**dict(parse_qsl(html.unescape(link))))
    assert "Parliament passes" in today and "Floods" not in today
    assert "Floods" in rows(q="floods") and "Parliament" not in rows(q="floods")
    assert "Floods" in rows(q="rashad") and "Parliament" not in rows(q="rashad")


def test_the_list_costs_the_same_queries_with_ten_and_with_three_hundred_entries(
    story, monkeypatch
):
    # The scheduler looks for due stories every few seconds per process; on a slow machine
    # that check would land in one measurement and not the other.
    monkeypatch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)
    chief = signed_in(factories.chief_editor())
    writers = [factories.editor(f"writer{n}") for n in range(3)]
    stories = [story, *(factories.article() for _ in range(4))]
    clean_log()

    def fill(count: int) -> None:
        AuditEntry.objects.bulk_create(
            AuditEntry(
                action=AuditAction.UPDATED,
                article=stories[n % len(stories)],
                article_headline=stories[n % len(stories)].headline,
                user=writers[n % 3],
                username=writers[n % 3].username,
                ip="192.0.2.1",
                at=NOW - timedelta(minutes=n),
            )
            for n in range(count)
        )

    def measure() -> int:
        chief.get(LOG)  # warm: the session and permission caches settle
        with CaptureQueriesContext(connection) as queries:
            response = chief.get(LOG)
        assert response.status_code == 200
        return len(queries)

    fill(10)
    small = measure()
    fill(290)
    large = measure()

    assert small == large
    assert large <= 12


def test_an_administrator_reads_the_sign_in_log(db):
    SignInEvent.objects.create(
        kind=EventKind.LOCKED_OUT,
        username="aysel",
        ip="203.0.113.5",
        user_agent="Mozilla/5.0 (X11; Linux x86_64)",
        detail={"failures": 5},
    )
    admin = signed_in(factories.newsroom_administrator())

    page = admin.get(SIGN_INS).text

    assert "aysel" in page
    assert "Locked out after repeated failures" in page
    assert "203.0.113.5" in page
    assert "failures: 5" in page
    assert "aysel" in admin.get(SIGN_INS, {"q": "aysel"}).text
    assert "aysel" in admin.get(SIGN_INS, {"q": "203.0.113.5"}).text


@pytest.mark.parametrize("persona", [factories.chief_editor, factories.editor])
def test_the_sign_in_log_is_not_for_editors(db, persona):
    assert signed_in(persona()).get(SIGN_INS).status_code == 403


def test_nobody_edits_the_sign_in_log(db):
    event = SignInEvent.objects.create(kind=EventKind.FAILED, username="aysel")
    admin = signed_in(factories.administrator())

    assert admin.post(f"{SIGN_INS}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin.post(f"{SIGN_INS}{event.pk}/change/", {"username": "x"}).status_code == 403
    assert SignInEvent.objects.filter(username="aysel").exists()


def test_sign_in_events_are_kept_for_a_year(clock):
    old = SignInEvent.objects.create(
        kind=EventKind.FAILED, username="old", at=NOW - timedelta(days=366)
    )
    recent = SignInEvent.objects.create(
        kind=EventKind.FAILED, username="recent", at=NOW - timedelta(days=364)
    )

    assert tasks.tidy_sign_in_records.call() == 1

    assert not SignInEvent.objects.filter(pk=old.pk).exists()
    assert SignInEvent.objects.filter(pk=recent.pk).exists()
