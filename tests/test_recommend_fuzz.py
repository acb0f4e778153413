"""Arbitrary text in every field of "Recommend news to friend": never a 500, and every
message that does go out has one recipient, the fixed subject, only the headers the site
sets, and no link but the article's and the stop link."""

import re
from urllib.parse import quote

import pytest
from django.core import mail as django_mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.distribution.mail import deliver
from dateline.distribution.models import OutgoingMail
from tests import factories
from tests.recommend_helpers import VALID, recommend_url, token_issued

pytestmark = pytest.mark.django_db

SITE_HEADERS = {
    "Content-Type", "Content-Transfer-Encoding", "MIME-Version", "Subject", "From", "To",
    "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted",
}  # fmt: skip
NASTY = [
    "\r\nBcc: victim@example.com",
    "Ann\nSubject: win",
    "\u202eevil",
    "<a href='http://x.example'>x</a>",
    "a@example.org, b@example.org",
    "Ann <a@example.org>",
    "=?utf-8?q?=0D=0ABcc:_x@y?=",
    "x" * 10_000,
    "",
    " ",
    "\x00",
]
# The test client cannot encode lone surrogates; a real request's bytes are decoded with
# replacement characters by Django before any field sees them.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400)
# Good values are drawn as often as junk, so that plenty of examples do send a message.
# Printable text of any script, the kind a real reader types (plus the odd symbol).
PRINTABLE = st.characters(exclude_categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Co", "Cn"])
NAMES = st.one_of(TEXT, st.sampled_from(NASTY), st.sampled_from(["Ann Reader", "Əli", "Bo"]))
ADDRESSES = st.one_of(
    TEXT, st.sampled_from(NASTY), st.emails(), st.sampled_from(["bo@example.net", "a@b.example"])
)


@pytest.fixture
def story(db):
    return factories.article(headline="Parliament passes the budget")


@pytest.fixture
def generous_limits(settings):
    for name in ("PER_IP_PER_HOUR", "PER_SENDER_PER_DAY", "PER_RECIPIENT_PER_DAY", "DAILY_CAP"):
        setattr(settings, f"DATELINE_RECOMMEND_{name}", 10**6)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sender_name=NAMES,
    sender_email=ADDRESSES,
    friend_name=NAMES,
    friend_email=ADDRESSES,
    note=st.one_of(st.just(""), TEXT, st.sampled_from(NASTY)),
    homepage=st.sampled_from(["", "", "", "x"]),
    token=st.one_of(st.just("valid"), st.just("valid"), TEXT),
)
def test_any_input_is_answered_without_an_error_and_never_relays_spam(
    client, story, generous_limits, **fields
):
    if fields["token"] == "valid":
        fields["token"] = token_issued(story.pk)
    assert_answered_without_relaying(client, story, fields)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    sender_name=st.text(alphabet=PRINTABLE, min_size=1, max_size=100),
    friend_name=st.text(alphabet=PRINTABLE, min_size=1, max_size=100),
    note=st.text(alphabet=PRINTABLE, max_size=300),
    friend_email=st.emails(),
)
def test_whatever_text_gets_through_makes_a_clean_message(client, story, generous_limits, **fields):
    # Valid token and sender, so that most examples reach the message itself.
    data = {**VALID, "token": token_issued(story.pk), **fields}
    assert_answered_without_relaying(client, story, data)


def assert_answered_without_relaying(client, story, fields: dict) -> None:
    django_mail.outbox = []
    OutgoingMail.objects.all().delete()

    response = client.post(recommend_url(story), fields, REMOTE_ADDR="203.0.113.7")

    assert response.status_code in (303, 400), response.status_code
    for row in OutgoingMail.objects.all():
        deliver(row.pk)
    for message in django_mail.outbox:
        assert message.recipients() == [message.to[0]]
        assert not message.cc and not message.bcc and not message.reply_to
        parsed = message.message()
        assert set(parsed.keys()) <= SITE_HEADERS, set(parsed.keys()) - SITE_HEADERS
        assert parsed["Subject"] == "A story recommended to you on Dateline Daily"
        article_url = f"http://testserver{story.get_absolute_url()}"
        bodies = [message.body, *(content for content, _ in message.alternatives)]
        for body in bodies:
            for link in re.findall(r"(?i)(?:https?|ftp)://[^\s\"'<>]+|www\.[^\s\"'<>]+", body):
                assert link == article_url or link.startswith(
                    "http://testserver/recommendations/stop/"
                ), link


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(token=TEXT.filter(bool))
def test_any_stop_link_is_answered_without_an_error(client, token):
    path = f"/recommendations/stop/{quote(token, safe='')}/"
    assert client.get(path).status_code in (200, 400, 404)
    assert client.post(path).status_code in (200, 400, 404)


def test_a_valid_submission_passes_the_fuzz_checks_too(client, story, generous_limits):
    # The property above is only meaningful if good input does get through.
    data = {**VALID, "token": token_issued(story.pk)}
    assert client.post(recommend_url(story), data).status_code == 303
