"""The sending engine against a real SMTP server: everyone gets exactly one, a second run
sends nothing, two workers never send the same row, an SMTP outage only delays the send,
and a permanent refusal suppresses the address."""

import threading
from unittest import mock

import pytest

from dateline.distribution.newsletters import sending
from dateline.distribution.newsletters.composing import compose_alert
from dateline.distribution.newsletters.models import (
    Delivery,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)
from tests import factories
from tests.newsletter_helpers import confirmed_subscribers
from tests.smtp import run_worker, time_passes_for_the_retry
from tests.threads import closing_connection, in_own_thread

pytestmark = [pytest.mark.smtp, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fast_sending(settings):
    settings.DATELINE_NEWSLETTER_RATE = 0
    settings.DATELINE_NEWSLETTER_BATCH = 25
    settings.DATELINE_NEWSLETTER_LEASE_SECONDS = 60
    settings.DATELINE_PUBLIC_URL = "https://news.example"


@pytest.fixture
def alert(db):
    story = factories.article(sec=factories.section(factories.edition("en")), is_breaking=True)
    return compose_alert(story, base_url="https://news.example")


def message_ids(server) -> list[str]:
    return [m["Message-ID"] for m in server.sink.messages()]


def test_two_hundred_subscribers_each_get_exactly_one(alert, smtp_server):
    subscribers = confirmed_subscribers(200, alert.edition)
    Subscriber.objects.create(
        email="no-alerts@example.org",
        edition=alert.edition,
        status=SubscriberStatus.CONFIRMED,
        breaking_alerts=False,
    )
    Subscriber.objects.create(
        email="pending@example.org", edition=alert.edition, breaking_alerts=True
    )
    assert sending.start_sending(alert.pk)
    run_worker()
    messages = smtp_server.sink.messages()
    assert sorted(m["To"] for m in messages) == sorted(s.email for s in subscribers)
    assert len(set(message_ids(smtp_server))) == 200
    first = messages[0]
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert first["List-Unsubscribe"].startswith("<https://news.example/newsletters/unsubscribe/")
    assert first["Message-ID"].startswith(f"<issue-{alert.pk}.sub-")
    text = first.get_body(("plain",)).get_content()
    assert "/newsletters/preferences/" in text and "%%" not in text
    assert NewsletterIssue.objects.get(pk=alert.pk).status == IssueStatus.DONE
    assert sending.status_counts(alert.pk)["sent"] == 200


def test_running_the_send_again_sends_nothing(alert, smtp_server):
    confirmed_subscribers(20, alert.edition)
    sending.start_sending(alert.pk)
    run_worker()
    assert not sending.start_sending(alert.pk)
    sending.run(alert.pk)
    time_passes_for_the_retry()
    run_worker()
    assert len(smtp_server.sink.envelopes) == 20


def test_two_workers_in_parallel_send_each_row_once(smtp_server, database_like_production):
    def prepare() -> int:
        story = factories.article(sec=factories.section(factories.edition("en")))
        issue = compose_alert(story, base_url="https://news.example")
        confirmed_subscribers(200, issue.edition)
        NewsletterIssue.objects.filter(pk=issue.pk).update(status=IssueStatus.DRAFT)
        # Rows written, the send task left for the two workers below to race on.
        with mock.patch.object(sending, "_enqueue"):
            sending.start_sending(issue.pk)
        return issue.pk

    issue_id = in_own_thread(prepare)
    barrier = threading.Barrier(2)

    def worker():
        barrier.wait()
        return sending.run(issue_id)

    threads = [threading.Thread(target=closing_connection, args=(worker,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = message_ids(smtp_server)
    assert len(ids) == len(set(ids)) == 200


def test_with_smtp_down_the_send_waits_and_resumes(alert, smtp_server):
    confirmed_subscribers(30, alert.edition)
    smtp_server.stop()
    sending.start_sending(alert.pk)
    run_worker()
    assert sending.status_counts(alert.pk)["queued"] == 30
    assert Delivery.objects.filter(attempts=1, not_before__isnull=False).count() == 25  # a batch
    smtp_server.start()
    Delivery.objects.update(not_before=None)
    time_passes_for_the_retry()
    run_worker()
    assert len(smtp_server.sink.envelopes) == 30
    assert sending.status_counts(alert.pk)["sent"] == 30


def test_a_permanent_refusal_suppresses_the_address(alert, smtp_server):
    confirmed_subscribers(3, alert.edition)
    smtp_server.sink.rcpt_answer = "550 5.1.1 No such user"
    sending.start_sending(alert.pk)
    run_worker()
    assert sending.status_counts(alert.pk)["failed"] == 3
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"bounced"}
    assert NewsletterIssue.objects.get(pk=alert.pk).status == IssueStatus.DONE


def test_a_temporary_refusal_is_retried(alert, smtp_server):
    confirmed_subscribers(2, alert.edition)
    smtp_server.sink.rcpt_answer = "451 4.7.1 Greylisted"
    sending.start_sending(alert.pk)
    run_worker()
    assert sending.status_counts(alert.pk)["queued"] == 2
    smtp_server.sink.rcpt_answer = None
    Delivery.objects.update(not_before=None)
    time_passes_for_the_retry()
    run_worker()
    assert len(smtp_server.sink.envelopes) == 2


def test_an_unsubscribe_before_the_send_suppresses_the_row(alert, smtp_server):
    ann, bob = confirmed_subscribers(2, alert.edition)
    sending.start_sending(alert.pk)
    Subscriber.objects.filter(pk=bob.pk).update(status=SubscriberStatus.UNSUBSCRIBED)
    run_worker()
    assert [m["To"] for m in smtp_server.sink.messages()] == [ann.email]
    assert sending.status_counts(alert.pk)["suppressed"] == 1
