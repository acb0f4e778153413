"""A CDN or Varnish in front is purged by surrogate key, over HTTP, when the news changes."""

import json
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dateline.news import publishing
from tests import factories
from tests.page_cache_helpers import reader

pytestmark = pytest.mark.django_db


def next_purge_naming(received: queue.Queue, key: str) -> tuple[str, dict, bytes]:
    """The first purge request that names ``key`` (setting up the site purges too)."""
    while True:
        method, headers, body = received.get(timeout=5)
        if key in headers.get("Surrogate-Key", "").split() or key.encode() in body:
            return method, headers, body


@pytest.fixture
def purge_endpoint():
    """A stand-in CDN purge API on a free loopback port; yields (url, received queue)."""
    received: queue.Queue = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def _record(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            received.put((self.command, dict(self.headers), self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        do_PURGE = do_POST = _record

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/purge", received
    finally:
        server.shutdown()
        server.server_close()


def test_publishing_purges_the_cdn_by_surrogate_key(
    settings, purge_endpoint, django_capture_on_commit_callbacks
):
    url, received = purge_endpoint
    settings.DATELINE_PURGE_URLS = [url]
    settings.DATELINE_PURGE_AUTHORIZATION = "Fastly-Key: secret-token"
    story = factories.article(published=False)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(story)
    method, headers, _ = next_purge_naming(received, f"a{story.pk}")
    assert method == "PURGE"
    keys = set(headers["Surrogate-Key"].split())
    assert {f"a{story.pk}", f"s{story.section_id}", f"ed{story.edition_id}"} <= keys
    assert headers["Fastly-Key"] == "secret-token"


def test_cloudflare_style_purges_send_the_tags_as_json(
    settings, purge_endpoint, django_capture_on_commit_callbacks
):
    url, received = purge_endpoint
    settings.DATELINE_PURGE_URLS = [url]
    settings.DATELINE_PURGE_STYLE = "json"
    story = factories.article()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(story)
    method, headers, body = next_purge_naming(received, f'"a{story.pk}"')
    assert method == "POST" and headers["Content-Type"] == "application/json"
    assert f"a{story.pk}" in json.loads(body)["tags"]


def test_cached_pages_carry_their_keys_for_the_cdn(settings, memory_cache):
    settings.DATELINE_PURGE_URLS = ["http://127.0.0.1:9/purge"]
    story = factories.article()
    response = reader().get(story.get_absolute_url())
    keys = set(response["Surrogate-Key"].split())
    assert {f"a{story.pk}", f"s{story.section_id}", f"x{story.edition_id}"} <= keys


def test_without_a_cdn_pages_do_not_list_their_keys(memory_cache):
    story = factories.article()
    assert "Surrogate-Key" not in reader().get(story.get_absolute_url())


def test_a_cdn_that_is_down_does_not_stop_publishing(settings, django_capture_on_commit_callbacks):
    settings.DATELINE_PURGE_URLS = ["http://127.0.0.1:9/purge"]  # nothing listens there
    story = factories.article(published=False)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(story)
    story.refresh_from_db()
    assert story.is_public
