"""Every recommendation carries a stop link: GET asks, POST stops all future
recommendations to that address; the list holds a hash, never the address."""

import re

import pytest

from dateline.distribution.models import (
    Outcome,
    OutgoingMail,
    RecommendationAttempt,
    SuppressedRecipient,
)
from dateline.distribution.recommend import tokens
from dateline.limits.throttle import fingerprint
from tests import factories
from tests.recommend_helpers import (  # noqa: F401 (fixtures)
    fresh_page_tokens_fixture,
    recommend,
    smtp_server_fixture,
)
from tests.smtp import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return factories.article(headline="Parliament passes the budget")


def stop_path(address: str = "bo@example.net") -> str:
    return f"/recommendations/stop/{tokens.stop_token(address)}/"


@pytest.mark.smtp
@pytest.mark.django_db(transaction=True)
def test_the_stop_link_in_a_received_mail_stops_further_recommendations(client, story, smtp_server):
    recommend(client, story, ip="192.0.2.1")
    run_worker()
    [message] = smtp_server.sink.messages()
    text = message.get_body(("plain",)).get_content()
    [stop_url] = re.findall(r"http://testserver(/recommendations/stop/\S+/)", text)

    confirm = client.get(stop_url)
    assert confirm.status_code == 200
    assert "bo@example.net" in confirm.text
    assert f'<form method="post" action="{stop_url}">' in confirm.text
    assert not SuppressedRecipient.objects.exists()  # a GET changes nothing

    stopped = client.post(stop_url, headers={"Sec-Fetch-Site": "same-origin"})
    assert stopped.status_code == 200
    assert "will receive no more recommendations" in stopped.text
    assert SuppressedRecipient.objects.count() == 1

    again = recommend(client, story, ip="192.0.2.2", sender_email="cy@example.org")
    assert again.status_code == 303
    run_worker()
    assert len(smtp_server.sink.envelopes) == 1
    assert RecommendationAttempt.objects.latest("pk").outcome == Outcome.SUPPRESSED


def test_the_suppression_list_stores_a_hash_not_the_address(client):
    client.post(stop_path("Bo@Example.net"))
    [row] = SuppressedRecipient.objects.all()
    assert row.address_hash == fingerprint("bo@example.net")
    assert "example" not in row.address_hash


def test_stopping_twice_is_harmless(client):
    assert client.post(stop_path()).status_code == 200
    assert client.post(stop_path()).status_code == 200
    assert SuppressedRecipient.objects.count() == 1


def test_a_mail_providers_one_click_post_stops_recommendations(client):
    # RFC 8058: the provider POSTs "List-Unsubscribe=One-Click" from its own servers.
    response = client.post(stop_path(), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert SuppressedRecipient.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        tokens.stop_token("bo@example.net")[:-2] + "xx",
        "ImJvQGV4YW1wbGUubmV0Ig:1xXWvT:forged",
        "x" * 2000,
    ],
    ids=["garbage", "altered signature", "forged", "huge"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_stop_link_is_a_bad_request_and_stops_nothing(client, token, method):
    response = getattr(client, method)(f"/recommendations/stop/{token}/")
    assert response.status_code == 400
    assert not SuppressedRecipient.objects.exists()


def test_a_token_signed_for_something_else_is_not_a_stop_link(client):
    from django.core import signing

    token = signing.dumps("bo@example.net", salt="another.purpose")
    assert client.get(f"/recommendations/stop/{token}/").status_code == 400


def test_a_cross_site_post_to_the_stop_link_is_forbidden(client):
    response = client.post(stop_path(), headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert not SuppressedRecipient.objects.exists()


def test_the_stop_pages_set_no_cookie(client):
    for response in (client.get(stop_path()), client.post(stop_path())):
        assert "Set-Cookie" not in response.headers
        assert "csrfmiddlewaretoken" not in response.text


def test_stopping_does_not_touch_mail_already_sent(client, story):
    recommend(client, story)
    client.post(stop_path())
    assert OutgoingMail.objects.count() == 1
