"""Where feeds live, for autodiscovery links and WebSub pings.

Example: ``feed_path("section", "rss", edition="en", section="politics")`` is
``/en/politics/feeds/rss.xml``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class FeedFormat:
    key: str
    file: str  # the last path segment
    media_type: str  # for <link type=…> and the response's Content-Type
    label: str


RSS = FeedFormat("rss", "rss.xml", "application/rss+xml", "RSS")
ATOM = FeedFormat("atom", "atom.xml", "application/atom+xml", "Atom")
JSON = FeedFormat("json", "feed.json", "application/feed+json", "JSON Feed")
FORMATS = (RSS, ATOM, JSON)
BY_FILE = {fmt.file: fmt for fmt in FORMATS}


def feed_path(kind: str, fmt: FeedFormat, **kwargs: str) -> str:
    return reverse(f"distribution:feeds:{kind}", kwargs={**kwargs, "file": fmt.file})


def public_origin(request: HttpRequest | None = None) -> str:
    """``https://news.example.org``: DATELINE_PUBLIC_URL, else the request's own origin.

    Without either (a task with no public URL configured) the answer is ``""``.
    """
    if settings.DATELINE_PUBLIC_URL:
        return settings.DATELINE_PUBLIC_URL
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return ""


def declared_hub() -> str:
    """The WebSub hub feeds advertise, or ``""``: only an http(s) hub can be subscribed to."""
    hub: str = settings.DATELINE_WEBSUB_HUB
    return hub if hub.startswith(("http://", "https://")) else ""
