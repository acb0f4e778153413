"""Who counts as a reader: the rules a beacon must pass before it is counted.

Each rule answers one question about the request, so a test can name the rule it checks::

    >>> is_link_preview("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")
    True

A reader is identified for 30 minutes by :func:`reader_key`, a keyed hash of IP address,
user agent and article. The key of the hash is derived from ``SECRET_KEY`` and the UTC date,
so it changes at midnight and is never stored: yesterday's keys cannot be recomputed from
an IP address even by someone holding the database.
"""

import hashlib
import hmac
from datetime import date

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.http import HttpRequest

# Apps that fetch a link to draw a preview card; some are not in crawler lists because a
# person did ask for the link, but nobody read the story. Only the fetchers' own names:
# in-app browsers (Facebook's "FBAN", Instagram, "Pinterest/iOS") carry real readers.
LINK_PREVIEW_AGENTS = (
    "facebookexternalhit",
    "facebookcatalog",
    "meta-externalagent",
    "twitterbot",
    "slackbot",
    "slack-imgproxy",
    "telegrambot",
    "whatsapp",
    "discordbot",
    "linkedinbot",
    "skypeuripreview",
    "pinterestbot",
    "redditbot",
    "embedly",
    "iframely",
    "vkshare",
    "mastodon/",
    "bluesky cardyb",
    "bingpreview",
    "google-pagerenderer",
)

_crawlers = CrawlerDetect()


def is_crawler(user_agent: str) -> bool:
    """Known robots (the crawlerdetect list), and requests with no user agent at all."""
    return not user_agent.strip() or _crawlers.is_crawler(user_agent)


def is_link_preview(user_agent: str) -> bool:
    agent = user_agent.lower()
    return any(name in agent for name in LINK_PREVIEW_AGENTS)


def is_prefetch(request: HttpRequest) -> bool:
    """A speculative load (prefetch, prerender, preview) announced by the browser."""
    purpose = " ".join(
        request.headers.get(name, "") for name in ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")
    ).lower()
    return any(word in purpose for word in ("prefetch", "prerender", "preview"))


def daily_salt(day: date) -> bytes:
    """The hash key of ``day`` (UTC): derived, never stored, useless the next day."""
    material = f"dateline.analytics.reader:{day.isoformat()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).digest()


def reader_key(ip: str, user_agent: str, article_id: int, day: date) -> str:
    message = f"{ip}\n{user_agent}\n{article_id}".encode()
    return hmac.new(daily_salt(day), message, hashlib.sha256).hexdigest()[:40]
