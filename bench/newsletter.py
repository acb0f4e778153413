"""The parts of bench/newsletter.sh that are Python: an SMTP sink, the seed, the measured send.

    python bench/newsletter.py sink PORT STATS.json   # counts messages until SIGTERM
    python bench/newsletter.py seed N                 # N confirmed subscribers, a digest, rows
    python bench/newsletter.py send SINK_PID STATS    # `dateline worker --batch`, measured
    python bench/newsletter.py report ROWS.jsonl      # the table

``seed`` and ``send`` run against the data folder in DATELINE_DATA_DIR; ``send`` prints one
JSON line (messages, seconds, messages/s, the worker's peak RSS from getrusage of the child).
"""

import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --- sink ----------------------------------------------------------------------------------
class CountingSink:
    """Accepts everything; counts messages, distinct recipients, first and last arrival."""

    def __init__(self) -> None:
        self.count = 0
        self.recipients: set[str] = set()
        self.first = 0.0
        self.last = 0.0

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        self.first = self.first or now
        self.last = now
        self.count += 1
        self.recipients.update(envelope.rcpt_tos)
        return "250 OK"

    def stats(self) -> dict:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "messages": self.count,
            "recipients": len(self.recipients),
            "first": self.first,
            "last": self.last,
        }


def sink(port: int, stats_path: Path) -> int:
    from aiosmtpd.controller import Controller

    handler = CountingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGUSR1, lambda *_: stats_path.write_text(json.dumps(handler.stats())))
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    stats_path.write_text(json.dumps(handler.stats()))
    return 0


# --- seed ----------------------------------------------------------------------------------
def seed(count: int) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from dateline.distribution.newsletters.composing import compose_digest, next_digest_moment
    from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
    from dateline.distribution.newsletters.sending import public_base_url, start_sending
    from dateline.news import publishing
    from dateline.news.models import Article, Edition, Section

    edition = Edition.objects.default() or Edition.objects.get(code="en")
    section, _ = Section.objects.get_or_create(
        edition=edition, slug="politics", defaults={"name": "Politics"}
    )
    now = timezone.now()
    for n in range(8):
        story = Article.objects.create(
            edition=edition,
            section=section,
            headline=f"Parliament debates the budget, part {n + 1}",
            slug=f"budget-{n + 1}",
            lead="Members argued late into the night over spending on schools and roads.",
            body="<p>First paragraph.</p>",
            is_top_story=n == 0,
        )
        publishing.publish(story, at=now - timedelta(hours=n + 1))

    started = time.monotonic()
    step = 5000
    for offset in range(0, count, step):
        Subscriber.objects.bulk_create(
            Subscriber(
                email=f"reader{n}@example.org",
                edition=edition,
                daily_digest=True,
                status=SubscriberStatus.CONFIRMED,
                consent_at=now,
            )
            for n in range(offset, min(offset + step, count))
        )
    inserted = time.monotonic() - started

    day = next_digest_moment(edition, now).astimezone(edition.zone).date()
    issue = compose_digest(edition, day, base_url=public_base_url())
    assert issue is not None, "no digest composed"
    started = time.monotonic()
    assert start_sending(issue.pk)
    rows = time.monotonic() - started
    print(json.dumps({"issue": issue.pk, "insert_seconds": inserted, "rows_seconds": rows}))
    return 0


# --- send ----------------------------------------------------------------------------------
def _memory_kb(pid: int) -> dict[str, int]:
    """VmHWM (peak resident), RssAnon (heap and stacks), RssFile (mapped files: with SQLite's
    mmap_size this includes the pages of the database file the process has read)."""
    wanted = {"VmHWM", "RssAnon", "RssFile"}
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in wanted:
                found[name] = int(value.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return found


def send(sink_pid: int, stats_path: Path) -> int:
    """Runs ``dateline worker --batch`` to the end; the sink's clock gives the rate. Memory is
    sampled from /proc every 0.1 s (peaks of RssAnon and RssFile) and taken from getrusage
    at the end (the true peak RSS, everything included)."""
    started = time.time()
    worker = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli", "worker", "--batch", "--interval", "0"], cwd=ROOT
    )
    peaks: dict[str, int] = {}
    while worker.poll() is None:
        for name, kb in _memory_kb(worker.pid).items():
            peaks[name] = max(peaks.get(name, 0), kb)
        time.sleep(0.1)
    finished = time.time()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = usage.ru_maxrss  # kB on Linux
    os.kill(sink_pid, signal.SIGUSR1)
    time.sleep(0.5)
    stats = json.loads(stats_path.read_text())
    span = max(stats["last"] - stats["first"], 1e-9)
    print(
        json.dumps(
            {
                "exit": worker.returncode,
                "messages": stats["messages"],
                "recipients": stats["recipients"],
                "worker_seconds": finished - started,
                "send_seconds": span,
                "per_second": (stats["messages"] - 1) / span if stats["messages"] > 1 else 0,
                "peak_rss_mb": peak_kb / 1024,
                "worker_cpu_ms": 1000
                * (usage.ru_utime + usage.ru_stime)
                / max(stats["messages"], 1),
                "sink_cpu_ms": 1000 * stats["cpu_seconds"] / max(stats["messages"], 1),
                "peak_anon_mb": peaks.get("RssAnon", 0) / 1024,
                "peak_file_mb": peaks.get("RssFile", 0) / 1024,
            }
        )
    )
    return worker.returncode


# --- report --------------------------------------------------------------------------------
def report(rows_path: Path) -> int:
    rows = [json.loads(line) for line in rows_path.read_text().splitlines() if line.strip()]
    print(
        "| subscribers | received | distinct | send s | messages/s | worker s "
        "| worker CPU ms/msg | sink CPU ms/msg | peak RSS MB | of which heap (RssAnon) "
        "| of which mapped files | insert s | rows s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['subscribers']:,} | {r['messages']:,} | {r['recipients']:,} | "
            f"{r['send_seconds']:.1f} | {r['per_second']:.0f} | {r['worker_seconds']:.1f} | "
            f"{r['worker_cpu_ms']:.2f} | {r['sink_cpu_ms']:.2f} | "
            f"{r['peak_rss_mb']:.0f} | {r['peak_anon_mb']:.0f} | {r['peak_file_mb']:.0f} | "
            f"{r['insert_seconds']:.1f} | {r['rows_seconds']:.1f} |"
        )
    return 0


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else ""
    if command == "sink" and len(argv) == 4:
        return sink(int(argv[2]), Path(argv[3]))
    if command == "seed" and len(argv) == 3:
        return seed(int(argv[2]))
    if command == "send" and len(argv) == 4:
        return send(int(argv[2]), Path(argv[3]))
    if command == "report" and len(argv) == 3:
        return report(Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
