"""Each edition's corrections and updates come as a feed (RSS, Atom, JSON Feed), read back with
feedparser as feed readers do and checked by the shared feed validator when it is installed;
the corrections page advertises it, and it answers conditional requests like every feed."""

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import Client

from dateline.distribution.feeds import websub
from dateline.distribution.feeds.hubs import in_process_hub
from dateline.news.correcting import add_correction
from tests import factories
from tests.feed_helpers import FILES, read_json_feed, read_xml_feed

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)
NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)  # 12:00 in Baku
BASE = "/en/corrections/feeds/"
VALIDATOR_PYTHON = Path("/opt/validators/venv/bin/python")
CHECK_FEED = Path("/work/shared/validators/check-feed.py")


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def newsroom(settings, clock):
    """Two notes on two English stories (the newer one a clarification), one on an Azerbaijani
    story, and a story with none."""
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    politics = factories.section(factories.edition("en", time_zone="Asia/Baku"), name="Politics")
    budget = factories.article(
        sec=politics, headline="Budget & taxes <debate>", slug="budget", at=PUBLISHED_AT
    )
    cup = factories.article(sec=politics, headline="Cup final tonight", slug="cup", at=PUBLISHED_AT)
    factories.article(sec=politics, headline="Nothing to correct", at=PUBLISHED_AT)
    azeri = factories.article(
        sec=factories.section(factories.edition("az"), name="Siyasət", slug="siyaset"),
        headline="Büdcə qəbul edildi",
    )
    first = add_correction(budget, kind="correction", text="It is 12 billion, not 21 & more.")
    clock.advance(hours=1)
    second = add_correction(cup, kind="clarification", text="Kick-off is at 20:00 <local>.")
    add_correction(azeri, kind="correction", text="Rəqəm düzəldildi.")
    return {"budget": budget, "cup": cup, "first": first, "second": second}


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_the_xml_feeds_parse_cleanly_and_list_the_notes_newest_first(client, newsroom, name):
    feed = read_xml_feed(client, BASE + name)

    assert feed.feed.title == "Dateline Daily — corrections and updates (English)"
    assert feed.feed.link == "https://news.example.org/en/corrections/"
    assert [entry.title for entry in feed.entries] == [
        "Clarification: Cup final tonight",
        "Correction: Budget & taxes <debate>",
    ]
    newest = feed.entries[0]
    assert newest.link == (
        f"https://news.example.org{newsroom['cup'].get_absolute_url()}"
        f"#correction-{newsroom['second'].pk}"
    )
    assert "Kick-off is at 20:00 &lt;local&gt;." in newest.summary
    assert newest.published_parsed[:5] == (2014, 3, 6, 9, 0)  # 13:00 in Baku, as UTC
    assert {tag.term for tag in newest.tags} == {"Clarification", "Politics"}


def test_the_json_feed_is_valid_json_feed_1_1(client, newsroom):
    document = read_json_feed(client, BASE + "feed.json")

    assert [item["title"] for item in document["items"]] == [
        "Clarification: Cup final tonight",
        "Correction: Budget & taxes <debate>",
    ]
    assert document["items"][1]["content_text"] == "It is 12 billion, not 21 & more."
    assert document["items"][0]["date_published"] == "2014-03-06T13:00:00+04:00"


def test_every_note_has_its_own_lasting_id(client, newsroom, clock):
    clock.advance(hours=1)
    add_correction(newsroom["cup"], kind="update", text="Adds the final score.")

    ids = [entry.id for entry in read_xml_feed(client, BASE + "atom.xml").entries]

    assert len(set(ids)) == 3
    assert all(i.startswith("https://news.example.org/en/news/") for i in ids)


def test_an_unknown_edition_or_format_is_not_found(client, newsroom):
    assert client.get("/xx/corrections/feeds/rss.xml").status_code == 404
    assert client.get("/en/corrections/feeds/rss.txt").status_code == 404


def test_the_corrections_page_advertises_the_feeds_and_they_answer(client, newsroom):
    html = client.get("/en/corrections/").content.decode()

    for media_type, name in [
        ("application/rss+xml", "rss.xml"),
        ("application/atom+xml", "atom.xml"),
        ("application/feed+json", "feed.json"),
    ]:
        assert f'type="{media_type}"' in html
        assert f'href="{BASE}{name}"' in html
        assert client.get(BASE + name).status_code == 200


def test_the_feed_answers_not_modified_until_a_new_note_arrives(client, newsroom, clock):
    first = client.get(BASE + "rss.xml")
    assert "public" in first["Cache-Control"]

    again = client.get(BASE + "rss.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    clock.advance(minutes=5)
    add_correction(newsroom["budget"], kind="update", text="Adds the vote count.")
    changed = client.get(BASE + "rss.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_the_websub_hub_hears_that_the_corrections_feed_changed(newsroom, settings):
    settings.DATELINE_WEBSUB_HUB = "memory://"
    in_process_hub.reset()
    quiet = factories.article(sec=newsroom["cup"].section, headline="No notes here")

    assert websub.ping(newsroom["cup"].pk) == "pinged"
    topics = set(in_process_hub.received)
    assert {f"https://news.example.org{BASE}{name}" for name in FILES} <= topics

    in_process_hub.reset()
    websub.ping(quiet.pk)
    assert not any("/corrections/" in topic for topic in in_process_hub.received)


@pytest.mark.validators
@pytest.mark.skipif(
    not (VALIDATOR_PYTHON.exists() and CHECK_FEED.exists()),
    reason="feed validator not installed: run shared/validators/setup.sh",
)
@pytest.mark.parametrize("name", ["rss.xml", "atom.xml", "feed.json"])
def test_the_feeds_pass_the_shared_feed_validator(tmp_path, newsroom, name, settings):
    settings.DATELINE_WEBSUB_HUB = "https://hub.example.org/"
    response = Client().get(BASE + name)
    document = tmp_path / name
    document.write_bytes(response.content)

    result = subprocess.run(
        [str(VALIDATOR_PYTHON), str(CHECK_FEED), str(document)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "check-feed OK" in result.stdout
    assert "WARN" not in result.stdout, result.stdout
