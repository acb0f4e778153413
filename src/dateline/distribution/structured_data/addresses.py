"""Absolute URLs and machine-readable times, as crawlers and link previews need them."""

from datetime import datetime

from django.http import HttpRequest

from dateline.lib import public_url
from dateline.news.models import Edition


def absolute(request: HttpRequest | None, path: str) -> str:
    """``path`` as a full URL: on DATELINE_PUBLIC_URL when set (so a proxy's internal host
    never leaks into a preview), else on the host the request came to. A URL that is already
    absolute (a logo on a CDN, media on S3) is returned as it is.

    The same rule as the reader site's ``{% absolute_url %}`` (``lib/public_url.py``).
    """
    if path.startswith(("http://", "https://")):
        return path
    return public_url.absolute(path, request)


def iso_time(moment: datetime, edition: Edition) -> str:
    """``moment`` in ISO 8601 with the edition's offset, to the second:
    ``2014-03-05T09:30:00+04:00`` for 05:30 UTC in a Baku edition."""
    return edition.local(moment).isoformat(timespec="seconds")
