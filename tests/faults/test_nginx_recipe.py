"""The shipped nginx recipe (deploy/nginx/dateline.conf) in front of a real `dateline serve`.

Debian's nginx runs the shipped file (TLS, paths and ports rewritten by
``nginx_helpers.render_recipe``) on a free loopback port, in front of `dateline serve` on
another, with a demo site in its own data folder on SQLite. Through nginx: a reader page is
cached with Dateline's security headers intact; a request with a session cookie and the
newsroom are never served from the cache nor stored; an edit made with the publishing code
reaches readers within two seconds; and with Dateline stopped, nginx keeps serving the page.
Every process is started here and stopped by its own id.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults.nginx_helpers import Nginx, cached_keys, start_nginx, wait_for_port

pytestmark = [pytest.mark.faults]

ROOT = Path(__file__).resolve().parents[2]
STOP_SECONDS = 30
PURGE_SECONDS = 2.0  # an edit must reach readers through nginx within this
SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Site:
    env: dict[str, str]
    data_dir: Path
    article_path: str
    headline: str
    # Another story, the one test that edits uses, so the others never see its change.
    edited_id: int
    edited_path: str

    def python(self, code: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """A migrated demo site (30 stories) in a data folder of its own, on SQLite."""
    data_dir = tmp_path_factory.mktemp("nginx-recipe") / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATELINE_REDIS_URL")}
    env.update(
        DATELINE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="dateline.settings",
        DATELINE_SERVER_WORKERS="1",
    )
    for args in (("migrate", "--noinput", "-v", "0"), ("demo", "--articles", "30")):
        subprocess.run(
            [sys.executable, "-m", "dateline.cli", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=300,
            check=True,
        )
    site = Site(env, data_dir, "", "", 0, "")
    read, edited = json.loads(
        site.python(
            "import json\nfrom dateline.news.models import Article\n"
            "a, b = Article.objects.published().order_by('pk')[:2]\n"
            "print(json.dumps([[a.get_absolute_url(), a.headline],\n"
            "                  [b.pk, b.get_absolute_url()]]))\n"
        )
    )
    site.article_path, site.headline = read
    site.edited_id, site.edited_path = edited
    return site


@dataclass
class Stack:
    site: Site
    serve: subprocess.Popen[bytes]
    nginx: Nginx
    port: int

    def get(self, path: str, cookie: str | None = None) -> tuple[int, http.client.HTTPMessage, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode(errors="replace")
        finally:
            connection.close()

    def stop_dateline(self) -> None:
        """SIGTERM to the server's process group, as systemd stops it; waits for the exit."""
        if self.serve.poll() is None:
            os.killpg(self.serve.pid, signal.SIGTERM)
            try:
                self.serve.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(self.serve.pid, signal.SIGKILL)
                self.serve.wait()

    def diagnostics(self) -> str:
        log = self.nginx.folder / "serve.log"
        return f"--- nginx\n{self.nginx.error_log()}\n--- serve\n{log.read_text()[-3000:]}"


@pytest.fixture
def stack(site, tmp_path) -> Iterator[Stack]:
    """`dateline serve` (with its task worker) and nginx with an empty cache, both fresh."""
    upstream, listen = free_port(), free_port()
    folder = tmp_path / "nginx"
    folder.mkdir()
    log = (folder / "serve.log").open("wb")
    serve = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "serve", "--port", str(upstream), "--threads", "2"],
        cwd=ROOT,
        env=site.env,
        stdout=log,
        stderr=subprocess.STDOUT,
        process_group=0,
    )
    nginx: Nginx | None = None
    try:
        wait_for_port(upstream, what="dateline serve", alive=serve)
        nginx = start_nginx(
            folder, listen_port=listen, upstream_port=upstream, data_dir=site.data_dir
        )
        stack = Stack(site, serve, nginx, listen)
        yield stack
    finally:
        if nginx is not None:
            nginx.stop()
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGTERM)
            try:
                serve.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
                serve.wait()
        log.close()


def warm(stack: Stack, path: str) -> tuple[int, http.client.HTTPMessage, str]:
    """Requests ``path`` until nginx answers it from its cache (bounded); returns that answer."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        answer = stack.get(path)
        if answer[1].get("X-Cache-Status") == "HIT":
            return answer
    pytest.fail(f"{path} never became a cache HIT through nginx.\n{stack.diagnostics()}")


def test_a_second_request_for_an_article_is_a_hit_with_dateline_security_headers(stack):
    path = stack.site.article_path
    status, first, _ = stack.get(path)
    assert status == 200, stack.diagnostics()
    assert first["X-Cache-Status"] == "MISS"
    status, second, body = stack.get(path)
    assert status == 200
    assert second["X-Cache-Status"] == "HIT", stack.diagnostics()
    assert stack.site.headline in body
    for header in SECURITY_HEADERS:
        assert second[header] == first[header] and second[header], header
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]
    assert second["Set-Cookie"] is None


def test_a_signed_in_request_is_never_a_hit_and_the_newsroom_is_never_stored(stack):
    path = stack.site.article_path
    warm(stack, path)
    for cookie in ("sessionid=abc123", "theme=dark; __Host-sessionid=abc123"):
        status, headers, _ = stack.get(path, cookie=cookie)
        assert status == 200
        assert headers["X-Cache-Status"] == "BYPASS", cookie

    for _ in range(3):
        status, headers, _ = stack.get("/newsroom/login/")
        assert status == 200
        assert headers.get("X-Cache-Status") in (None, ""), "the newsroom went through the cache"
        assert "no-store" in headers["Cache-Control"]
    keys = cached_keys(stack.nginx.folder / "cache")
    assert any(key.endswith(path) for key in keys), keys
    assert not [key for key in keys if "/newsroom/" in key or "/beacon/" in key]


def test_an_edited_headline_reaches_readers_through_nginx_within_two_seconds(stack):
    path = stack.site.edited_path
    warm(stack, path)
    new_headline = f"Harbour reopens after the storm {time.time_ns()}"
    edited_at = float(
        stack.site.python(
            "import time\n"
            "from dateline.news import publishing\n"
            "from dateline.news.models import Article\n"
            f"story = Article.objects.get(pk={stack.site.edited_id})\n"
            f"story.headline = {new_headline!r}\n"
            "story.save()\n"
            "publishing.record_edit(story, {'headline'})\n"
            "print(time.time())\n"
        )
    )
    deadline = edited_at + PURGE_SECONDS + 5  # poll a little past the limit to report it
    seen_at = None
    while time.time() < deadline:
        _, _, body = stack.get(path)
        if new_headline in body:
            seen_at = time.time()
            break
        time.sleep(0.05)
    assert seen_at is not None, f"the new headline never came through.\n{stack.diagnostics()}"
    assert seen_at - edited_at <= PURGE_SECONDS, f"took {seen_at - edited_at:.2f} s"


def test_with_dateline_stopped_nginx_still_serves_the_cached_article(stack):
    path = stack.site.article_path
    _, fresh, fresh_body = warm(stack, path)
    stack.stop_dateline()
    assert stack.serve.returncode is not None
    # Past s-maxage (1 s; nginx keeps time in whole seconds, so allow a few) the copy nginx
    # holds turns stale, and is still what every reader gets.
    deadline = time.monotonic() + 6
    while True:
        status, headers, body = stack.get(path)
        assert status == 200, stack.diagnostics()
        assert body == fresh_body
        if headers["X-Cache-Status"] in ("STALE", "UPDATING"):
            break
        assert time.monotonic() < deadline, headers["X-Cache-Status"]
        time.sleep(0.25)
    for header in SECURITY_HEADERS:
        assert headers[header] == fresh[header], header
    # A page nginx never saw cannot be invented: it is an error, not someone else's page.
    status, _, _ = stack.get("/en/no-such-page-was-ever-cached/")
    assert status >= 500
