"""Where the site lives for readers: ``DATELINE_PUBLIC_URL`` when set, else the request's host.

Links that leave the page — canonical URLs, sitemaps, feeds, e-mails — use it, so an internal
proxy host name never reaches a reader or a search engine.
"""

from django.conf import settings
from django.http import HttpRequest


def site_root(request: HttpRequest) -> str:
    """``https://news.example`` (no trailing slash)."""
    if settings.DATELINE_PUBLIC_URL:
        return settings.DATELINE_PUBLIC_URL
    return request.build_absolute_uri("/").rstrip("/")
