"""The view beacon's short path in ``dateline serve``: answered at once, counted within a second,
counted by the same rules, and never for a story that is not live."""

import time
from collections.abc import Callable

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dateline.analytics import beacon_path
from dateline.analytics.readership import total_views
from dateline.news import publishing
from tests import factories
from tests.threads import in_own_thread

pytestmark = pytest.mark.django_db(transaction=True)

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def app(settings, tmp_path, database_like_production, monkeypatch):
    settings.DATA_DIR = tmp_path  # the spool lives in the data folder
    settings.REDIS_URL = ""
    monkeypatch.setattr(beacon_path, "_known", {})
    monkeypatch.setattr(beacon_path, "_answer_headers", None)
    yield beacon_path.wrap(WSGIHandler())
    beacon_path.stop_counting()


def beacon(app, story_id: int, *, ip: str = "10.0.0.1", **headers: str) -> tuple[int, dict]:
    """One beacon, answered on a thread of its own (so on the database file, as served)."""
    status, answer_headers, _ = beacon_counting_queries(app, story_id, ip=ip, **headers)
    return status, answer_headers


def beacon_counting_queries(app, story_id: int, *, ip: str, **headers: str):
    url = reverse("analytics:view-beacon", args=[story_id])
    headers = {"HTTP_USER_AGENT": FIREFOX, **headers}
    environ = RequestFactory().post(url, REMOTE_ADDR=ip, **headers).environ
    answer: dict = {}

    def start_response(status: str, response_headers: list, exc_info=None) -> None:
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    def send() -> int:
        with CaptureQueriesContext(connection) as queries:
            b"".join(app(environ, start_response))
        return len(queries)

    queries = in_own_thread(send)
    return answer["status"], answer["headers"], queries


def eventually(count: Callable[[], int], expected: int, seconds: float = 8.0) -> int:
    deadline = time.monotonic() + seconds
    while (seen := count()) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return seen


def views_of(story) -> Callable[[], int]:
    return lambda: in_own_thread(lambda: total_views(story.pk))


def test_after_the_view_vouches_for_a_story_its_beacons_skip_the_database(app):
    story = in_own_thread(factories.article)
    first_status, first_headers, first_queries = beacon_counting_queries(
        app, story.pk, ip="10.0.0.1"
    )
    assert first_status == 204 and first_queries > 0
    for n in range(2, 12):
        status, headers, queries = beacon_counting_queries(app, story.pk, ip=f"10.0.0.{n}")
        assert status == 204
        assert queries == 0
    assert headers == first_headers  # the same security headers as the view's answer
    assert eventually(views_of(story), 11) == 11


def test_the_short_path_keeps_the_counting_rules(app):
    story = in_own_thread(factories.article)
    beacon(app, story.pk, ip="10.0.0.1")  # the view: counted, and vouches for the story
    for _ in range(5):
        beacon(app, story.pk, ip="10.0.0.2")  # one reader reloading: once
    beacon(app, story.pk, ip="10.0.0.3", HTTP_USER_AGENT="Googlebot/2.1")  # a crawler: never
    beacon(app, story.pk, ip="10.0.0.4", HTTP_SEC_PURPOSE="prefetch")  # a prefetch: never
    assert eventually(views_of(story), 2) == 2
    time.sleep(1.5)  # a second round of counting adds nothing
    assert views_of(story)() == 2


def test_another_sites_beacon_still_meets_the_view(app):
    story = in_own_thread(factories.article)
    beacon(app, story.pk)
    status, _ = beacon(app, story.pk, ip="10.0.0.9", HTTP_ORIGIN="https://evil.example")
    assert status == 403


def test_an_unpublished_storys_beacons_go_back_to_the_view(app):
    story = in_own_thread(factories.article)
    assert beacon(app, story.pk)[0] == 204
    in_own_thread(lambda: publishing.unpublish(story))
    status, _ = beacon(app, story.pk, ip="10.0.0.7")
    assert status == 404
    assert views_of(story)() == 1


def test_a_story_unknown_to_the_process_is_checked_by_the_view(app):
    draft = in_own_thread(lambda: factories.article(published=False))
    assert beacon(app, draft.pk)[0] == 404
    assert beacon(app, 987654)[0] == 404
