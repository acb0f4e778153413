"""The only code that changes an article's publication state.

Every verb validates, changes state inside one transaction, and announces the change
with a domain signal once the transaction has committed. Views, the newsroom, tasks and
the scheduler all call these functions; nothing else writes ``status``.

Publishing a scheduled story is idempotent and race-free: two schedulers (the worker
and a reader's request) may both notice a due story, but only the one whose
conditional ``UPDATE`` changes the row sends ``article_published``.
"""

import logging
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dateline.news.models import Article, Status
from dateline.news.signals import article_published, article_unpublished, article_updated

logger = logging.getLogger(__name__)

# Changes to these fields on a live story are what readers see as an update.
READER_VISIBLE_FIELDS = ("headline", "lead", "body")


class PublishingError(ValidationError):
    """A verb cannot be applied in the article's current state."""


def _announce(signal, article_id: int) -> None:
    transaction.on_commit(lambda: signal.send(sender=Article, article_id=article_id))


def _require_publishable(article: Article) -> None:
    if not article.pk:
        raise PublishingError("Save the story before publishing it.")
    if not article.headline.strip():
        raise PublishingError("A story needs a headline before it can be published.")


def publish(article: Article, *, at: datetime | None = None) -> Article:
    """Publishes now, or schedules when ``at`` lies in the future.

    Republishing a live story keeps its original publication time.
    """
    _require_publishable(article)
    now = timezone.now()
    if at is not None and at > now:
        return schedule(article, at=at)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.is_public and article.status == Status.PUBLISHED:
            return article
        article.status = Status.PUBLISHED
        if article.published_at is None or article.published_at > now or at is not None:
            article.published_at = at or now
        article.save(update_fields=["status", "published_at"])
        _announce(article_published, article.pk)
    logger.info("Published article %s", article.pk)
    return article


def schedule(article: Article, *, at: datetime) -> Article:
    """Makes the story go live at ``at`` without anyone pressing a button."""
    _require_publishable(article)
    if at <= timezone.now():
        raise PublishingError("The scheduled time has already passed; publish the story instead.")
    from dateline.news.tasks import publish_scheduled_article

    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        article.status = Status.SCHEDULED
        article.published_at = at
        article.save(update_fields=["status", "published_at"])
        article_id = article.pk
        transaction.on_commit(
            lambda: publish_scheduled_article.using(run_after=at).enqueue(article_id)
        )
    logger.info("Scheduled article %s for %s", article.pk, at.isoformat())
    return article


def unpublish(article: Article) -> Article:
    """Takes a story off the site; its URL answers 404 until it is published again."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.status in (Status.DRAFT, Status.UNPUBLISHED):
            return article
        was_public = article.is_public
        article.status = Status.UNPUBLISHED
        article.save(update_fields=["status"])
        if was_public:
            _announce(article_unpublished, article.pk)
    logger.info("Unpublished article %s", article.pk)
    return article


def record_edit(article: Article, changed_fields: set[str]) -> None:
    """Called after an editor saved ``article``: a live story that changed is “Updated”."""
    if not article.is_public or not changed_fields.intersection(READER_VISIBLE_FIELDS):
        return
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(updated_at=now)
    article.updated_at = now
    _announce(article_updated, article.pk)


def touch(article: Article) -> None:
    """Marks a live story as updated without a text change (a correction note was added):
    readers see “Updated”, ``dateModified`` moves, feeds and caches hear about it."""
    if not article.is_public:
        return
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(updated_at=now)
    article.updated_at = now
    _announce(article_updated, article.pk)


def publish_due(now: datetime | None = None) -> list[int]:
    """Flips every due scheduled story to published; returns the ids this call published."""
    moment = now or timezone.now()
    published: list[int] = []
    for article_id in Article.objects.due(moment).values_list("pk", flat=True)[:200]:
        with transaction.atomic():
            changed = Article.objects.filter(
                pk=article_id, status=Status.SCHEDULED, published_at__lte=moment
            ).update(status=Status.PUBLISHED)
            if changed:
                published.append(article_id)
                _announce(article_published, article_id)
    if published:
        logger.info("Published %d scheduled article(s): %s", len(published), published)
    return published
