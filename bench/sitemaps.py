"""Article sitemaps of a large archive: time, queries and peak memory of one full sitemap.

    .venv/bin/python bench/sitemaps.py [--articles N]   # default 150,000; try 1000000

Builds a throwaway SQLite archive in a temporary data folder (three editions filled in
blocks of 50,000 ids, each story translated into the other two), then measures, in one run:

* the sitemap index;
* one full article sitemap (49,999 URLs, two hreflang alternates each) through the view,
  streamed the way a server sends it;
* the reference: the same sitemap built the obvious way — model instances, one
  ``get_absolute_url()`` each, translations looked up per group, the document joined in memory.

Peak memory is Python's own allocation (tracemalloc), measured in a separate pass from the
timing because tracing slows allocation down. Prints a table and writes it to bench/results/.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = 50_000


def setup_django(data_dir: str) -> None:
    os.environ["DATELINE_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)  # always a throwaway SQLite archive
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DATELINE_PUBLIC_URL = "https://news.example"
    call_command("migrate", verbosity=0)


def build_archive(count: int) -> None:
    from dateline.news.models import Article, Edition, Section

    editions = []
    for position, code in enumerate(("en", "az", "ru")):
        edition, _ = Edition.objects.update_or_create(
            code=code,
            defaults={
                "name": code,
                "language": code,
                "position": position,
                "is_default": code == "en",
            },
        )
        section, _ = Section.objects.get_or_create(
            edition=edition, slug="politics", defaults={"name": "Politics"}
        )
        editions.append((edition, section))
    newest = datetime.now(UTC) - timedelta(minutes=1)
    made = 0
    batch: list[Article] = []
    while made < count:
        block = made // BLOCK
        edition, section = editions[block % 3]
        story = (block // 3) * BLOCK + made % BLOCK  # the same story in each edition's block
        batch.append(
            Article(
                edition=edition,
                section=section,
                headline=f"Story {story}",
                slug=f"story-{story}",
                status="published",
                published_at=newest - timedelta(minutes=story),
                translation_group=uuid.UUID(int=story + 1),
            )
        )
        made += 1
        if len(batch) == 10_000 or made == count:
            Article.objects.bulk_create(batch)
            batch.clear()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(run: Callable[[], int]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        size = run()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": seconds, "peak": peak, "bytes": size, "queries": len(queries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=150_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-sitemaps-") as data_dir:
        setup_django(data_dir)
        from django.test import RequestFactory

        from dateline.distribution.sitemaps import views
        from dateline.news.models import Article

        started = time.perf_counter()
        build_archive(args.articles)
        build_seconds = time.perf_counter() - started
        factory = RequestFactory()

        def body_size(response) -> int:
            if response.streaming:
                return sum(len(piece) for piece in response.streaming_content)
            return len(response.content)

        def index() -> int:
            return body_size(views.index(factory.get("/sitemap.xml")))

        def streamed() -> int:
            request = factory.get("/sitemap-en-articles-0.xml")
            return body_size(views.articles(request, edition="en", number=0))

        def reference() -> int:
            from xml.sax.saxutils import escape

            stories = list(
                Article.objects.published()
                .filter(edition__code="en", pk__lt=BLOCK)
                .select_related("edition")
            )
            groups = [story.translation_group for story in stories]
            versions: dict = {}
            for start in range(0, len(groups), 500):  # SQLite's parameter limit
                for other in (
                    Article.objects.published()
                    .filter(translation_group__in=groups[start : start + 500])
                    .select_related("edition")
                ):
                    versions.setdefault(other.translation_group, []).append(other)
            parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset>']
            for story in stories:
                parts.append(f"<url><loc>https://news.example{story.get_absolute_url()}</loc>")
                parts.append(f"<lastmod>{(story.updated_at or story.published_at).isoformat()}")
                parts.append("</lastmod>")
                for other in versions.get(story.translation_group, []):
                    href = escape(f"https://news.example{other.get_absolute_url()}")
                    parts.append(f'<xhtml:link hreflang="{other.edition.language}" href="{href}"/>')
                parts.append("</url>\n")
            parts.append("</urlset>\n")
            return len("".join(parts))

        rows = [
            ("index (/sitemap.xml)", measure(index)),
            ("reference: 1 sitemap in memory (instances)", measure(reference)),
            ("1 article sitemap, streamed", measure(streamed)),
        ]
    ref = rows[1][1]
    lines = [
        f"# Sitemaps bench — {args.articles:,} stories "
        f"(built in {build_seconds:.1f} s), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "| what | seconds | peak MiB | MiB sent | queries | time / ref | memory / ref |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in rows:
        lines.append(
            f"| {name} | {row['seconds']:.2f} | {row['peak'] / 2**20:.1f} | "
            f"{row['bytes'] / 2**20:.1f} | {row['queries']} | "
            f"{row['seconds'] / ref['seconds']:.2f} | {row['peak'] / ref['peak']:.3f} |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"sitemaps-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.md").write_text(report)


if __name__ == "__main__":
    main()
