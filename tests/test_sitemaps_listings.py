"""Sitemaps of listing pages: fronts and sections, tags and authors, dated by their newest story."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from tests import factories
from tests.sitemap_helpers import SM, assert_valid, entries, fetch, locs

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)
ROOT = "http://testserver"


def w3c(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def newsroom(clock):
    """Politics with an old and a new story, Sport with one story, Culture with only a draft;
    a tag and an author used in English and, for the tag, by an older Russian story."""
    en = factories.edition("en")
    ru = factories.edition("ru", position=1)
    politics, sport = factories.section(en, "Politics"), factories.section(en, "Sport")
    culture = factories.section(en, "Culture")
    writer, silent = factories.author("Leyla Mammadova"), factories.author("Never Published")
    budget = factories.tag("Budget")
    old = factories.article(sec=politics, at=NOW - timedelta(days=2), authors=[writer])
    new = factories.article(sec=politics, at=NOW - timedelta(hours=1))
    match = factories.article(sec=sport, at=NOW - timedelta(hours=5), authors=[writer])
    old.tags.add(budget)
    factories.draft(sec=culture, authors=[silent]).tags.add(factories.tag("Hidden"))
    ru_story = factories.article(
        sec=factories.section(ru, "Политика", slug="politika"), at=NOW - timedelta(days=4)
    )
    ru_story.tags.add(budget)
    return locals()


def test_sections_sitemap_lists_the_front_and_sections_with_stories(newsroom):
    body, _ = fetch(Client(), "/sitemap-en-sections.xml")
    assert_valid(body)
    urls = entries(body)
    assert {loc: u.findtext(f"{SM}lastmod") for loc, u in urls.items()} == {
        f"{ROOT}/en/": w3c(newsroom["new"].published_at),
        f"{ROOT}/en/politics/": w3c(newsroom["new"].published_at),
        f"{ROOT}/en/sport/": w3c(newsroom["match"].published_at),
    }  # Culture has only a draft


def test_tags_sitemap_is_per_edition_and_dated_by_that_editions_newest_story(newsroom):
    body, _ = fetch(Client(), "/sitemap-en-tags.xml")
    assert_valid(body)
    urls = entries(body)
    assert list(urls) == [f"{ROOT}/en/tag/budget/"]  # "hidden" is only on a draft
    assert urls[f"{ROOT}/en/tag/budget/"].findtext(f"{SM}lastmod") == w3c(
        newsroom["old"].published_at
    )
    ru_body, _ = fetch(Client(), "/sitemap-ru-tags.xml")
    assert entries(ru_body)[f"{ROOT}/ru/tag/budget/"].findtext(f"{SM}lastmod") == w3c(
        newsroom["ru_story"].published_at
    )


def test_authors_sitemap_lists_bylines_with_public_stories(newsroom):
    body, _ = fetch(Client(), "/sitemap-en-authors.xml")
    assert_valid(body)
    writer = newsroom["writer"]
    assert locs(body) == [f"{ROOT}/en/author/{writer.slug}/"]
    assert entries(body)[locs(body)[0]].findtext(f"{SM}lastmod") == w3c(
        newsroom["match"].published_at
    )


def test_the_index_dates_listing_sitemaps_by_their_newest_story(newsroom):
    index, _ = fetch(Client(), "/sitemap.xml")
    dated = {loc: el.findtext(f"{SM}lastmod") for loc, el in entries(index).items()}
    assert dated[f"{ROOT}/sitemap-en-sections.xml"] == w3c(newsroom["new"].published_at)
    assert dated[f"{ROOT}/sitemap-en-tags.xml"] == w3c(newsroom["old"].published_at)
    assert dated[f"{ROOT}/sitemap-en-authors.xml"] == w3c(newsroom["match"].published_at)
    assert dated[f"{ROOT}/sitemap-ru-tags.xml"] == w3c(newsroom["ru_story"].published_at)
    assert f"{ROOT}/sitemap-ru-authors.xml" not in dated  # no Russian byline
