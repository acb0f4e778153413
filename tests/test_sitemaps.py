"""The sitemap index and the article sitemaps: what crawlers are told, and only public stories.

Hidden stories (draft, scheduled, unpublished) carry a marker word and are looked for by word
and by id in every sitemap the index lists; every sitemap is validated against the XSDs.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.news import publishing
from tests import factories
from tests.sitemap_helpers import (
    SM,
    articles_path,
    assert_valid,
    entries,
    fetch,
    locs,
    parse,
    run_check_sitemap,
)

pytestmark = pytest.mark.django_db

MARKER = "quillfeather"
NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)
ROOT = "http://testserver"


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def crawler():
    return Client()


def hidden(kind: str) -> dict:
    return {"headline": f"The {MARKER} {kind} story", "slug": f"{MARKER}-{kind}"}


@pytest.fixture
def desk(clock):
    """Two live stories (one updated later) and three hidden ones in one section."""
    politics = factories.section()
    first = factories.article(sec=politics, at=NOW - timedelta(days=3), slug="budget")
    second = factories.article(sec=politics, at=NOW - timedelta(hours=2), slug="vote")
    clock.set(NOW - timedelta(hours=1))
    second.headline = "The vote, updated"
    second.save()
    publishing.record_edit(second, {"headline"})
    clock.set(NOW)
    stories = {
        "draft": factories.draft(sec=politics, **hidden("draft")),
        "scheduled": factories.article(sec=politics, at=NOW + timedelta(hours=1), **hidden("sch")),
        "unpublished": factories.unpublished(sec=politics, **hidden("unpublished")),
    }
    return {"live": [first, second], "hidden": stories}


def every_sitemap(crawler) -> dict[str, bytes]:
    """The index and every sitemap it lists, by path."""
    index, _ = fetch(crawler, "/sitemap.xml")
    found = {"/sitemap.xml": index, "/sitemap-news.xml": fetch(crawler, "/sitemap-news.xml")[0]}
    for loc in locs(index):
        assert loc.startswith(ROOT + "/sitemap-")
        path = loc.removeprefix(ROOT)
        found[path], _ = fetch(crawler, path)
    return found


def test_the_index_lists_each_kind_of_sitemap_per_edition(desk, crawler):
    index, _ = fetch(crawler, "/sitemap.xml")
    assert parse(index).tag == f"{SM}sitemapindex"
    assert set(locs(index)) == {
        f"{ROOT}/sitemap-en-sections.xml",
        f"{ROOT}/sitemap-en-news.xml",
        ROOT + articles_path(desk["live"][0]),
    }  # no tags or bylines on this desk, so no tag or author sitemap


def test_sitemaps_are_public_xml_that_caches_may_keep_briefly(desk, crawler, settings):
    for path in ("/sitemap.xml", articles_path(desk["live"][0]), "/sitemap-en-news.xml"):
        _, response = fetch(crawler, path)
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        assert "public" in response["Cache-Control"]
        assert f"max-age={settings.DATELINE_SITEMAP_MAX_AGE}" in response["Cache-Control"]


def test_every_sitemap_validates_against_the_published_schemas(desk, crawler):
    for body in every_sitemap(crawler).values():
        assert_valid(body)


def test_hidden_stories_appear_in_no_sitemap_by_word_or_by_id(desk, crawler):
    for path, body in every_sitemap(crawler).items():
        assert MARKER.encode() not in body, path
        for story in desk["hidden"].values():
            assert f"/news/{story.pk}-".encode() not in body, (path, story)


def test_the_article_sitemap_lists_every_public_story_with_absolute_addresses(desk, crawler):
    first, second = desk["live"]
    body, _ = fetch(crawler, articles_path(first))
    assert set(locs(body)) == {ROOT + first.get_absolute_url(), ROOT + second.get_absolute_url()}


def test_public_url_setting_replaces_the_request_host(desk, crawler, settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example"
    for path, body in every_sitemap_at(crawler, "https://news.example").items():
        assert all(loc.startswith("https://news.example/") for loc in locs(body)), path


def every_sitemap_at(crawler, root: str) -> dict[str, bytes]:
    index, _ = fetch(crawler, "/sitemap.xml")
    found = {"/sitemap.xml": index}
    for loc in locs(index):
        found[loc], _ = fetch(crawler, loc.removeprefix(root))
    return found


def test_a_story_is_dated_by_its_update_or_else_its_publication(desk, crawler):
    first, second = desk["live"]
    assert second.updated_at == NOW - timedelta(hours=1)
    body, _ = fetch(crawler, articles_path(first))
    urls = entries(body)
    assert urls[ROOT + first.get_absolute_url()].findtext(f"{SM}lastmod") == (
        first.published_at.astimezone(UTC).isoformat(timespec="seconds")
    )
    assert urls[ROOT + second.get_absolute_url()].findtext(f"{SM}lastmod") == (
        "2014-03-06T07:00:00+00:00"
    )


def test_the_index_dates_an_article_sitemap_by_its_newest_change(desk, crawler):
    index, _ = fetch(crawler, "/sitemap.xml")
    lastmod = entries(index)[ROOT + articles_path(desk["live"][0])].findtext(f"{SM}lastmod")
    assert lastmod == "2014-03-06T07:00:00+00:00"  # the update, an hour after the newest story


def test_an_empty_or_unknown_sitemap_is_not_found(desk, crawler):
    assert crawler.get("/sitemap-en-articles-7000.xml").status_code == 404
    assert crawler.get("/sitemap-xx-articles-0.xml").status_code == 404
    assert crawler.get("/sitemap-xx-news.xml").status_code == 404


def test_robots_txt_names_the_index_and_the_news_sitemaps_without_a_query(desk, crawler):
    crawler.get("/robots.txt")  # the scheduling check runs on a client's first request
    with CaptureQueriesContext(connection) as queries:
        text = crawler.get("/robots.txt").content.decode()
    assert f"Sitemap: {ROOT}/sitemap.xml" in text.splitlines()
    assert f"Sitemap: {ROOT}/sitemap-news.xml" in text.splitlines()
    assert not queries.captured_queries


def test_the_news_index_lists_each_edition_with_recent_news(desk, crawler):
    factories.edition("az")  # nothing published there
    body, _ = fetch(crawler, "/sitemap-news.xml")
    assert_valid(body)
    assert locs(body) == [f"{ROOT}/sitemap-en-news.xml"]


@pytest.mark.validators
def test_the_shared_sitemap_checker_accepts_every_sitemap(crawler, tmp_path):
    """check-sitemap.py judges news dates against the real clock, so no frozen time here."""
    politics = factories.section()
    writer, label = factories.author(), factories.tag("Budget")
    factories.article(sec=politics, authors=[writer])
    story = factories.article(sec=politics, authors=[writer])
    story.tags.add(label)
    for path, body in every_sitemap(crawler).items():
        summary = run_check_sitemap(body, tmp_path)
        assert "check-sitemap OK" in summary, (path, summary)
