"""Sending e-mail: queue a row, deliver it from a task, retry temporary failures with backoff.

Every message has one recipient and a deterministic Message-ID derived from its row, so
a retry after a crash is recognisable as the same message. Example::

    queue_mail(to="reader@example.org", subject="Confirm your subscription",
               body_text=text, body_html=html)
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from dateline.distribution.models import MailStatus, OutgoingMail

logger = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600


class MailHeaderError(ValueError):
    """A header value would break the message (CR/LF injection, several addresses in the
    recipient field); rejected before queuing."""


def _check_header(name: str, value: str) -> None:
    if "\r" in value or "\n" in value or "\x00" in value:
        raise MailHeaderError(f"{name} must be a single line.")


def _domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >")
    return address or "localhost"


def queue_mail(
    *, to: str, subject: str, body_text: str, body_html: str = "", headers: dict | None = None
) -> OutgoingMail:
    """Stores the message and sends it once the surrounding transaction commits."""
    _check_header("Recipient", to)
    _check_header("Subject", subject)
    try:
        # One bare address: "a@x, b@y" or "A <a@x>" would be split by the SMTP backend
        # at send time, or fail there and leave the row queued for ever.
        validate_email(to)
    except ValidationError:
        raise MailHeaderError("Recipient must be a single e-mail address.") from None
    for name, value in (headers or {}).items():
        _check_header(name, str(value))
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            to=to,
            subject=subject,
            body_text=body_text,
            body_html=body_html,
            headers=headers or {},
            message_id=f"pending-{timezone.now().timestamp()}-{id(object())}",
        )
        mail.message_id = f"<mail-{mail.pk}@{_domain()}>"
        mail.save(update_fields=["message_id"])
        transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue(mail_id: int, delay_seconds: int = 0) -> None:
    from dateline.distribution.tasks import deliver_mail

    task = deliver_mail
    if delay_seconds:
        task = deliver_mail.using(run_after=timezone.now() + timedelta(seconds=delay_seconds))
    task.enqueue(mail_id)


def backoff_seconds(attempt: int) -> int:
    """30 s, 60 s, 120 s … capped at an hour."""
    return int(min(BACKOFF_BASE_SECONDS * 2 ** max(attempt - 1, 0), BACKOFF_MAX_SECONDS))


def deliver(mail_id: int) -> str:
    """Sends one queued message. Safe to call twice: a sent message is not sent again."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status != MailStatus.QUEUED:
            return "skipped"
        mail.attempts += 1
        mail.save(update_fields=["attempts"])
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers={**mail.headers, "Message-ID": mail.message_id},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as error:
        reason = f"Recipient refused: {error.recipients}"
        # A 4xx at RCPT TO (greylisting, a full mailbox) is temporary: try again later.
        if all(400 <= code < 500 for code, _ in error.recipients.values()):
            return _retry_later(mail, reason)
        return _give_up(mail, reason)
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            return _give_up(mail, f"{error.smtp_code} {error.smtp_error!r}")
        return _retry_later(mail, f"{error.smtp_code} {error.smtp_error!r}")
    except (TimeoutError, OSError, smtplib.SMTPException) as error:
        return _retry_later(mail, f"{type(error).__name__}: {error}")
    except ValueError as error:
        # An address the backend cannot encode (stored before validation existed): no
        # retry can fix it, and leaving it queued would hide it.
        return _give_up(mail, f"Unsendable: {error}")
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _give_up(mail: OutgoingMail, reason: str) -> str:
    logger.warning("Mail %s failed permanently: %s", mail.pk, reason)
    OutgoingMail.objects.filter(pk=mail.pk).update(status=MailStatus.FAILED, last_error=reason)
    return "failed"


def _retry_later(mail: OutgoingMail, reason: str) -> str:
    if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
        return _give_up(mail, f"Gave up after {mail.attempts} attempts: {reason}")
    delay = backoff_seconds(mail.attempts)
    logger.info("Mail %s will be retried in %s s: %s", mail.pk, delay, reason)
    OutgoingMail.objects.filter(pk=mail.pk).update(last_error=reason)
    _enqueue(mail.pk, delay_seconds=delay)
    return "retrying"
