"""With no worker running, an overdue scheduled story still goes live: the first request after
its time shows it on the home page, its section page, the RSS feed and the sitemap, and the
newsroom then shows it as published.

No test here runs ``dateline worker``; the queued task is never executed.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from dateline.news import publishing
from dateline.news.models import Article, Status
from tests import factories
from tests.feed_helpers import titles
from tests.sitemap_helpers import fetch, locs

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)
HEADLINE = "Overdue story the worker never saw"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def overdue(clock, django_capture_on_commit_callbacks):
    sec = factories.section(factories.edition("en"), name="Politics")
    factories.article(sec=sec, at=NOW - timedelta(days=1), headline="Yesterday's story")
    story = factories.draft(sec=sec, headline=HEADLINE, slug="overdue")
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued, as in production
        publishing.schedule(story, at=NOW + timedelta(minutes=10))
    clock.set(NOW + timedelta(minutes=11))
    return Article.objects.get(pk=story.pk)


def test_the_publishing_task_was_queued_and_nobody_ran_it(overdue):
    assert overdue.status == Status.SCHEDULED
    task = DBTaskResult.objects.get(task_path__endswith="publish_scheduled_article")
    assert task.status == "READY"


def test_the_first_request_to_the_home_page_shows_it_and_makes_it_published(overdue):
    page = Client().get("/en/").content.decode()

    assert HEADLINE in page
    assert Article.objects.get(pk=overdue.pk).status == Status.PUBLISHED


def test_the_first_request_to_its_section_page_shows_it(overdue):
    assert HEADLINE in Client().get("/en/politics/").content.decode()


def test_the_first_request_to_the_rss_feed_lists_it_first(overdue):
    assert titles(Client(), "/en/feeds/rss.xml")[0] == HEADLINE


def test_the_first_request_to_the_sitemap_lists_it(overdue):
    client = Client()
    index, _ = fetch(client, "/sitemap.xml")
    article_maps = [loc for loc in locs(index) if "-articles-" in loc]
    listed: list[str] = []
    for loc in article_maps:
        body, _ = fetch(client, "/" + loc.split("/", 3)[3])
        listed += locs(body)

    assert any(loc.endswith(overdue.get_absolute_url()) for loc in listed)


def test_its_own_page_answers_on_the_first_request(overdue):
    assert Client().get(overdue.get_absolute_url()).status_code == 200
