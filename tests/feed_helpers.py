"""Reading feeds in tests: fetch one through the test client and parse it with a real parser."""

import json
from typing import Any

import feedparser
from django.test import Client

FILES = ("rss.xml", "atom.xml", "feed.json")
XML_FILES = ("rss.xml", "atom.xml")
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def feed_urls(base: str) -> list[str]:
    """``/en/feeds/`` → its three feeds."""
    return [f"{base}{name}" for name in FILES]


def read_xml_feed(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return parsed


def read_json_feed(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    document = json.loads(response.content)
    assert_valid_json_feed(document)
    return document


def assert_valid_json_feed(document: dict[str, Any]) -> None:
    """The fields JSON Feed 1.1 requires (https://jsonfeed.org/version/1.1)."""
    assert document["version"] == JSON_FEED_VERSION
    assert isinstance(document["title"], str) and document["title"]
    assert isinstance(document["items"], list)
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert "content_html" in item or "content_text" in item
        for key in ("url", "external_url"):
            if key in item:
                assert item[key].startswith(("http://", "https://"))


def titles(client: Client, url: str) -> list[str]:
    """Entry titles in feed order, for any of the three formats."""
    if url.endswith(".json"):
        return [item["title"] for item in read_json_feed(client, url)["items"]]
    return [entry.title for entry in read_xml_feed(client, url).entries]
