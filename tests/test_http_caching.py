"""What browsers, nginx and CDNs are told: Cache-Control, validators, 304s, Vary."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.page_cache_helpers import answered, reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return factories.article(headline="Bridge reopens after repairs")


def public_urls(story) -> list[str]:
    return [
        "/",
        "/en/",
        story.get_absolute_url(),
        story.get_print_url(),
        story.section.get_absolute_url(),
        "/en/feeds/rss.xml",
        "/sitemap.xml",
        "/robots.txt",
    ]


def test_public_pages_may_be_kept_by_shared_caches_and_served_stale_on_errors(story):
    for url in public_urls(story):
        response = reader().get(url)
        assert response.status_code == 200, url
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "s-maxage=1", "stale-while-revalidate=60", "stale-if-error=86400"} <= (
            control
        ), url
        assert not response.cookies, url
        assert "cookie" not in response.get("Vary", "").lower(), url


def test_browsers_revalidate_pages_but_keep_feeds_a_while(story):
    page = reader().get(story.get_absolute_url())
    assert "max-age=0" in page["Cache-Control"]
    feed = reader().get("/en/feeds/rss.xml")
    assert "max-age=300" in feed["Cache-Control"]


def test_a_page_and_a_feed_answer_304_to_a_reader_who_has_them(story, memory_cache):
    for url in (story.get_absolute_url(), "/en/", "/en/feeds/atom.xml", "/sitemap.xml"):
        first = reader().get(url)
        assert first["ETag"] and first["Last-Modified"], url
        again = reader().get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304, url
        assert again.content == b""
        dated = reader().get(url, headers={"If-Modified-Since": first["Last-Modified"]})
        assert dated.status_code == 304, url


def test_a_changed_page_has_a_new_etag(story, memory_cache, django_capture_on_commit_callbacks):
    from dateline.news import publishing

    first = reader().get(story.get_absolute_url())
    story.headline = "Bridge reopens after long repairs"
    story.save()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.record_edit(story, {"headline"})
    changed = reader().get(story.get_absolute_url(), headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"long repairs" in changed.content


def test_signed_in_pages_are_private_and_never_stored(story, memory_cache, client):
    client.force_login(factories.editor())
    for url in (story.get_absolute_url(), "/en/", "/newsroom/"):
        response = client.get(url)
        control = response["Cache-Control"]
        assert "private" in control and "no-store" in control, url
        assert "public" not in control, url
        assert answered(response) == "", url
    assert memory_cache.memory == {}


def test_errors_and_redirects_are_not_cached(story, memory_cache):
    assert reader().get("/en/news/99999-nothing/").status_code == 404
    old_slug = f"/en/news/{story.pk}-old-headline/"
    assert reader().get(old_slug).status_code == 301
    assert memory_cache.memory == {}


def test_the_home_page_expires_with_its_breaking_banner(memory_cache):
    """A banner goes out at its end with no edit to purge the page: the cached copy must not
    outlive it, or readers would see the banner for up to the page lifetime longer."""
    ends = timezone.now() + timedelta(seconds=1)
    story = factories.article(
        headline="Storm warning for the coast", is_breaking=True, breaking_until=ends
    )
    home = f"/{story.edition.code}/"
    first = reader().get(home)
    assert answered(first) == "MISS" and 'class="breaking"' in first.content.decode()
    assert answered(reader().get(home)) == "HIT"

    time.sleep(max(0.0, (ends - timezone.now()).total_seconds()) + 0.1)
    after = reader().get(home)
    assert answered(after) == "MISS"
    assert 'class="breaking"' not in after.content.decode()
