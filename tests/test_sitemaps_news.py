"""The Google News sitemap: the last 48 hours only, at most 1,000 stories, newest first."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from tests import factories
from tests.sitemap_helpers import NEWS, SM, assert_valid, fetch, locs, parse

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)
ROOT = "http://testserver"


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def crawler():
    return Client()


def news_entries(body: bytes) -> list:
    return parse(body).findall(f"{SM}url")


def test_only_stories_of_the_last_48_hours_are_news(clock, crawler):
    politics = factories.section()
    fresh = factories.article(sec=politics, at=NOW - timedelta(hours=47, minutes=59))
    stale = factories.article(sec=politics, at=NOW - timedelta(hours=48, minutes=1))
    body, _ = fetch(crawler, "/sitemap-en-news.xml")
    assert locs(body) == [ROOT + fresh.get_absolute_url()]
    assert f"/news/{stale.pk}-".encode() not in body
    assert_valid(body)


def test_a_story_carries_publication_name_language_date_and_title(clock, crawler, settings):
    settings.DATELINE_SITE_NAME = "Caspian & Co Daily"
    az = factories.edition("az", language="az-Latn", time_zone="Asia/Baku")
    story = factories.article(
        sec=factories.section(az, name="Siyasət", slug="siyaset"),
        headline="Büdcə <qəbul> edildi",
        at=datetime(2014, 3, 6, 5, 30, tzinfo=UTC),
    )
    body, _ = fetch(crawler, "/sitemap-az-news.xml")
    (url,) = news_entries(body)
    news = url.find(f"{NEWS}news")
    assert url.findtext(f"{SM}loc") == ROOT + story.get_absolute_url()
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Caspian & Co Daily"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "az"
    assert news.findtext(f"{NEWS}publication_date") == "2014-03-06T09:30:00+04:00"  # Baku time
    assert news.findtext(f"{NEWS}title") == "Büdcə <qəbul> edildi"
    assert_valid(body)


def test_at_most_1000_stories_newest_first(clock, crawler):
    stories = factories.many_articles(1_005, newest=NOW - timedelta(minutes=1))
    body, _ = fetch(crawler, "/sitemap-en-news.xml")
    expected = [ROOT + s.get_absolute_url() for s in stories[:1_000]]  # newest first
    assert locs(body) == expected
    assert_valid(body)


def test_each_edition_has_its_own_news_sitemap(clock, crawler):
    en_story = factories.article()
    ru = factories.edition("ru")
    ru_story = factories.article(sec=factories.section(ru, name="Политика", slug="politika"))
    en_body, _ = fetch(crawler, "/sitemap-en-news.xml")
    ru_body, _ = fetch(crawler, "/sitemap-ru-news.xml")
    assert locs(en_body) == [ROOT + en_story.get_absolute_url()]
    assert locs(ru_body) == [ROOT + ru_story.get_absolute_url()]
    language = f"{NEWS}news/{NEWS}publication/{NEWS}language"
    assert [u.findtext(language) for u in news_entries(ru_body)] == ["ru"]


def test_opinion_and_press_releases_carry_googles_genre(clock, crawler):
    factories.article(genre="opinion")
    factories.article(genre="press-release")
    factories.article(genre="news")
    body, _ = fetch(crawler, "/sitemap-en-news.xml")
    genres = [u.findtext(f"{NEWS}news/{NEWS}genres") for u in news_entries(body)]
    assert sorted(genres, key=str) == sorted(["Opinion", "PressRelease", None], key=str)
    assert_valid(body)


def test_the_index_lists_a_news_sitemap_only_while_it_has_news(clock, crawler):
    factories.article(at=NOW - timedelta(days=3))
    index, _ = fetch(crawler, "/sitemap.xml")
    assert f"{ROOT}/sitemap-en-news.xml" not in locs(index)
    factories.article(at=NOW - timedelta(hours=1))
    index, _ = fetch(crawler, "/sitemap.xml")
    assert f"{ROOT}/sitemap-en-news.xml" in locs(index)
