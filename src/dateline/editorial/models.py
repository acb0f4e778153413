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

from dateline.news.models import Article, Edition, Section


class Desk(models.Model):
    """An editor publishes in the editions and sections of their desks.

    A desk with no section covers the whole edition. Chief editors need no desk.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desks"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        Section,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Leave empty for every section of the edition.",
    )

    class Meta:
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
        where = self.section.name if self.section is not None else "all sections"
        return f"{self.user} — {self.edition.name}, {where}"


class Revision(models.Model):
    """The story as it stood after one save. ``snapshot`` holds every field the newsroom edits
    (``headline``, ``lead``, ``body`` and the rest, related objects as ids)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField()
    changed_fields = models.JSONField(default=list, blank=True)
    restored_from = models.PositiveIntegerField(
        null=True, blank=True, help_text="The revision number this one restored."
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_once")
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of “{self.snapshot.get('headline', '')}”"


class Note(models.Model):
    """An internal remark between editors on a story; never shown to readers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "created_at"], name="note_article")]

    def __str__(self) -> str:
        return self.text[:60]


class DraftShare(models.Model):
    """A preview link for a colleague without a login. The link carries ``key`` signed with the
    secret key; it stops working at ``expires_at`` or once revoked."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="shares")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Preview link for “{self.article}”"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class AuditAction(models.TextChoices):
    CREATED = "created", "Created"
    SUBMITTED = "submitted", "Submitted for review"
    RETURNED = "returned", "Returned to draft"
    PUBLISHED = "published", "Published"
    SCHEDULED = "scheduled", "Scheduled"
    UPDATED = "updated", "Updated while live"
    UNPUBLISHED = "unpublished", "Unpublished"
    DELETED = "deleted", "Deleted"
    RESTORED = "restored", "Revision restored"
    CORRECTED = "corrected", "Correction added"
    SHARED = "shared", "Preview link created"
    SHARE_REVOKED = "share_revoked", "Preview link revoked"
    FRONT_PAGE = "front_page", "Front page reordered"


class AuditEntry(models.Model):
    """One publishing action. Names are copied so the log survives deleted accounts and stories."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    article_headline = models.CharField(max_length=200, blank=True)
    ip = models.GenericIPAddressField("from address", null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit log"
        indexes = [models.Index(fields=["article", "-at"], name="audit_article")]

    def __str__(self) -> str:
        who = self.username or "system"
        return f"{who} {self.get_action_display().lower()} “{self.article_headline}”"
