"""Subscribers, issues and deliveries. A :class:`Delivery` row is the source of truth for
"did this subscriber get this issue": it is written before anything is sent."""

import secrets

from django.db import models
from django.utils import timezone


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", "Waiting for confirmation"
    CONFIRMED = "confirmed", "Confirmed"
    UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
    BOUNCED = "bounced", "Bounced (suppressed)"


def new_key() -> str:
    return secrets.token_urlsafe(18)


class Subscriber(models.Model):
    """One address. ``key`` is a random secret that signed links are bound to; changing it
    (on deletion or by an editor) invalidates every link ever sent to the address."""

    email = models.EmailField(max_length=254, unique=True)
    edition = models.ForeignKey("news.Edition", on_delete=models.CASCADE, related_name="+")
    daily_digest = models.BooleanField(default=True)
    breaking_alerts = models.BooleanField(default=False)
    status = models.CharField(
        max_length=12, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    key = models.CharField(max_length=32, default=new_key)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    consent_at = models.DateTimeField("consent given", null=True, blank=True)
    consent_source = models.CharField(max_length=200, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["edition", "status"], name="subscriber_edition_status")]

    def __str__(self) -> str:
        return self.email


class IssueKind(models.TextChoices):
    DIGEST = "digest", "Daily digest"
    ALERT = "alert", "Breaking alert"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not sent)"
    SENDING = "sending", "Sending"
    DONE = "done", "Done"


class NewsletterIssue(models.Model):
    edition = models.ForeignKey("news.Edition", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=IssueKind.choices)
    # The edition's local date of a digest; for an alert, the story (one alert per story).
    day = models.DateField(null=True, blank=True)
    article = models.ForeignKey(
        "news.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    send_started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "newsletter issue"
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "day"],
                condition=models.Q(kind="digest"),
                name="one_digest_per_edition_per_day",
            ),
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(kind="alert"),
                name="one_alert_per_story",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending (claimed by a worker)"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SUPPRESSED = "suppressed", "Suppressed"


class Delivery(models.Model):
    """One issue to one subscriber. Claimed by a worker (``claim``, ``claimed_at``) before
    sending and marked sent right after the SMTP server accepted it."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    not_before = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]

    def __str__(self) -> str:
        return f"issue {self.issue_id} → subscriber {self.subscriber_id}"
