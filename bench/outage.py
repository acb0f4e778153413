"""The database outage of RELIABILITY row 14, measured: PostgreSQL stopped, then frozen.

    .venv/bin/python bench/outage.py [--seconds 60] [--out FILE]

Starts a PostgreSQL cluster of its own (initdb + pg_ctl from /usr/lib/postgresql/*/bin, on a
free port, in a temporary folder; never the machine's shared server), a demo site on it and
`dateline serve` (two workers, the disk page cache, pages fresh for 3 s so that warm pages are
served stale during the outage). Warms the home page and a few stories, then for
``--seconds`` each: (a) stops PostgreSQL (``pg_ctl -m immediate stop``), (b) freezes it
(SIGSTOP to every PostgreSQL process: connections are accepted, nothing answers). Meanwhile
it asks, in turn and one at a time, for every warm page, a few never-requested stories and the
newsroom; afterwards it restarts / thaws the database and times how long until a cold story
renders again, without restarting Dateline.

Prints one line per outage::

    outage (stopped 60 s): warm pages 100.0% served (1,204, 1,180 marked stale), cold pages
    503 with Retry-After 100.0% (p99 0.02 s, max 0.03 s), newsroom 503 x 120, 0 tracebacks,
    rendering again 2.1 s after the restart

Pass (row 14): warm 100 %, every cold answer a 503 with Retry-After within 2.5 s, the
newsroom 503 and never a traceback, rendering again within 10 s. Exits 1 when missed.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The outage test's own cluster (tests/faults/postgres_cluster.py): one way to stop and freeze it.
from tests.faults.postgres_cluster import Cluster, free_port, postgres_bin  # noqa: E402

DATELINE = str(ROOT / ".venv" / "bin" / "dateline")
ANSWER_WITHIN = 2.5
RECOVER_WITHIN = 10.0


@dataclass
class Answer:
    status: int
    seconds: float
    headers: dict[str, str]
    body: str


def get(port: int, path: str) -> Answer:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        headers = {name.lower(): value for name, value in response.getheaders()}
        return Answer(response.status, time.monotonic() - started, headers, body)
    finally:
        connection.close()


def ride_out(port: int, warm: list[str], cold: list[str], seconds: float) -> dict:
    seen = {"warm": 0, "warm_ok": 0, "stale": 0, "cold": 0, "cold_503": 0, "newsroom": 0,
            "newsroom_503": 0, "tracebacks": 0, "cold_seconds": []}  # fmt: skip
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        for path in warm:
            answer = get(port, path)
            seen["warm"] += 1
            seen["warm_ok"] += answer.status == 200
            seen["stale"] += answer.headers.get("x-cache") == "STALE"
        for path in cold:
            answer = get(port, path)
            seen["cold"] += 1
            seen["cold_seconds"].append(answer.seconds)
            good = answer.status == 503 and "retry-after" in answer.headers
            seen["cold_503"] += good and answer.seconds <= ANSWER_WITHIN
        answer = get(port, "/newsroom/")
        seen["newsroom"] += 1
        seen["newsroom_503"] += answer.status == 503
        seen["tracebacks"] += "Traceback" in answer.body
    return seen


def seconds_until_rendering(
    port: int, path: str, limit: float = RECOVER_WITHIN * 3
) -> float | None:
    """How long until ``path`` answers 200 (None: not within ``limit`` seconds)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        with contextlib.suppress(OSError):
            if get(port, path).status == 200:
                return time.monotonic() - started
        time.sleep(0.2)
    return None


def report(kind: str, seconds: float, seen: dict, recovered: float | None) -> tuple[str, bool]:
    cold = sorted(seen["cold_seconds"]) or [0.0]
    p99 = cold[min(len(cold) - 1, round(0.99 * (len(cold) - 1)))]
    warm_share = 100 * seen["warm_ok"] / max(1, seen["warm"])
    cold_share = 100 * seen["cold_503"] / max(1, seen["cold"])
    ok = (
        seen["warm_ok"] == seen["warm"]
        and seen["cold_503"] == seen["cold"]
        and seen["newsroom_503"] == seen["newsroom"]
        and not seen["tracebacks"]
        and recovered is not None
        and recovered <= RECOVER_WITHIN
    )
    back = "never" if recovered is None else f"{recovered:.1f} s"
    line = (
        f"outage ({kind} {seconds:g} s): warm pages {warm_share:.1f}% served "
        f"({seen['warm']:,}, {seen['stale']:,} marked stale), cold pages 503 with Retry-After "
        f"within {ANSWER_WITHIN} s {cold_share:.1f}% (p99 {p99:.2f} s, max {cold[-1]:.2f} s), "
        f"newsroom 503 {seen['newsroom_503']}/{seen['newsroom']}, {seen['tracebacks']} tracebacks, "
        f"rendering again {back} after the database returned — " + ("PASS" if ok else "FAIL")
    )
    return line, ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--out", type=Path, help="also write the figures here, as JSON")
    args = parser.parse_args(argv)
    binaries = postgres_bin()
    if binaries is None:
        print("outage: not run (PostgreSQL's initdb and pg_ctl are not installed)")
        return 0

    folder = Path(tempfile.mkdtemp(prefix="dateline-outage-"))
    folder.chmod(0o755)  # as root, PostgreSQL runs as postgres and must reach its folder
    cluster = Cluster(binaries, folder / "pg")
    cluster.folder.mkdir()
    server: subprocess.Popen | None = None
    results: dict[str, dict] = {}
    passed = True
    try:
        cluster.create()
        cluster.start()
        import psycopg

        admin = f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("CREATE DATABASE dateline")
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
        env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{cluster.port}/dateline",
            DATELINE_DATA_DIR=str(folder / "data"),
            DATELINE_PAGE_CACHE="disk",
            DATELINE_PAGE_CACHE_SECONDS="3",
        )
        for command in (["migrate", "--no-input", "-v", "0"], ["demo", "--articles", "60"]):
            subprocess.run([DATELINE, *command], env=env, check=True, capture_output=True,
                           timeout=600)  # fmt: skip
        port = free_port()
        log = (folder / "serve.log").open("wb")
        server = subprocess.Popen(
            [DATELINE, "serve", "--port", str(port), "--no-worker"],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        if seconds_until_rendering(port, "/en/", limit=90) is None:
            raise SystemExit((folder / "serve.log").read_text()[-3000:])
        home = get(port, "/en/").body
        stories = sorted(set(re.findall(r'href="(/en/[^"#?]*?/\d+-[^"#?/]+/)"', home)))
        warm, cold = ["/en/", *stories[:4]], stories[4:]
        if len(cold) < 4:
            raise SystemExit(f"too few stories on /en/: {stories}")
        for kind, cold_pages in (("stopped", cold[: len(cold) // 2]),
                                 ("frozen", cold[len(cold) // 2 :])):  # fmt: skip
            for path in warm * 2:
                get(port, path)
            if kind == "stopped":
                cluster.stop()
            else:
                cluster.signal(signal.SIGSTOP)
            try:
                seen = ride_out(port, warm, cold_pages, args.seconds)
            finally:
                if kind == "stopped":
                    cluster.start()
                else:
                    cluster.signal(signal.SIGCONT)
            recovered = seconds_until_rendering(port, cold_pages[0])
            line, ok = report(kind, args.seconds, seen, recovered)
            print(line, flush=True)
            passed = passed and ok
            results[kind] = {**seen, "recovered_seconds": recovered, "pass": ok}
    finally:
        with contextlib.suppress(OSError, ValueError):
            cluster.signal(signal.SIGCONT)
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    if args.out:
        args.out.write_text(json.dumps(results))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
