"""The dashboard shows each person only the blocks and stories their role lets them open."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from dateline.news import middleware
from dateline.news.models import Article, Status
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_due_check_between_requests(monkeypatch):
    monkeypatch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)
    cache.clear()


def blocks_seen_by(user) -> tuple[list[str], str]:
    client = Client()
    client.force_login(user)
    html = client.get("/newsroom/").content.decode()
    keys = [part.split('"', 1)[0] for part in html.split('<section id="block-')[1:]]
    return keys, html


@pytest.fixture
def stories():
    section = factories.section(factories.edition("en"), "Politics")
    colleague = factories.reporter("colleague")
    scheduled = factories.draft(sec=section, headline="A colleague's scheduled story")
    draft = factories.draft(sec=section, headline="A colleague's draft")
    Article.objects.filter(pk__in=[scheduled.pk, draft.pk]).update(created_by=colleague)
    Article.objects.filter(pk=scheduled.pk).update(
        status=Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=3)
    )
    return section


def test_the_dashboard_asks_a_visitor_to_sign_in():
    response = Client().get("/newsroom/")

    assert response.status_code == 302
    assert response["Location"].startswith("/newsroom/login/")


def test_a_reporter_sees_only_their_own_work_in_progress(stories):
    reporter = factories.reporter()

    keys, html = blocks_seen_by(reporter)

    assert keys[:3] == ["drafts", "review", "scheduled"]
    assert "My scheduled stories" in html and "My stories in review" in html
    assert "A colleague's" not in html.replace("&#x27;", "'")
    assert "Waiting for review" not in html
    assert "Arrange the front page" not in html


def test_a_chief_editor_sees_the_whole_newsroom(stories):
    chief = factories.chief_editor()

    keys, html = blocks_seen_by(chief)

    assert keys == ["drafts", "review", "scheduled", "published", "most-read", "reports"]
    assert "A colleague&#x27;s scheduled story" in html
    assert "A colleague&#x27;s draft" not in html  # drafts are their writers' own
    assert "Arrange the front page" in html


def test_an_administrator_without_story_rights_gets_no_story_blocks(stories):
    administrator = factories.newsroom_administrator()

    keys, html = blocks_seen_by(administrator)

    assert keys == []
    assert "A colleague" not in html
    assert "Everything in the newsroom" in html  # people and settings are still one click away
