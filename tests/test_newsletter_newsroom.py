"""A chief editor exports and deletes subscribers and sees honest counts per issue; an
editor sees neither."""

import pytest

from dateline.distribution.newsletters import sending
from dateline.distribution.newsletters.composing import compose_alert
from dateline.distribution.newsletters.models import Subscriber
from tests import factories
from tests.newsletter_helpers import confirmed_subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_chief_editor_exports_subscribers_as_csv(client):
    confirmed_subscribers(3, factories.edition("en"))
    client.force_login(factories.editor("chief", chief=True))
    response = client.post(
        "/newsroom/distribution/subscriber/",
        {
            "action": "export_csv",
            "_selected_action": list(Subscriber.objects.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("email,edition__code,status")
    assert "reader2@example.org" in body


def test_an_editor_cannot_see_subscribers(client):
    client.force_login(factories.editor("ed"))
    assert client.get("/newsroom/distribution/subscriber/").status_code == 403


def test_the_issue_list_shows_status_counts(client):
    story = factories.article(sec=factories.section(factories.edition("en")))
    issue = compose_alert(story, base_url="https://news.example")
    confirmed_subscribers(4, story.edition)
    sending.start_sending(issue.pk)
    client.force_login(factories.editor("chief", chief=True))
    html = client.get("/newsroom/distribution/newsletterissue/").content.decode()
    assert "4 queued · 0 sent · 0 failed · 0 suppressed" in html
