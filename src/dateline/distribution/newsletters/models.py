"""Subscribers, issues and deliveries. A :class:`Delivery` row is the source of truth for
"did this subscriber get this issue": it is written before anything is sent."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Bounced (suppressed)")


def new_key() -> str:
    return secrets.token_urlsafe(18)


class Subscriber(models.Model):
    """One address. ``key`` is a random secret that signed links are bound to; changing it
    (on deletion or by an editor) invalidates every link ever sent to the address."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    edition = models.ForeignKey(
        "news.Edition", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    daily_digest = models.BooleanField(_("daily digest"), default=True)
    breaking_alerts = models.BooleanField(_("breaking alerts"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    key = models.CharField(_("key"), max_length=32, default=new_key)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_source = models.CharField(_("consent source"), max_length=200, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        indexes = [models.Index(fields=["edition", "status"], name="subscriber_edition_status")]

    def __str__(self) -> str:
        return self.email


class IssueKind(models.TextChoices):
    DIGEST = "digest", _("Daily digest")
    ALERT = "alert", _("Breaking alert")


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not sent)")
    SENDING = "sending", _("Sending")
    DONE = "done", _("Done")


class NewsletterIssue(models.Model):
    edition = models.ForeignKey(
        "news.Edition", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IssueKind.choices)
    # The edition's local date of a digest; for an alert, the story (one alert per story).
    day = models.DateField(_("day"), null=True, blank=True)
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=200)
    body_text = models.TextField(_("body text"))
    body_html = models.TextField(_("body html"))
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    send_started_at = models.DateTimeField(_("send started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
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
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending (claimed by a worker)")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Suppressed")


class Delivery(models.Model):
    """One issue to one subscriber. Claimed by a worker (``claim``, ``claimed_at``) before
    sending and marked sent right after the SMTP server accepted it."""

    issue = models.ForeignKey(
        NewsletterIssue,
        # Translators: an issue of a newsletter, sent to its subscribers.
        verbose_name=_("issue"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("subscriber"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    claim = models.CharField(
        # Translators: the mark of the worker that took a delivery to send it.
        _("claim"),
        max_length=32,
        blank=True,
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]

    def __str__(self) -> str:
        return gettext("issue %(issue)s → subscriber %(subscriber)s") % {
            "issue": self.issue_id,
            "subscriber": self.subscriber_id,
        }
