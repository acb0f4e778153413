"""Newsroom sessions end after 8 idle hours (or the policy's idle time) and at the latest 7 days
after signing in; activity renews a session at most once a minute, not on every request."""

from datetime import UTC, datetime

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.accounts import policy
from dateline.accounts.models import EventKind, SignInEvent
from tests import factories

pytestmark = pytest.mark.django_db

START = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)
INDEX = "/newsroom/"


@pytest.fixture(autouse=True)
def fresh_policy():
    cache.delete(policy.CACHE_KEY)
    yield
    cache.delete(policy.CACHE_KEY)


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, START)


@pytest.fixture
def editor(clock) -> Client:
    client = Client()
    client.force_login(factories.editor())
    return client


def session_writes(client: Client, url: str = INDEX) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum(
        1
        for query in queries.captured_queries
        if "django_session" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    )


def test_a_session_is_signed_out_after_eight_idle_hours(editor, clock):
    clock.advance(hours=7, minutes=59)
    assert editor.get(INDEX).status_code == 200

    clock.advance(hours=8)
    response = editor.get(INDEX)

    assert response.status_code == 302
    assert response["Location"].startswith("/newsroom/login/")
    page = editor.get(response["Location"])
    assert "You were signed out after 8 hours without activity." in page.text
    event = SignInEvent.objects.get(kind=EventKind.EXPIRED)
    assert event.username == "editor" and event.detail == {"reason": "idle"}


def test_activity_keeps_a_session_alive_for_days_but_not_past_seven(editor, clock):
    for _ in range(23):  # a request every 7 hours: 161 hours, almost seven days
        clock.advance(hours=7)
        assert editor.get(INDEX).status_code == 200, clock.now

    clock.advance(hours=7)  # 168 hours after signing in, idle only 7
    response = editor.get(INDEX)

    assert response.status_code == 302
    assert "Sessions last at most 7 days" in editor.get(response["Location"]).text
    assert SignInEvent.objects.get(kind=EventKind.EXPIRED).detail == {"reason": "lifetime"}


def test_requests_within_a_minute_do_not_write_the_session(editor, clock):
    editor.get(INDEX)  # the first request after signing in may settle the session

    clock.advance(seconds=30)
    assert session_writes(editor) == 0
    clock.advance(seconds=25)
    assert session_writes(editor) == 0

    clock.advance(seconds=10)  # more than a minute since the last renewal
    assert session_writes(editor) == 1
    clock.advance(seconds=5)
    assert session_writes(editor) == 0


def test_the_session_cookie_and_row_end_with_the_sessions_lifetime(editor, clock):
    clock.advance(hours=7)
    response = editor.get(INDEX)

    # Seven days from signing in, and a day's grace to say why at the next visit.
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == (8 * 24 - 7) * 60 * 60
    assert editor.session.get_expiry_date() == START.replace(day=13)


def test_the_idle_time_an_administrator_sets_applies(editor, clock):
    row = policy.stored()
    row.idle_minutes = 30
    policy.save(row, by=None)

    clock.advance(minutes=29)
    assert editor.get(INDEX).status_code == 200
    clock.advance(minutes=31)
    response = editor.get(INDEX)

    assert response.status_code == 302
    assert "signed out after 30 minutes without activity" in editor.get(response["Location"]).text


def test_the_server_default_comes_from_the_environment_setting(settings, clock):
    settings.DATELINE_SESSION_IDLE_MINUTES = 60
    client = Client()
    client.force_login(factories.editor())

    clock.advance(minutes=61)

    assert client.get(INDEX).status_code == 302


def test_an_expired_session_is_signed_out_on_the_readers_site_too(editor, clock):
    factories.article(headline="Budget passes")
    clock.advance(hours=9)

    assert editor.get("/").status_code == 200
    assert "_auth_user_id" not in editor.session
    assert SignInEvent.objects.filter(kind=EventKind.EXPIRED).exists()


def test_a_reader_without_a_session_gets_no_cookie_and_no_vary_cookie(clock):
    factories.article(headline="Budget passes")

    response = Client().get("/")

    assert response.status_code == 200
    assert django_settings.SESSION_COOKIE_NAME not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_signing_out_is_in_the_log(editor):
    editor.post("/newsroom/logout/")

    assert SignInEvent.objects.filter(kind=EventKind.SIGNED_OUT, username="editor").exists()
