"""Feeds list the latest public stories, newest first, with dates, bylines and categories.

Every feed is read by a real parser: feedparser for RSS and Atom (no "bozo"), and JSON Feed
is checked against the fields its spec requires.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.news import publishing
from tests import factories
from tests.feed_helpers import (
    FILES,
    feed_urls,
    read_json_feed,
    read_xml_feed,
    titles,
)

pytestmark = pytest.mark.django_db

MARKER = "Zanzibarquux"


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def newsroom():
    """An English edition (Asia/Baku) with Politics and Sport, a byline and a tag."""
    en = factories.edition("en")
    politics = factories.section(en, name="Politics")
    sport = factories.section(en, name="Sport")
    writer = factories.author("Leyla Mammadova")
    label = factories.tag("Elections")
    now = datetime.now(UTC)
    older = factories.article(
        sec=politics,
        headline="Budget passes first reading",
        at=now - timedelta(hours=3),
        authors=[writer],
        genre="analysis",
    )
    older.tags.add(label)
    newer = factories.article(
        sec=sport, headline="Derby ends in a draw", at=now - timedelta(hours=1), authors=[writer]
    )
    newer.tags.add(label)
    return {
        "edition": en,
        "politics": politics,
        "sport": sport,
        "writer": writer,
        "label": label,
        "older": older,
        "newer": newer,
    }


LISTINGS = {
    "site": lambda n: "/feeds/",
    "edition": lambda n: "/en/feeds/",
    "section": lambda n: "/en/politics/feeds/",
    "author": lambda n: f"/en/author/{n['writer'].slug}/feeds/",
    "tag": lambda n: f"/en/tag/{n['label'].slug}/feeds/",
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_feed_of_every_listing_parses_cleanly(reader, newsroom, listing):
    for url in feed_urls(LISTINGS[listing](newsroom)):
        assert titles(reader, url), url


@pytest.mark.parametrize("name", FILES)
def test_the_edition_feed_lists_published_stories_newest_first(reader, newsroom, name):
    assert titles(reader, f"/en/feeds/{name}") == [
        "Derby ends in a draw",
        "Budget passes first reading",
    ]


@pytest.mark.parametrize("name", FILES)
def test_a_section_feed_lists_only_that_sections_stories(reader, newsroom, name):
    assert titles(reader, f"/en/politics/feeds/{name}") == ["Budget passes first reading"]


@pytest.mark.parametrize("name", FILES)
def test_drafts_scheduled_and_unpublished_stories_never_appear(reader, newsroom, name):
    sec, writer, label = newsroom["politics"], newsroom["writer"], newsroom["label"]
    hidden = [
        factories.draft(sec=sec, headline=f"{MARKER} draft", authors=[writer]),
        factories.article(
            sec=sec,
            headline=f"{MARKER} scheduled",
            at=datetime.now(UTC) + timedelta(days=1),
            authors=[writer],
        ),
        factories.unpublished(sec=sec, headline=f"{MARKER} unpublished", authors=[writer]),
    ]
    for story in hidden:
        story.tags.add(label)
    for base in LISTINGS.values():
        response = reader.get(f"{base(newsroom)}{name}")
        assert response.status_code == 200
        assert MARKER.encode() not in response.content, base(newsroom)


def test_a_feed_holds_the_latest_fifty_stories(reader, newsroom):
    factories.many_articles(60, sec=newsroom["politics"])
    assert len(read_xml_feed(reader, "/en/feeds/rss.xml").entries) == 50
    assert len(read_json_feed(reader, "/en/feeds/feed.json")["items"]) == 50


def test_rss_dates_carry_the_editions_offset(reader, newsroom):
    entry = read_xml_feed(reader, "/en/feeds/rss.xml").entries[0]
    assert entry.published.endswith("+0400")  # Asia/Baku
    expected = newsroom["newer"].published_at.replace(microsecond=0)
    assert datetime(*entry.published_parsed[:6], tzinfo=UTC) == expected


def test_atom_and_json_dates_are_rfc3339_with_the_offset(reader, newsroom):
    entry = read_xml_feed(reader, "/en/feeds/atom.xml").entries[0]
    assert entry.published.endswith("+04:00") and entry.updated.endswith("+04:00")
    item = read_json_feed(reader, "/en/feeds/feed.json")["items"][0]
    published = datetime.fromisoformat(item["date_published"])
    assert published.utcoffset() == timedelta(hours=4)
    assert published == newsroom["newer"].published_at.replace(microsecond=0)


def test_an_updated_story_says_when_it_was_updated(reader, newsroom):
    story = newsroom["older"]
    story.lead = "A corrected lead."
    story.save()
    publishing.record_edit(story, {"lead"})
    story.refresh_from_db()
    entry = read_xml_feed(reader, "/en/feeds/atom.xml").entries[1]
    assert datetime.fromisoformat(entry.updated) == story.updated_at.replace(microsecond=0)
    item = read_json_feed(reader, "/en/feeds/feed.json")["items"][1]
    assert datetime.fromisoformat(item["date_modified"]) == story.updated_at.replace(microsecond=0)


def test_entries_name_their_authors_and_carry_section_and_genre(reader, newsroom):
    for name in ("rss.xml", "atom.xml"):
        entry = read_xml_feed(reader, f"/en/feeds/{name}").entries[1]
        assert entry.author == "Leyla Mammadova"
        assert [tag.term for tag in entry.tags] == ["Politics", "Analysis"]
    item = read_json_feed(reader, "/en/feeds/feed.json")["items"][1]
    assert item["authors"][0]["name"] == "Leyla Mammadova"
    assert item["authors"][0]["url"].endswith(f"/en/author/{newsroom['writer'].slug}/")
    assert item["tags"] == ["Politics", "Analysis"]


def test_an_atom_entry_names_every_author_of_a_shared_byline(reader, newsroom):
    second = factories.author("Rashad Aliyev")
    factories.article(
        sec=newsroom["politics"], headline="Joint report", authors=[newsroom["writer"], second]
    )
    entry = read_xml_feed(reader, "/en/feeds/atom.xml").entries[0]
    assert [a.name for a in entry.authors] == ["Leyla Mammadova", "Rashad Aliyev"]


def test_feeds_carry_the_editions_language_and_links_to_themselves(reader, newsroom):
    rss = read_xml_feed(reader, "/en/politics/feeds/rss.xml").feed
    assert rss.language == "en"
    assert {link.rel: link.href for link in rss.links}["self"] == (
        "http://testserver/en/politics/feeds/rss.xml"
    )
    atom = read_xml_feed(reader, "/en/politics/feeds/atom.xml").feed
    assert atom.language == "en"
    assert {link.rel: link.href for link in atom.links}["self"] == (
        "http://testserver/en/politics/feeds/atom.xml"
    )
    document = read_json_feed(reader, "/en/politics/feeds/feed.json")
    assert document["language"] == "en"
    assert document["feed_url"] == "http://testserver/en/politics/feeds/feed.json"
    assert document["home_page_url"] == "http://testserver/en/politics/"


def test_a_russian_edition_feed_says_it_is_in_russian(reader, newsroom):
    ru = factories.edition("ru")
    factories.article(
        sec=factories.section(ru, name="Политика", slug="politika"), headline="Бюджет"
    )
    parsed = read_xml_feed(reader, "/ru/feeds/rss.xml")
    assert parsed.feed.language == "ru"
    assert [entry.title for entry in parsed.entries] == ["Бюджет"]


def test_links_are_absolute_on_the_public_url_when_one_is_set(reader, newsroom, settings):
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    entry = read_xml_feed(reader, "/en/feeds/rss.xml").entries[0]
    assert entry.link == f"https://news.example.org{newsroom['newer'].get_absolute_url()}"
    assert entry.id == f"https://news.example.org/en/news/{newsroom['newer'].pk}/"
    item = read_json_feed(reader, "/en/feeds/feed.json")["items"][0]
    assert item["url"].startswith("https://news.example.org/en/news/")


def test_feeds_carry_the_lead_by_default_and_never_the_body(reader, newsroom):
    story = factories.article(
        sec=newsroom["politics"], lead="Lead & summary.", body=f"<p>{MARKER} body</p>"
    )
    for name in FILES:
        content = reader.get(f"/en/feeds/{name}").content.decode()
        assert MARKER not in content, name
    entry = read_xml_feed(reader, "/en/feeds/rss.xml").entries[0]
    assert entry.summary == "Lead &amp; summary."  # the lead is escaped, never read as HTML
    item = read_json_feed(reader, "/en/feeds/feed.json")["items"][0]
    assert item["content_text"] == item["summary"] == story.lead


def test_full_text_is_the_sanitised_body_when_switched_on(reader, newsroom, settings):
    settings.DATELINE_FEED_FULL_TEXT = True
    story = factories.article(sec=newsroom["politics"], body="<p>Full story.</p>")
    # A row written around save() (an import) still leaves the site sanitised.
    type(story).objects.filter(pk=story.pk).update(
        body='<p onclick="steal()">Full story.</p><script>alert(1)</script>'
    )
    rss = read_xml_feed(reader, "/en/feeds/rss.xml").entries[0]
    atom = read_xml_feed(reader, "/en/feeds/atom.xml").entries[0]
    item = read_json_feed(reader, "/en/feeds/feed.json")["items"][0]
    for html in (rss.content[0].value, atom.content[0].value, item["content_html"]):
        assert "Full story." in html
        assert "script" not in html and "onclick" not in html
    assert item["summary"] == story.lead


def test_a_feed_of_an_unknown_listing_is_not_found(reader, newsroom):
    for url in (
        "/xx/feeds/rss.xml",
        "/en/nowhere/feeds/rss.xml",
        "/en/author/nobody/feeds/atom.xml",
        "/en/tag/nothing/feeds/feed.json",
    ):
        assert reader.get(url).status_code == 404, url


def test_an_empty_edition_has_a_valid_empty_feed(reader):
    factories.edition("en")
    assert read_xml_feed(reader, "/en/feeds/rss.xml").entries == []
    assert read_xml_feed(reader, "/en/feeds/atom.xml").entries == []
    assert read_json_feed(reader, "/en/feeds/feed.json")["items"] == []
