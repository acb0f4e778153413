"""Turning a stored page into an answer: headers, ``Age``, ``304 Not Modified``.

Shared by the hot path (plain WSGI) and the middleware (Django), so both answer alike.
"""

import time
from email.utils import formatdate, parsedate_to_datetime

from dateline.pagecache.entries import Entry

HIT, STALE, MISS = "HIT", "STALE", "MISS"
# A 304 carries the validators and caching headers, not the body's description.
_BODY_HEADERS = {"content-length", "content-type"}


def not_modified(environ: dict, entry: Entry) -> bool:
    """Whether the reader's copy is this page (``If-None-Match``, else ``If-Modified-Since``)."""
    tags = environ.get("HTTP_IF_NONE_MATCH")
    if tags is not None:
        if tags.strip() == "*":
            return True
        wanted = {tag.strip().removeprefix("W/") for tag in tags.split(",")}
        return entry.etag in wanted
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since:
        try:
            return parsedate_to_datetime(since).timestamp() >= int(entry.created)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
    return False


def headers(entry: Entry, state: str, *, body: bool = True) -> list[tuple[str, str]]:
    """The stored headers with the validators, ``Age`` and ``X-Cache`` (how it was answered).

    The fixed part is built once per entry and process: a hit only appends two headers.
    """
    fixed = entry.wire_headers if body else entry.wire_headers_304
    if fixed is None:
        fixed = [
            (name, value)
            for name, value in entry.headers
            if body or name.lower() not in _BODY_HEADERS
        ]
        fixed.append(("ETag", entry.etag))
        fixed.append(("Last-Modified", formatdate(int(entry.created), usegmt=True)))
        if body:
            entry.wire_headers = fixed
        else:
            entry.wire_headers_304 = fixed
    age = int(time.time() - entry.created)
    return [*fixed, ("Age", str(age if age > 0 else 0)), ("X-Cache", state)]


STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}
