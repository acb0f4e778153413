"""A reader subscribes from the box on every page, confirms from the e-mail, and nobody can
use the box to learn who is subscribed or to flood someone's inbox."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from dateline.distribution.models import OutgoingMail
from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
from dateline.distribution.newsletters.subscribing import purge_unconfirmed
from dateline.distribution.newsletters.tokens import confirm_token
from tests import factories
from tests.newsletter_helpers import links, sign_up
from tests.smtp import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return factories.article(sec=factories.section(factories.edition("en")))


def test_every_page_has_the_subscribe_box_without_cookies(client, story):
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert 'action="/newsletters/subscribe/"' in html
    assert 'name="breaking_alerts"' in html and 'name="daily_digest"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


@pytest.mark.smtp
@pytest.mark.django_db(transaction=True)
def test_a_reader_signs_up_and_confirms_from_the_received_mail(story, smtp_server):
    client = Client()
    response = sign_up(client, "ann@example.org", alerts=True)
    assert response.status_code == 200
    assert "check your inbox" in response.content.decode()
    ann = Subscriber.objects.get(email="ann@example.org")
    assert ann.status == SubscriberStatus.PENDING and ann.breaking_alerts

    run_worker()
    [message] = smtp_server.sink.messages()
    assert message.is_multipart()
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert 'style="' in html  # CSS inlined
    [confirm_url] = links(text, "/newsletters/confirm/")

    path = confirm_url.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    assert Subscriber.objects.get(pk=ann.pk).status == SubscriberStatus.PENDING  # GET: nothing
    assert client.post(path).status_code == 200
    ann.refresh_from_db()
    assert ann.status == SubscriberStatus.CONFIRMED
    assert ann.consent_at is not None
    assert ann.consent_source == "subscribe box on /en/"


def test_a_confirmation_link_expires_after_48_hours(client, story, monkeypatch):
    sign_up(client, "ann@example.org")
    ann = Subscriber.objects.get()
    token = confirm_token(ann)
    later = time.time() + 49 * 3600
    monkeypatch.setattr("time.time", lambda: later)
    response = client.post(f"/newsletters/confirm/{token}/")
    assert response.status_code == 400
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_a_tampered_confirmation_link_is_refused(client, story):
    sign_up(client, "ann@example.org")
    token = confirm_token(Subscriber.objects.get())
    assert client.post(f"/newsletters/confirm/{token}x/").status_code == 400
    assert client.post("/newsletters/confirm/999:abc:def/").status_code == 400


def test_subscribing_an_existing_address_answers_exactly_like_a_new_one(client, story):
    first = sign_up(client, "ann@example.org", ip="203.0.113.1")
    Subscriber.objects.filter(email="ann@example.org").update(status=SubscriberStatus.CONFIRMED)
    again = sign_up(client, "ann@example.org", ip="203.0.113.2")
    stranger = sign_up(client, "bob@example.org", ip="203.0.113.3")
    assert first.status_code == again.status_code == stranger.status_code == 200
    assert first.content == again.content == stranger.content
    # A stranger's sign-up does not change what a confirmed subscriber receives.
    assert Subscriber.objects.get(email="ann@example.org").status == SubscriberStatus.CONFIRMED


@pytest.mark.parametrize("ips", [1, 20], ids=["one IP", "twenty IPs"])
def test_a_hundred_sign_ups_for_one_victim_send_at_most_one_mail(client, story, settings, ips):
    settings.DATELINE_NEWSLETTER_SIGNUPS_PER_IP_HOUR = 200  # the per-address rule under test
    answers = {
        sign_up(client, "victim@example.org", ip=f"198.51.100.{n % ips + 1}").content
        for n in range(100)
    }
    assert len(answers) == 1
    assert OutgoingMail.objects.filter(to="victim@example.org").count() == 1
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_the_per_ip_limit_answers_429_whoever_is_signed_up(client, story, settings):
    settings.DATELINE_NEWSLETTER_SIGNUPS_PER_IP_HOUR = 3
    codes = [sign_up(client, f"r{n}@example.org").status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert Subscriber.objects.count() == 3


def test_another_mail_is_sent_a_day_later_not_before(client, story, monkeypatch):
    sign_up(client, "ann@example.org")
    Subscriber.objects.update(
        confirmation_sent_at=Subscriber.objects.get().created_at - timedelta(hours=23)
    )
    sign_up(client, "ann@example.org")
    assert OutgoingMail.objects.count() == 1
    Subscriber.objects.update(
        confirmation_sent_at=Subscriber.objects.get().created_at - timedelta(hours=25)
    )
    sign_up(client, "ann@example.org")
    assert OutgoingMail.objects.count() == 2


def test_the_honeypot_gets_the_same_answer_and_no_sign_up(client, story):
    real = sign_up(client, "ann@example.org")
    bot = sign_up(client, "bot@example.org", website="http://spam.example")
    assert bot.content == real.content
    assert not Subscriber.objects.filter(email="bot@example.org").exists()


def test_a_post_from_another_site_or_without_a_page_token_is_refused(client, story):
    assert (
        sign_up(client, "a@example.org", headers={"Origin": "https://evil.example"}).status_code
        == 403
    )
    assert sign_up(client, "a@example.org", token="forged").status_code == 400
    assert not Subscriber.objects.exists()


def test_bad_input_is_a_400_not_a_500(client, story):
    for email in ["ann@example.org\r\nBcc: x@y.z", "a@x.org, b@y.org", "x" * 5000]:
        assert sign_up(client, email).status_code == 400
    assert sign_up(client, "a@example.org", digest=False).status_code == 400
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_unconfirmed_sign_ups_are_purged_after_seven_days(client, story):
    sign_up(client, "old@example.org")
    sign_up(client, "new@example.org")
    week_ago = Subscriber.objects.get(email="new@example.org").created_at - timedelta(days=8)
    Subscriber.objects.filter(email="old@example.org").update(
        created_at=week_ago, confirmation_sent_at=week_ago
    )
    Subscriber.objects.create(
        email="kept@example.org",
        edition=story.edition,
        status=SubscriberStatus.CONFIRMED,
        created_at=week_ago,
    )
    assert purge_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "new@example.org",
        "kept@example.org",
    }
