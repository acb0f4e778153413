"""The breaking-news spike (RELIABILITY row 13) against a running `dateline serve`.

    .venv/bin/python bench/spike.py BASE_URL [--duration 60] [--purge-at 30] [--rate 500]
                                    [--connections 50] [--out FILE]

Run with DATELINE_DATA_DIR pointing at the site BASE_URL serves. The hot story is the
newest in the ``en`` edition (the lead of its home page and its section front); wrk offers
about ``--rate`` requests a second for ``--duration`` seconds (bench/spike.lua: each of
``--connections`` connections waits a random time around connections / rate before each
request), spread over that story's page (half), the home page (three tenths) and the section
front (a fifth). At ``--purge-at`` seconds a separate process edits the story's headline with
the newsroom's own code (``publishing.record_edit`` after ``save()``, as the newsroom does),
so the purge signals fire; the three pages are then polled every 100 ms until each shows the
new headline.

Measures what row 13 asks: delivered req/s, 5xx answers, p99 latency, origin renders per
purged page (``dateline pagecache stats`` before and after: the three pages were rendered
how many times), and how long until the new headline was visible on every page. Prints one
line and a verdict; exits 1 when a limit is missed.

Pass: >= 0.9 x rate delivered, 0 x 5xx, p99 <= 300 ms, <= 2 renders per purged page,
visible <= 5 s.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from wrk_report import parse_wrk  # noqa: E402 (a sibling script, not a package)

DATELINE = ROOT / ".venv" / "bin" / "dateline"
MAX_P99_MS = 300.0
MAX_RENDERS_PER_PAGE = 2
MAX_VISIBLE_SECONDS = 5.0
POLL_SECONDS = 0.1
EDIT = """\
import time
from dateline.news import publishing
from dateline.news.models import Article
story = Article.objects.get(pk={pk})
story.headline = {headline!r}
story.save()
publishing.record_edit(story, {{"headline"}})
print("edited at", time.time())
"""


def hot_story() -> tuple[int, str, str, str]:
    """The lead story of the ``en`` edition: (id, its page, the home page, its section)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    django.setup()
    from dateline.news.models import Article, Edition

    edition = Edition.objects.filter(code="en").first() or Edition.objects.default()
    story = (
        Article.objects.published()
        .filter(edition=edition)
        .latest_first()
        .select_related("section", "edition")
        .first()
    )
    if story is None:
        raise SystemExit("No published story: run `dateline demo` first.")
    return (
        story.pk,
        story.get_absolute_url(),
        edition.get_absolute_url(),
        story.section.get_absolute_url(),
    )


def origin_renders() -> int:
    """Origin renders so far, counted by every process (``dateline pagecache stats``)."""
    done = subprocess.run(
        [str(DATELINE), "pagecache", "stats"], capture_output=True, text=True, check=True
    )
    for line in done.stdout.splitlines():
        if line.startswith("renders:"):
            return int(line.split(":")[1])
    raise RuntimeError(f"no renders line in: {done.stdout!r}")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (our loopback URL)
        return answer.read().decode(errors="replace")


def watch_for(base: str, paths: list[str], text: str, until: float) -> dict[str, float]:
    """Polls each page every 100 ms until it shows ``text``; when each first did."""
    seen: dict[str, float] = {}
    while len(seen) < len(paths) and time.time() < until:
        for path in paths:
            if path not in seen and text in fetch(base + path):
                seen[path] = time.time()
        time.sleep(POLL_SECONDS)
    return seen


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--purge-at", type=float, default=30.0)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--out", type=Path, help="also write the figures here, as JSON")
    parser.add_argument("--wrk-out", type=Path, help="keep wrk's own output here")
    args = parser.parse_args(argv)
    base = args.base.rstrip("/")

    pk, article, home, section = hot_story()
    pages = [article, home, section]
    for path in pages * 2:  # rendered and held by both worker processes before it starts
        fetch(base + path)
    before = origin_renders()

    delay_ms = args.connections * 1000 / args.rate
    env = {
        **os.environ,
        "SPIKE_PATHS": " ".join([article] * 5 + [home] * 3 + [section] * 2),
        "SPIKE_DELAY_MS": f"{delay_ms:.0f}",
    }
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s"]
    started = time.time()
    wrk = subprocess.Popen(
        [*command, "--latency", "-s", str(HERE / "spike.lua"), base],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(wrk.stdout.read()))  # type: ignore[union-attr]
    reader.start()

    time.sleep(max(0.0, started + args.purge_at - time.time()))
    at_purge = origin_renders()
    headline = f"Breaking: harbour reopens {time.time_ns()}"
    edit = subprocess.run(
        [str(DATELINE), "shell", "-c", EDIT.format(pk=pk, headline=headline)],
        capture_output=True,
        text=True,
        check=False,
    )
    if edit.returncode != 0 or "edited at" not in edit.stdout:
        wrk.terminate()
        raise SystemExit(f"the edit failed:\n{edit.stdout}\n{edit.stderr}")
    edited_at = float(edit.stdout.split("edited at")[1].split()[0])
    seen = watch_for(base, pages, headline, until=edited_at + 30)
    wrk.wait()
    reader.join()
    after = origin_renders()

    wrk_output = output[0] if output else ""
    if args.wrk_out:
        args.wrk_out.write_text(wrk_output)
    measured = parse_wrk(wrk_output)
    server_errors = int(wrk_output.split("5xx responses:")[1].split()[0])
    renders_before_purge = at_purge - before
    renders_after_purge = after - at_purge
    per_page = renders_after_purge / len(pages)
    visible = max(seen.values()) - edited_at if len(seen) == len(pages) else None
    delivered = measured.requests_per_second

    misses = []
    if delivered < 0.9 * args.rate:
        misses.append(f"delivered {delivered:.0f} < {0.9 * args.rate:.0f} req/s")
    if server_errors:
        misses.append(f"{server_errors} x 5xx")
    if measured.p99_ms > MAX_P99_MS:
        misses.append(f"p99 {measured.p99_ms:.0f} > {MAX_P99_MS:.0f} ms")
    if per_page > MAX_RENDERS_PER_PAGE:
        misses.append(f"{per_page:.1f} renders per purged page")
    if visible is None or visible > MAX_VISIBLE_SECONDS:
        misses.append("the new headline was not visible within 5 s")
    shown = "never" if visible is None else f"{visible:.2f} s"
    print(
        f"spike: {args.rate} req/s offered for {args.duration} s, purge at {args.purge_at:g} s: "
        f"{delivered:.0f} req/s delivered, {server_errors} x 5xx, p99 {measured.p99_ms:.1f} ms, "
        f"{renders_after_purge} renders for {len(pages)} purged pages "
        f"({per_page:.1f} per page; {renders_before_purge} before the purge), "
        f"new headline on every page after {shown} — "
        + ("PASS" if not misses else "FAIL: " + "; ".join(misses))
    )
    if args.out:
        args.out.write_text(
            json.dumps(
                {
                    "offered": args.rate,
                    "delivered": delivered,
                    "server_errors": server_errors,
                    "p99_ms": measured.p99_ms,
                    "renders_after_purge": renders_after_purge,
                    "renders_before_purge": renders_before_purge,
                    "purged_pages": len(pages),
                    "visible_seconds": visible,
                    "visible_per_page": {p: seen[p] - edited_at for p in seen},
                    "pass": not misses,
                }
            )
        )
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
