"""Reader error reports: a reader marks text in a story and tells the newsroom it is wrong.

A report is editorial material about one article; corrections build on the accepted ones.
It keeps no raw IP address, only :func:`dateline.limits.throttle.fingerprint` of it, so
repeated reports from one reader can be recognised without storing who they are.

Handling a report is one verb, :meth:`ReaderReportQuerySet.handle`, used by every newsroom
screen, so the status and the "handled by / at" fields always change together.
"""

import unicodedata
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dateline.news.models.articles import Article

QUOTE_MAX_LENGTH = 1000
COMMENT_MAX_LENGTH = 1000

# Line breaks and tabs occur in any selection that spans paragraphs; every other control
# character (NUL, escape, backspace, …) is something no reader types and no database wants.
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def validate_no_control_characters(value: str) -> None:
    """Rejects control characters other than tab and line breaks.

    >>> validate_no_control_characters("line one\\nline two")  # fine
    >>> validate_no_control_characters("bell\\x07")
    Traceback (most recent call last):
    django.core.exceptions.ValidationError: ...
    """
    for char in value:
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc":
            raise ValidationError(
                gettext("Remove the control character (U+%(code)04X) from the text."),
                code="control_character",
                params={"code": ord(char)},
            )


class ReportStatus(models.TextChoices):
    # Translators: statuses of a reader's error report.
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ReaderReportQuerySet(models.QuerySet["ReaderReport"]):
    def new(self) -> "ReaderReportQuerySet":
        return self.filter(status=ReportStatus.NEW)

    def accepted(self) -> "ReaderReportQuerySet":
        return self.filter(status=ReportStatus.ACCEPTED)

    def handle(self, status: str, *, by, now: datetime | None = None) -> int:
        """Sets ``status`` on every report in the queryset, recording who did it and when;
        returns how many reports changed. Setting ``new`` again clears the record.

        >>> ReaderReport.objects.filter(pk__in=ids).handle(ReportStatus.ACCEPTED, by=editor)
        2
        """
        if status not in ReportStatus.values:
            raise ValueError(f"Unknown report status {status!r}; use one of {ReportStatus.values}")
        if status == ReportStatus.NEW:
            return self.exclude(status=status).update(
                status=status, handled_by=None, handled_at=None
            )
        return self.exclude(status=status).update(
            status=status, handled_by=by, handled_at=now or timezone.now()
        )


class ReaderReport(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="reader_reports"
    )
    quoted_text = models.TextField(
        _("quoted text"),
        max_length=QUOTE_MAX_LENGTH,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("The text the reader selected (or typed) as wrong."),
    )
    comment = models.TextField(
        _("comment"),
        max_length=COMMENT_MAX_LENGTH,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("What the reader says is wrong, in their own words."),
    )
    reporter_email = models.EmailField(
        _("reporter's e-mail"),
        blank=True,
        help_text=_("Given by the reader if they want an answer."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True, editable=False)
    correction = models.ForeignKey(
        "news.Correction",
        verbose_name=_("correction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolved_reports",
        help_text=_("The correction that resolved this report, when it was accepted."),
    )
    ip_hash = models.CharField(
        _("hashed IP address"),
        max_length=64,
        editable=False,
        help_text=_("A keyed hash of the reader's IP address; the address itself is not kept."),
    )

    objects = ReaderReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader error report")
        verbose_name_plural = _("reader error reports")
        indexes = [
            # The queue per article, and the newsroom-wide queue of new reports.
            models.Index(fields=["article", "status", "-created_at"], name="report_article_queue"),
            models.Index(fields=["status", "-created_at"], name="report_queue"),
        ]

    def __str__(self) -> str:
        text = self.quoted_text or self.comment
        quoted = f"{text[:60]}{'…' if len(text) > 60 else ''}"
        # Translators: a reader's error report: the text it quotes, on the id of an article.
        return gettext("“%(quoted)s” on %(article)s") % {
            "quoted": quoted,
            "article": self.article_id,
        }

    def clean(self) -> None:
        if not self.quoted_text.strip() and not self.comment.strip():
            raise ValidationError(
                gettext("Quote the wrong text or say in a comment what is wrong.")
            )
