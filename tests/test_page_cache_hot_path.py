"""A fresh cached page is answered before Django: no query, no template, same headers."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.test.signals import template_rendered

from dateline.pagecache.hot_path import wrap
from tests import factories

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cache-Control",
    "Content-Type",
    "ETag",
    "Last-Modified",
)


class Answer:
    def __init__(self, app, path: str, method: str = "GET", **headers: str) -> None:
        environ = RequestFactory().generic(method, path, **headers).environ
        self.status = ""
        self.headers: dict[str, str] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info=None):
            self.status = status
            self.headers = dict(headers)

        self.body = b"".join(app(environ, start_response))

    @property
    def code(self) -> int:
        return int(self.status.split()[0])


@pytest.fixture
def app():
    """The served application, called directly. As Django's test client does, requests leave
    the test's connection open: closing it would end the test's transaction (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield wrap(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def story():
    return factories.article(headline="Bridge reopens after repairs")


def test_the_second_reader_is_answered_without_a_query_or_a_template(
    app, story, memory_cache, django_assert_num_queries
):
    first = Answer(app, story.get_absolute_url())
    assert first.code == 200 and first.headers["X-Cache"] == "MISS"
    rendered = []
    template_rendered.connect(rendered.append, dispatch_uid="hot-path-test")
    try:
        with django_assert_num_queries(0):
            second = Answer(app, story.get_absolute_url())
    finally:
        template_rendered.disconnect(dispatch_uid="hot-path-test")
    assert second.headers["X-Cache"] == "HIT"
    assert rendered == []
    assert second.body == first.body
    assert b"Bridge reopens after repairs" in second.body


def test_a_hit_carries_exactly_the_security_headers_of_the_render(app, story, memory_cache):
    first = Answer(app, story.get_absolute_url())
    second = Answer(app, story.get_absolute_url())
    for name in SECURITY_HEADERS:
        assert second.headers.get(name) == first.headers.get(name), name
    assert "frame-ancestors 'none'" in second.headers["Content-Security-Policy"]
    assert second.headers["X-Frame-Options"] == "DENY"
    assert second.headers["X-Content-Type-Options"] == "nosniff"
    assert set(second.headers) - set(first.headers) <= {"Age"}
    assert "Set-Cookie" not in second.headers


def test_a_reader_holding_the_page_gets_304_without_the_body(app, story, memory_cache):
    first = Answer(app, story.get_absolute_url())
    again = Answer(app, story.get_absolute_url(), HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.code == 304
    assert again.body == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    since = Answer(
        app, story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"]
    )
    assert since.code == 304
    other = Answer(app, story.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"')
    assert other.code == 200 and other.body == first.body


def test_head_is_answered_from_the_cache_without_a_body(app, story, memory_cache):
    first = Answer(app, story.get_absolute_url())
    head = Answer(app, story.get_absolute_url(), method="HEAD")
    assert head.code == 200 and head.body == b""
    assert head.headers["X-Cache"] == "HIT"
    assert head.headers["Content-Length"] == str(len(first.body))


def test_a_signed_in_editor_never_gets_the_cached_copy(app, story, memory_cache, client):
    Answer(app, story.get_absolute_url())
    client.force_login(factories.editor())
    session = client.cookies["sessionid"].value
    theirs = Answer(app, story.get_absolute_url(), HTTP_COOKIE=f"sessionid={session}")
    assert "X-Cache" not in theirs.headers
    assert "private" in theirs.headers["Cache-Control"]


def test_posts_and_the_newsroom_pass_through(app, story, memory_cache):
    Answer(app, story.get_absolute_url())
    post = Answer(app, story.get_absolute_url(), method="POST")
    assert "X-Cache" not in post.headers
    assert post.code == 405 or post.code >= 400
    newsroom = Answer(app, "/newsroom/")
    assert "X-Cache" not in newsroom.headers


def test_a_purged_page_is_not_answered_by_the_hot_path(app, story, memory_cache):
    Answer(app, story.get_absolute_url())
    memory_cache.purge({f"a{story.pk}"})
    after = Answer(app, story.get_absolute_url())
    assert after.headers["X-Cache"] == "MISS"  # rendered again by Django, not the stale copy
