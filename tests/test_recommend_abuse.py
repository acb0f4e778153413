"""The form never becomes a spam relay: every abuse rule answers without sending, and no
input ever makes a mail with more than one recipient or a header the site did not set."""

import time

import pytest

from dateline.distribution.models import Outcome, OutgoingMail, RecommendationAttempt
from dateline.distribution.recommend import sending, tokens
from tests import factories
from tests.recommend_helpers import (  # noqa: F401 (fixtures)
    fresh_page_tokens_fixture,
    recommend,
    smtp_server_fixture,
    token_issued,
)
from tests.smtp import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return factories.article(headline="Parliament passes the budget")


def outcomes() -> list[str]:
    return list(RecommendationAttempt.objects.order_by("pk").values_list("outcome", flat=True))


def assert_refused(response, status: int = 400) -> None:
    assert response.status_code == status
    assert not OutgoingMail.objects.exists()


# --- Rate limits and the daily cap -------------------------------------------------------------


@pytest.mark.smtp
@pytest.mark.django_db(transaction=True)
def test_200_posts_from_one_ip_with_spoofed_forwarded_for_send_at_most_5_mails(
    client, story, smtp_server
):
    statuses = set()
    for n in range(200):
        response = recommend(
            client,
            story,
            friend_email=f"friend{n}@example.net",
            sender_email=f"sender{n}@example.org",
            headers={"X-Forwarded-For": f"198.51.100.{n % 250}"},
        )
        statuses.add(response.status_code)
    run_worker()

    assert statuses == {303, 429}
    assert len(smtp_server.sink.envelopes) == 5
    assert all(len(e.rcpt_tos) == 1 for e in smtp_server.sink.envelopes)
    assert outcomes().count(Outcome.QUEUED) == 5


def test_the_ip_limit_is_a_setting(client, story, settings):
    settings.DATELINE_RECOMMEND_PER_IP_PER_HOUR = 2
    codes = [
        recommend(client, story, friend_email=f"f{n}@example.net").status_code for n in range(3)
    ]
    assert codes == [303, 303, 429]
    assert OutgoingMail.objects.count() == 2


def test_a_rate_limited_reader_sees_the_form_again_with_an_explanation(client, story, settings):
    settings.DATELINE_RECOMMEND_PER_IP_PER_HOUR = 0
    response = recommend(client, story, note="Hello")
    assert_refused(response, 429)
    assert "Too many recommendations" in response.text
    assert "Hello</textarea>" in response.text
    assert outcomes() == [Outcome.RATE_LIMITED]
    assert RecommendationAttempt.objects.get().detail == "per IP limit (0)"


def test_one_sender_may_recommend_10_stories_a_day_from_any_number_of_ips(client, story):
    codes = [
        recommend(client, story, ip=f"192.0.2.{n}", friend_email=f"f{n}@example.net").status_code
        for n in range(11)
    ]
    assert codes == [303] * 10 + [429]
    assert OutgoingMail.objects.count() == 10
    assert RecommendationAttempt.objects.latest("pk").detail == "per sender limit (10)"


def test_the_sender_limit_ignores_letter_case(client, story, settings):
    settings.DATELINE_RECOMMEND_PER_SENDER_PER_DAY = 1
    assert recommend(client, story, ip="192.0.2.1").status_code == 303
    response = recommend(client, story, ip="192.0.2.2", sender_email="ANN@example.org")
    assert response.status_code == 429


def test_one_recipient_receives_at_most_3_recommendations_a_day(client, story):
    codes = [
        recommend(client, story, ip=f"192.0.2.{n}", sender_email=f"s{n}@example.org").status_code
        for n in range(4)
    ]
    assert codes == [303, 303, 303, 429]
    assert OutgoingMail.objects.count() == 3
    assert RecommendationAttempt.objects.latest("pk").detail == "per recipient limit (3)"


def test_the_daily_cap_holds_for_the_whole_site(client, story, settings):
    settings.DATELINE_RECOMMEND_DAILY_CAP = 3
    codes = [
        recommend(
            client,
            story,
            ip=f"192.0.2.{n}",
            sender_email=f"s{n}@example.org",
            friend_email=f"f{n}@example.net",
        ).status_code
        for n in range(5)
    ]
    assert codes == [303, 303, 303, 429, 429]
    assert OutgoingMail.objects.count() == 3
    assert outcomes()[-2:] == [Outcome.DAILY_CAP, Outcome.DAILY_CAP]


def test_a_flood_of_rejected_posts_fills_the_log_only_up_to_a_bound(client, story, settings):
    settings.DATELINE_RECOMMEND_PER_IP_PER_HOUR = 0
    for _ in range(sending.REJECTIONS_LOGGED_PER_IP_PER_HOUR + 10):
        recommend(client, story)
    assert RecommendationAttempt.objects.count() == sending.REJECTIONS_LOGGED_PER_IP_PER_HOUR


# --- Honeypot and token ------------------------------------------------------------------------


def test_a_filled_honeypot_looks_like_success_and_sends_nothing(client, story):
    response = recommend(client, story, homepage="http://spam.example")
    assert response.status_code == 303
    assert not OutgoingMail.objects.exists()
    assert outcomes() == [Outcome.HONEYPOT]


def test_a_form_sent_under_3_seconds_after_the_page_is_refused(client, story):
    response = recommend(client, story, token=token_issued(story.pk, seconds_ago=1))
    assert_refused(response)
    assert "That was quick" in response.text
    assert outcomes() == [Outcome.REJECTED_TOKEN]
    assert RecommendationAttempt.objects.get().detail == "too-fast"


def test_a_form_sent_more_than_2_hours_after_the_page_is_refused(client, story, monkeypatch):
    token = tokens.issue_form_token(story.pk)
    later = time.time() + 2 * 60 * 60 + 1
    monkeypatch.setattr(tokens, "clock", lambda: later)
    response = recommend(client, story, token=token)
    assert_refused(response)
    assert "expired" in response.text
    assert RecommendationAttempt.objects.get().detail == "too-old"


def test_a_form_sent_just_under_2_hours_after_the_page_is_accepted(client, story, monkeypatch):
    token = tokens.issue_form_token(story.pk)
    later = time.time() + 2 * 60 * 60 - 5
    monkeypatch.setattr(tokens, "clock", lambda: later)
    assert recommend(client, story, token=token).status_code == 303


def test_the_token_ages_are_settings(client, story, settings):
    settings.DATELINE_RECOMMEND_MIN_SECONDS = 30
    assert_refused(recommend(client, story, token=token_issued(story.pk, seconds_ago=10)))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t, other: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t, other: t.replace(t.split(":")[0], str(int(t.split(":")[0]) + 1), 1),
        lambda t, other: other,
        lambda t, other: "",
        lambda t, other: "garbage",
        lambda t, other: "1:2:3:4:5",
        lambda t, other: "x" * 5000,
    ],
    ids=["signature", "article id", "another article", "missing", "garbage", "colons", "huge"],
)
def test_a_tampered_token_is_refused(client, story, tamper):
    other = token_issued(factories.article().pk)
    response = recommend(client, story, token=tamper(token_issued(story.pk), other))
    assert_refused(response)
    assert outcomes() == [Outcome.REJECTED_TOKEN]


# --- What the fields accept --------------------------------------------------------------------

NAME_FIELDS = ["sender_name", "friend_name"]
ADDRESS_FIELDS = ["sender_email", "friend_email"]


@pytest.mark.parametrize("field", NAME_FIELDS + ADDRESS_FIELDS)
@pytest.mark.parametrize(
    "injection", ["\r\nBcc: victim@example.com", "\nBcc: victim@example.com", "\r", "\x00", "\t"]
)
def test_header_injection_in_any_name_or_address_is_refused(client, story, field, injection):
    value = f"{'Ann' if field in NAME_FIELDS else 'ann@example.org'}{injection}"
    assert_refused(recommend(client, story, **{field: value}))


@pytest.mark.parametrize("field", NAME_FIELDS)
@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u2028", "\x1b"])
def test_bidi_overrides_and_control_characters_in_names_are_refused(client, story, field, char):
    assert_refused(recommend(client, story, **{field: f"Ann{char}moc.elpmaxe"}))


def test_a_right_to_left_override_in_the_note_is_refused(client, story):
    assert_refused(recommend(client, story, note="Look \u202egnp.exe"))


@pytest.mark.smtp
@pytest.mark.django_db(transaction=True)
def test_line_breaks_and_headers_in_the_note_stay_in_the_body(client, story, smtp_server):
    response = recommend(client, story, note="Hi\r\nBcc: victim\r\nSubject: x\r\n\r\n")
    assert response.status_code == 303
    run_worker()
    [envelope] = smtp_server.sink.envelopes
    assert envelope.rcpt_tos == ["bo@example.net"]
    [message] = smtp_server.sink.messages()
    assert message["Bcc"] is None
    assert message["Subject"] == "A story recommended to you on Dateline Daily"


@pytest.mark.parametrize("field", NAME_FIELDS)
def test_a_10000_character_name_is_refused(client, story, field):
    assert_refused(recommend(client, story, **{field: "A" * 10_000}))


def test_a_name_of_100_characters_is_accepted(client, story):
    assert recommend(client, story, sender_name="A" * 100).status_code == 303


def test_a_note_over_300_characters_is_refused(client, story):
    assert_refused(recommend(client, story, note="a" * 301))
    assert recommend(client, story, note="a" * 300).status_code == 303


@pytest.mark.parametrize("field", ADDRESS_FIELDS)
@pytest.mark.parametrize(
    "value",
    [
        "a@example.org, b@example.org",
        "a@example.org;b@example.org",
        "a@example.org b@example.org",
        "Ann <a@example.org>",
        "<a@example.org>",
        "a@example.org\r\nb@example.org",
        '"a,b"@example.org',
        "a@[127.0.0.1]",
        "not-an-address",
        "a@localhost",
        "ä@example.org",
        "a" * 250 + "@example.org",
    ],
)
def test_anything_but_one_valid_address_is_refused(client, story, field, value):
    assert_refused(recommend(client, story, **{field: value}))


@pytest.mark.parametrize("field", [*NAME_FIELDS, "note"])
@pytest.mark.parametrize(
    "text",
    [
        "http://spam.example/buy",
        "see HTTPS://x.y",
        "www.spam",
        "spam.com",
        "Visit cheap-pills.biz today",
        "ftp://files",
        "пример.рф",
        "javascript://alert",
    ],
)
def test_anything_that_looks_like_a_link_is_refused_in_names_and_note(client, story, field, text):
    response = recommend(client, story, **{field: text})
    assert_refused(response)
    assert "web addresses" in response.text


@pytest.mark.parametrize("name", ["Jean-Luc O'Brien", "Ana María", "Əli Məmmədov", "J. R. Smith"])
def test_ordinary_names_are_accepted(client, story, name):
    assert recommend(client, story, sender_name=name).status_code == 303


def test_an_international_domain_is_accepted_and_sent_as_ascii(client, story):
    assert recommend(client, story, friend_email="bo@bücher.example").status_code == 303
    assert OutgoingMail.objects.get().to == "bo@xn--bcher-kva.example"


# --- Suppression -------------------------------------------------------------------------------


def test_a_suppressed_recipient_gets_nothing_and_the_sender_cannot_tell(client, story):
    sending.suppress("bo@example.net")
    response = recommend(client, story, friend_email="Bo@Example.net")
    assert response.status_code == 303
    assert response["Location"].endswith("?recommended=1#recommend")
    assert not OutgoingMail.objects.exists()
    assert outcomes() == [Outcome.SUPPRESSED]


def test_a_suppressed_recipient_does_not_count_against_the_daily_cap(client, story, settings):
    settings.DATELINE_RECOMMEND_DAILY_CAP = 1
    sending.suppress("bo@example.net")
    recommend(client, story)
    assert recommend(client, story, friend_email="cy@example.net").status_code == 303
    assert OutgoingMail.objects.count() == 1
