"""Corrections, clarifications and updates: dated notes appended to a published story.

A note is public the moment it is saved on a public story: it is shown at the end of the
story, listed on the edition's ``/corrections`` page and feed, and emitted as the JSON-LD
``correction`` property. The edition is stored with the note so that page reads one index.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dateline.news.models.articles import Article
from dateline.news.models.editions import Edition


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")
    # Translators: a kind of note at the end of a story (new facts), not a software update.
    UPDATE = "update", pgettext_lazy("kind of note", "Update")


class Correction(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="corrections"
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="corrections",
        editable=False,
    )
    kind = models.CharField(
        _("kind"), max_length=14, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION
    )
    text = models.TextField(
        _("text"), help_text=_("What was wrong and what is right now, in plain words.")
    )
    created_at = models.DateTimeField(_("dated"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        indexes = [
            models.Index(
                fields=["edition", "-created_at", "-id"], name="correction_edition_latest"
            ),
            models.Index(fields=["article", "created_at"], name="correction_article"),
        ]

    def __str__(self) -> str:
        # Translators: "Correction to “Budget passes”"; kind is Correction, Clarification or Update.
        return gettext("%(kind)s to “%(headline)s”") % {
            "kind": self.get_kind_display(),
            "headline": self.article,
        }

    def save(self, *args, **kwargs) -> None:
        self.edition_id = self.article.edition_id
        super().save(*args, **kwargs)
