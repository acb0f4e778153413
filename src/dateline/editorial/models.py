"""Records of the editorial process around an article.

- :class:`Desk`: the editions (or single sections) an editor is responsible for.
- :class:`Revision`: a snapshot of a story at every save, numbered per story.
- :class:`Note`: an internal remark on a story, never shown to readers.
- :class:`DraftShare`: a signed, expiring, revocable preview link for someone without a login.
- :class:`AuditEntry`: who did what to which story, when and from where.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dateline.news.models import Article, Edition, Section


class Desk(models.Model):
    """An editor publishes in the editions and sections of their desks.

    A desk with no section covers the whole edition. Chief editors need no desk.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="desks",
    )
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for every section of the edition."),
    )

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "edition", "section"],
                condition=models.Q(section__isnull=False),
                name="desk_section_once",
            ),
            models.UniqueConstraint(
                fields=["user", "edition"],
                condition=models.Q(section__isnull=True),
                name="desk_edition_once",
            ),
        ]

    def __str__(self) -> str:
        if self.section is not None:
            # Translators: a desk: an editor, an edition and one of its sections.
            return gettext("%(user)s — %(edition)s, %(section)s") % {
                "user": self.user,
                "edition": self.edition.name,
                "section": self.section.name,
            }
        # Translators: a desk covering a whole edition: an editor and an edition.
        return gettext("%(user)s — %(edition)s, all sections") % {
            "user": self.user,
            "edition": self.edition.name,
        }


class Revision(models.Model):
    """The story as it stood after one save. ``snapshot`` holds every field the newsroom edits
    (``headline``, ``lead``, ``body`` and the rest, related objects as ids)."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("snapshot"))
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    restored_from = models.PositiveIntegerField(
        _("restored from"),
        null=True,
        blank=True,
        help_text=_("The revision number this one restored."),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_once")
        ]

    def __str__(self) -> str:
        return gettext("Revision %(number)s of “%(headline)s”") % {
            "number": self.number,
            "headline": self.snapshot.get("headline", ""),
        }


class Note(models.Model):
    """An internal remark between editors on a story; never shown to readers."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        # Translators: a remark between editors on a story, never shown to readers.
        verbose_name = pgettext_lazy("internal remark", "note")
        verbose_name_plural = pgettext_lazy("internal remark", "notes")
        indexes = [models.Index(fields=["article", "created_at"], name="note_article")]

    def __str__(self) -> str:
        return self.text[:60]


class DraftShare(models.Model):
    """A preview link for a colleague without a login. The link carries ``key`` signed with the
    secret key; it stops working at ``expires_at`` or once revoked."""

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="shares"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # Translators: a preview link to an unpublished story, for someone without a login.
        verbose_name = _("draft share")
        verbose_name_plural = _("draft shares")

    def __str__(self) -> str:
        return gettext("Preview link for “%(headline)s”") % {"headline": self.article}

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class AuditAction(models.TextChoices):
    CREATED = "created", _("Created")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned to draft")
    # Translators: an action in the audit log (the story was published), not a story's state.
    PUBLISHED = "published", pgettext_lazy("audit action", "Published")
    # Translators: an action in the audit log (the story was scheduled), not a story's state.
    SCHEDULED = "scheduled", pgettext_lazy("audit action", "Scheduled")
    UPDATED = "updated", _("Updated while live")
    # Translators: an action in the audit log (the story was unpublished), not a story's state.
    UNPUBLISHED = "unpublished", pgettext_lazy("audit action", "Unpublished")
    DELETED = "deleted", _("Deleted")
    RESTORED = "restored", _("Revision restored")
    CORRECTED = "corrected", _("Correction added")
    SHARED = "shared", _("Preview link created")
    SHARE_REVOKED = "share_revoked", _("Preview link revoked")
    FRONT_PAGE = "front_page", _("Front page reordered")


class AuditEntry(models.Model):
    """One publishing action. Names are copied so the log survives deleted accounts and stories."""

    at = models.DateTimeField(
        # Translators: when something happened (a column of the audit and sign-in logs).
        pgettext_lazy("time of an event", "at"),
        default=timezone.now,
        db_index=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    article_headline = models.CharField(_("article headline"), max_length=200, blank=True)
    ip = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["article", "-at"], name="audit_article")]

    def __str__(self) -> str:
        # Translators: an entry of the audit log: "editor published “Budget passes”". The
        # action is the lowercased name of an action (Published, Revision restored …).
        return gettext("%(who)s %(action)s “%(headline)s”") % {
            # Translators: who did an action written to the audit log by no one (the scheduler).
            "who": self.username or gettext("system"),
            "action": self.get_action_display().lower(),
            "headline": self.article_headline,
        }
