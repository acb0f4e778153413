"""Full-text search at a million stories: how long the index takes to build, what a search costs.

    .venv/bin/python bench/search.py [--stories 1000000] [--engine sqlite|postgresql|both]
                                     [--runs 20] [--keep | --rebuild] [--reindex]
                                     [--no-http] [--explain]

Per engine, in a process of its own (settings are per process), an archive of ``--stories``
published articles written by the demo generator (``news.demo.generator.generate``, what
``dateline demo --articles N`` runs: each story in the en, az and ru editions, seed
:data:`SEED`), in /tmp/dateline-searchbench/sqlite-<N> (SQLite) or in the database
``dateline_searchbench_<N>`` on 127.0.0.1:5432 (PostgreSQL; ``DATELINE_BENCH_POSTGRES`` names
another server). The archive is kept for later runs unless ``--rebuild``. Unlike ``dateline
demo`` the generator is called directly, without the ``archive_changed`` signal that would
index everything: the index is built here, timed, with ``indexing.rebuild(fresh=True)`` —
unless it already holds every public story. ``--reindex`` (and ``--rebuild``) build it
anyway, after recreating the search app's tables from its migrations, so that an archive
kept from an earlier version of the app is measured with the current schema.

Each query of :func:`queries` then runs through ``searching.search_edition``, what the reader
page runs (engine, stories read back, snippets), once to warm up and ``--runs`` times timed;
"engine" is the part spent in the engine's ``search``. Unless ``--no-http``, the same query
goes through the page itself (``/<edition>/search/?q=…``, Django's test client, rate limit
lifted). Prints a markdown table of p50 and p95 in ms against the 50 ms aim and writes it to
bench/results/; ``--explain`` adds the SQL and plan of each query whose p95 misses the aim.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DATA_ROOT = Path(tempfile.gettempdir()) / "dateline-searchbench"
RESULTS = ROOT / "bench" / "results"
POSTGRES = os.environ.get("DATELINE_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
ENGINES = ("sqlite", "postgresql")
MILLION = 1_000_000
SEED = 20261206
AIM_MS = 50.0
HOST = "bench.example"


def database_name(stories: int) -> str:
    return f"dateline_searchbench_{stories}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Progress:
    """Prints ``done of total`` every tenth, with the seconds since it was made."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.started = time.perf_counter()
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > self.shown:
            self.shown = tenth
            seconds = time.perf_counter() - self.started
            say(f"    {self.what}: {done:,} of {total:,} ({seconds:.0f} s)")


# --- The child: one engine, its archive and its index ----------------------------------------


def setup_django(engine: str, folder: Path, stories: int) -> None:
    """Django on the archive's database; every setting read from the environment first."""
    os.environ["DATELINE_DATA_DIR"] = str(folder)
    os.environ["DATELINE_PAGE_CACHE"] = "off"
    # Never cut a slow query (the outage guard would answer 503): a slow search is a finding.
    os.environ["DATELINE_DATABASE_WAIT_SECONDS"] = "0"
    os.environ["DATELINE_SEARCH_PER_IP_MINUTE"] = str(10**9)
    os.environ["DATELINE_ALLOWED_HOSTS"] = HOST
    os.environ["DATELINE_PUBLIC_URL"] = f"https://{HOST}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    os.environ.pop("DATELINE_REDIS_URL", None)
    if engine == "postgresql":
        os.environ["DATABASE_URL"] = f"{POSTGRES}/{database_name(stories)}"
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()


def ensure_postgres_database(stories: int, *, fresh: bool) -> None:
    """The archive's database, created when missing (dropped first when ``fresh``)."""
    import psycopg

    name = database_name(stories)
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as server:
        if fresh:
            server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        found = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if found is None:
            server.execute(f'CREATE DATABASE "{name}"')


def settle(table: str | None = None) -> float:
    """After a bulk write: the write-ahead log folded into the SQLite file, or ``VACUUM
    ANALYZE`` on PostgreSQL (statistics and the visibility map, as autovacuum would leave
    them, done now so that autovacuum does not run during the measurements)."""
    from django.db import connection

    from dateline.lib.planner_statistics import refresh_planner_statistics

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if refresh_planner_statistics():
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute(f"VACUUM ANALYZE {table or ''}")
    return time.perf_counter() - started


def ensure_archive(stories: int) -> float | None:
    """Generates the archive unless it is there; returns the generation's seconds."""
    from dateline.news.demo.generator import generate
    from dateline.news.models import Article, Status

    published = Article.objects.filter(status=Status.PUBLISHED).count()
    if published == stories:
        return None
    if Article.objects.exists():
        raise SystemExit(
            f"The archive holds {published:,} published stories, not {stories:,} "
            "(an interrupted generation?): run with --rebuild."
        )
    say(f"    generating {stories:,} articles (seed {SEED}) …")
    started = time.perf_counter()
    generate(stories, seed=SEED, progress=Progress("generated"))
    seconds = time.perf_counter() - started
    settle()
    return seconds


@dataclass
class IndexReport:
    build_seconds: float | None = None  # None: the index was there already
    settle_seconds: float | None = None
    indexed: int = 0
    caught_up: int = 0
    check_seconds: float = 0.0


def ensure_index(*, force: bool) -> IndexReport:
    """Builds the index when it lacks stories (or ``force``), timed."""
    from dateline.search import indexing

    report = IndexReport()
    started = time.perf_counter()
    missing, stale = (-1, -1) if force else indexing.check()
    report.check_seconds = time.perf_counter() - started
    if (missing, stale) == (0, 0):
        return report
    if 0 <= missing + stale <= 10:
        # The demo's scheduled stories went live since the last run (they are due two hours
        # after generation): catching up is what the site itself would do.
        report.caught_up = indexing.catch_up().indexed
        return report
    if force:
        # The search app's own tables as its migrations make them now: an archive kept from
        # an earlier version of the app may hold an older schema.
        from django.core.management import call_command

        call_command("migrate", "search", "zero", verbosity=0)
        call_command("migrate", "search", verbosity=0)
    say("    building the index (rebuild, fresh) …")
    started = time.perf_counter()
    result = indexing.rebuild(fresh=True, progress=Progress("indexed"))
    report.build_seconds = time.perf_counter() - started
    report.indexed = result.indexed
    report.settle_seconds = settle("search_searchdocument")
    return report


def sizes(engine: str, folder: Path) -> dict[str, int]:
    """Bytes: the whole database and the search index's share of it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if engine == "sqlite":
            database = sum(
                path.stat().st_size
                for path in folder.glob("dateline.sqlite3*")  # with -wal and -shm
            )
            # Page by page: dbstat's aggregate mode sums in 32 bits on SQLite 3.40, and the
            # FTS5 data table of a million stories is larger than that.
            cursor.execute(
                "SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema "
                "WHERE tbl_name = 'search_searchdocument' OR name LIKE 'search\\_%' ESCAPE '\\')"
            )
            return {"database": database, "index": cursor.fetchone()[0] or 0}
        cursor.execute(
            "SELECT pg_database_size(current_database()), "
            "pg_total_relation_size('search_searchdocument'), "
            "pg_relation_size('search_document_vector')"
        )
        database, index, gin = cursor.fetchone()
        return {"database": database, "index": index, "gin": gin}


# --- The queries -------------------------------------------------------------------------------


@dataclass
class Search:
    """One reader's search: the edition, what they typed and the form's other fields."""

    label: str
    edition: str
    text: str
    section: str | None = None  # slug
    author: str | None = None  # slug
    since: date | None = None
    until: date | None = None  # inclusive, as the form's "To"
    newest: bool = False


def rare_name(edition_code: str, sample: int = 20_000) -> str:
    """The name fewest stories of the edition mention, found in the archive itself so that it
    exists at any size and is the same on every run: of the capitalised words that never
    appear in lower case in the newest ``sample`` stories, the one in the fewest of them
    (ties alphabetically). The demo's people and towns are drawn from a few hundred, so at a
    million stories even the rarest is in about 0.4% of an edition's stories."""
    from dateline.news.models import Article
    from dateline.search.languages import fold
    from dateline.search.text import WORD, plain_text

    stories = (
        Article.objects.published()
        .filter(edition__code=edition_code)
        .order_by("-published_at", "-pk")
        .values_list("headline", "lead", "body")[:sample]
    )
    capitalised: Counter[str] = Counter()
    lower: set[str] = set()
    for headline, lead, body in stories:
        seen = set()
        for match in WORD.finditer(f"{headline} {lead} {plain_text(body)}"):
            word = match.group()
            (seen.add if word[0].isupper() else lower.add)(fold(word))
        capitalised.update(seen)
    names = [w for w in capitalised if w not in lower and w.isalpha() and len(w) > 2]
    return min(names, key=lambda word: (capitalised[word], word))


def queries() -> list[Search]:
    """The fixed set, with dates from the archive's own span (the middle month of it)."""
    from django.db.models import Max, Min

    from dateline.news.models import Article

    span = Article.objects.published().aggregate(Min("published_at"), Max("published_at"))
    oldest, newest = span["published_at__min"], span["published_at__max"]
    since = (oldest + (newest - oldest) / 2).date()
    until = since + timedelta(days=29)
    return [
        Search("common word", "en", "council"),
        Search("very common word", "en", "said"),
        Search("two common words", "en", "council budget"),
        Search("rare name", "en", rare_name("en")),
        Search("phrase", "en", '"public transport"'),
        Search("prefix", "en", "elect*"),
        Search("common word, section", "en", "council", section="politics"),
        Search("common word, author", "en", "council", author=busiest_author()),
        Search("common word, 30 days", "en", "council", since=since, until=until),
        Search("common word, newest first", "en", "council", newest=True),
        Search("Russian, stemmed", "ru", "бюджет"),
        Search("Azerbaijani, no diacritics", "az", "seher"),
        Search("Azerbaijani, prefix", "az", "seher*"),
        Search("no results", "en", "xylophone"),
        Search("no results, two common words", "en", "council goalkeeper"),
    ]


class TimedEngine:
    """The engine with the seconds its ``search`` takes added up."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.seconds = 0.0

    def __getattr__(self, name: str):
        return getattr(self.engine, name)

    def search(self, request):
        started = time.perf_counter()
        try:
            return self.engine.search(request)
        finally:
            self.seconds += time.perf_counter() - started


@dataclass
class Row:
    label: str
    edition: str
    text: str
    total: int
    shown: int
    queries: int
    p50: float
    p95: float
    engine_p50: float
    engine_p95: float
    http_p50: float | None = None
    http_p95: float | None = None
    statements: list[list] = field(default_factory=list)  # [sql, params] of the engine


class Bench:
    def __init__(self, runs: int, http: bool) -> None:
        from django.test import Client

        from dateline.news.models import Author, Edition, Section
        from dateline.search import searching
        from dateline.search.engines import get_engine

        self.runs = runs
        self.http = http
        self.editions = {edition.code: edition for edition in Edition.objects.all()}
        self.sections = {(s.edition.code, s.slug): s for s in Section.objects.select_related()}
        self.authors = dict(Author.objects.values_list("slug", "pk"))
        self.engine = TimedEngine(get_engine())
        searching.get_engine = lambda: self.engine  # type: ignore[attr-defined]
        self.client = Client(headers={"host": HOST}, secure=True)

    def filters(self, search: Search):
        from dateline.search.searching import Filters

        edition = self.editions[search.edition]

        def midnight(day: date | None) -> datetime | None:
            return datetime.combine(day, clock(), tzinfo=edition.zone) if day else None

        return Filters(
            section_id=self.sections[search.edition, search.section].pk if search.section else None,
            author_id=self.authors[search.author] if search.author else None,
            since=midnight(search.since),
            until=midnight(search.until + timedelta(days=1)) if search.until else None,
        )

    def once(self, search: Search):
        from dateline.search.engines.base import Sort
        from dateline.search.searching import search_edition

        return search_edition(
            self.editions[search.edition],
            search.text,
            filters=self.filters(search),
            sort=Sort.NEWEST if search.newest else Sort.RELEVANCE,
        )

    def url(self, search: Search) -> str:
        params = {"q": search.text}
        for name in ("section", "author", "since", "until"):
            if value := getattr(search, name):
                params[name] = str(value)
        if search.newest:
            params["sort"] = "newest"
        return f"/{search.edition}/search/?{urlencode(params)}"

    def measure(self, search: Search) -> Row:
        from django.db import connection

        statements: list[list] = []

        def record(execute, sql, params, many, context):
            statements.append([sql, list(params or ())])
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            results = self.once(search)  # warm-up, and the statements it runs
        engine_statements = [s for s in statements if "search_" in s[0]]
        timings, engine_timings = [], []
        for _ in range(self.runs):
            self.engine.seconds = 0.0
            started = time.perf_counter()
            self.once(search)
            timings.append((time.perf_counter() - started) * 1000)
            engine_timings.append(self.engine.seconds * 1000)
        row = Row(
            label=search.label,
            edition=search.edition,
            text=search.text,
            total=results.total,
            shown=len(results.results),
            queries=len(statements),
            p50=statistics.median(timings),
            p95=percentile(timings, 0.95),
            engine_p50=statistics.median(engine_timings),
            engine_p95=percentile(engine_timings, 0.95),
            statements=engine_statements,
        )
        if self.http:
            url = self.url(search)
            self.get(url)
            pages = []
            for _ in range(self.runs):
                started = time.perf_counter()
                self.get(url)
                pages.append((time.perf_counter() - started) * 1000)
            row.http_p50, row.http_p95 = statistics.median(pages), percentile(pages, 0.95)
        return row

    def get(self, url: str) -> None:
        response = self.client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")


def explain(engine: str, statements: list[list]) -> str:
    """The plans of a search's engine statements: EXPLAIN ANALYZE on PostgreSQL; on SQLite
    the FTS5 MATCH expression (its plan says only "virtual table") and the plan."""
    from django.db import connection

    out = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            prefix = "EXPLAIN QUERY PLAN " if engine == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
            cursor.execute(prefix + sql, params)
            plan = [" ".join(str(part) for part in row[-1:]) for row in cursor.fetchall()]
            shown = [repr(p) if isinstance(p, str) else str(p) for p in params]
            out.append(f"{sql}\n  -- params: {', '.join(shown)}\n" + "\n".join(plan))
    return "\n\n".join(out)


def run_child(args: argparse.Namespace) -> dict:
    engine, stories = args.child, args.stories
    folder = DATA_ROOT / f"{engine}-{stories}"
    if args.rebuild:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    if engine == "postgresql":
        ensure_postgres_database(stories, fresh=args.rebuild)
    setup_django(engine, folder, stories)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.http:
        call_command("collectstatic", interactive=False, verbosity=0)  # the page's assets
    generation = ensure_archive(stories)
    index = ensure_index(force=args.rebuild or args.reindex)
    builds = remember_builds(folder, generation, index)
    measured = revision()
    say("    measuring searches …")
    from django.db import DatabaseError

    bench = Bench(args.runs, args.http)
    rows = []
    for search in queries():
        try:
            row = bench.measure(search)
        except DatabaseError as error:
            # The search app's migrations are edited in place while it is young: a kept
            # index can be older than the code that reads it.
            raise SystemExit(
                f"{engine}: {error}\nThe index may have been built by an earlier version of "
                "the search app: run again with --reindex."
            ) from error
        say(f"      {row.label}: {row.text!r} p50 {row.p50:.1f} ms, p95 {row.p95:.1f} ms")
        slow = args.explain and row.p95 > AIM_MS
        row.statements = [[explain(engine, row.statements)]] if slow else []
        rows.append(asdict(row))
    return {
        "engine": engine,
        "stories": stories,
        "generation_seconds": generation,
        "index": asdict(index),
        "builds": builds,
        "sizes": sizes(engine, folder),
        "database_version": database_version(),
        "revision": measured,
        "rows": rows,
    }


def remember_builds(folder: Path, generation: float | None, index: IndexReport) -> dict:
    """The seconds the kept archive and index took to build, from this run or the one that
    built them (kept in the archive's folder as builds.json)."""
    path = folder / "builds.json"
    builds = json.loads(path.read_text()) if path.exists() else {}
    today = f"{datetime.now(UTC):%Y-%m-%d}"
    if generation is not None:
        builds = {"generation": {"seconds": generation, "on": today}}
    if index.build_seconds is not None:
        builds["index"] = {
            "seconds": index.build_seconds,
            "settle": index.settle_seconds,
            "on": today,
        }
    path.write_text(json.dumps(builds))
    return builds


def busiest_author() -> str:
    """The slug of the author with the most bylines: a reader's "this columnist" filter."""
    from django.db.models import Count

    from dateline.news.models import Author

    return Author.objects.annotate(n=Count("articleauthor")).order_by("-n", "pk")[0].slug


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 'SQLite ' || sqlite_version()")
        else:
            cursor.execute(
                "SELECT 'PostgreSQL ' || split_part(current_setting('server_version'), ' ', 1)"
            )
        return cursor.fetchone()[0]


# --- The parent: each engine in turn, then the tables -----------------------------------------


def child(engine: str, args: argparse.Namespace) -> dict:
    """Measures one engine in its own process; the figures are kept as JSON too."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{engine}-{args.stories}.json"
    command = [
        sys.executable, __file__, "--child", engine, "--stories", str(args.stories),
        "--runs", str(args.runs), "--out", str(out),
    ]  # fmt: skip
    for flag in ("rebuild", "reindex", "explain"):
        if getattr(args, flag):
            command.append(f"--{flag}")
    if not args.http:
        command.append("--no-http")
    say(f"… {engine}, {args.stories:,} stories")
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    say(f"… {engine} done in {time.perf_counter() - started:.0f} s")
    return json.loads(out.read_text())


def megabytes(size: int | None) -> str:
    return "-" if size is None else f"{size / 2**20:,.0f} MB"


def built(now: float | None, kept: dict | None, key: str = "seconds") -> str:
    """Seconds of a build made by this run, or of the kept one with its date."""
    if now is not None:
        return f"{now:,.0f} s"
    if kept and kept.get(key) is not None:
        return f"{kept[key]:,.0f} s (kept, {kept['on']})"
    return "kept"


def summary(results: list[dict]) -> str:
    lines = [
        "| engine | articles | generation | index build | then vacuum/checkpoint "
        "| index size | database size |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        index, size, builds = result["index"], result["sizes"], result.get("builds", {})
        gin = f" (GIN {megabytes(size['gin'])})" if "gin" in size else ""
        lines.append(
            f"| {result['database_version']} | {result['stories']:,} "
            f"| {built(result['generation_seconds'], builds.get('generation'))} "
            f"| {built(index['build_seconds'], builds.get('index'))} "
            f"| {built(index['settle_seconds'], builds.get('index'), 'settle')} "
            f"| {megabytes(size['index'])}{gin} | {megabytes(size['database'])} |"
        )
    return "\n".join(lines)


def count(total: int) -> str:
    from_engine = 1_000  # COUNT_LIMIT: beyond it a count is "more than 1,000"
    return f">{from_engine:,}" if total > from_engine else f"{total:,}"


def table(results: list[dict]) -> str:
    """One row per search, each engine's p50 and p95 side by side; "engine" is the part of
    the p50 spent in the engine's ``search``, the rest is reading stories and snippets."""
    names = [result["engine"] for result in results]
    head = "| search | ed. | query | results |"
    rule = "| --- | --- | --- | ---: |"
    for name in names:
        head += f" {name} p50 | p95 | engine p50 |"
        rule += " ---: | ---: | ---: |"
    head += " p95 / 50 ms |"
    rule += " ---: |"
    lines = [head, rule]
    for index, first in enumerate(results[0]["rows"]):
        rows = [result["rows"][index] for result in results]
        totals = list(dict.fromkeys(count(row["total"]) for row in rows))
        text = first["text"].replace("|", "\\|")
        line = f"| {first['label']} | {first['edition']} | `{text}` | {' / '.join(totals)} |"
        for row in rows:
            line += f" {row['p50']:.1f} | {row['p95']:.1f} | {row['engine_p50']:.1f} |"
        line += " " + " / ".join(f"{row['p95'] / AIM_MS:.2f}" for row in rows) + " |"
        lines.append(line)
    return "\n".join(lines)


def page_table(results: list[dict]) -> str:
    """The same searches through the reader's page (form, rate limit, template)."""
    if results[0]["rows"][0]["http_p50"] is None:
        return ""
    head, rule = "| search (the page) |", "| --- |"
    for result in results:
        head += f" {result['engine']} p50 | p95 |"
        rule += " ---: | ---: |"
    lines = [head, rule]
    for index, first in enumerate(results[0]["rows"]):
        line = f"| {first['label']} |"
        for result in results:
            row = result["rows"][index]
            line += f" {row['http_p50']:.1f} | {row['http_p95']:.1f} |"
        lines.append(line)
    return "\n".join(lines)


def plans(results: list[dict]) -> str:
    out = []
    for result in results:
        for row in result["rows"]:
            if row["statements"]:
                out.append(
                    f"### {result['engine']}: {row['label']} `{row['text']}` "
                    f"(p95 {row['p95']:.1f} ms)\n\n```\n{row['statements'][0][0]}\n```"
                )
    return "\n\n".join(out)


def revision() -> str:
    """The commit measured, "+changes" when the working tree differs from it."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "src"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    return f"{head}{'+changes' if changed else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=MILLION, help="published articles")
    parser.add_argument("--engine", choices=[*ENGINES, "both"], default="both")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per search")
    keep = parser.add_mutually_exclusive_group()
    keep.add_argument("--keep", action="store_true", help="reuse the archives (the default)")
    keep.add_argument("--rebuild", action="store_true", help="generate the archives again")
    parser.add_argument("--reindex", action="store_true", help="build the index even if whole")
    parser.add_argument("--no-http", dest="http", action="store_false", help="skip the page")
    parser.add_argument("--explain", action="store_true", help="plans of searches over 50 ms")
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.out.write_text(json.dumps(run_child(args), default=str))
        return
    engines = list(ENGINES) if args.engine == "both" else [args.engine]
    started = datetime.now(UTC)
    results = [child(engine, args) for engine in engines]
    report = "\n\n".join(
        part
        for part in (
            f"Search, {args.stories:,} articles (en/az/ru), {args.runs} runs a search, "
            f"{started:%Y-%m-%d %H:%M} UTC, {len(os.sched_getaffinity(0))} CPUs, "
            f"{', '.join(dict.fromkeys(result['revision'] for result in results))}: "
            f"`{' '.join(['.venv/bin/python bench/search.py', *sys.argv[1:]])}`",
            summary(results),
            table(results),
            page_table(results),
            plans(results),
        )
        if part
    )
    print(report)
    target = RESULTS / f"search-{started:%Y%m%d-%H%M%S}.md"
    target.write_text(report + "\n")
    say(f"written to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
