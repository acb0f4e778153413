"""Translations in sitemaps: each version lists every published version, itself included."""

from collections import defaultdict

import pytest
from django.test import Client

from dateline.news import publishing
from tests import factories
from tests.sitemap_helpers import SM, XHTML, articles_path, assert_valid, entries, fetch

pytestmark = pytest.mark.django_db

ROOT = "http://testserver"


@pytest.fixture
def trilingual():
    """A story in English, Azerbaijani and Russian; a Russian draft of a second story."""
    en = factories.edition("en")
    az = factories.edition("az", position=1)
    ru = factories.edition("ru", position=2)
    story = factories.article(sec=factories.section(en))
    versions = {
        "en": story,
        "az": factories.translation(story, az),
        "ru": factories.translation(story, ru),
    }
    lonely = factories.article(sec=factories.section(en))
    draft = factories.translation(lonely, ru, published=False)
    return {"versions": versions, "lonely": lonely, "draft": draft}


def alternates(body: bytes) -> dict[str, dict[str, str]]:
    """``{loc: {hreflang: href}}`` of an article sitemap."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for loc, url in entries(body).items():
        for link in url.findall(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            found[loc][link.get("hreflang") or ""] = link.get("href") or ""
    return found


def test_every_version_lists_all_versions_including_itself(trilingual):
    client = Client()
    everywhere = {
        lang: ROOT + story.get_absolute_url() for lang, story in trilingual["versions"].items()
    }
    everywhere["x-default"] = everywhere["en"]  # the default edition's version, as on the page
    for code, story in trilingual["versions"].items():
        body, _ = fetch(client, articles_path(story))
        assert_valid(body)
        assert alternates(body)[everywhere[code]] == everywhere  # reciprocal, with itself


def test_a_story_without_published_translations_has_no_alternates(trilingual):
    body, _ = fetch(Client(), articles_path(trilingual["lonely"]))
    lonely = ROOT + trilingual["lonely"].get_absolute_url()
    assert lonely in entries(body)
    assert lonely not in alternates(body)
    assert f"/news/{trilingual['draft'].pk}-".encode() not in body


def test_an_unpublished_translation_drops_out_of_the_others(trilingual):
    publishing.unpublish(trilingual["versions"]["ru"])
    body, _ = fetch(Client(), articles_path(trilingual["versions"]["en"]))
    en = ROOT + trilingual["versions"]["en"].get_absolute_url()
    assert set(alternates(body)[en]) == {"en", "az", "x-default"}


def test_each_edition_sitemap_lists_only_its_own_stories(trilingual):
    body, _ = fetch(Client(), articles_path(trilingual["versions"]["az"]))
    assert set(entries(body)) == {ROOT + trilingual["versions"]["az"].get_absolute_url()}
    assert all(el.tag == f"{SM}url" for el in entries(body).values())
