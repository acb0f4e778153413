"""Cold renders at 1,000 and at 1,000,000 stories: do reader pages cost the same?

    .venv/bin/python bench/coldrender.py [--stories 1000000] [--engine sqlite|postgres|both]
                                         [--runs 200] [--rebuild] [--data-root DIR]

Builds two archives (bench/archive_builder.py: one English edition with four sections, so a
section really has a page 10,000 at a million stories, and a Russian edition of translations)
once, in data folders under ``--data-root`` (SQLite) or in the databases ``dateline_bench_1k``
and ``dateline_bench_1m`` on 127.0.0.1:5432 (PostgreSQL; ``DATELINE_BENCH_POSTGRES`` names
another server), and reuses them on later runs unless ``--rebuild``. A ``--stories`` other
than a million gets its own folder / database (``dateline_bench_<n>``).

Each page is then rendered ``--runs`` times through Django's WSGI handler, in-process, with
no page cache (``DATELINE_PAGE_CACHE=off``) and every Django cache emptied before each
request, so nothing but the database and the templates answer: the most a page can cost.
The clock is frozen at the archive's moment (a minute after its newest story), so an archive
built days ago reads as fresh. The first request to each page warms Python and the
database's own caches and is not counted. Articles are picked at random per request, among
the whole archive and among the newest thousand stories.

Prints, per engine, a markdown table of p50 and p99 in milliseconds at both sizes, queries
per page and the ratio of the large archive's medians and tails to the small one's, and
writes it to bench/results/. One full article sitemap grows with the archive (1,000 URLs,
then 50,000), so its row is normalised per 1,000 URLs.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL = 1_000
MILLION = 1_000_000
DEEP_PAGE = 10_000
POSTGRES = os.environ.get("DATELINE_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def database_name(stories: int) -> str:
    return {SMALL: "dateline_bench_1k", MILLION: "dateline_bench_1m"}.get(
        stories, f"dateline_bench_{stories}"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- The child: one engine, one archive ------------------------------------------------------


def setup_django(engine: str, stories: int, data_root: Path) -> None:
    """Django on the archive's own database; the page cache off before settings load."""
    os.environ["DATELINE_PAGE_CACHE"] = "off"
    # Never cut a slow query (the outage guard would answer 503): a slow page is a finding.
    os.environ["DATELINE_DATABASE_WAIT_SECONDS"] = "0"
    os.environ["DATELINE_DATA_DIR"] = str(data_root / f"{engine}-{stories}")
    os.environ["DATELINE_ALLOWED_HOSTS"] = "bench.example"
    os.environ["DATELINE_PUBLIC_URL"] = "https://bench.example"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    os.environ.pop("DATELINE_REDIS_URL", None)  # the in-process cache: emptied per request
    if engine == "postgres":
        os.environ["DATABASE_URL"] = f"{POSTGRES}/{database_name(stories)}"
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()


def reset_postgres(stories: int) -> None:
    """A new, empty database for the archive (dropped first when it exists)."""
    import psycopg

    name = database_name(stories)
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')


def postgres_exists(stories: int) -> bool:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        found = server.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(stories)]
        ).fetchone()
    return found is not None


def ensure_archive(engine: str, stories: int, data_root: Path, rebuild: bool) -> float | None:
    """Builds the archive unless a complete one is there; returns the build's seconds."""
    folder = data_root / f"{engine}-{stories}"
    if rebuild:
        shutil.rmtree(folder, ignore_errors=True)
    if engine == "postgres" and (rebuild or not postgres_exists(stories)):
        reset_postgres(stories)
    folder.mkdir(parents=True, exist_ok=True)
    setup_django(engine, stories, data_root)
    from bench.archive_builder import build_archive, refresh_statistics
    from django.core.management import call_command

    from dateline.news.models import Article

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # as `dateline serve` does
    if Article.objects.count() == stories:
        return None
    if Article.objects.exists():  # an interrupted build: start again
        raise SystemExit(f"{engine} archive of {stories} is incomplete; run with --rebuild")
    started = time.perf_counter()
    build_archive(stories)
    refresh_statistics()
    return time.perf_counter() - started


class Reader:
    """Requests through Django's WSGI handler, as a server would make them, with every
    Django cache emptied first and the queries counted."""

    def __init__(self) -> None:
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()
        self.queries = 0

    def _count(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)

    def get(self, url: str) -> tuple[float, int, bytes]:
        """Seconds, queries and body of one cold request for ``url``."""
        import io

        from django.core.cache import caches
        from django.db import connection

        for cache in caches.all():
            cache.clear()
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "bench.example",
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "bench.example",
            "HTTP_USER_AGENT": "Mozilla/5.0 (coldrender)",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "https",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status: list[str] = []
        self.queries = 0
        with connection.execute_wrapper(self._count):
            started = time.perf_counter()
            body = self.handler(environ, lambda code, headers, exc_info=None: status.append(code))
            content = b"".join(body)
            if hasattr(body, "close"):
                body.close()
            seconds = time.perf_counter() - started
        if not status[0].startswith("200"):
            raise SystemExit(f"{url} answered {status[0]}")
        return seconds, self.queries, content


def pages(stories: int, rng: random.Random) -> list[tuple[str, Callable[[], str], int]]:
    """(name, a function giving the URL of each request, runs divisor) for every page."""
    from dateline.lib.cursors import encode_cursor
    from dateline.news.models import Article, Edition

    english = Edition.objects.get(code="en")
    public = Article.objects.published().filter(edition=english)
    # Random articles: a sample of ids looked up once (the lookup is not what is measured).
    sample = rng.sample(range(1, stories + 1), min(stories, 5_000))
    everywhere = dict(public.filter(pk__in=sample).values_list("pk", "slug"))
    newest = dict(public.order_by("-published_at")[:SMALL].values_list("pk", "slug"))
    section = public.filter(section__slug="politics")
    in_section = section.count()
    deep = min(DEEP_PAGE, (in_section - 1) // 20) * 20  # stories before the deep page
    anchor = section.order_by("-published_at", "-pk").values_list("published_at", "pk")[deep - 1]
    cursor = encode_cursor(*anchor)
    # The archive day with the most stories among the newest thousand: full (500) at any size.
    days = Counter(
        english.local(moment).date()
        for moment in public.order_by("-published_at")[:SMALL].values_list(
            "published_at", flat=True
        )
    )
    busiest = days.most_common(1)[0][0]

    def article(choices: dict[int, str]) -> Callable[[], str]:
        keys = list(choices)
        return lambda: f"/en/news/{(pk := rng.choice(keys))}-{choices[pk]}/"

    fixed: Callable[[str], Callable[[], str]] = lambda url: lambda: url  # noqa: E731
    return [
        ("article, any story", article(everywhere), 1),
        ("article, newest 1,000", article(newest), 1),
        ("home", fixed("/en/"), 1),
        ("section, page 1", fixed("/en/politics/"), 1),
        (f"section, page {deep // 20 + 1:,}", fixed(f"/en/politics/?before={cursor}"), 1),
        ("tag", fixed("/en/tag/topic-0/"), 1),
        ("author", fixed("/en/author/staff-writer-0/"), 1),
        ("archive day", fixed(f"/en/archive/{busiest:%Y/%m/%d}/"), 1),
        ("RSS feed", fixed("/en/feeds/rss.xml"), 1),
        ("Atom feed", fixed("/en/feeds/atom.xml"), 1),
        ("JSON Feed", fixed("/en/feeds/feed.json"), 1),
        ("corrections feed", fixed("/en/corrections/feeds/rss.xml"), 1),
        ("sitemap index", fixed("/sitemap.xml"), 1),
        ("sections sitemap", fixed("/sitemap-en-sections.xml"), 1),
        ("news sitemap", fixed("/sitemap-en-news.xml"), 1),
        ("article sitemap, per 1,000 URLs", fixed("/sitemap-en-articles-0.xml"), 10),
    ]


def measure(engine: str, stories: int, runs: int, data_root: Path, rebuild: bool) -> dict:
    build_seconds = ensure_archive(engine, stories, data_root, rebuild)
    from bench.archive_builder import archive_moment
    from django.utils import timezone

    from dateline.news import middleware

    moment = archive_moment()
    assert moment is not None
    timezone.now = lambda: moment  # the archive reads as fresh, however long ago it was built
    reader = Reader()
    reader.get("/robots.txt")  # the scheduling check runs once, here
    middleware.CHECK_INTERVAL_SECONDS = 10**9
    rng = random.Random(6)
    rows = []
    for name, url, divisor in pages(stories, rng):
        reader.get(url())  # warm-up, not counted
        timings, queries, body = [], 0, b""
        for _ in range(max(5, runs // divisor)):
            seconds, queries, body = reader.get(url())
            timings.append(seconds * 1000)
        # A full article sitemap lists every story of its bucket: its cost is per 1,000 URLs.
        scale = 1_000 / max(1, body.count(b"<url>")) if "per 1,000 URLs" in name else 1.0
        rows.append(
            {
                "page": name,
                "p50": statistics.median(timings) * scale,
                "p99": percentile(timings, 0.99) * scale,
                "queries": queries,
                "bytes": len(body),
            }
        )
    return {"engine": engine, "stories": stories, "build_seconds": build_seconds, "rows": rows}


# --- The parent: every engine and size, then the table ---------------------------------------


def run_child(engine: str, stories: int, args: argparse.Namespace) -> dict:
    """Measures one archive in a child process; its figures are kept in bench/results/ as
    JSON too, so a run that fails later still leaves what it measured."""
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    out = results / f"coldrender-{engine}-{stories}.json"
    command = [
        sys.executable, __file__, "--child", engine, "--stories", str(stories),
        "--runs", str(args.runs), "--data-root", str(args.data_root), "--out", str(out),
    ]  # fmt: skip
    if args.rebuild:
        command.append("--rebuild")
    print(f"… {engine}, {stories:,} stories", file=sys.stderr, flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return json.loads(out.read_text())


def table(engine: str, small: dict, large: dict) -> str:
    def label(n: int) -> str:
        return f"{n // MILLION}M" if n >= MILLION and n % MILLION == 0 else f"{n // 1000}k"

    a, b = label(small["stories"]), label(large["stories"])
    lines = [
        f"| {engine} | queries | {a} p50 ms | {a} p99 ms | {b} p50 ms | {b} p99 ms "
        f"| p50 {b}/{a} | p99 {b}/{a} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for one, other in zip(small["rows"], large["rows"], strict=True):
        queries = str(one["queries"])
        if other["queries"] != one["queries"]:
            queries += f" → {other['queries']}"
        name = other["page"] if other["page"].startswith("section, page") else one["page"]
        lines.append(
            f"| {name} | {queries} | {one['p50']:.1f} | {one['p99']:.1f} | {other['p50']:.1f} "
            f"| {other['p99']:.1f} | {other['p50'] / one['p50']:.2f} "
            f"| {other['p99'] / one['p99']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=MILLION)
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="build the archives again")
    parser.add_argument(
        "--data-root",
        type=Path,
        default=Path(tempfile.gettempdir()) / "dateline-coldrender",
        help="where the SQLite archives are kept between runs",
    )
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = measure(args.child, args.stories, args.runs, args.data_root, args.rebuild)
        args.out.write_text(json.dumps(result))
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    sections = [
        f"Cold renders (no page cache, caches emptied per request), {args.runs} runs a page, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC: "
        f"`{' '.join(['.venv/bin/python bench/coldrender.py', *sys.argv[1:]])}`"
    ]
    for engine in engines:
        small = run_child(engine, SMALL, args)
        large = run_child(engine, args.stories, args)
        builds = [
            f"{r['stories']:,}: built in {r['build_seconds']:.0f} s"
            for r in (small, large)
            if r["build_seconds"] is not None
        ]
        sections.append(
            table(engine, small, large) + (f"\n\n({'; '.join(builds)})" if builds else "")
        )
    report = "\n\n".join(sections) + "\n"
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    target = results / f"coldrender-{datetime.now(UTC):%Y%m%d-%H%M%S}.md"
    target.write_text(report)
    print(f"written to {target.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
