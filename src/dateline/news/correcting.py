"""Correcting a published story: the verb, and the one rule for which notes readers see.

A correction, clarification or update is a dated public note at the end of a story. Adding
one is a change readers must be able to notice, so it marks the story as updated
(:func:`dateline.news.publishing.touch`: "Updated" on the page, ``dateModified``, feeds and
caches told through ``article_updated``). Reader error reports that the note resolves are
accepted and linked to it in the same transaction.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.news import publishing
from dateline.news.models import (
    Article,
    Correction,
    CorrectionKind,
    ReaderReport,
    ReportStatus,
)
from dateline.news.models.reports import ReaderReportQuerySet


class CorrectionRefused(ValidationError):
    """The note cannot be added; the message says why."""


def public_corrections(now: datetime | None = None) -> QuerySet[Correction]:
    """Notes readers may see: those on stories that are public now.

    A story unpublished later takes its notes off every public page and feed with it.
    Checked per note against :meth:`ArticleQuerySet.published` by primary key, so a page of
    the newest notes walks the notes' own index and never scans the archive.
    """
    public = Article.objects.published(now).filter(pk=OuterRef("article_id"))
    return Correction.objects.filter(Exists(public))


def resolvable_reports(article: Article) -> ReaderReportQuerySet:
    """The story's reader reports a new note may resolve: not rejected, not yet linked."""
    return (
        ReaderReport.objects.filter(article=article, correction__isnull=True)
        .exclude(status=ReportStatus.REJECTED)
        .order_by("-created_at", "-pk")
    )


def add_correction(
    article: Article,
    *,
    kind: str,
    text: str,
    by=None,
    resolves: Iterable[int] = (),
) -> Correction:
    """Appends a public note to a published story; returns it.

    ``resolves`` names reader reports of this story (by id) that the note answers: they are
    accepted, as handled by ``by``, and linked to the note. Ids of other stories' reports,
    rejected ones or ones already linked are ignored.

    >>> add_correction(story, kind="correction", text="The budget is 12bn, not 21bn.", by=editor)
    """
    text = text.strip()
    if not text:
        raise CorrectionRefused(_("Say what was wrong and what is right now."))
    if kind not in CorrectionKind.values:
        raise CorrectionRefused(
            f"Unknown kind of note {kind!r}; use one of {CorrectionKind.values}."
        )
    with transaction.atomic():
        story = Article.objects.select_for_update().get(pk=article.pk)
        if not story.is_public:
            raise CorrectionRefused(
                _(
                    "Corrections, clarifications and updates are notes on published stories: "
                    "this story is not on the site. Edit the text itself instead."
                )
            )
        correction = Correction.objects.create(
            article=story, kind=kind, text=text, created_by=by, created_at=timezone.now()
        )
        reports = resolvable_reports(story).filter(pk__in=list(resolves))
        reports.filter(status=ReportStatus.NEW).handle(ReportStatus.ACCEPTED, by=by)
        reports.update(correction=correction)
        publishing.touch(story)
    article.updated_at = story.updated_at
    return correction
