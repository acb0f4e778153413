"""The only code that changes an article's publication state.

The life of a story::

    draft ─submit─▶ in review ─publish─▶ published ─edit─▶ updated ─unpublish─▶ unpublished
      ▲                │   └─schedule─▶ scheduled ─(time comes)─▶ published
      └─────return─────┘

Every verb validates, changes state inside one transaction, writes the audit log in that same
transaction (who, what, when, from where: ``user`` and ``request`` are optional, and an entry
without a user is the scheduler or another system action), and announces the change with a
domain signal once the transaction has committed. Views, the newsroom, tasks and the scheduler
all call these functions; nothing else writes ``status``. Who may call which verb is the
newsroom's business (``newsroom.roles``); the verbs enforce what holds for everyone, such as
the embargo.

Publishing a scheduled story is idempotent and race-free: two schedulers (the worker
and a reader's request) may both notice a due story, but only the one whose
conditional ``UPDATE`` changes the row sends ``article_published``.
"""

import logging
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dateline.editorial.audit import record
from dateline.editorial.models import AuditAction
from dateline.news.models import Article, Status
from dateline.news.signals import (
    article_published,
    article_scheduled,
    article_unpublished,
    article_updated,
)

logger = logging.getLogger(__name__)

# Changes to these fields on a live story are what readers see as an update.
READER_VISIBLE_FIELDS = ("headline", "lead", "body")


class PublishingError(ValidationError):
    """A verb cannot be applied in the article's current state."""


def _announce(signal, article_id: int, **extra: Any) -> None:
    transaction.on_commit(lambda: signal.send(sender=Article, article_id=article_id, **extra))


def _require_publishable(article: Article) -> None:
    if not article.pk:
        raise PublishingError(_("Save the story before publishing it."))
    if not article.headline.strip():
        raise PublishingError(_("A story needs a headline before it can be published."))


def _status_in_sentence(status: str) -> str:
    """The story's state as it ends the sentence “… this story is <state>.”"""
    phrases: dict[str, str] = {
        Status.DRAFT: pgettext("this story is …", "draft"),
        Status.IN_REVIEW: pgettext("this story is …", "in review"),
        Status.SCHEDULED: pgettext("this story is …", "scheduled"),
        Status.PUBLISHED: pgettext("this story is …", "published"),
        Status.UNPUBLISHED: pgettext("this story is …", "unpublished"),
    }
    return phrases.get(status, status)


def local_time(article: Article, moment: datetime) -> str:
    """``05 March 2014 14:00 (Asia/Baku)``: a time as the story's edition reads it."""
    zone = article.edition.zone
    return f"{format_date(timezone.localtime(moment, zone), 'd E Y H:i')} ({zone})"


def embargo_problem(article: Article, at: datetime) -> str | None:
    """Why the story may not appear at ``at``, or ``None`` when its embargo allows it."""
    if article.embargo_until is None or at >= article.embargo_until:
        return None
    until = local_time(article, article.embargo_until)
    return _(
        "This story is embargoed until %(until)s. Schedule it for that time or later, "
        "or clear the embargo if it has been lifted."
    ) % {"until": until}


def _check_embargo(article: Article, at: datetime) -> None:
    problem = embargo_problem(article, at)
    if problem:
        raise PublishingError(problem)


def _lock(article: Article) -> Article:
    # Only the story's row is locked: the edition (read for its time zone) stays free for
    # everyone else publishing in it.
    return (
        Article.objects.select_for_update(of=("self",)).select_related("edition").get(pk=article.pk)
    )


def publish(
    article: Article,
    *,
    at: datetime | None = None,
    user=None,
    request: HttpRequest | None = None,
) -> Article:
    """Publishes now, or schedules when ``at`` lies in the future.

    Republishing a live story keeps its original publication time. A story under embargo is
    refused, and so is a publication time (even a past one) before the embargo.
    """
    _require_publishable(article)
    now = timezone.now()
    if at is not None and at > now:
        return schedule(article, at=at, user=user, request=request)
    with transaction.atomic():
        article = _lock(article)
        if article.is_public and article.status == Status.PUBLISHED:
            return article
        _check_embargo(article, at or now)
        previous = article.status
        article.status = Status.PUBLISHED
        if article.published_at is None or article.published_at > now or at is not None:
            article.published_at = at or now
        article.save(update_fields=["status", "published_at"])
        record(
            AuditAction.PUBLISHED,
            article=article,
            user=user,
            request=request,
            previous=previous,
            published_at=article.published_at.isoformat(),
        )
        _announce(article_published, article.pk)
    logger.info("Published article %s", article.pk)
    return article


def schedule(
    article: Article, *, at: datetime, user=None, request: HttpRequest | None = None
) -> Article:
    """Makes the story go live at ``at`` without anyone pressing a button."""
    _require_publishable(article)
    if at <= timezone.now():
        raise PublishingError(
            _("The scheduled time has already passed; publish the story instead.")
        )
    from dateline.news.tasks import publish_scheduled_article

    with transaction.atomic():
        article = _lock(article)
        if article.is_public:
            raise PublishingError(
                _("This story is already on the site; unpublish it before scheduling it again.")
            )
        _check_embargo(article, at)
        previous = article.status
        article.status = Status.SCHEDULED
        article.published_at = at
        article.save(update_fields=["status", "published_at"])
        record(
            AuditAction.SCHEDULED,
            article=article,
            user=user,
            request=request,
            previous=previous,
            published_at=at.isoformat(),
        )
        article_id = article.pk
        transaction.on_commit(
            lambda: publish_scheduled_article.using(run_after=at).enqueue(article_id)
        )
        _announce(article_scheduled, article_id)
    logger.info("Scheduled article %s for %s", article.pk, at.isoformat())
    return article


def unpublish(article: Article, *, user=None, request: HttpRequest | None = None) -> Article:
    """Takes a story off the site; its URL answers 404 until it is published again.

    A scheduled story that has not appeared yet is taken off the schedule the same way.
    """
    with transaction.atomic():
        article = _lock(article)
        if article.status in (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED):
            return article
        was_public = article.is_public
        previous = article.status
        article.status = Status.UNPUBLISHED
        article.save(update_fields=["status"])
        record(
            AuditAction.UNPUBLISHED, article=article, user=user, request=request, previous=previous
        )
        if was_public:
            _announce(article_unpublished, article.pk)
    logger.info("Unpublished article %s", article.pk)
    return article


def submit_for_review(
    article: Article, *, user=None, request: HttpRequest | None = None
) -> Article:
    """A draft goes to the editors of its desk; its writer can no longer change it."""
    _require_publishable(article)
    with transaction.atomic():
        article = _lock(article)
        if article.status == Status.IN_REVIEW:
            return article
        if article.status != Status.DRAFT:
            raise PublishingError(
                _("Only a draft can be submitted for review; this story is %(state)s.")
                % {"state": _status_in_sentence(article.status)}
            )
        article.status = Status.IN_REVIEW
        article.save(update_fields=["status"])
        record(AuditAction.SUBMITTED, article=article, user=user, request=request)
    logger.info("Article %s submitted for review", article.pk)
    return article


def return_to_draft(
    article: Article, *, reason: str, user=None, request: HttpRequest | None = None
) -> Article:
    """Sends a story in review back to its writer. ``reason`` is required: it is kept in the
    audit log and left on the story as an internal note, where the writer reads it."""
    from dateline.editorial.models import Note

    reason = reason.strip()
    if not reason:
        raise PublishingError(_("Say what the story needs before returning it to the reporter."))
    with transaction.atomic():
        article = _lock(article)
        if article.status != Status.IN_REVIEW:
            raise PublishingError(
                _("Only a story in review can be returned; this story is %(state)s.")
                % {"state": _status_in_sentence(article.status)}
            )
        article.status = Status.DRAFT
        article.save(update_fields=["status"])
        author = user if user is not None else getattr(request, "user", None)
        Note.objects.create(
            article=article,
            author=author if getattr(author, "is_authenticated", False) else None,
            # Translators: an internal note left on a story sent back to its writer.
            text=_("Returned to the reporter: %(reason)s") % {"reason": reason},
        )
        record(AuditAction.RETURNED, article=article, user=user, request=request, reason=reason)
    logger.info("Article %s returned to draft", article.pk)
    return article


def record_creation(article: Article, *, user=None, request: HttpRequest | None = None) -> None:
    """Called once a new story has been saved: the audit log's first line about it."""
    record(AuditAction.CREATED, article=article, user=user, request=request)


def record_deletion(article: Article, *, user=None, request: HttpRequest | None = None) -> None:
    """Called just before a story is deleted; the entry keeps its headline afterwards."""
    if article.is_public:  # its pages must go with it
        _announce(article_unpublished, article.pk)
    record(
        AuditAction.DELETED,
        article=article,
        user=user,
        request=request,
        status=article.status,
        article_id=article.pk,
    )


def record_edit(
    article: Article,
    changed_fields: set[str],
    *,
    user=None,
    request: HttpRequest | None = None,
) -> None:
    """Called after an editor saved ``article``: a live story whose text changed is
    “Updated”; any change to a live story is announced (its pages must show it)."""
    if not article.is_public or not changed_fields:
        return
    with transaction.atomic():
        if changed_fields.intersection(READER_VISIBLE_FIELDS):
            now = timezone.now()
            Article.objects.filter(pk=article.pk).update(updated_at=now)
            article.updated_at = now
            record(
                AuditAction.UPDATED,
                article=article,
                user=user,
                request=request,
                fields=sorted(changed_fields.intersection(READER_VISIBLE_FIELDS)),
            )
        _announce(article_updated, article.pk, fields=frozenset(changed_fields))


def touch(article: Article) -> None:
    """Marks a live story as updated without a text change (a correction note was added):
    readers see “Updated”, ``dateModified`` moves, feeds and caches hear about it."""
    if not article.is_public:
        return
    now = timezone.now()
    Article.objects.filter(pk=article.pk).update(updated_at=now)
    article.updated_at = now
    _announce(article_updated, article.pk)


def _not_embargoed(moment: datetime) -> Q:
    return Q(embargo_until__isnull=True) | Q(embargo_until__lte=moment)


def publish_due(now: datetime | None = None) -> list[int]:
    """Flips every due scheduled story to published; returns the ids this call published.

    A story whose embargo was moved past its scheduled time stays scheduled until both
    times have passed. Each flip is logged as the system's doing.
    """
    moment = now or timezone.now()
    published: list[int] = []
    due = Article.objects.due(moment).filter(_not_embargoed(moment))
    for article_id in due.values_list("pk", flat=True)[:200]:
        with transaction.atomic():
            changed = (
                Article.objects.filter(
                    pk=article_id, status=Status.SCHEDULED, published_at__lte=moment
                )
                .filter(_not_embargoed(moment))
                .update(status=Status.PUBLISHED)
            )
            if changed:
                published.append(article_id)
                story = Article.objects.only("pk", "headline", "published_at").get(pk=article_id)
                detail: dict[str, Any] = {"previous": Status.SCHEDULED, "scheduled": True}
                if story.published_at:
                    detail["published_at"] = story.published_at.isoformat()
                record(AuditAction.PUBLISHED, article=story, **detail)
                _announce(article_published, article_id)
    if published:
        logger.info("Published %d scheduled article(s): %s", len(published), published)
    return published
