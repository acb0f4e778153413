"""WebSub: feeds declare the hub, and a story that changes is pinged to it from a task.

The hub is a real HTTP server on a free loopback port; the task worker runs in-process in
batch mode, so these tests cover the signal, the task on commit, urllib and the hub's answer.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.checks import run_checks
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult

from dateline.distribution.feeds.hubs import in_process_hub
from dateline.news import publishing
from tests import factories
from tests.feed_helpers import read_json_feed, read_xml_feed
from tests.smtp import pending_tasks, run_worker, time_passes_for_the_retry

PUBLIC = "https://news.example.org"


class HubServer:
    """A WebSub hub that records publish notifications and answers with ``status``."""

    def __init__(self) -> None:
        self.pings: list[dict[str, list[str]]] = []
        self.status = 204
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                if hub.status < 300:
                    hub.pings.append(form)
                self.send_response(hub.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def topics(self) -> list[str]:
        return [url for form in self.pings for url in form["hub.url"]]


@pytest.fixture
def hub(settings) -> Iterator[HubServer]:
    server = HubServer()
    server.thread.start()
    settings.DATELINE_WEBSUB_HUB = server.url
    settings.DATELINE_PUBLIC_URL = PUBLIC
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def newsroom():
    en = factories.edition("en")
    politics = factories.section(en, name="Politics")
    writer = factories.author("Leyla Mammadova")
    label = factories.tag("Elections")
    return {"edition": en, "politics": politics, "writer": writer, "label": label}


def a_filed_story(newsroom, **fields):
    """A draft with a byline and a tag, ready for an editor to publish."""
    story = factories.draft(sec=newsroom["politics"], authors=[newsroom["writer"]], **fields)
    story.tags.add(newsroom["label"])
    return story


def expected_topics(newsroom) -> set[str]:
    bases = [
        "/feeds/",
        "/en/feeds/",
        "/en/politics/feeds/",
        f"/en/author/{newsroom['writer'].slug}/feeds/",
        "/en/tag/elections/feeds/",
    ]
    return {
        f"{PUBLIC}{base}{name}" for base in bases for name in ("rss.xml", "atom.xml", "feed.json")
    }


# --- Declaring the hub ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_feeds_declare_the_hub_and_themselves(hub, newsroom):
    factories.article(sec=newsroom["politics"])
    reader = Client()
    for name in ("rss.xml", "atom.xml"):
        links = {
            link.rel: link.href for link in read_xml_feed(reader, f"/en/feeds/{name}").feed.links
        }
        assert links["hub"] == hub.url
        assert links["self"] == f"{PUBLIC}/en/feeds/{name}"
    assert read_json_feed(reader, "/en/feeds/feed.json")["hubs"] == [
        {"type": "WebSub", "url": hub.url}
    ]


@pytest.mark.django_db
def test_feeds_send_hub_and_self_link_headers(hub, newsroom):
    response = Client().get("/en/politics/feeds/atom.xml")
    assert (
        response["Link"]
        == f'<{hub.url}>; rel="hub", <{PUBLIC}/en/politics/feeds/atom.xml>; rel="self"'
    )


@pytest.mark.django_db
def test_without_a_hub_feeds_declare_none(newsroom, settings):
    settings.DATELINE_WEBSUB_HUB = ""
    reader = Client()
    links = {link.rel for link in read_xml_feed(reader, "/en/feeds/atom.xml").feed.links}
    assert "hub" not in links
    assert "hubs" not in read_json_feed(reader, "/en/feeds/feed.json")


# --- Pinging -------------------------------------------------------------------------------

pinging = pytest.mark.django_db(transaction=True)


@pinging
def test_publishing_a_story_pings_every_feed_that_lists_it(hub, newsroom):
    story = a_filed_story(newsroom)
    publishing.publish(story)
    assert pending_tasks().count() == 1
    run_worker()
    assert {form["hub.mode"][0] for form in hub.pings} == {"publish"}
    assert set(hub.topics) == expected_topics(newsroom)
    assert not pending_tasks().exists()


@pinging
def test_updating_and_unpublishing_a_story_ping_the_hub_again(hub, newsroom):
    story = a_filed_story(newsroom)
    publishing.publish(story)
    run_worker()
    hub.pings.clear()

    story.refresh_from_db()
    story.headline = "A corrected headline"
    story.save()
    publishing.record_edit(story, {"headline"})
    run_worker()
    assert set(hub.topics) == expected_topics(newsroom)

    hub.pings.clear()
    publishing.unpublish(story)
    run_worker()
    assert set(hub.topics) == expected_topics(newsroom)


@pinging
def test_a_story_outside_the_default_edition_does_not_ping_the_site_feed(hub, newsroom):
    ru = factories.edition("ru")
    story = factories.draft(sec=factories.section(ru, name="Politika"))
    publishing.publish(story)
    run_worker()
    assert f"{PUBLIC}/ru/feeds/rss.xml" in hub.topics
    assert not any(topic.startswith(f"{PUBLIC}/feeds/") for topic in hub.topics)


@pinging
def test_nothing_is_pinged_until_the_transaction_commits(hub, newsroom):
    story = a_filed_story(newsroom)
    with transaction.atomic():
        publishing.publish(story)
        assert not DBTaskResult.objects.exists()
    assert pending_tasks().count() == 1


@pinging
def test_no_task_is_queued_when_websub_is_off(newsroom, settings):
    settings.DATELINE_WEBSUB_HUB = ""
    publishing.publish(a_filed_story(newsroom))
    assert not DBTaskResult.objects.exists()


@pinging
def test_a_failing_hub_is_tried_again_later(hub, newsroom):
    hub.status = 500
    publishing.publish(a_filed_story(newsroom))
    run_worker()
    assert hub.topics == []
    [retry] = pending_tasks()
    assert retry.run_after is not None
    assert retry.args_kwargs["args"][1] == 2  # the second attempt
    # Not yet: the backoff has not passed.
    run_worker()
    assert hub.topics == []

    hub.status = 202
    time_passes_for_the_retry()
    run_worker()
    assert set(hub.topics) == expected_topics(newsroom)
    assert not pending_tasks().exists()


@pinging
def test_a_hub_that_stays_down_is_given_up_on_after_the_last_attempt(hub, newsroom, settings):
    settings.DATELINE_WEBSUB_MAX_ATTEMPTS = 3
    hub.status = 503
    publishing.publish(a_filed_story(newsroom))
    for _ in range(5):
        run_worker()
        time_passes_for_the_retry()
    assert not pending_tasks().exists()
    results = list(
        DBTaskResult.objects.order_by("enqueued_at").values_list("return_value", flat=True)
    )
    assert results == ["retrying", "retrying", "gave up"]


@pinging
def test_a_hub_that_refuses_a_topic_is_not_asked_again(hub, newsroom):
    hub.status = 400
    publishing.publish(a_filed_story(newsroom))
    run_worker()
    assert not pending_tasks().exists()


@pinging
def test_an_unreachable_hub_is_retried(hub, newsroom, settings):
    hub.server.shutdown()
    hub.server.server_close()
    publishing.publish(a_filed_story(newsroom))
    run_worker()
    assert pending_tasks().count() == 1


@pinging
def test_the_in_process_hub_records_pings_for_tests_and_demos(newsroom, settings):
    settings.DATELINE_WEBSUB_HUB = "memory://"
    settings.DATELINE_PUBLIC_URL = PUBLIC
    in_process_hub.reset()
    try:
        publishing.publish(a_filed_story(newsroom))
        run_worker()
        assert set(in_process_hub.received) == expected_topics(newsroom)
    finally:
        in_process_hub.reset()


# --- Configuration -------------------------------------------------------------------------------


def check_ids() -> set[str]:
    return {message.id for message in run_checks() if message.id.startswith("dateline.feeds")}


def test_a_hub_address_that_is_not_a_url_is_reported(settings):
    settings.DATELINE_WEBSUB_HUB = "hub.example.org"
    settings.DATELINE_PUBLIC_URL = PUBLIC
    assert check_ids() == {"dateline.feeds.E001"}


def test_a_hub_without_a_public_url_is_reported(settings):
    settings.DATELINE_WEBSUB_HUB = "https://hub.example.org/"
    settings.DATELINE_PUBLIC_URL = ""
    assert check_ids() == {"dateline.feeds.W001"}


def test_websub_off_or_well_configured_reports_nothing(settings):
    settings.DATELINE_WEBSUB_HUB = ""
    assert check_ids() == set()
    settings.DATELINE_WEBSUB_HUB = "https://hub.example.org/"
    settings.DATELINE_PUBLIC_URL = PUBLIC
    assert check_ids() == set()
