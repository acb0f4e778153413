"""The bytes the engine writes for each subscriber (wire.py) are the message the email
package would build: same headers, same decoded bodies, valid quoted-printable, and a
``List-Unsubscribe`` a mail provider can read (``<https://…>``, not an encoded word)."""

import email
import email.policy

import pytest

from dateline.distribution.newsletters.composing import compose_alert
from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
from dateline.distribution.newsletters.sending import build_message, personalise
from dateline.distribution.newsletters.subscribing import preferences_url, unsubscribe_url
from dateline.distribution.newsletters.wire import EncodedIssue
from tests import factories

pytestmark = pytest.mark.django_db

BASE = "https://news.example"
HEADERS = ["Subject", "From", "To", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post",
           "List-Id"]  # fmt: skip


@pytest.fixture
def issue(db):
    sec = factories.section(factories.edition("az", time_zone="Asia/Baku"), name="Siyasət")
    story = factories.article(
        sec=sec,
        headline="Gəncədə güclü zəlzələ — “sakit olun”",
        lead="Əhali küçələrdədir.  " + "Uzun cümlə " * 40,
        is_breaking=True,
    )
    return compose_alert(story, base_url=BASE)


@pytest.fixture
def subscriber(issue):
    return Subscriber.objects.create(
        email="oxucu@example.az", edition=issue.edition, status=SubscriberStatus.CONFIRMED
    )


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def by_the_email_package(issue, subscriber):
    message = build_message(issue, subscriber, BASE).message(policy=email.policy.SMTP)
    return parse(message.as_bytes())


def test_the_wire_message_is_the_email_packages_message(issue, subscriber):
    ours = parse(EncodedIssue(issue, base_url=BASE).render(subscriber))
    theirs = by_the_email_package(issue, subscriber)
    assert not ours.defects
    for name in HEADERS:
        assert ours[name] == theirs[name], name
    assert ours.get_content_type() == "multipart/alternative"
    links = {
        "preferences": preferences_url(subscriber, BASE),
        "unsubscribe": unsubscribe_url(subscriber, BASE),
    }
    for kind, body in (("plain", issue.body_text), ("html", issue.body_html)):
        # Parsed from the wire, lines end in CRLF in both messages.
        decoded = ours.get_body((kind,)).get_content().replace("\r\n", "\n")
        assert decoded == personalise(body, **links)
        # The email package ends every part with a newline; ours keeps the body as stored.
        expected = theirs.get_body((kind,)).get_content().replace("\r\n", "\n")
        assert decoded.rstrip("\n") == expected.rstrip("\n")


def test_the_wire_message_is_valid_quoted_printable_with_a_readable_unsubscribe(issue, subscriber):
    raw = EncodedIssue(issue, base_url=BASE).render(subscriber)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert b"\nList-Unsubscribe: <https://news.example/newsletters/unsubscribe/" in head
    assert b"=?utf-8?" not in head.split(b"Subject:")[0]  # only the Subject is encoded
    assert all(len(line) <= 76 for line in body.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only


def test_an_address_that_is_not_plain_ascii_takes_the_email_package(issue):
    reader = Subscriber.objects.create(email="oxucu@gəncə.az", edition=issue.edition)
    assert EncodedIssue(issue, base_url=BASE).render(reader) is None
