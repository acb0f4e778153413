"""What speaking three languages costs a page: the same story's pages in each edition, and the
English pages of an earlier design (before the interface was translated), in one run.

    .venv/bin/python bench/editions.py [--runs 300] [--previous COMMIT]

Builds a demo site (300 stories in English, Azerbaijani and Russian, linked as translations)
in a temporary data folder, then renders the home page, a section front and an article of one
translated story in each edition through Django's handler, in-process, with no page cache, and
prints the median and 95th percentile per page with the ratio to the English page. With
``--previous`` (a commit, default the one before the editions work) the same English pages are
rendered by that commit's code on the same database (a git worktree), and their medians are
the reference of a last column: the cost of translation itself.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = "84941a5"  # the last commit before the interface was translated
PAGES = ("home", "section", "article")


def measure(runs: int, codes: list[str]) -> dict:
    """Run inside a data folder already migrated and filled: {code: {page: [ms, …]}}."""
    import django

    django.setup()
    from django.test import Client

    from dateline.news.models import Article

    group = (
        Article.objects.published()
        .filter(edition__code="en")
        .order_by("-published_at")
        .values_list("translation_group", flat=True)
        .first()
    )
    found: dict[str, dict[str, list[float]]] = {}
    client = Client(HTTP_HOST="localhost")  # an allowed host of the default settings
    for code in codes:
        story = Article.objects.published().get(translation_group=group, edition__code=code)
        paths = {
            "home": f"/{code}/",
            "section": story.section.get_absolute_url(),
            "article": story.get_absolute_url(),
        }
        found[code] = {}
        for page, path in paths.items():
            assert client.get(path).status_code == 200, path  # warms Python and the database
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                client.get(path)
                timings.append((time.perf_counter() - start) * 1000)
            found[code][page] = timings
    return found


def run_worker(src: Path, data: Path, runs: int, codes: list[str]) -> dict:
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "DATELINE_DATA_DIR": str(data),
        "DATELINE_PAGE_CACHE": "off",
        "DATELINE_HASHED_STATIC": "0",  # no collectstatic needed
        "DJANGO_SETTINGS_MODULE": "dateline.settings",
    }
    done = subprocess.run(
        [sys.executable, __file__, "--worker", "--runs", str(runs), "--codes", ",".join(codes)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"measuring with {src} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if q < 100 else max(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--previous", default=PREVIOUS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--codes", default="en,az,ru", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(measure(args.runs, args.codes.split(","))))
        return

    work = Path(tempfile.mkdtemp(prefix="dateline-editionsbench-"))
    try:
        data = work / "data"
        env = {**os.environ, "DATELINE_DATA_DIR": str(data)}
        dateline = [sys.executable, "-m", "dateline.cli"]
        subprocess.run([*dateline, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*dateline, "demo", "--articles", "900", "-v0"], env=env, check=True,
                       cwd=ROOT, stdout=subprocess.DEVNULL)  # fmt: skip
        now = run_worker(ROOT / "src", data, args.runs, ["en", "az", "ru"])
        previous = None
        if args.previous:
            tree = work / "previous"
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), args.previous],
                           cwd=ROOT, check=True)  # fmt: skip
            try:
                previous = run_worker(tree / "src", data, args.runs, ["en"])["en"]
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{args.runs} renders per page, no page cache (ms)\n")
    header = "| page | edition | p50 | p95 | p50 / English p50 |"
    if previous:
        header += f" p50 / {args.previous} English p50 |"
    print(header)
    print("| --- " * (header.count("|") - 1) + "|")
    for page in PAGES:
        english = statistics.median(now["en"][page])
        for code in ("en", "az", "ru"):
            timings = now[code][page]
            median = statistics.median(timings)
            row = f"| {page} | {code} | {median:.2f} | {p(timings, 95):.2f} "
            row += f"| {median / english:.2f} |"
            if previous:
                row += f" {median / statistics.median(previous[page]):.2f} |"
            print(row)
        if previous:
            old = previous[page]
            median = statistics.median(old)
            print(f"| {page} | en ({args.previous}) | {median:.2f} | {p(old, 95):.2f} "
                  f"| {median / english:.2f} | 1.00 |")  # fmt: skip


if __name__ == "__main__":
    main()
