"""The newsroom at 100,000 stories: the dashboard and the article list cost the same queries as
at 100, and every list page — page 1, page 1,000, filtered, searched — walks an index.

One archive is built per test module (about 100,000 stories with bylines, reports and
readers, see tests/newsroom_archive.py) inside a transaction that is rolled back at the end;
each test runs in a savepoint within it. The query counts at 100 stories are taken while
building, before the archive grows.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from dateline.lib.planner_statistics import refresh_planner_statistics
from dateline.news import middleware, publishing
from tests.newsroom_archive import SEARCH_WORD, Newsroom, add_stories, build_newsroom

pytestmark = pytest.mark.django_db

SMALL = 100
LARGE = 100_000
PER_PAGE = 50
BUILD_SECONDS_LIMIT = 60


def deep_page(newsroom: Newsroom) -> str:
    """Page 1,000 of 2,000 at full size; the last page of the small archive."""
    return "/newsroom/news/article/?p=" + ("1000" if newsroom.stories >= LARGE else "2")


PAGES: dict[str, Callable[[Newsroom], str]] = {
    "dashboard": lambda n: "/newsroom/",
    "article list": lambda n: "/newsroom/news/article/",
    "deep page": deep_page,
    "filtered by status": lambda n: "/newsroom/news/article/?status__exact=draft",
    "filtered by edition": lambda n: (
        f"/newsroom/news/article/?edition__id__exact={n.editions[1].pk}&status__exact=published"
    ),
    "filtered by section": lambda n: (
        f"/newsroom/news/article/?section__id__exact={n.sections[3].pk}"
    ),
    "my stories": lambda n: "/newsroom/news/article/?mine=1",
    "search": lambda n: f"/newsroom/news/article/?q={SEARCH_WORD}",
}
PERSONAS = ("chief", "reporter")
# A page costs this many queries at most, at any size (sessions, permissions, the page).
# A search also asks the full-text index (search/engines/): its walk, the page's keys and,
# on PostgreSQL, up to four spans of time for the matches and as many for their count.
MAX_QUERIES = {"dashboard": 30, "list": 20, "search": 28}


@dataclass
class Archive:
    newsroom: Newsroom
    at_small: dict[tuple[str, str], list[str]]
    build_seconds: float


def fetch(newsroom: Newsroom, persona: str, url: str) -> tuple[list[str], str]:
    """The queries and the page for ``url`` as ``persona``, with every cache cold.

    A fresh client's first request runs the web process's check for due stories; that
    happens on a warm-up request, so it is not counted against the page.
    """
    client = Client()
    client.force_login(getattr(newsroom, persona))
    assert client.get("/robots.txt").status_code == 200
    cache.clear()  # Most read is cached for a minute; cold is the most a page costs
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    return [query["sql"] for query in captured.captured_queries], response.content.decode()


def refresh_statistics() -> None:
    """What production does after a bulk load: SQLite's sampled ANALYZE (run by `dateline
    demo` and at start-up), PostgreSQL's autovacuum analyse."""
    if not refresh_planner_statistics():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE news_article, news_articleauthor, news_readerreport")


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    # The per-test settings of conftest.py do not reach a module's fixture: static files
    # are named without a manifest here too.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with pytest.MonkeyPatch.context() as patch, override_settings(STORAGES=storages):
        patch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)
        with django_db_blocker.unblock(), transaction.atomic():
            newsroom = build_newsroom()
            add_stories(newsroom, SMALL)
            refresh_statistics()
            at_small = {
                (page, persona): fetch(newsroom, persona, url(newsroom))[0]
                for page, url in PAGES.items()
                for persona in PERSONAS
            }
            started = time.perf_counter()
            add_stories(newsroom, LARGE - SMALL)
            build_seconds = time.perf_counter() - started
            refresh_statistics()
            # The overdue stories go live on the first request (200 at a time), once for the
            # module rather than again inside every test.
            while publishing.publish_due():
                pass
            yield Archive(newsroom, at_small, build_seconds)
            transaction.set_rollback(True)


def test_a_hundred_thousand_stories_are_built_in_well_under_a_minute(archive, record_property):
    record_property("build_seconds", round(archive.build_seconds, 1))
    print(f"\n{LARGE - SMALL:,} stories built in {archive.build_seconds:.1f} s")

    assert archive.build_seconds < BUILD_SECONDS_LIMIT


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES.keys())
def test_a_page_costs_the_same_queries_at_100_and_at_100000_stories(archive, page, persona):
    small = archive.at_small[(page, persona)]

    large, _ = fetch(archive.newsroom, persona, PAGES[page](archive.newsroom))

    assert len(large) == len(small), "\n".join(large)
    assert len(large) <= MAX_QUERIES.get(page, MAX_QUERIES["list"])


def test_the_big_archive_really_is_listed_page_by_page(archive):
    newsroom = archive.newsroom
    _, page = fetch(newsroom, "chief", deep_page(newsroom))
    _, found = fetch(newsroom, "chief", f"/newsroom/news/article/?q={SEARCH_WORD}")
    _, home = fetch(newsroom, "chief", "/newsroom/")

    assert page.count('name="_selected_action"') == PER_PAGE
    assert "100000 articles" in page
    assert f"{LARGE // 1000} articles" in found
    assert "See all (" in home  # the blocks count what they do not show


# --- Query plans: each list page reads along an index, never the whole table ---------------


def page_query(queries: list[str]) -> str:
    """The query that reads the page's stories (all their columns, ordered, limited)."""
    return next(
        sql
        for sql in queries
        if sql.startswith('SELECT "news_article"."id", "news_article"."edition_id"')
        and "LIMIT" in sql
    )


def plan_of(sql: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def full_scans(plan: str) -> list[str]:
    if connection.vendor == "sqlite":
        return [line for line in plan.splitlines() if line.strip() == "SCAN news_article"]
    return [line for line in plan.splitlines() if "Seq Scan on news_article" in line]


def sorts_the_archive(plan: str) -> bool:
    if connection.vendor == "sqlite":
        return "USE TEMP B-TREE FOR ORDER BY" in plan
    return any(line.lstrip(" ->").startswith("Sort") for line in plan.splitlines())


INDEXED_PAGES = ["article list", "filtered by status", "filtered by edition", "filtered by section"]


@pytest.mark.parametrize("page", INDEXED_PAGES)
def test_a_list_page_reads_newest_first_along_an_index_without_sorting(archive, page):
    queries, _ = fetch(archive.newsroom, "chief", PAGES[page](archive.newsroom))

    plan = plan_of(page_query(queries))

    assert not full_scans(plan), plan
    assert not sorts_the_archive(plan), plan


def test_page_1000_skips_the_earlier_stories_inside_the_index(archive):
    queries, _ = fetch(archive.newsroom, "chief", deep_page(archive.newsroom))

    plan = plan_of(page_query(queries))

    assert "article_latest" in plan, plan
    assert not full_scans(plan), plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite scans headlines (fast)")
def test_a_headline_search_uses_the_trigram_index_on_postgresql(archive):
    queries, _ = fetch(archive.newsroom, "chief", PAGES["search"](archive.newsroom))

    plan = plan_of(page_query(queries))

    assert "article_headline_trigrams" in plan, plan
