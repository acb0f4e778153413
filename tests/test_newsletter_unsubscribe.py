"""Every list e-mail carries a preference link and RFC 8058 one-click unsubscribe; the POST
works without cookies or CSRF token, GET changes nothing, and only the right token works."""

import pytest
from django.test import Client

from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
from dateline.distribution.newsletters.tokens import preference_token
from tests import factories
from tests.newsletter_helpers import confirmed_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def ann(db):
    return confirmed_subscribers(1, factories.edition("en"))[0]


def test_get_shows_a_button_and_changes_nothing(client, ann):
    response = client.get(f"/newsletters/unsubscribe/{preference_token(ann)}/")
    assert response.status_code == 200
    assert "<form" in response.content.decode()
    assert Subscriber.objects.get(pk=ann.pk).status == SubscriberStatus.CONFIRMED


def test_a_cookieless_one_click_post_unsubscribes_and_is_idempotent(ann):
    client = Client(enforce_csrf_checks=True)
    url = f"/newsletters/unsubscribe/{preference_token(ann)}/"
    for _ in range(2):
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not response.cookies
    ann.refresh_from_db()
    assert ann.status == SubscriberStatus.UNSUBSCRIBED


def test_another_subscribers_or_a_tampered_token_is_a_400(client, ann):
    bob = Subscriber.objects.create(
        email="bob@example.org", edition=ann.edition, status=SubscriberStatus.CONFIRMED
    )
    anns_signature = preference_token(ann).split(":", 1)[1]
    for token in [f"{bob.pk}:{anns_signature}", preference_token(ann) + "x", "1:nope", "x"]:
        assert client.post(f"/newsletters/unsubscribe/{token}/").status_code == 400
        assert client.post(f"/newsletters/preferences/{token}/").status_code == 400
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}


def test_a_subscriber_changes_lists_and_edition_on_the_preference_page(client, ann):
    factories.edition("az")
    url = f"/newsletters/preferences/{preference_token(ann)}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"edition": "az", "breaking_alerts": "on"})
    assert response.status_code == 200
    ann.refresh_from_db()
    assert (ann.edition.code, ann.daily_digest, ann.breaking_alerts) == ("az", False, True)
    client.post(url, {"unsubscribe": "1"})
    assert Subscriber.objects.get(pk=ann.pk).status == SubscriberStatus.UNSUBSCRIBED


def test_a_post_from_another_site_is_refused(client, ann):
    url = f"/newsletters/unsubscribe/{preference_token(ann)}/"
    assert client.post(url, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert Subscriber.objects.get(pk=ann.pk).status == SubscriberStatus.CONFIRMED
