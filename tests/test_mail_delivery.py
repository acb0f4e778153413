"""Queued mail reaches a real SMTP server once, survives outages, never carries injected headers.

A real SMTP server (aiosmtpd) runs on a free loopback port for each test; the task worker
runs in-process in batch mode, so these tests cover the whole path: the row, the task on
commit, the worker, Django's SMTP backend and the server's answer.
"""

import email
import email.policy
from datetime import timedelta
from email.utils import parseaddr

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dateline.distribution.mail import (
    BACKOFF_BASE_SECONDS,
    MailHeaderError,
    deliver,
    queue_mail,
)
from dateline.distribution.models import MailStatus, OutgoingMail
from tests import factories
from tests.smtp import pending_tasks, run_worker, time_passes_for_the_retry

READER = "reader@example.org"

pytestmark = [pytest.mark.smtp, pytest.mark.django_db(transaction=True)]


def send_one(**fields) -> OutgoingMail:
    with transaction.atomic():
        mail = queue_mail(
            to=fields.pop("to", READER),
            subject=fields.pop("subject", "Confirm your subscription"),
            body_text=fields.pop("body_text", "Follow the link to confirm."),
            body_html=fields.pop("body_html", "<p>Follow the <a href='/c'>link</a>.</p>"),
            **fields,
        )
    return mail


# --- Delivery ----------------------------------------------------------------------------------


def test_queued_mail_is_sent_only_after_the_transaction_commits(smtp_server):
    with transaction.atomic():
        queue_mail(to=READER, subject="Hello", body_text="Hi")
        assert not DBTaskResult.objects.exists()
    assert pending_tasks().count() == 1


def test_queued_mail_is_rolled_back_with_its_transaction(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(to=READER, subject="Hello", body_text="Hi")
        raise RuntimeError("the surrounding work failed")
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert smtp_server.sink.envelopes == []


def test_the_worker_delivers_one_multipart_message_to_one_recipient(smtp_server):
    mail = send_one()
    run_worker()

    assert len(smtp_server.sink.envelopes) == 1
    envelope = smtp_server.sink.envelopes[0]
    assert envelope.rcpt_tos == [READER]
    assert envelope.mail_from == parseaddr(django_settings.DEFAULT_FROM_EMAIL)[1]

    [message] = smtp_server.sink.messages()
    assert message["Subject"] == "Confirm your subscription"
    assert message["To"] == READER
    assert message["Message-ID"] == mail.message_id
    assert message.get_content_type() == "multipart/alternative"
    parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    assert "Follow the link to confirm." in parts["text/plain"]
    assert "<a href='/c'>link</a>" in parts["text/html"]

    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT
    assert mail.attempts == 1
    assert mail.sent_at is not None
    assert mail.last_error == ""


def test_a_text_only_message_is_not_multipart(smtp_server):
    send_one(body_html="")
    run_worker()
    [message] = smtp_server.sink.messages()
    assert message.get_content_type() == "text/plain"


def test_the_message_id_is_unique_per_row(smtp_server):
    first, second = send_one(), send_one()
    run_worker()
    ids = {m["Message-ID"] for m in smtp_server.sink.messages()}
    assert ids == {first.message_id, second.message_id}
    assert len(ids) == 2


def test_delivering_the_same_mail_twice_sends_it_once(smtp_server):
    mail = send_one()
    run_worker()
    assert deliver(mail.pk) == "skipped"
    run_worker()
    assert len(smtp_server.sink.envelopes) == 1
    mail.refresh_from_db()
    assert mail.attempts == 1


def test_delivering_a_mail_that_no_longer_exists_is_skipped(smtp_server):
    assert deliver(987654) == "skipped"
    assert smtp_server.sink.envelopes == []


# --- Outages and refusals ----------------------------------------------------------------------


def test_mail_waits_with_backoff_while_the_server_is_down_and_goes_out_when_it_is_back(
    smtp_server,
):
    smtp_server.stop()
    mail = send_one()
    before = timezone.now()
    run_worker()

    mail.refresh_from_db()
    assert mail.status == MailStatus.QUEUED
    assert mail.attempts == 1
    assert mail.last_error  # e.g. "ConnectionRefusedError: [Errno 111] Connection refused"
    [retry] = pending_tasks()
    assert retry.args_kwargs["args"] == [mail.pk]
    assert retry.run_after >= before + timedelta(seconds=BACKOFF_BASE_SECONDS)

    # The retry is not due yet: another worker pass sends nothing and tries nothing.
    smtp_server.start()
    run_worker()
    mail.refresh_from_db()
    assert mail.attempts == 1
    assert smtp_server.sink.envelopes == []

    time_passes_for_the_retry()
    run_worker()

    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT
    assert mail.attempts == 2
    assert mail.last_error == ""
    assert len(smtp_server.sink.envelopes) == 1
    assert smtp_server.sink.messages()[0]["Message-ID"] == mail.message_id
    assert not pending_tasks().exists()


def test_each_retry_waits_twice_as_long_as_the_one_before(smtp_server):
    smtp_server.stop()
    mail = send_one()
    delays = []
    for _ in range(3):
        started = timezone.now()
        run_worker()
        [retry] = pending_tasks()
        delays.append((retry.run_after - started).total_seconds())
        time_passes_for_the_retry()
    assert [round(d / BACKOFF_BASE_SECONDS) for d in delays] == [1, 2, 4]
    mail.refresh_from_db()
    assert mail.attempts == 3


def test_mail_gives_up_after_the_configured_number_of_attempts(smtp_server, settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    smtp_server.stop()
    mail = send_one()
    run_worker()
    time_passes_for_the_retry()
    run_worker()

    mail.refresh_from_db()
    assert mail.status == MailStatus.FAILED
    assert mail.attempts == 2
    assert "Gave up after 2 attempts" in mail.last_error
    assert not pending_tasks().exists()


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_a_permanent_550_rejection_fails_the_mail_without_retrying(smtp_server, stage):
    setattr(smtp_server.sink, f"{stage}_answer", "550 No such user")
    mail = send_one()
    run_worker()

    mail.refresh_from_db()
    assert mail.status == MailStatus.FAILED
    assert mail.attempts == 1
    assert "550" in mail.last_error
    assert not pending_tasks().exists()
    assert smtp_server.sink.envelopes == []


@pytest.mark.parametrize("stage", ["rcpt", "data"])
def test_a_temporary_451_answer_is_retried_later(smtp_server, stage):
    # Greylisting servers answer 451 at RCPT TO; an overloaded one at the end of DATA.
    setattr(smtp_server.sink, f"{stage}_answer", "451 Try again later")
    mail = send_one()
    run_worker()

    mail.refresh_from_db()
    assert mail.status == MailStatus.QUEUED
    assert mail.attempts == 1
    assert "451" in mail.last_error
    assert pending_tasks().count() == 1

    setattr(smtp_server.sink, f"{stage}_answer", None)
    time_passes_for_the_retry()
    run_worker()
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT
    assert len(smtp_server.sink.envelopes) == 1


# --- Header injection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"subject": "Hello\r\nBcc: x@y"},
        {"subject": "Hello\nBcc: x@y"},
        {"subject": "Hello\rBcc: x@y"},
        {"to": "reader@example.org\r\nBcc: x@y"},
        {"to": "reader@example.org\nBcc: x@y"},
        {"headers": {"List-Unsubscribe": "<https://example.org/u>\r\nBcc: x@y"}},
        {"subject": "Hello\x00"},
    ],
)
def test_a_header_with_a_line_break_is_refused_and_nothing_is_stored(smtp_server, fields):
    with pytest.raises(MailHeaderError), transaction.atomic():
        queue_mail(
            to=fields.get("to", READER),
            subject=fields.get("subject", "Hello"),
            body_text="Hi",
            headers=fields.get("headers"),
        )
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert smtp_server.sink.envelopes == []


@pytest.mark.parametrize(
    "to",
    [
        "a@example.org, b@example.org",
        "a@example.org;b@example.org",
        "Reader <a@example.org>",
        "a@example.org <b@example.org>",
        "not-an-address",
        "",
    ],
)
def test_anything_but_one_bare_address_as_recipient_is_refused(smtp_server, to):
    with pytest.raises(MailHeaderError), transaction.atomic():
        queue_mail(to=to, subject="Hello", body_text="Hi")
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_stored_row_with_an_unsendable_address_fails_instead_of_staying_queued(smtp_server):
    # A row written before addresses were validated: delivery cannot ever succeed, so it
    # must say so rather than sit in "queued" with a crashed task.
    mail = OutgoingMail.objects.create(
        to="a@example.org, b@example.org", subject="Hello", body_text="Hi", message_id="<x@y>"
    )
    assert deliver(mail.pk) == "failed"
    mail.refresh_from_db()
    assert mail.status == MailStatus.FAILED
    assert mail.last_error
    assert smtp_server.sink.envelopes == []


def test_a_line_break_in_the_body_is_just_text(smtp_server):
    send_one(body_text="Line one\r\nBcc: x@y\r\n")
    run_worker()
    [envelope] = smtp_server.sink.envelopes
    assert envelope.rcpt_tos == [READER]
    assert smtp_server.sink.messages()[0]["Bcc"] is None


# --- The local outbox ------------------------------------------------------------------------


@pytest.fixture
def outbox(settings, tmp_path):
    settings.MAILERS = {"default": {"BACKEND": "dateline.lib.outbox.OutboxBackend"}}
    settings.OUTBOX_DIR = tmp_path / "outbox"
    return tmp_path / "outbox"


def test_without_smtp_a_delivered_mail_becomes_one_eml_file_in_the_outbox(outbox):
    mail = send_one(subject="Your subscription")
    run_worker()

    [path] = outbox.glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Your subscription"
    assert message["To"] == READER
    assert message["From"] == django_settings.DEFAULT_FROM_EMAIL
    assert message["Message-ID"] == mail.message_id
    assert {p.get_content_type() for p in message.iter_parts()} == {"text/plain", "text/html"}
    assert not list(outbox.glob("*.part"))
    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT


def test_the_newsroom_lists_the_outbox_and_opens_a_message(outbox, client):
    send_one(subject="Your subscription", body_text="Follow the link to confirm.")
    run_worker()
    [path] = outbox.glob("*.eml")
    client.force_login(factories.editor())

    listing = client.get("/newsroom/outbox/")
    assert listing.status_code == 200
    assert "Your subscription" in listing.text
    assert f"/newsroom/outbox/{path.name}/" in listing.text

    opened = client.get(f"/newsroom/outbox/{path.name}/")
    assert opened.status_code == 200
    assert "Your subscription" in opened.text
    assert "Follow the link to confirm." in opened.text
    assert READER in opened.text


def test_the_outbox_is_for_the_newsroom_only(outbox, client):
    send_one()
    run_worker()
    [path] = outbox.glob("*.eml")
    for url in ("/newsroom/outbox/", f"/newsroom/outbox/{path.name}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/newsroom/login/")


@pytest.mark.parametrize(
    "name",
    [
        "../private.eml",
        "..%2Fprivate.eml",
        "..%2F..%2Foutbox%2F..%2Fprivate.eml",
        "..%5Cprivate.eml",
        "..",
        "missing.eml",
        "private",
    ],
)
def test_an_outbox_name_outside_the_folder_is_not_found(outbox, client, name):
    outbox.mkdir(parents=True, exist_ok=True)
    # A message next to the outbox folder: reachable only by escaping it.
    (outbox.parent / "private.eml").write_bytes(b"Subject: private\r\n\r\nsecret\r\n")
    (outbox / "private").write_bytes(b"Subject: private\r\n\r\nsecret\r\n")
    client.force_login(factories.editor())

    response = client.get(f"/newsroom/outbox/{name}/")
    assert response.status_code == 404
    assert b"secret" not in response.content
