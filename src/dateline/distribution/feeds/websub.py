"""WebSub publishing: when a story is published, updated or unpublished, tell the hub.

The receivers below are connected in ``DistributionConfig.ready`` to the domain signals
(sent after commit, with ``article_id``); each enqueues :func:`tasks.ping_websub_hub`.
The task names every feed that shows (or showed) the story — the site's when it is in the
default edition, its edition's, section's, authors' and tags', and its edition's corrections
feed when the story has notes — in all three formats, and
pings the hub once per feed. Topics the hub could not take are retried with backoff
(30 s, 60 s … 1 h) up to ``DATELINE_WEBSUB_MAX_ATTEMPTS`` times.

Topic URLs must be the ones subscribers know, so they are built from
``DATELINE_PUBLIC_URL``; without it no ping is sent (system check ``dateline.feeds.W001``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dateline.distribution.feeds.addresses import FORMATS, feed_path, public_origin
from dateline.distribution.feeds.corrections import corrections_feed_path
from dateline.distribution.feeds.hubs import HubRefused, HubUnavailable, current_hub
from dateline.distribution.mail import backoff_seconds
from dateline.lib import public_url
from dateline.news.models import Article
from dateline.news.signals import article_published, article_unpublished, article_updated

logger = logging.getLogger(__name__)


def topics_for(article: Article, origin: str) -> list[str]:
    """Every feed URL that lists ``article`` (or did, before it was unpublished)."""
    code = article.edition.code
    listings: list[tuple[str, dict[str, str]]] = []
    if article.edition.is_default:
        listings.append(("site", {}))
    listings.append(("edition", {"edition": code}))
    listings.append(("section", {"edition": code, "section": article.section.slug}))
    listings += [("author", {"edition": code, "slug": a.slug}) for a in article.authors.all()]
    listings += [("tag", {"edition": code, "slug": t.slug}) for t in article.tags.all()]
    paths = [feed_path(kind, fmt, **kwargs) for kind, kwargs in listings for fmt in FORMATS]
    if article.corrections.exists():  # a new note, or notes leaving with an unpublished story
        paths += [corrections_feed_path(article.edition, fmt) for fmt in FORMATS]
    # A feed's topic is the address it names itself by: an edition's on its own domain.
    return [public_url.from_base(origin, path) for path in paths]


def ping(article_id: int, *, attempt: int = 1, topics: list[str] | None = None) -> str:
    """Notifies the hub; returns what happened (for the task result and the logs)."""
    hub = current_hub()
    if hub is None:
        return "off"
    if topics is None:
        article = (
            Article.objects.select_related("edition", "section")
            .prefetch_related("authors", "tags")
            .filter(pk=article_id)
            .first()
        )
        if article is None:
            return "skipped"
        origin = public_origin()
        if not origin:
            logger.warning(
                "WebSub ping for article %s skipped: set DATELINE_PUBLIC_URL", article_id
            )
            return "no public URL"
        topics = topics_for(article, origin)
    failed: list[str] = []
    reason = ""
    for position, topic in enumerate(topics):
        try:
            hub.publish(topic)
        except HubRefused as error:
            logger.warning("WebSub hub refused %s: %s", topic, error)
        except HubUnavailable as error:
            # A hub that fails once is most likely down: keep the rest for the retry too.
            failed = topics[position:]
            reason = str(error)
            break
    if not failed:
        return "pinged"
    if attempt >= settings.DATELINE_WEBSUB_MAX_ATTEMPTS:
        logger.warning(
            "WebSub: gave up on %d topic(s) of article %s after %d attempts: %s",
            len(failed),
            article_id,
            attempt,
            reason,
        )
        return "gave up"
    delay = backoff_seconds(attempt)
    logger.info(
        "WebSub hub unavailable (%s); retrying article %s in %s s", reason, article_id, delay
    )
    from dateline.distribution.feeds.tasks import ping_websub_hub

    ping_websub_hub.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        article_id, attempt + 1, failed
    )
    return "retrying"


def story_changed(sender, article_id: int, **kwargs) -> None:
    """Receiver for the domain signals: queue a ping when WebSub is on."""
    if not settings.DATELINE_WEBSUB_HUB:
        return
    from dateline.distribution.feeds.tasks import ping_websub_hub

    ping_websub_hub.enqueue(article_id)


def connect_receivers() -> None:
    for signal in (article_published, article_updated, article_unpublished):
        signal.connect(story_changed, dispatch_uid=f"feeds.websub.{id(signal)}")
