"""The sitemap protocol's envelope, escaping and dates, shared by every sitemap kind."""

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
URLSET_OPEN = f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}" xmlns:news="{NEWS_NS}">\n'
URLSET_CLOSE = "</urlset>\n"

# Rows are joined into pieces of about this many URLs before they are sent: one write per
# URL would make the server's overhead dominate, one write per sitemap would hold it all.
URLS_PER_WRITE = 500

__all__ = ["escape", "quoteattr"]


def w3c_datetime(moment: datetime, zone=UTC) -> str:
    """``2014-03-05T09:30:00+04:00``: W3C datetime with seconds and an explicit offset."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def urlset(urls: Iterable[str]) -> Iterator[str]:
    """A ``<urlset>`` document around ``urls`` (each one ``<url>…</url>``), in a few pieces."""
    yield XML_DECLARATION + URLSET_OPEN
    batch: list[str] = []
    for url in urls:
        batch.append(url)
        if len(batch) >= URLS_PER_WRITE:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)
    yield URLSET_CLOSE


def url_entry(loc: str, lastmod: datetime | None = None, extra: str = "") -> str:
    parts = [f"<url><loc>{escape(loc)}</loc>"]
    if lastmod is not None:
        parts.append(f"<lastmod>{w3c_datetime(lastmod)}</lastmod>")
    parts.append(extra)
    parts.append("</url>\n")
    return "".join(parts)


def sitemap_index(entries: Iterable[tuple[str, datetime | None]]) -> str:
    """A ``<sitemapindex>`` of ``(loc, lastmod)`` pairs (an index is small: built at once)."""
    parts = [XML_DECLARATION, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for loc, lastmod in entries:
        parts.append(f"<sitemap><loc>{escape(loc)}</loc>")
        if lastmod is not None:
            parts.append(f"<lastmod>{w3c_datetime(lastmod)}</lastmod>")
        parts.append("</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)
