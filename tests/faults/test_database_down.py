"""RELIABILITY row 14: PostgreSQL stopped, then frozen with SIGSTOP, under ``dateline serve``.

Real processes throughout: a private PostgreSQL cluster of the test's own (initdb + pg_ctl on
a free port, never the machine's shared server), ``dateline serve`` on it with the disk page
cache, a few demo stories. While the database is away: warm pages are all served (200,
stale allowed and marked), cold pages get the 503 page with ``Retry-After`` within 2.5 s
each, the newsroom answers 503 and never a traceback. Once it is back, the site recovers
within 10 s without restarting Dateline.

Each outage lasts ``OUTAGE_SECONDS`` (10 s), not RELIABILITY's 60 s, to keep the suite
quick; nothing in the design depends on the length (the breaker retries every 2 s).
"""

import contextlib
import http.client
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults.postgres_cluster import Cluster, free_port, postgres_bin

pytestmark = pytest.mark.faults

ROOT = Path(__file__).resolve().parents[2]
DATELINE = str(ROOT / ".venv" / "bin" / "dateline")
OUTAGE_SECONDS = 10.0
ANSWER_WITHIN = 2.5
RECOVER_WITHIN = 10.0
PAGE_FRESH_SECONDS = 3  # so warm pages go stale during the outage and must be served stale


@dataclass
class Answer:
    status: int
    seconds: float
    headers: dict[str, str]
    body: str


class Site:
    def __init__(self, port: int) -> None:
        self.port = port

    def get(self, path: str) -> Answer:
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
            headers = {name.lower(): value for name, value in response.getheaders()}
            return Answer(response.status, time.monotonic() - started, headers, body)
        finally:
            conn.close()


@pytest.fixture
def site(tmp_path) -> Iterator[tuple[Site, Cluster]]:
    binaries = postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    # Not under tmp_path: as root the server runs as postgres, which cannot enter pytest's
    # private temporary folders.
    cluster = Cluster(binaries, Path(tempfile.mkdtemp(prefix="dateline-pg-")))
    server: subprocess.Popen | None = None
    stack = contextlib.ExitStack()
    try:
        cluster.create()
        cluster.start()
        import psycopg

        admin = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE dateline")
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
        env.update(
            DATABASE_URL=cluster.url,
            DATELINE_DATA_DIR=str(tmp_path / "data"),
            DATELINE_PAGE_CACHE="disk",
            DATELINE_PAGE_CACHE_SECONDS=str(PAGE_FRESH_SECONDS),
        )
        for command in (["migrate", "--no-input"], ["demo", "--articles", "12"]):
            subprocess.run([DATELINE, *command], env=env, check=True, capture_output=True,
                           timeout=300)  # fmt: skip
        port = free_port()
        log = stack.enter_context((tmp_path / "serve.log").open("wb"))
        server = subprocess.Popen(
            [DATELINE, "serve", "--port", str(port), "--workers", "1", "--threads", "4",
             "--no-worker"],
            env=env, stdout=subprocess.DEVNULL, stderr=log,
            start_new_session=True,
        )  # fmt: skip
        live = Site(port)
        deadline = time.monotonic() + 60
        while True:
            try:
                if live.get("/").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()[-3000:]
            time.sleep(0.3)
        yield live, cluster
    finally:
        with contextlib.suppress(OSError, ValueError):
            cluster.signal(signal.SIGCONT)
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)
        stack.close()


def story_paths(site: Site) -> list[str]:
    """Stories linked from the front pages of every edition."""
    home = site.get("/").body
    fronts = ["/", *sorted(set(re.findall(r'href="(/[a-z]{2}/)"', home)))]
    story = re.compile(r'href="(/[a-z]{2}/[^"#?]*?/\d+-[^"#?/]+/)"')
    paths = sorted({path for front in fronts for path in story.findall(site.get(front).body)})
    assert len(paths) >= 7, paths
    return paths


def ride_out_outage(site: Site, warm: list[str], cold: list[str]) -> dict[str, int]:
    """Asks for every page in turn for OUTAGE_SECONDS; checks each answer as it comes."""
    seen = {"warm": 0, "stale": 0, "cold": 0, "newsroom": 0, "slowest_cold_ms": 0}
    ends = time.monotonic() + OUTAGE_SECONDS
    while time.monotonic() < ends:
        for path in warm:
            answer = site.get(path)
            assert answer.status == 200, (path, answer.status, answer.body[:300])
            seen["warm"] += 1
            seen["stale"] += answer.headers.get("x-cache") == "STALE"
        for path in cold:
            answer = site.get(path)
            assert answer.status == 503, (path, answer.status, answer.body[:300])
            assert answer.headers.get("retry-after") == "30"
            assert answer.seconds < ANSWER_WITHIN, (path, answer.seconds)
            seen["cold"] += 1
            seen["slowest_cold_ms"] = max(seen["slowest_cold_ms"], int(answer.seconds * 1000))
        newsroom = site.get("/newsroom/")
        assert newsroom.status == 503, newsroom.status
        assert "Traceback" not in newsroom.body
        seen["newsroom"] += 1
    return seen


def seconds_to_recover(site: Site, path: str) -> float:
    started = time.monotonic()
    while time.monotonic() - started < RECOVER_WITHIN + 5:
        if site.get(path).status == 200:
            return time.monotonic() - started
        time.sleep(0.2)
    return float("inf")


def warm_up(site: Site, paths: list[str]) -> None:
    for path in paths:
        assert site.get(path).status == 200
        assert site.get(path).headers.get("x-cache") in ("HIT", "MISS")


def test_the_site_rides_out_a_stopped_and_a_frozen_database(site):
    live, cluster = site
    stories = story_paths(live)
    # Cold pages are asked for only during their outage (the recovery check warms them).
    warm, cold_while_stopped, cold_while_frozen = ["/", *stories[:3]], stories[3:5], stories[5:7]
    warm_up(live, warm)

    # (a) PostgreSQL stopped.
    cluster.stop()
    seen = ride_out_outage(live, warm, cold_while_stopped)
    assert seen["stale"] > 0 and seen["cold"] > 0
    cluster.start()
    recovered = seconds_to_recover(live, cold_while_stopped[0])
    print(f"stopped: {seen}, recovered in {recovered:.1f} s")  # shown with pytest -s
    assert recovered < RECOVER_WITHIN

    # (b) PostgreSQL frozen: the kernel still accepts connections, nothing answers.
    warm_up(live, warm)
    cluster.signal(signal.SIGSTOP)
    try:
        seen = ride_out_outage(live, warm, cold_while_frozen)
    finally:
        cluster.signal(signal.SIGCONT)
    assert seen["stale"] > 0 and seen["cold"] > 0
    recovered = seconds_to_recover(live, cold_while_frozen[0])
    print(f"frozen: {seen}, recovered in {recovered:.1f} s")
    assert recovered < RECOVER_WITHIN
    assert live.get(warm[1]).headers.get("x-cache") in ("HIT", "MISS")  # fresh again
