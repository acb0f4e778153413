"""When the database cannot be read, readers still get pages, forms say "try again shortly",
views are kept and counted later, and the site comes back by itself.

The fault is injected where SQLite reports an unreadable, missing or corrupt file: every
query fails with ``OperationalError`` ("unable to open database file"). The same machinery
against a real PostgreSQL server, stopped and frozen, is in tests/faults/test_database_down.py.
"""

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, OperationalError, ProgrammingError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dateline.analytics import spool
from dateline.analytics.readership import total_views
from dateline.operations import outage
from dateline.pagecache.store import PageCache
from tests import factories
from tests.page_cache_helpers import answered, reader
from tests.recommend_helpers import recommend

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


class UnreadableDatabase:
    """Every query fails as SQLite's do when its file is gone; counts the attempts."""

    def __init__(self) -> None:
        self.attempts = 0

    def __call__(self, execute, sql, params, many, context):
        self.attempts += 1
        cause = sqlite3.OperationalError("unable to open database file")
        raise OperationalError("unable to open database file") from cause


@contextmanager
def database_unreadable() -> Iterator[UnreadableDatabase]:
    fault = UnreadableDatabase()
    with connection.execute_wrapper(fault):
        yield fault


@pytest.fixture(autouse=True)
def data_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the view spool lives here


@pytest.fixture
def quick_retry(monkeypatch):
    """The breaker tries again after 0.2 s instead of 2 s, to keep the tests quick."""
    monkeypatch.setattr(outage, "RETRY_SECONDS", 0.2)


@pytest.fixture
def cached_pages(request) -> PageCache:
    """The page cache on, in memory (tests/page_cache_helpers.py)."""
    return request.getfixturevalue("memory_cache")


@pytest.fixture
def story():
    return factories.article(headline="Ferry service resumes after the storm")


def beacon(story_id: int, ip: str):
    client = Client(HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR=ip)
    return client.post(reverse("analytics:view-beacon", args=[story_id]), headers=SAME_ORIGIN)


def assert_designed_503(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "Dateline Daily" in body and "masthead" in body
    assert "Traceback" not in body and "OperationalError" not in body


# --- Pages -------------------------------------------------------------------------------
def test_a_cached_page_is_still_served_marked_stale_when_the_database_is_unreadable(
    cached_pages, story
):
    url = story.get_absolute_url()
    assert answered(reader().get(url)) == "MISS"
    cached_pages.purge({f"a{story.pk}"})  # so it must be rendered again, and cannot be

    with database_unreadable():
        response = reader().get(url)

    assert response.status_code == 200
    assert answered(response) == "STALE"
    assert "Ferry service resumes" in response.content.decode()


def test_a_fresh_cached_page_is_served_without_asking_the_database(cached_pages, story):
    url = story.get_absolute_url()
    reader().get(url)
    with database_unreadable() as fault:
        response = reader().get(url)
    assert (response.status_code, answered(response), fault.attempts) == (200, "HIT", 0)


def test_an_uncached_page_gets_the_designed_503_page_at_once(story):
    with database_unreadable():
        started = time.monotonic()
        response = reader().get(story.get_absolute_url())
        took = time.monotonic() - started

    assert_designed_503(response)
    assert "Back in a moment" in response.content.decode()
    assert took < 2.5


def test_a_request_that_meets_the_outage_does_not_wait_for_the_database_twice(story):
    """The due-story check runs first on a fresh process; its failure ends the request, so a
    frozen server costs a reader one wait, not one for the check and another for the page."""
    with database_unreadable() as fault:
        assert_designed_503(reader().get(story.get_absolute_url()))
    assert fault.attempts == 1


def test_while_the_database_is_down_pages_are_refused_without_trying_it(story):
    with database_unreadable() as fault:
        reader().get(story.get_absolute_url())
        tried = fault.attempts
        for _ in range(5):
            assert_designed_503(reader().get(story.get_absolute_url()))
    assert tried >= 1
    assert fault.attempts == tried  # the breaker answered the five without a query


def test_the_newsroom_answers_a_plain_503_and_never_a_traceback():
    with database_unreadable():
        response = Client(raise_request_exception=False).get("/newsroom/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "The newsroom is unavailable" in body
    assert "Traceback" not in body


def test_the_site_recovers_by_itself_once_the_database_is_back(story, quick_retry):
    with database_unreadable():
        assert reader().get(story.get_absolute_url()).status_code == 503
    assert reader().get(story.get_absolute_url()).status_code == 503  # still waiting
    time.sleep(0.25)
    assert reader().get(story.get_absolute_url()).status_code == 200
    assert not outage.database_is_down()


# --- Forms -------------------------------------------------------------------------------
def test_an_error_report_answers_try_again_and_keeps_what_the_reader_wrote(story):
    url = reverse("website:article-report", kwargs=story.url_kwargs())
    with database_unreadable():
        response = reader().post(
            url,
            {"quoted_text": "the ferry sank", "comment": "It docked safely"},
            headers=SAME_ORIGIN,
        )
    assert_designed_503(response)
    body = response.content.decode()
    assert "Nothing was sent" in body
    assert 'value="It docked safely"' in body and 'value="the ferry sank"' in body
    assert f'action="{url}"' in body and "Send again" in body


def test_an_error_report_sent_by_script_gets_a_message_it_can_show(story):
    url = reverse("website:article-report", kwargs=story.url_kwargs())
    with database_unreadable():
        response = reader().post(
            url, {"comment": "x"}, headers={**SAME_ORIGIN, "Accept": "application/json"}
        )
    assert response.status_code == 503
    assert response.json()["ok"] is False
    assert "try again" in response.json()["error"]


def test_recommend_and_newsletter_forms_answer_try_again_instead_of_an_error(story):
    with database_unreadable():
        recommended = recommend(reader(), story)
    outage.reset()  # each form meets the outage afresh, not the open breaker
    with database_unreadable():
        subscribed = reader().post(
            "/newsletters/subscribe/", {"email": "ana@example.org"}, headers=SAME_ORIGIN
        )
    for response in (recommended, subscribed):
        assert_designed_503(response)
        assert "Nothing was sent" in response.content.decode()


# --- View beacons ------------------------------------------------------------------------
def test_views_seen_while_the_database_is_down_are_counted_when_it_is_back(
    story, quick_retry, settings
):
    with database_unreadable():
        assert beacon(story.pk, "198.51.100.1").status_code == 204
        assert beacon(story.pk, "198.51.100.2").status_code == 204  # breaker open: spooled
        assert beacon(story.pk, "198.51.100.2").status_code == 204  # a reload: no extra view
    spooled = list((settings.DATA_DIR / "spool").glob("views-*.jsonl"))
    lines = [json.loads(line) for line in spooled[0].read_text().splitlines()]
    assert [line["article"] for line in lines] == [story.pk] * 3

    time.sleep(0.25)
    assert beacon(story.pk, "198.51.100.3").status_code == 204

    assert total_views(story.pk) == 3  # two spooled readers and the new one
    assert list((settings.DATA_DIR / "spool").iterdir()) == []


def test_replaying_a_spool_twice_counts_each_view_once(story):
    now = timezone.now()
    spool.keep(story.pk, "reader-a", now)
    spool.keep(story.pk, "reader-b", now)
    copy = spool.spool_dir() / "views-copy.jsonl"
    copy.write_bytes(next(spool.spool_dir().glob("views-*.jsonl")).read_bytes())

    # As if a replayer died after its commit and another took the file over.
    assert spool.replay() == 4
    assert total_views(story.pk) == 2


def test_a_replay_that_fails_keeps_the_views_for_the_next_one(story):
    spool.keep(story.pk, "reader-a", timezone.now())
    with database_unreadable(), pytest.raises(OperationalError):
        spool.replay()
    assert [p.name[:12] for p in spool.spool_dir().iterdir()] == ["views-retry-"]
    assert spool.replay() == 1
    assert total_views(story.pk) == 1


# --- What opens the breaker --------------------------------------------------------------
@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (OperationalError("could not connect to server: Connection refused"), "unreachable"),
        (OperationalError("unable to open database file"), "unreachable"),
        (IntegrityError("UNIQUE constraint failed"), None),
        (ProgrammingError("syntax error at or near"), None),
        (ValueError("not a database error"), None),
    ],
)
def test_only_an_unreachable_database_counts_as_an_outage(error, kind):
    assert outage.failure_kind(error) == kind


def test_a_lock_held_too_long_fails_the_request_but_leaves_the_site_up():
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorname = "SQLITE_BUSY"
    error = OperationalError("database is locked")
    error.__cause__ = locked
    assert outage.failure_kind(error) == "busy"


def test_a_bug_stays_a_500_and_does_not_take_the_site_down(story, monkeypatch):
    def broken(execute, sql, params, many, context):
        raise ProgrammingError("no such column: headline_typo")

    with connection.execute_wrapper(broken):
        response = reader().get(story.get_absolute_url())
    assert response.status_code == 500
    assert not outage.database_is_down()


def test_after_the_pause_one_request_tries_the_database_while_the_others_wait(quick_retry):
    outage.record_failure()
    assert outage.database_is_down()
    time.sleep(0.25)
    assert not outage.database_is_down()  # this thread: the trial
    assert not outage.database_is_down()  # asked again by the same request
    others = []
    import threading

    thread = threading.Thread(target=lambda: others.append(outage.database_is_down()))
    thread.start()
    thread.join()
    assert others == [True]
    outage.record_success()
    assert not outage.database_is_down()


# --- Bounded waits -----------------------------------------------------------------------
def test_a_query_that_runs_past_the_readers_limit_is_cut_and_answered_with_the_503(story, settings):
    settings.DATELINE_DATABASE_WAIT_SECONDS = 1

    def endless(execute, sql, params, many, context):
        # A query SQLite would work on for minutes (the watchdog interrupts it).
        return execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
            "SELECT count(*) FROM n",
            None,
            False,
            context,
        )

    started = time.monotonic()
    with connection.execute_wrapper(endless):
        response = reader().get(story.get_absolute_url())
    took = time.monotonic() - started

    assert_designed_503(response)
    assert 1.0 <= took < 2.5
    if connection.vendor == "postgresql":
        assert the_server_stops_running("WITH RECURSIVE n(i)"), "the cut query runs on"


def test_an_editor_whose_request_is_the_breakers_trial_waits_only_the_readers_limit(
    settings, quick_retry
):
    """While the database is down, the request that tries it again learns the answer at a
    reader's pace: an editor is not held for the newsroom's longer limit by a frozen server."""
    settings.DATELINE_DATABASE_WAIT_SECONDS = 1
    settings.DATELINE_NEWSROOM_DATABASE_WAIT_SECONDS = 10
    editor = Client(raise_request_exception=False)
    editor.force_login(factories.editor())
    outage.record_failure()
    time.sleep(outage.RETRY_SECONDS + 0.05)  # half-open: the next request is the trial

    started = time.monotonic()
    with connection.execute_wrapper(endless_query):
        response = editor.get("/newsroom/")
    took = time.monotonic() - started

    assert response.status_code == 503
    assert 1.0 <= took < 2.5
    assert outage.database_is_down()  # the trial failed: the breaker is open again


def endless_query(execute, sql, params, many, context):
    """Any query becomes one that would run for minutes (the watchdog cuts it)."""
    return execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
        None,
        False,
        context,
    )


def the_server_stops_running(query_start: str, seconds: float = 5.0) -> bool:
    """Whether PostgreSQL has stopped running every query starting with ``query_start``."""
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    deadline = time.monotonic() + seconds
    with psycopg.connect(**params, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            running = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                "AND query LIKE %s AND pid <> pg_backend_pid()",
                [query_start + "%"],
            ).fetchone()
            if running == (0,):
                return True
            time.sleep(0.1)
    return False
