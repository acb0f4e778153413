"""The newsroom at 1,000 and at 100,000 stories: how long the dashboard and the article list take.

    .venv/bin/python bench/newsroom.py [--runs 20] [--stories 100000]

For SQLite, and for PostgreSQL too when ``DATABASE_URL`` is set, it builds a throwaway
newsroom (tests/newsroom_archive.py: three editions, 24 sections, a chief editor, an editor
and a reporter, a realistic mix of drafts, stories in review, scheduled and published ones
with bylines, reader reports and readers), signs a chief editor in with Django's test
client (a reporter for one row) and times each page ``--runs`` times at 1,000 stories, then
again after growing the archive to ``--stories``. Every request starts with an empty cache
(Most read is cached for a minute, so this is the most a page costs); the dashboard is timed
once more with that cache kept, as a busy newsroom sees it. The PostgreSQL database is a new
one created on the server named by ``DATABASE_URL`` and dropped afterwards.

Prints a table (median and 95th percentile in milliseconds, queries per page, and the
ratio of the medians) and writes it to bench/results/.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = 1_000

# (name, what to fetch); the dashboard is measured twice: with every cache empty, and in the
# steady state of a busy newsroom, where Most read comes from its one-minute cache.
DASHBOARD_WARM = "dashboard, Most read cached"
REPORTER_LIST = "article list, page 1, as a reporter"
PAGES = [
    ("dashboard", "/newsroom/"),
    (DASHBOARD_WARM, "/newsroom/"),
    ("article list, page 1", "/newsroom/news/article/"),
    ("article list, deep page", None),  # page 1,000; the last page (20) at 1,000 stories
    ("filtered: edition + status", "edition"),
    ("filtered: section", "section"),
    ("search in headlines", "/newsroom/news/article/?q=pipeline"),
    (REPORTER_LIST, "/newsroom/news/article/"),  # their own stories and everything live
]


def url_for(page: str, target: str | None, newsroom, stories: int) -> str:
    if target is None:
        return f"/newsroom/news/article/?p={min(1000, stories // 50)}"
    if target == "edition":
        edition = newsroom.editions[1].pk
        return f"/newsroom/news/article/?edition__id__exact={edition}&status__exact=published"
    if target == "section":
        return f"/newsroom/news/article/?section__id__exact={newsroom.sections[3].pk}"
    return target


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_backend(runs: int, stories: int) -> list[dict]:
    """Runs in a child process whose environment names the database."""
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from tests.newsroom_archive import add_stories, build_newsroom

    from dateline.lib.planner_statistics import refresh_planner_statistics
    from dateline.news import middleware

    middleware.CHECK_INTERVAL_SECONDS = 10**9  # the due check runs on the warm-up request
    call_command("migrate", verbosity=0)
    newsroom = build_newsroom()

    def grow(count: int) -> float:
        started = time.perf_counter()
        with transaction.atomic():
            add_stories(newsroom, count)
        if not refresh_planner_statistics():
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return time.perf_counter() - started

    def time_pages(size: int, build_seconds: float) -> list[dict]:
        clients = {}
        for persona in ("chief", "reporter"):
            clients[persona] = Client()
            clients[persona].force_login(getattr(newsroom, persona))
            clients[persona].get("/robots.txt")
        rows = []
        for name, target in PAGES:
            url = url_for(name, target, newsroom, size)
            client = clients["reporter" if name == REPORTER_LIST else "chief"]
            seconds, queries = [], 0
            for run in range(runs + 1):
                if name != DASHBOARD_WARM:
                    cache.clear()
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
                if run:  # the first request warms Python's and the database's caches
                    seconds.append(elapsed)
                queries = len(captured)
            rows.append(
                {
                    "backend": connection.vendor,
                    "stories": size,
                    "page": name,
                    "url": url,
                    "median_ms": statistics.median(seconds) * 1000,
                    "p95_ms": percentile(seconds, 0.95) * 1000,
                    "queries": queries,
                    "build_seconds": build_seconds,
                }
            )
        return rows

    results = time_pages(SMALL, grow(SMALL))
    results += time_pages(stories, grow(stories - SMALL))
    return results


def run_child(runs: int, stories: int, database_url: str | None) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="dateline-bench-newsroom-") as data_dir:
        env = {
            **os.environ,
            "DATELINE_DATA_DIR": data_dir,
            "DATELINE_HASHED_STATIC": "0",
            "DATELINE_ALLOWED_HOSTS": "testserver",
            "DATELINE_LOG_LEVEL": "WARNING",
        }
        env.pop("DATABASE_URL", None)
        if database_url:
            env["DATABASE_URL"] = database_url
        child = subprocess.run(
            [sys.executable, __file__, "--child", f"--runs={runs}", f"--stories={stories}"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode:
            raise SystemExit(child.stderr[-3000:])
        return json.loads(child.stdout.strip().splitlines()[-1])


def throwaway_postgres(url: str):
    """A new database beside the one ``url`` names; returns (its URL, a function dropping it)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = f"dateline_bench_{os.getpid()}"
    server = make_conninfo(url, dbname="postgres")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    params = conninfo_to_dict(url)
    user = params.get("user", "")
    password = f":{params['password']}" if params.get("password") else ""
    at = f"{user}{password}@" if user else ""
    host = params.get("host", "127.0.0.1")
    port = params.get("port", "5432")

    def drop() -> None:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgres://{at}{host}:{port}/{name}", drop


def table(rows: list[dict], runs: int, stories: int) -> str:
    lines = [
        f"# Newsroom bench — dashboard and article list, {SMALL:,} vs {stories:,} stories, "
        f"{runs} runs each, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "Milliseconds per request through Django's test client, signed in as a chief editor "
        "(or a reporter where it says so), caches empty (except where it says cached).",
        "",
        f"| backend | page | median {SMALL // 1000}k | p95 {SMALL // 1000}k | "
        f"median {stories // 1000}k | p95 {stories // 1000}k | ratio | queries |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_key = {(row["backend"], row["stories"], row["page"]): row for row in rows}
    builds = {}
    for backend in dict.fromkeys(row["backend"] for row in rows):
        for name, _ in PAGES:
            small = by_key[(backend, SMALL, name)]
            large = by_key[(backend, stories, name)]
            queries = str(large["queries"])
            if small["queries"] != large["queries"]:
                queries = f"{small['queries']} → {large['queries']}"
            lines.append(
                f"| {backend} | {name} | {small['median_ms']:.0f} | {small['p95_ms']:.0f} | "
                f"{large['median_ms']:.0f} | {large['p95_ms']:.0f} | "
                f"{large['median_ms'] / small['median_ms']:.2f} | {queries} |"
            )
        builds[backend] = by_key[(backend, stories, PAGES[0][0])]["build_seconds"]
    lines.append("")
    lines.append(
        "Archive grown by "
        + ", ".join(
            f"{stories - SMALL:,} stories in {seconds:.1f} s on {backend}"
            for backend, seconds in builds.items()
        )
        + "; deep page = page 1,000 (page 20, the last, at 1,000 stories)."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_backend(args.runs, args.stories)))
        return
    rows = run_child(args.runs, args.stories, None)
    if url := os.environ.get("DATABASE_URL"):
        database, drop = throwaway_postgres(url)
        try:
            rows += run_child(args.runs, args.stories, database)
        finally:
            drop()
    report = table(rows, args.runs, args.stories)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"newsroom-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.md").write_text(report)


if __name__ == "__main__":
    main()
