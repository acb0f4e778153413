"""Listings, feeds and sitemaps cost a fixed number of queries, however big the archive grows.

The companion of tests/test_query_counts.py, on the same site (10 stories, then 1,000): the
deepest page of a section, tag or author (a cursor pointing at the oldest stories, where an
``OFFSET`` would have walked the whole archive), a day of the archive, every feed and every
sitemap. bench/coldrender.py times the same pages at 1,000 and 1,000,000 stories.
"""

# The site fixtures come from tests/test_query_counts.py; pytest passes them by parameter
# name, which ruff reads as redefining the imported name.
# ruff: noqa: F811

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.lib.cursors import encode_cursor
from dateline.news.models import Article, Correction
from tests.test_query_counts import (  # noqa: F401 (fixtures, found by name)
    NOW,
    clock,
    grow,
    scheduler_checks_only_on_a_clients_first_request,
    site,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_article_sitemap")]

# A listing page: edition and sections, one page of stories, their thumbnails. A feed: its
# subject, 50 stories, their bylines. A sitemap: its edition(s) and one query for its rows.
MAX_LISTING_QUERIES = 5
MAX_FEED_QUERIES = 4
MAX_SITEMAP_QUERIES = 3


def deepest_page(stories) -> str:
    """``?before=`` a cursor whose page holds the oldest stories of ``stories`` (a full page
    when there are enough): the page a reader reaches by following "Older stories" to the end."""
    oldest = list(stories.order_by("published_at", "pk")[: settings.DATELINE_PAGE_SIZE + 1])
    anchor = oldest[-1]
    return f"?before={encode_cursor(anchor.published_at, anchor.pk)}"


def listing_stories(site, kind: str):
    public = Article.objects.published().filter(edition=site["edition"])
    return {
        "section": public.filter(section=site["featured"].section),
        "tag": public.filter(tags=site["label"]),
        "author": public.filter(authors=site["writer"]),
    }[kind]


def listing_url(site, kind: str) -> str:
    return {
        "section": "/en/politics/",
        "tag": f"/en/tag/{site['label'].slug}/",
        "author": f"/en/author/{site['writer'].slug}/",
    }[kind]


def feed_urls(site) -> dict[str, str]:
    """Every feed: the site's, the edition's in three formats, a section's, a tag's, an
    author's and the corrections feed."""
    return {
        "site RSS": "/feeds/rss.xml",
        "edition RSS": "/en/feeds/rss.xml",
        "edition Atom": "/en/feeds/atom.xml",
        "edition JSON Feed": "/en/feeds/feed.json",
        "section Atom": "/en/politics/feeds/atom.xml",
        "tag RSS": f"/en/tag/{site['label'].slug}/feeds/rss.xml",
        "author JSON Feed": f"/en/author/{site['writer'].slug}/feeds/feed.json",
        "corrections RSS": "/en/corrections/feeds/rss.xml",
    }


SITEMAPS = {
    "index": "/sitemap.xml",
    "news index": "/sitemap-news.xml",
    "articles": "/sitemap-en-articles-0.xml",
    "news": "/sitemap-en-news.xml",
    "sections": "/sitemap-en-sections.xml",
    "tags": "/sitemap-en-tags.xml",
    "authors": "/sitemap-en-authors.xml",
}


def correct(stories) -> None:
    """A correction note on each of ``stories``, a minute apart, for the corrections feed."""
    Correction.objects.bulk_create(
        Correction(
            article=story,
            edition_id=story.edition_id,
            text=f"An earlier version gave the wrong figure ({n}).",
            created_at=NOW - timedelta(minutes=n),
        )
        for n, story in enumerate(stories)
    )


def grow_with_corrections(site) -> None:
    """``grow``, and 120 more correction notes (more than a feed lists)."""
    grow(site)
    correct(Article.objects.filter(edition=site["edition"]).order_by("pk")[:120])


@pytest.fixture
def corrected_site(site):
    correct([site["featured"]])
    return site


def measured(url: str) -> tuple[list[str], bytes]:
    """The SQL a reader's request for ``url`` runs, and the body, read to its end inside the
    measurement (sitemaps stream: their rows are fetched while the body is sent). A first
    request warms the client up and the cache is emptied, as in tests/test_query_counts.py."""
    reader = Client()
    assert reader.get("/robots.txt").status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = reader.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries], body


def same_small_count(with_10: list[str], with_1000: list[str], bound: int) -> None:
    assert len(with_10) == len(with_1000), "\n".join(with_1000)
    assert len(with_1000) <= bound, "\n".join(with_1000)


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_the_deepest_page_of_a_listing_costs_what_its_first_page_costs(site, kind):
    first_page, _ = measured(listing_url(site, kind))
    deep_10, _ = measured(listing_url(site, kind) + deepest_page(listing_stories(site, kind)))

    grow(site)
    deep_url = listing_url(site, kind) + deepest_page(listing_stories(site, kind))
    deep_1000, body = measured(deep_url)

    same_small_count(deep_10, deep_1000, MAX_LISTING_QUERIES)
    assert len(deep_1000) == len(first_page)
    # It really is the end of a long listing: a full page of the oldest stories, none older.
    html = body.decode()
    oldest = listing_stories(site, kind).order_by("published_at", "pk").first()
    assert html.count('<article class="story-item') == settings.DATELINE_PAGE_SIZE
    assert oldest.get_absolute_url() in html
    assert "Older stories" not in html


def test_a_day_of_the_archive_costs_the_same_however_many_days_came_before(site):
    url = "/en/archive/2014/03/06/"
    with_10, _ = measured(url)

    grow(site)
    with_1000, body = measured(url)

    same_small_count(with_10, with_1000, MAX_LISTING_QUERIES)
    assert site["featured"].get_absolute_url() in body.decode()


@pytest.mark.parametrize(
    "feed",
    [
        "site RSS",
        "edition RSS",
        "edition Atom",
        "edition JSON Feed",
        "section Atom",
        "tag RSS",
        "author JSON Feed",
        "corrections RSS",
    ],
)
def test_every_feed_costs_the_same_few_queries_with_10_and_with_1000_stories(corrected_site, feed):
    url = feed_urls(corrected_site)[feed]
    with_10, small_body = measured(url)

    grow_with_corrections(corrected_site)
    with_1000, body = measured(url)

    same_small_count(with_10, with_1000, MAX_FEED_QUERIES)
    assert len(body) > len(small_body)  # the grown feed is fuller, not emptier


@pytest.mark.parametrize("sitemap", SITEMAPS.keys())
def test_every_sitemap_costs_the_same_few_queries_with_10_and_with_1000_stories(
    corrected_site, sitemap
):
    url = SITEMAPS[sitemap]
    with_10, _ = measured(url)

    grow(corrected_site)
    with_1000, body = measured(url)

    same_small_count(with_10, with_1000, MAX_SITEMAP_QUERIES)
    assert body.count(b"<loc>") >= 1


def test_the_grown_sitemaps_list_every_story_and_every_listing(site):
    grow(site)
    _, articles = measured(SITEMAPS["articles"])
    _, tags = measured(SITEMAPS["tags"])
    _, authors = measured(SITEMAPS["authors"])
    assert (
        articles.count(b"<url>") == Article.objects.published().filter(edition__code="en").count()
    )
    assert tags.count(b"<url>") == 30  # the featured story's 30 tags
    assert authors.count(b"<url>") == 30
