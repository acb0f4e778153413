"""Does `dateline serve` stay the same size under a long run over many distinct pages?

    .venv/bin/python bench/memory.py BASE_URL SERVE_PID [--articles 2000] [--cursor-pages 500]
                                     [--checkpoints 10000,100000] [--connections 16] [--out FILE]

Run with DATELINE_DATA_DIR pointing at the site ``SERVE_PID`` (a `dateline serve` started in
its own process group) serves. Lists ``--articles`` article pages of every edition and
``--cursor-pages`` deeper pages of section lists (``?before=<cursor>``), then walks the list
with wrk (bench/urls.lua) until each checkpoint's number of requests, and at each one prints
the resident size (VmRSS from /proc/<pid>/status) of every HTTP worker process.

Each process keeps at most 64 MB of pages in memory (pagecache/store.py); the list is made
larger than that on purpose, so the cache must evict and a leak would show as growth between
checkpoints. Example line::

    memory: RSS per worker at 0 / 10,000 / 100,000 requests: 61 / 131 / 133 MB, 60 / 128 / 129 MB
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
WRK_THREADS = 2
# A worker may grow a little after the first checkpoint (allocator arenas, lazily built
# templates, the purge memory): more than this between checkpoints is reported as growth.
GROWTH_TOLERANCE = 0.10


def page_paths(articles: int, cursor_pages: int) -> list[str]:
    """Article pages (newest first, every edition) and section pages deep in their lists."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    django.setup()
    from dateline.lib.cursors import encode_cursor
    from dateline.news.models import Article

    stories = list(
        Article.objects.published()
        .select_related("section", "edition")
        .order_by("-published_at", "-pk")[: max(articles, cursor_pages)]
    )
    paths = [story.get_absolute_url() for story in stories[:articles]]
    # A cursor names the last story of the previous page: any story makes a valid deep page.
    step = max(1, len(stories) // max(1, cursor_pages))
    paths += [
        f"{story.section.get_absolute_url()}?before={encode_cursor(story.published_at, story.pk)}"
        for story in stories[::step][:cursor_pages]
    ]
    return paths


def worker_pids(leader: int) -> list[int]:
    """The granian worker processes: children of the server in its own process group (the
    task worker child runs in a group of its own)."""
    children = Path(f"/proc/{leader}/task/{leader}/children").read_text().split()
    return [int(pid) for pid in children if os.getpgid(int(pid)) == leader]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def walk(base: str, paths_file: Path, start: int, requests: int, connections: int) -> dict:
    """Runs wrk over the list from ``start`` until ``requests`` answers; returns its counts."""
    per_thread = max(1, requests // WRK_THREADS)
    with tempfile.TemporaryDirectory() as done_dir:
        env = {
            **os.environ,
            "URLS_FILE": str(paths_file),
            "URLS_START": str(start),
            "URLS_THREADS": str(WRK_THREADS),
            "URLS_PER_THREAD": str(per_thread),
            "URLS_DONE_DIR": done_dir,
        }
        command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", "-d3600s", "--timeout", "10s"]
        wrk = subprocess.Popen(
            [*command, "-s", str(HERE / "urls.lua"), base],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        # wrk's own clock runs on after its threads stop; SIGINT makes it report and exit.
        while len(os.listdir(done_dir)) < WRK_THREADS and wrk.poll() is None:
            time.sleep(0.2)
        wrk.send_signal(signal.SIGINT)
        output, _ = wrk.communicate(timeout=60)
    answered = int(output.split(" requests in ")[0].split()[-1])
    bad = 0
    for line in output.splitlines():
        if "Non-2xx or 3xx responses" in line or line.strip().startswith("Socket errors"):
            bad += sum(int(n) for n in line.replace(",", " ").split() if n.isdigit())
    return {"requests": answered, "errors": bad, "wrk": output}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("serve_pid", type=int)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--cursor-pages", type=int, default=500)
    parser.add_argument("--checkpoints", default="10000,100000")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--out", type=Path, help="also write the figures here, as JSON")
    args = parser.parse_args(argv)
    checkpoints = [int(n) for n in args.checkpoints.split(",")]

    paths = page_paths(args.articles, args.cursor_pages)
    pids = worker_pids(args.serve_pid)
    if not pids:
        print(f"no worker processes under {args.serve_pid}", file=sys.stderr)
        return 1
    sizes: dict[int, list[float]] = {pid: [rss_mb(pid)] for pid in pids}
    done = errors = 0
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
        listing.write("\n".join(paths) + "\n")
        listing.flush()
        for checkpoint in checkpoints:
            ran = walk(args.base, Path(listing.name), done, checkpoint - done, args.connections)
            done += ran["requests"]
            errors += ran["errors"]
            for pid in pids:
                sizes[pid].append(rss_mb(pid))
            print(f"  {done:,} requests: RSS " + ", ".join(f"{sizes[p][-1]:.0f} MB" for p in pids),
                  file=sys.stderr)  # fmt: skip

    grown = [p for p in pids if sizes[p][-1] > sizes[p][1] * (1 + GROWTH_TOLERANCE)]
    counts = " / ".join(["0", *(f"{c:,}" for c in checkpoints)])
    per_worker = ", ".join(" / ".join(f"{mb:.0f}" for mb in sizes[p]) for p in pids)
    verdict = "grew" if grown else "steady"
    print(
        f"memory: RSS per worker at {counts} requests over {len(paths):,} pages: "
        f"{per_worker} MB ({verdict}; {errors} errors)"
    )
    if args.out:
        args.out.write_text(
            json.dumps(
                {
                    "pages": len(paths),
                    "checkpoints": [0, *checkpoints],
                    "requests": done,
                    "errors": errors,
                    "rss_mb": {str(p): sizes[p] for p in pids},
                    "steady": not grown,
                }
            )
        )
    return 0 if not grown and not errors else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
