"""The three feed formats.

RSS and Atom are Django's own generators with what news feeds need on top: a WebSub hub
link, several authors per Atom entry, and the full text in ``<content>`` / ``content:encoded``.
JSON Feed 1.1 (https://jsonfeed.org/version/1.1) is small enough to write here: it follows
the same ``SyndicationFeed`` interface, so ``django.contrib.syndication`` drives all three.

Extra item fields every generator understands (passed through ``Feed.item_extra_kwargs``):
``authors`` — a list of ``(name, url)``; ``content_html`` — full text or ``None``;
``summary`` — the lead as plain text.
"""

import json
from typing import Any

from django.utils.feedgenerator import (
    Atom1Feed,
    Rss201rev2Feed,
    SyndicationFeed,
    rfc3339_date,
)

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class RssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub_url"):
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": self.feed["hub_url"]})

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomFeed(Atom1Feed):
    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub_url"):
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["hub_url"]})

    def add_item_elements(self, handler, item) -> None:
        # Django writes one <author> from author_name; a byline can name several people.
        super().add_item_elements(handler, {**item, "author_name": None})
        for name, url in item.get("authors") or ():
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if url:
                handler.addQuickElement("uri", url)
            handler.endElement("author")
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1. Dates are RFC 3339 with the offset of the datetimes given."""

    content_type = "application/feed+json; charset=utf-8"
    version = "https://jsonfeed.org/version/1.1"

    def document(self) -> dict[str, Any]:
        feed = self.feed
        doc: dict[str, Any] = {
            "version": self.version,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
        }
        if feed.get("description"):
            doc["description"] = feed["description"]
        if feed.get("language"):
            doc["language"] = feed["language"]
        if feed.get("author_name"):
            doc["authors"] = [{"name": feed["author_name"]}]
        if feed.get("hub_url"):
            doc["hubs"] = [{"type": "WebSub", "url": feed["hub_url"]}]
        doc["items"] = [self.item(item) for item in self.items]
        return doc

    def item(self, item: dict[str, Any]) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": item["unique_id"] or item["link"], "url": item["link"]}
        entry["title"] = item["title"]
        if item.get("content_html"):
            entry["content_html"] = item["content_html"]
        else:
            entry["content_text"] = item.get("summary") or item["title"]
        if item.get("summary"):
            entry["summary"] = item["summary"]
        if item["pubdate"] is not None:
            entry["date_published"] = rfc3339_date(item["pubdate"])
        if item["updateddate"] is not None:
            entry["date_modified"] = rfc3339_date(item["updateddate"])
        authors = [
            {"name": name, **({"url": url} if url else {})}
            for name, url in item.get("authors") or ()
        ]
        if authors:
            entry["authors"] = authors
        if item["categories"]:
            entry["tags"] = list(item["categories"])
        return entry

    def write(self, outfile, encoding) -> None:
        outfile.write(json.dumps(self.document(), ensure_ascii=False, indent=1))
