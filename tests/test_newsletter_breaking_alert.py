"""A chief editor sends a breaking alert from a published breaking story: a confirmation page
first (subject, how many subscribers, preview), then one alert per story, ever. Editors
without the right see no button and get 403; a draft or an ordinary story gets no alert."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from dateline.distribution.models import OutgoingMail
from dateline.distribution.newsletters.models import (
    Delivery,
    IssueKind,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
    SubscriberStatus,
)
from tests import factories
from tests.newsletter_helpers import confirmed_subscribers
from tests.smtp import run_worker

pytestmark = pytest.mark.django_db

BUTTON = "Send breaking alert…"


@pytest.fixture(autouse=True)
def newsroom_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATELINE_PUBLIC_URL = "https://news.example"
    settings.DATELINE_NEWSLETTER_RATE = 0


@pytest.fixture
def story(db):
    sec = factories.section(factories.edition("en"))
    return factories.article(sec=sec, headline="Earthquake hits the capital", is_breaking=True)


@pytest.fixture
def audience(story):
    """Three on the English breaking list; others who must not be counted or mailed."""
    readers = confirmed_subscribers(3, story.edition)
    other = factories.edition("az")
    Subscriber.objects.create(
        email="az@example.org",
        edition=other,
        breaking_alerts=True,
        status=SubscriberStatus.CONFIRMED,
    )
    Subscriber.objects.create(
        email="pending@example.org", edition=story.edition, breaking_alerts=True
    )
    Subscriber.objects.create(
        email="digest-only@example.org",
        edition=story.edition,
        breaking_alerts=False,
        status=SubscriberStatus.CONFIRMED,
    )
    return readers


@pytest.fixture
def chief(client):
    client.force_login(factories.editor("chief", chief=True))
    return client


def alert_url(story) -> str:
    return f"/newsroom/news/article/{story.pk}/breaking-alert/"


def change_page(client, story) -> str:
    return client.get(f"/newsroom/news/article/{story.pk}/change/").content.decode()


def test_a_chief_editor_sees_the_button_on_a_published_breaking_story(chief, story):
    assert BUTTON in change_page(chief, story)


def test_no_button_on_an_ordinary_story_or_a_draft(chief, story):
    ordinary = factories.article(sec=story.section, is_breaking=False)
    draft = factories.article(sec=story.section, is_breaking=True, published=False)
    assert BUTTON not in change_page(chief, ordinary)
    assert BUTTON not in change_page(chief, draft)


def test_an_editor_sees_no_button_and_is_refused(client, story, audience):
    client.force_login(factories.editor("ed"))
    assert BUTTON not in change_page(client, story)
    assert client.get(alert_url(story)).status_code == 403
    assert client.post(alert_url(story)).status_code == 403
    assert not NewsletterIssue.objects.exists()


def test_an_editor_given_the_permission_may_send(client, story, audience):
    editor = factories.editor("ed")
    editor.user_permissions.add(Permission.objects.get(codename="add_newsletterissue"))
    client.force_login(editor)
    assert BUTTON in change_page(client, story)
    assert client.post(alert_url(story)).status_code == 302
    assert NewsletterIssue.objects.filter(kind=IssueKind.ALERT, article=story).exists()


def test_the_confirmation_page_shows_subject_recipients_and_preview_and_changes_nothing(
    chief, story, audience
):
    response = chief.get(alert_url(story))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<strong class="alert-subject">Breaking: Earthquake hits the capital</strong>' in html
    assert '<strong class="alert-recipients">3</strong>' in html
    assert "A short lead that sums up the story." in html  # the text preview
    assert 'value="Send the alert to 3 subscribers"' in html
    assert "csrfmiddlewaretoken" in html
    assert "%%" not in html
    assert not NewsletterIssue.objects.exists()


def test_confirming_composes_the_alert_and_queues_the_send(chief, story, audience):
    response = chief.post(alert_url(story), follow=True)
    assert "Breaking alert queued for 3 subscriber(s)" in response.content.decode()
    issue = NewsletterIssue.objects.get(kind=IssueKind.ALERT, article=story)
    assert issue.status == IssueStatus.SENDING
    assert sorted(Delivery.objects.values_list("subscriber__email", flat=True)) == sorted(
        s.email for s in audience
    )


@pytest.mark.smtp
@pytest.mark.django_db(transaction=True)
def test_the_alert_reaches_the_breaking_list_through_the_worker(
    chief, story, audience, smtp_server
):
    chief.post(alert_url(story))
    run_worker()
    received = smtp_server.sink.messages()
    assert sorted(m["To"] for m in received) == sorted(s.email for s in audience)
    assert {m["Subject"] for m in received} == {"Breaking: Earthquake hits the capital"}


def test_a_second_alert_for_the_same_story_is_refused_and_says_so(chief, story, audience):
    chief.post(alert_url(story))
    again = chief.post(alert_url(story), follow=True).content.decode()
    assert "A breaking alert for this story was already sent on" in again
    page = chief.get(alert_url(story)).content.decode()
    assert "already sent on" in page and "Send the alert to" not in page
    assert NewsletterIssue.objects.count() == 1
    assert Delivery.objects.count() == 3


def test_a_draft_or_an_ordinary_story_gets_no_alert(chief, story, audience):
    draft = factories.article(sec=story.section, is_breaking=True, published=False)
    ordinary = factories.article(sec=story.section, is_breaking=False)
    assert "publish it first" in chief.post(alert_url(draft), follow=True).content.decode()
    assert "breaking news" in chief.post(alert_url(ordinary), follow=True).content.decode()
    assert not NewsletterIssue.objects.exists()


def test_with_nobody_on_the_breaking_list_nothing_is_spent(chief, story):
    page = chief.get(alert_url(story)).content.decode()
    assert "no one to send the alert to" in page
    chief.post(alert_url(story))
    assert not NewsletterIssue.objects.exists()


def test_the_confirmation_needs_the_csrf_token(story, audience):
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.editor("chief", chief=True))
    assert client.post(alert_url(story)).status_code == 403
    assert not NewsletterIssue.objects.exists()


def test_the_html_preview_is_a_page_of_its_own_under_a_strict_policy(chief, story, audience):
    response = chief.get(alert_url(story) + "preview/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy
    assert "img-src https: data:" in policy and "script-src" not in policy
    html = response.content.decode()
    assert "Earthquake hits the capital" in html and 'style="' in html  # CSS inlined
    assert "/newsletters/unsubscribe/preview/" in html and "%%" not in html
    # The newsroom's own pages keep the newsroom's policy and never carry the e-mail's HTML.
    page = chief.get(alert_url(story))
    assert "default-src 'self'" in page["Content-Security-Policy"]
    assert 'style="' not in page.content.decode()
    assert not OutgoingMail.objects.exists()
