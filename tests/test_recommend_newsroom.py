"""The newsroom sees the recommendation audit log and the suppression list, read-only;
the log is personal data and is purged after DATELINE_RECOMMEND_LOG_DAYS."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dateline.distribution.models import Outcome, RecommendationAttempt, SuppressedRecipient
from dateline.distribution.recommend import sending
from tests import factories
from tests.recommend_helpers import fresh_page_tokens_fixture, recommend  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def story(db):
    return factories.article(headline="Parliament passes the budget")


@pytest.fixture
def admin_client(client):
    client.force_login(factories.administrator())
    return client


def test_the_audit_log_lists_time_article_hashed_ip_addresses_and_outcome(admin_client, story):
    recommend(admin_client, story)
    recommend(admin_client, story, homepage="bot")

    page = admin_client.get("/newsroom/distribution/recommendationattempt/")
    assert page.status_code == 200
    entry = RecommendationAttempt.objects.get(outcome=Outcome.QUEUED)
    for text in ("Parliament passes the budget", "ann@example.org", "bo@example.net"):
        assert text in page.text
    assert entry.ip_hash in page.text
    assert "203.0.113.7" not in page.text
    assert "Honeypot filled" in page.text


def test_the_audit_log_cannot_be_edited_added_to_or_deleted_from(admin_client, story):
    recommend(admin_client, story)
    entry = RecommendationAttempt.objects.get()
    base = "/newsroom/distribution/recommendationattempt/"
    assert admin_client.get(f"{base}add/").status_code == 403
    assert admin_client.get(f"{base}{entry.pk}/delete/").status_code == 403
    detail = admin_client.get(f"{base}{entry.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.text


def test_the_suppression_list_is_searchable_by_address_without_storing_it(admin_client):
    sending.suppress("bo@example.net")
    sending.suppress("cy@example.net")
    base = "/newsroom/distribution/suppressedrecipient/"

    found = admin_client.get(base, {"q": "Bo@example.net"})
    assert found.status_code == 200
    assert "1 result" in found.text
    missing = admin_client.get(base, {"q": "nobody@example.net"})
    assert "0 results" in missing.text
    assert "bo@example.net" not in SuppressedRecipient.objects.values_list(
        "address_hash", flat=True
    )


def test_readers_cannot_see_the_newsroom_screens(client):
    for url in (
        "/newsroom/distribution/recommendationattempt/",
        "/newsroom/distribution/suppressedrecipient/",
    ):
        assert client.get(url).status_code == 302


def test_log_rows_older_than_the_retention_period_are_deleted(settings, story):
    settings.DATELINE_RECOMMEND_LOG_DAYS = 30
    now = timezone.now()
    for days in (31, 29, 0):
        RecommendationAttempt.objects.create(
            article=story,
            ip_hash="x",
            outcome=Outcome.QUEUED,
            created_at=now - timedelta(days=days),
        )
    assert sending.forget_old_attempts() == 1
    assert RecommendationAttempt.objects.count() == 2


def test_the_purge_command_deletes_old_rows(settings, story):
    settings.DATELINE_RECOMMEND_LOG_DAYS = 1
    RecommendationAttempt.objects.create(
        ip_hash="x", outcome=Outcome.INVALID, created_at=timezone.now() - timedelta(days=2)
    )
    call_command("forget_recommendations", verbosity=0)
    assert not RecommendationAttempt.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_first_recommendation_of_the_day_enqueues_the_purge(client, story):
    recommend(client, story, ip="192.0.2.1")
    recommend(client, story, ip="192.0.2.2", sender_email="cy@example.org")
    purges = DBTaskResult.objects.filter(task_path__endswith="forget_old_recommendations")
    assert purges.count() == 1
