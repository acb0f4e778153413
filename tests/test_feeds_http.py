"""Feeds are cheap to poll: conditional GET, shared caching, the right types, fixed queries."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dateline.news import middleware, publishing
from tests import factories
from tests.feed_helpers import FILES

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "rss.xml": "application/rss+xml",
    "atom.xml": "application/atom+xml",
    "feed.json": "application/feed+json",
}


@pytest.fixture(autouse=True)
def scheduler_checks_only_on_a_clients_first_request(monkeypatch):
    # As in test_query_counts: keep the scheduling middleware's own query out of measurements.
    monkeypatch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def politics():
    return factories.section(factories.edition("en"), name="Politics")


@pytest.fixture
def story(politics):
    return factories.article(
        sec=politics, headline="Budget passes", at=timezone.now() - timedelta(hours=1)
    )


@pytest.mark.parametrize("name", FILES)
def test_each_format_is_served_with_its_own_content_type(reader, story, name):
    response = reader.get(f"/en/feeds/{name}")
    assert response["Content-Type"].split(";")[0] == CONTENT_TYPES[name]


@pytest.mark.parametrize("name", FILES)
def test_feeds_may_be_cached_by_anyone_for_a_few_minutes_and_set_no_cookies(reader, story, name):
    response = reader.get(f"/en/feeds/{name}")
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")


def test_last_modified_is_the_newest_storys_publication_time(reader, story):
    response = reader.get("/en/feeds/rss.xml")
    expected = story.published_at.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert response["Last-Modified"] == expected
    assert response["ETag"].startswith('"')


@pytest.mark.parametrize("name", FILES)
def test_a_reader_holding_the_current_etag_gets_not_modified(reader, story, name):
    first = reader.get(f"/en/feeds/{name}")
    again = reader.get(f"/en/feeds/{name}", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]


def test_a_reader_asking_if_modified_since_the_last_story_gets_not_modified(reader, story):
    first = reader.get("/en/feeds/atom.xml")
    again = reader.get("/en/feeds/atom.xml", headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
    earlier = reader.get(
        "/en/feeds/atom.xml", headers={"If-Modified-Since": "Mon, 03 Mar 2014 09:30:00 GMT"}
    )
    assert earlier.status_code == 200


def test_a_new_story_changes_the_etag_and_last_modified(reader, story, politics):
    first = reader.get("/en/feeds/rss.xml")
    factories.article(sec=politics, headline="Later news")
    again = reader.get("/en/feeds/rss.xml", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again["Last-Modified"] != first["Last-Modified"]


def test_an_update_to_a_story_changes_the_etag(reader, story):
    first = reader.get("/en/feeds/rss.xml")
    story.headline = "Budget passes after a long night"
    story.save()
    publishing.record_edit(story, {"headline"})
    again = reader.get("/en/feeds/rss.xml", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert b"after a long night" in again.content


def test_unpublishing_an_older_story_changes_the_etag(reader, story, politics):
    factories.article(sec=politics, headline="Newest")
    first = reader.get("/en/feeds/rss.xml")
    publishing.unpublish(story)
    again = reader.get("/en/feeds/rss.xml", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert b"Budget passes" not in again.content


def test_formats_have_different_etags(reader, story):
    etags = {reader.get(f"/en/feeds/{name}")["ETag"] for name in FILES}
    assert len(etags) == 3


def test_no_hub_means_no_link_header(reader, story):
    assert "Link" not in reader.get("/en/feeds/rss.xml")


# --- Query counts ------------------------------------------------------------------------------

MAX_QUERIES = 6


def queries_for(url: str, django_assert_max_num_queries) -> int:
    client = Client()
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def crowded_site(politics):
    writers = [factories.author() for _ in range(3)]
    labels = [factories.tag(f"Topic {n}") for n in range(3)]
    newest = datetime.now(UTC) - timedelta(minutes=5)

    def grow_to(count: int) -> None:
        already = politics.articles.count()
        factories.many_articles(
            count - already,
            sec=politics,
            newest=newest - timedelta(days=already),
            authors=writers,
            tags=labels,
        )

    return {"grow_to": grow_to, "writer": writers[0], "label": labels[0]}


@pytest.mark.parametrize("name", FILES)
def test_a_feed_costs_the_same_queries_for_10_or_100_stories(
    crowded_site, name, django_assert_max_num_queries
):
    urls = [
        f"/feeds/{name}",
        f"/en/feeds/{name}",
        f"/en/politics/feeds/{name}",
        f"/en/author/{crowded_site['writer'].slug}/feeds/{name}",
        f"/en/tag/{crowded_site['label'].slug}/feeds/{name}",
    ]
    crowded_site["grow_to"](10)
    small = [queries_for(url, django_assert_max_num_queries) for url in urls]
    crowded_site["grow_to"](100)
    large = [queries_for(url, django_assert_max_num_queries) for url in urls]
    assert small == large
