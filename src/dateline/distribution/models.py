"""Outgoing mail: a row per message is the source of truth, so nothing is lost in a crash."""

from django.db import models
from django.utils import timezone


class MailStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutgoingMail(models.Model):
    """One message to one recipient. Written before sending; sent by a task."""

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=200)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outgoing e-mail"
        verbose_name_plural = "outgoing e-mail"

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


# --- Recommend news to friend ---------------------------------------------------------------


class Outcome(models.TextChoices):
    """What became of one submission of the "Recommend news to friend" form."""

    QUEUED = "queued", "Queued"
    SUPPRESSED = "suppressed", "Suppressed (recipient stopped recommendations)"
    RATE_LIMITED = "rate-limited", "Rate-limited"
    DAILY_CAP = "daily-cap", "Daily cap reached"
    REJECTED_TOKEN = "rejected-token", "Rejected form token"
    HONEYPOT = "honeypot", "Honeypot filled"
    INVALID = "invalid", "Invalid input"


class RecommendationAttempt(models.Model):
    """The audit log: one row per submission. Personal data, so it is purged after
    ``DATELINE_RECOMMEND_LOG_DAYS`` days; the IP address is stored only as a keyed hash."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    article = models.ForeignKey(
        "news.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip_hash = models.CharField("hashed sender IP", max_length=64)
    sender = models.EmailField("sender's address", max_length=254, blank=True)
    recipient = models.EmailField("recipient's address", max_length=254, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    detail = models.CharField(max_length=200, blank=True)
    mail = models.ForeignKey(
        OutgoingMail, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "recommendation (audit log)"
        verbose_name_plural = "recommendations (audit log)"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.outcome}"


class SuppressedRecipient(models.Model):
    """An address that asked for no more recommendations, kept only as a keyed hash
    (:func:`dateline.limits.throttle.fingerprint` of the normalised address)."""

    address_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "suppressed recipient"
        verbose_name_plural = "suppression list"

    def __str__(self) -> str:
        return f"{self.address_hash[:12]}… since {self.created_at:%Y-%m-%d}"


# Newsletters live in their own package; imported here so Django finds the models.
from dateline.distribution.newsletters.models import Delivery, NewsletterIssue, Subscriber  # noqa: E402, F401
