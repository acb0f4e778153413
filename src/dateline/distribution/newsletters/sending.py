"""The sending engine: one :class:`Delivery` row per (issue, subscriber) is the truth.

A send goes like this::

    start_sending(issue_id)   # rows for every eligible subscriber, once; enqueues send_issue
    run(issue_id)             # (the task) claim a batch → send over one SMTP connection → mark

**Nothing doubled.** A worker *claims* rows before sending them: an UPDATE that moves them
from ``queued`` to ``sending`` with its own claim token, in one short transaction (PostgreSQL
picks candidates with ``SELECT … FOR UPDATE SKIP LOCKED``; SQLite's IMMEDIATE transactions
serialise claimers). A row another worker claimed is never sent. Each row is marked ``sent``
right after the SMTP server accepted that message, so a worker killed mid-batch leaves at most
one message (the one in flight) accepted but unmarked; it is sent again, with the same
deterministic Message-ID, after its lease (``DATELINE_NEWSLETTER_LEASE_SECONDS``) expires.

**Nothing lost.** Each run first enqueues its own successor, due after the lease: if the
worker dies, the successor reclaims the dead worker's rows; if it does not, the successor
finds nothing to do and the chain ends. Temporary failures (4xx, timeouts, connection
refused) put rows back with a growing ``not_before``; permanent ones (5xx) fail the row and
suppress the subscriber (status ``bounced``).
"""

import contextlib
import logging
import secrets
import smtplib
import time
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone, translation

from dateline.distribution.newsletters.models import (
    Delivery,
    DeliveryStatus,
    IssueKind,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)
from dateline.distribution.newsletters.subscribing import preferences_url, unsubscribe_url
from dateline.distribution.newsletters.wire import EncodedIssue

logger = logging.getLogger(__name__)

# Markers in an issue's rendered bodies, replaced per subscriber at send time.
PREFERENCES_MARK = "%%PREFERENCES_URL%%"
UNSUBSCRIBE_MARK = "%%UNSUBSCRIBE_URL%%"
ROWS_PER_INSERT = 2000


def message_domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >")
    return address or "localhost"


def message_id(issue_id: int, subscriber_id: int) -> str:
    return f"<issue-{issue_id}.sub-{subscriber_id}@{message_domain()}>"


def public_base_url() -> str:
    return settings.DATELINE_PUBLIC_URL or f"https://{settings.ALLOWED_HOSTS[0]}"


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s … capped at the lease."""
    seconds = min(5 * 2 ** max(attempts - 1, 0), settings.DATELINE_NEWSLETTER_LEASE_SECONDS)
    return timedelta(seconds=seconds)


def audience(edition_id: int, kind: str) -> QuerySet[Subscriber]:
    """Confirmed subscribers of the edition on the list of ``kind`` (digest or alert)."""
    wanted = {"daily_digest": True} if kind == IssueKind.DIGEST else {"breaking_alerts": True}
    return Subscriber.objects.filter(
        edition_id=edition_id, status=SubscriberStatus.CONFIRMED, **wanted
    )


def eligible_subscribers(issue: NewsletterIssue) -> QuerySet[Subscriber]:
    return audience(issue.edition_id, issue.kind)


def start_sending(issue_id: int) -> bool:
    """Writes the rows and enqueues the send, once per issue: False when already started."""
    with transaction.atomic():
        started = NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.DRAFT).update(
            status=IssueStatus.SENDING, send_started_at=timezone.now()
        )
        if not started:
            return False
        issue = NewsletterIssue.objects.get(pk=issue_id)
        ids = eligible_subscribers(issue).order_by("pk").values_list("pk", flat=True)
        chunk: list[Delivery] = []
        for subscriber_id in ids.iterator(chunk_size=ROWS_PER_INSERT):
            chunk.append(Delivery(issue_id=issue_id, subscriber_id=subscriber_id))
            if len(chunk) >= ROWS_PER_INSERT:
                Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
                chunk = []
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
        transaction.on_commit(lambda: _enqueue(issue_id))
    return True


def _enqueue(issue_id: int, delay: timedelta | None = None) -> None:
    from dateline.distribution.newsletters.tasks import send_issue

    task = send_issue
    if delay:
        task = send_issue.using(run_after=timezone.now() + delay)
    task.enqueue(issue_id)


def _unfinished(issue_id: int):
    return Delivery.objects.filter(
        issue_id=issue_id, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]
    )


def reclaim_abandoned(issue_id: int) -> int:
    """Rows claimed longer ago than the lease belong to a dead worker: queue them again."""
    expired = timezone.now() - timedelta(seconds=settings.DATELINE_NEWSLETTER_LEASE_SECONDS)
    return Delivery.objects.filter(
        issue_id=issue_id, status=DeliveryStatus.SENDING, claimed_at__lt=expired
    ).update(status=DeliveryStatus.QUEUED, claim="")


def claim(issue_id: int, size: int) -> list[Delivery]:
    """Moves up to ``size`` due rows to ``sending`` under a fresh claim token; returns them."""
    token = secrets.token_hex(12)
    now = timezone.now()
    with transaction.atomic():
        due = (
            Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.QUEUED)
            .filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
            .order_by("pk")
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:size])
        if not ids:
            return []
        # status=queued again in the UPDATE: on PostgreSQL without SKIP LOCKED a row taken
        # meanwhile is re-checked after the lock and left alone.
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
            status=DeliveryStatus.SENDING, claim=token, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(
        Delivery.objects.filter(claim=token, status=DeliveryStatus.SENDING)
        .select_related("subscriber")
        .order_by("pk")
    )


class Pacer:
    """Sleeps just enough to keep to ``rate`` messages per second (0: no limit)."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.started = time.monotonic()
        self.count = 0

    def wait(self) -> None:
        if self.rate <= 0:
            return
        self.count += 1
        ahead = self.count / self.rate - (time.monotonic() - self.started)
        if ahead > 0:
            time.sleep(ahead)


def personalise(body: str, *, preferences: str, unsubscribe: str) -> str:
    """An issue body with one subscriber's links in place of the marks."""
    return body.replace(PREFERENCES_MARK, preferences).replace(UNSUBSCRIBE_MARK, unsubscribe)


def list_id(issue: NewsletterIssue) -> str:
    # The header stays plain ASCII English (no active language): both ways of writing the
    # message (wire.py and build_message) must give the same bytes.
    with translation.override(None):
        name = issue.get_kind_display()
    return f"{name} <{issue.kind}.{issue.edition_id}.{message_domain()}>"


def build_message(issue: NewsletterIssue, subscriber: Subscriber, base_url: str, conn=None):
    """The message through the email package: for other backends than SMTP and for
    addresses that are not plain ASCII. :mod:`wire` writes the same message, faster."""
    prefs, stop = preferences_url(subscriber, base_url), unsubscribe_url(subscriber, base_url)

    def personal(body: str) -> str:
        return personalise(body, preferences=prefs, unsubscribe=stop)

    message = EmailMultiAlternatives(
        subject=issue.subject,
        body=personal(issue.body_text),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        connection=conn,
        headers={
            "Message-ID": message_id(issue.pk, subscriber.pk),
            "List-Unsubscribe": f"<{stop}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": list_id(issue),
        },
    )
    message.attach_alternative(personal(issue.body_html), "text/html")
    return message


def _mark(row: Delivery, status: str, error: str = "", **extra) -> None:
    Delivery.objects.filter(pk=row.pk, claim=row.claim).update(
        status=status, last_error=error[:300], **extra
    )


def _mark_sent(row: Delivery) -> None:
    """``_mark(row, SENT, …)`` once per message, in plain SQL: the ORM's query building cost
    as much as the UPDATE itself. Still one row at a time, so that a killed worker leaves
    at most the message in flight accepted but unmarked."""
    table = connection.ops.quote_name(Delivery._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, last_error = '', claim = '', sent_at = %s "  # noqa: S608 (our table name)
            "WHERE id = %s AND claim = %s",
            [DeliveryStatus.SENT.value, now, row.pk, row.claim],
        )


def _later(rows: Iterable[Delivery], error: str) -> None:
    """Temporary failure: back to the queue with a growing delay, or failed at the limit."""
    now = timezone.now()
    for row in rows:
        if row.attempts >= settings.DATELINE_NEWSLETTER_MAX_ATTEMPTS:
            _mark(row, DeliveryStatus.FAILED, f"Gave up after {row.attempts} attempts: {error}")
        else:
            _mark(
                row, DeliveryStatus.QUEUED, error, claim="", not_before=now + backoff(row.attempts)
            )


def _bounce(row: Delivery, error: str) -> None:
    _mark(row, DeliveryStatus.FAILED, error)
    Subscriber.objects.filter(pk=row.subscriber_id).exclude(
        status=SubscriberStatus.UNSUBSCRIBED
    ).update(status=SubscriberStatus.BOUNCED, last_error=error[:300])


def send_batch(
    issue: NewsletterIssue, rows: list[Delivery], pacer: Pacer, encoded: EncodedIssue | None = None
) -> bool:
    """Sends claimed rows over one connection; False when the server is unreachable (the
    unsent rows are back in the queue). ``encoded``: the issue's :class:`wire.EncodedIssue`,
    made once per run (it is made here when not given)."""
    base_url = public_base_url()
    encoded = encoded or EncodedIssue(issue, base_url=base_url)
    conn = mailers.default  # a fresh backend instance; raises on errors by default
    try:
        conn.open()
    except (OSError, smtplib.SMTPException) as error:
        _later(rows, f"SMTP unavailable: {type(error).__name__}: {error}")
        return False
    # Django's SMTP backend: write our own bytes to its smtplib connection (see wire.py).
    smtp: smtplib.SMTP | None = None
    sender = ""
    if isinstance(conn, SmtpBackend) and conn.connection is not None:
        smtp, sender = conn.connection, conn.prep_address(settings.DEFAULT_FROM_EMAIL)
    try:
        for index, row in enumerate(rows):
            if row.subscriber.status != SubscriberStatus.CONFIRMED:
                _mark(row, DeliveryStatus.SUPPRESSED, f"Subscriber {row.subscriber.status}")
                continue
            pacer.wait()
            try:
                raw = encoded.render(row.subscriber) if smtp is not None else None
                if smtp is not None and raw is not None:
                    smtp.sendmail(sender, [row.subscriber.email], raw)
                else:
                    build_message(issue, row.subscriber, base_url, conn).send()
            except smtplib.SMTPRecipientsRefused as error:
                codes = [code for code, _ in error.recipients.values()]
                if all(400 <= code < 500 for code in codes):
                    _later([row], f"Recipient deferred: {error.recipients}")
                else:
                    _bounce(row, f"Recipient refused: {error.recipients}")
                continue
            except smtplib.SMTPResponseException as error:
                if 500 <= error.smtp_code < 600:
                    _bounce(row, f"{error.smtp_code} {error.smtp_error!r}")
                    continue
                _later(rows[index:], f"{error.smtp_code} {error.smtp_error!r}")
                return False
            except (TimeoutError, OSError, smtplib.SMTPException) as error:
                _later(rows[index:], f"{type(error).__name__}: {error}")
                return False
            _mark_sent(row)
        return True
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            conn.close()


def run(issue_id: int) -> dict[str, int]:
    """One run of the send task: everything due, batch by batch. Safe to run any number of
    times, concurrently or after a crash; returns the issue's status counts."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status != IssueStatus.SENDING:
        return {}
    lease = timedelta(seconds=settings.DATELINE_NEWSLETTER_LEASE_SECONDS)
    if _unfinished(issue_id).exists():
        _enqueue(issue_id, delay=lease)  # the successor: see the module docstring
    reclaim_abandoned(issue_id)
    pacer = Pacer(settings.DATELINE_NEWSLETTER_RATE)
    encoded = EncodedIssue(issue, base_url=public_base_url())
    while rows := claim(issue_id, settings.DATELINE_NEWSLETTER_BATCH):
        if not send_batch(issue, rows, pacer, encoded):
            break
    if not _unfinished(issue_id).exists():
        NewsletterIssue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).update(
            status=IssueStatus.DONE, finished_at=timezone.now()
        )
    return status_counts(issue_id)


def status_counts(issue_id: int) -> dict[str, int]:
    counts = dict.fromkeys(DeliveryStatus.values, 0)
    rows = Delivery.objects.filter(issue_id=issue_id).values("status").annotate(n=Count("pk"))
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
