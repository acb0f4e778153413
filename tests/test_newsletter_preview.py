"""On an issue's screen a chief editor opens the e-mail's HTML on a page of its own (under a
policy allowing inline styles and nothing else) and sends a test to themself: one message,
subject "[TEST] …", through the same renderer; no address, no test, and a polite word."""

import pytest

from dateline.distribution.models import OutgoingMail
from dateline.distribution.newsletters.composing import compose_alert
from dateline.distribution.newsletters.models import Delivery, IssueStatus, NewsletterIssue
from tests import factories
from tests.smtp import run_worker

pytestmark = pytest.mark.django_db

STRICT = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"


@pytest.fixture(autouse=True)
def newsroom_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATELINE_PUBLIC_URL = "https://news.example"


@pytest.fixture
def issue(db):
    sec = factories.section(factories.edition("en"))
    story = factories.article(sec=sec, headline="Floods close the coast road", is_breaking=True)
    return compose_alert(story, base_url="https://news.example")


@pytest.fixture
def chief(client):
    user = factories.editor("chief", chief=True)
    user.email = "chief@news.example"
    user.save(update_fields=["email"])
    client.force_login(user)
    return client


def screen(issue) -> str:
    return f"/newsroom/distribution/newsletterissue/{issue.pk}/"


def test_the_issue_screen_offers_the_preview_and_a_test_send(chief, issue):
    html = chief.get(screen(issue) + "change/").content.decode()
    assert f'href="{screen(issue)}preview/"' in html
    assert f'action="{screen(issue)}test-send/"' in html
    assert "One copy to chief@news.example" in html
    assert "Floods close the coast road" in html  # the text version, escaped in a <pre>
    assert 'style="' not in html  # the newsroom page itself holds no e-mail HTML


def test_the_html_preview_is_the_inlined_email_under_a_strict_policy(chief, issue):
    response = chief.get(screen(issue) + "preview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Security-Policy"].startswith(STRICT)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "Floods close the coast road" in html and 'style="' in html
    assert "https://news.example/newsletters/unsubscribe/preview/" in html and "%%" not in html


def test_an_editor_without_newsletter_rights_gets_no_preview(client, issue):
    client.force_login(factories.editor("ed"))
    assert client.get(screen(issue) + "preview/").status_code == 403
    assert client.post(screen(issue) + "test-send/").status_code == 403


def test_send_a_test_to_me_queues_one_message_and_touches_no_delivery(chief, issue):
    response = chief.post(screen(issue) + "test-send/", follow=True)
    assert "A test copy is on its way to chief@news.example" in response.content.decode()
    mail = OutgoingMail.objects.get()
    assert mail.to == "chief@news.example"
    assert mail.subject == "[TEST] Breaking: Floods close the coast road"
    assert "Floods close the coast road" in mail.body_text and 'style="' in mail.body_html
    assert "%%" not in mail.body_text + mail.body_html
    assert not Delivery.objects.exists()
    assert NewsletterIssue.objects.get(pk=issue.pk).status == IssueStatus.DRAFT


@pytest.mark.smtp
@pytest.mark.django_db(transaction=True)
def test_the_test_copy_arrives_over_smtp(chief, issue, smtp_server):
    chief.post(screen(issue) + "test-send/")
    run_worker()
    (received,) = smtp_server.sink.messages()
    assert received["To"] == "chief@news.example"
    assert received["Subject"] == "[TEST] Breaking: Floods close the coast road"
    assert received.get_body(("html",)) is not None


def test_without_an_email_address_the_test_is_refused_politely(client, issue):
    client.force_login(factories.editor("chief", chief=True))  # no e-mail on the account
    response = client.post(screen(issue) + "test-send/", follow=True)
    assert response.status_code == 200
    assert "Your account has no e-mail address" in response.content.decode()
    assert not OutgoingMail.objects.exists()


def test_a_get_never_sends_a_test(chief, issue):
    assert chief.get(screen(issue) + "test-send/").status_code == 405
    assert not OutgoingMail.objects.exists()
