"""Outgoing mail: a row per message is the source of truth, so nothing is lost in a crash."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingMail(models.Model):
    """One message to one recipient. Written before sending; sent by a task."""

    to = models.EmailField(
        # Translators: the recipient of an e-mail.
        pgettext_lazy("e-mail", "to"),
        max_length=254,
    )
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=200)
    body_text = models.TextField(_("body text"))
    body_html = models.TextField(_("body html"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    message_id = models.CharField(_("message id"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


# --- Recommend news to friend ---------------------------------------------------------------


class Outcome(models.TextChoices):
    """What became of one submission of the "Recommend news to friend" form."""

    QUEUED = "queued", _("Queued")
    SUPPRESSED = "suppressed", _("Suppressed (recipient stopped recommendations)")
    RATE_LIMITED = "rate-limited", _("Rate-limited")
    DAILY_CAP = "daily-cap", _("Daily cap reached")
    REJECTED_TOKEN = "rejected-token", _("Rejected form token")
    # Translators: a hidden form field that only spam robots fill in
    HONEYPOT = "honeypot", _("Honeypot filled")
    INVALID = "invalid", _("Invalid input")


class RecommendationAttempt(models.Model):
    """The audit log: one row per submission. Personal data, so it is purged after
    ``DATELINE_RECOMMEND_LOG_DAYS`` days; the IP address is stored only as a keyed hash."""

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_hash = models.CharField(_("hashed sender IP"), max_length=64)
    sender = models.EmailField(_("sender's address"), max_length=254, blank=True)
    recipient = models.EmailField(_("recipient's address"), max_length=254, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    mail = models.ForeignKey(
        OutgoingMail,
        # Translators: the e-mail message a recommendation was sent as.
        verbose_name=_("mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("recommendation (audit log)")
        verbose_name_plural = _("recommendations (audit log)")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.outcome}"


class SuppressedRecipient(models.Model):
    """An address that asked for no more recommendations, kept only as a keyed hash
    (:func:`dateline.limits.throttle.fingerprint` of the normalised address)."""

    address_hash = models.CharField(_("address hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suppressed recipient")
        verbose_name_plural = _("suppression list")

    def __str__(self) -> str:
        # Translators: an entry of the suppression list: the start of a hashed address and a date
        return gettext("%(hash)s… since %(date)s") % {
            "hash": self.address_hash[:12],
            "date": f"{self.created_at:%Y-%m-%d}",
        }


# Newsletters live in their own package; imported here so Django finds the models.
from dateline.distribution.newsletters.models import Delivery, NewsletterIssue, Subscriber  # noqa: E402, F401
