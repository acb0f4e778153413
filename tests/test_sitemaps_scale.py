"""Article sitemaps at archive scale: split at the limit, fixed queries, flat memory.

The limit is lowered to 1,000 so that 3,500 stories prove the split; bench/sitemaps.py
measures a real 50,000-URL sitemap of a large archive (its figures are in docs/sitemaps.md).
"""

import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.distribution.sitemaps import articles, buckets, xml
from dateline.distribution.sitemaps.addresses import ArticleAddresses
from dateline.distribution.sitemaps.articles import article_urls
from dateline.distribution.sitemaps.xml import urlset
from dateline.news import middleware
from dateline.news.models import Article, Edition
from tests import factories
from tests.sitemap_helpers import assert_valid, fetch, locs

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)
LIMIT = 1_000
ROOT = "http://testserver"


@pytest.fixture(autouse=True)
def small_limit(monkeypatch):
    monkeypatch.setattr(buckets, "URLS_PER_SITEMAP", LIMIT)


@pytest.fixture(autouse=True)
def scheduler_checks_only_on_a_clients_first_request(monkeypatch):
    monkeypatch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


def article_sitemaps(index: bytes) -> list[str]:
    return [loc.removeprefix(ROOT) for loc in locs(index) if "-articles-" in loc]


def test_an_archive_is_split_into_sitemaps_of_at_most_the_limit(clock):
    stories = factories.many_articles(3_500, newest=NOW - timedelta(minutes=1))
    crawler = Client()
    index, _ = fetch(crawler, "/sitemap.xml")
    paths = article_sitemaps(index)
    assert len(paths) == len({story.pk // LIMIT for story in stories}) >= 4
    listed: list[str] = []
    for path in paths:
        body, _ = fetch(crawler, path)
        urls = locs(body)
        assert 0 < len(urls) <= LIMIT, path
        listed += urls
    assert sorted(listed) == sorted(ROOT + s.get_absolute_url() for s in stories)
    assert_valid(body)


def grow(edition_codes=("en", "az", "ru"), count: int = 0) -> None:
    """Adds ``count`` stories to each edition, translations of one another."""
    sections = [
        factories.section(factories.edition(code, position=i), "Politics")
        for i, code in enumerate(edition_codes)
    ]
    groups = [uuid.uuid4() for _ in range(count)]
    Article.objects.bulk_create(
        Article(
            edition=sec.edition,
            section=sec,
            headline=f"Story {n}",
            slug=f"story-{n}",
            status="published",
            published_at=NOW - timedelta(minutes=n + 1),
            translation_group=group,
        )
        for sec in sections
        for n, group in enumerate(groups)
    )


def queries_for(path: str) -> int:
    crawler = Client()
    with CaptureQueriesContext(connection) as queries:
        fetch(crawler, path)
    return len(queries)


PATHS = [
    "/sitemap.xml",
    "/sitemap-en-articles-0.xml",
    "/sitemap-en-news.xml",
    "/sitemap-en-sections.xml",
    "/sitemap-en-tags.xml",
    "/sitemap-en-authors.xml",
]


def test_each_sitemap_costs_the_same_queries_for_ten_or_nine_hundred_stories(clock, monkeypatch):
    """The bucket's rows are streamed in pieces; its translations come in the same query."""
    monkeypatch.setattr(buckets, "URLS_PER_SITEMAP", 10**12)  # one bucket, whatever the ids
    grow(count=10)
    label, writer = factories.tag("Budget"), factories.author()
    for story in Article.objects.filter(edition__code="en"):
        story.tags.add(label)
        story.authors.add(writer)
    small = {path: queries_for(path) for path in PATHS}
    grow(count=300)  # 900 more, still in bucket 0 of each edition
    for story in Article.objects.filter(edition__code="en", tags=None):
        story.tags.add(label)
    large = {path: queries_for(path) for path in PATHS}
    assert small == large
    assert large["/sitemap-en-articles-0.xml"] <= 4


def peak_memory_of_writing(code: str) -> tuple[int, int]:
    """(peak traced bytes, document bytes) of writing bucket 0 of edition ``code``."""
    editions = {e.pk: e for e in Edition.objects.all()}
    edition = next(e for e in editions.values() if e.code == code)
    addresses = ArticleAddresses(lambda path: ROOT + path, editions)
    list(urlset(article_urls(edition, 0, editions, addresses)))  # warm caches (URL resolver)
    tracemalloc.start()
    try:
        size = sum(len(piece) for piece in urlset(article_urls(edition, 0, editions, addresses)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, size


def test_memory_stays_flat_as_a_sitemap_grows(clock, monkeypatch):
    """Four times the URLs, about the same peak: rows come and go in fixed-size pieces."""
    monkeypatch.setattr(buckets, "URLS_PER_SITEMAP", 10**12)  # one bucket, whatever the ids
    monkeypatch.setattr(articles, "ROWS_PER_FETCH", 200)
    monkeypatch.setattr(xml, "URLS_PER_WRITE", 50)
    grow(count=300)
    small_peak, small_size = peak_memory_of_writing("en")
    grow(count=900)
    large_peak, large_size = peak_memory_of_writing("en")
    assert large_size > 3.5 * small_size
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)
