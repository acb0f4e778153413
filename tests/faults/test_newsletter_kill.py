"""RELIABILITY row 15: a newsletter of 1,000 survives its worker being SIGKILLed twice
mid-send, a restart and a racing second worker: every subscriber gets the issue, duplicates
are at most one per kill and carry the first copy's Message-ID, and re-running sends nothing.

Real processes throughout: ``dateline worker`` subprocesses against a database of their own
(a migrated SQLite file in a temporary data folder, or a dedicated PostgreSQL database when
the suite runs on PostgreSQL; the test runner's database is not shared with subprocesses),
sending to an aiosmtpd server in this process that keeps every message. The lease is 4 s so
that the dead workers' batches come back quickly. SMTP down-then-up is covered by
tests/test_newsletter_sending.py.
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.smtp import SmtpServer

pytestmark = [pytest.mark.faults, pytest.mark.smtp]

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 1000
KILL_AT = (200, 500)  # messages received when the worker is killed
LEASE_SECONDS = 4
WAIT_SECONDS = 45  # for any one stage; the whole test takes about 20 s

SEED = f"""
from dateline.distribution.newsletters.composing import compose_alert
from dateline.distribution.newsletters.models import Subscriber
from dateline.distribution.newsletters.sending import start_sending
from dateline.distribution.newsletters.tasks import send_issue
from tests import factories

story = factories.article(sec=factories.section(factories.edition("en")), is_breaking=True)
issue = compose_alert(story, base_url="https://news.example")
Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n}}@example.org", edition=story.edition, breaking_alerts=True,
               status="confirmed")
    for n in range({SUBSCRIBERS})
)
assert start_sending(issue.pk)  # the rows, and the send task
# Two more runs of the send, for the two workers that race after the first kill.
send_issue.enqueue(issue.pk)
send_issue.enqueue(issue.pk)
print(issue.pk)
"""


def _postgres_database(url: str, name: str, *, drop: bool) -> None:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop:
            conn.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture
def database_env(tmp_path) -> Iterator[dict[str, str]]:
    """Settings for the subprocesses: a data folder, and on PostgreSQL a database of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATELINE_REDIS_URL")}
    env.update(DATELINE_DATA_DIR=str(tmp_path / "data"), DJANGO_SETTINGS_MODULE="dateline.settings")
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith(("postgres://", "postgresql://")):
        yield env
        return
    name = f"dateline_faults_{uuid.uuid4().hex[:12]}"
    _postgres_database(suite_url, name, drop=False)
    env["DATABASE_URL"] = urlunsplit(urlsplit(suite_url)._replace(path=f"/{name}"))
    try:
        yield env
    finally:
        _postgres_database(suite_url, name, drop=True)


class Site:
    """The subprocesses' side: run code, start and kill workers, read the issue's state."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.workers: list[subprocess.Popen[bytes]] = []
        self._log_files: list = []

    def python(self, code: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def dateline(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "dateline.cli", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=120,
            capture_output=True,
        )

    def start_worker(self) -> subprocess.Popen[bytes]:
        log = (self.logs / f"worker-{len(self.workers)}.log").open("wb")
        self._log_files.append(log)
        worker = subprocess.Popen(
            [sys.executable, "-m", "dateline.cli", "worker", "--interval", "0.2"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            process_group=0,
        )
        self.workers.append(worker)
        return worker

    def stop_workers(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.terminate()
        for worker in self.workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        for log in self._log_files:
            log.close()

    def worker_logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.logs.glob("worker-*.log"))
        )

    def counts(self, issue_id: int) -> tuple[str, dict[str, int]]:
        out = self.python(
            "from dateline.distribution.newsletters.models import NewsletterIssue\n"
            "from dateline.distribution.newsletters.sending import status_counts\n"
            "import json\n"
            f"print(NewsletterIssue.objects.get(pk={issue_id}).status, "
            f"json.dumps(status_counts({issue_id})))\n"
        )
        status, _, counts = out.partition(" ")
        return status, json.loads(counts)

    def send_runs(self) -> list[tuple[float, float | None, str]]:
        """(started, finished or None, worker id) of every run of the send task that began."""
        out = self.python(
            "import json\n"
            "from django_tasks_db.models import DBTaskResult\n"
            "runs = DBTaskResult.objects.filter(task_path__endswith='send_issue',\n"
            "                                   started_at__isnull=False).order_by('started_at')\n"
            "print(json.dumps([(r.started_at.timestamp(),\n"
            "                   r.finished_at.timestamp() if r.finished_at else None,\n"
            "                   r.worker_ids[-1]) for r in runs]))\n"
        )
        return [tuple(run) for run in json.loads(out)]


def raced(runs: list[tuple[float, float | None, str]], kills: list[float]) -> bool:
    """Two runs by different workers were sending at the same time. A killed run never
    finishes; its end is its kill (the n-th unfinished run is the n-th kill)."""
    kill_times = iter(kills)
    spans = [(start, end or next(kill_times), worker) for start, end, worker in runs]
    return any(
        a_worker != b_worker and a_start <= b_start < a_end
        for a_start, a_end, a_worker in spans
        for b_start, _, b_worker in spans
    )


def wait_for(condition, what: str, site: Site, seconds: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            site.stop_workers()
            pytest.fail(f"Waited {seconds} s for {what}.\n{site.worker_logs()}")
        time.sleep(0.01)


@pytest.fixture
def sink() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(database_env, sink, tmp_path) -> Iterator[Site]:
    database_env.update(
        DATELINE_SMTP_URL=f"smtp://127.0.0.1:{sink.port}?timeout=5",
        DATELINE_NEWSLETTER_LEASE_SECONDS=str(LEASE_SECONDS),
        DATELINE_NEWSLETTER_BATCH="20",
        # Paced, so that both kills land mid-send even on a fast machine.
        DATELINE_NEWSLETTER_RATE="250",
        DATELINE_PUBLIC_URL="https://news.example",
    )
    logs = tmp_path / "logs"
    logs.mkdir()
    site = Site(database_env, logs)
    site.dateline("migrate", "--noinput", "-v", "0")
    yield site
    site.stop_workers()


def test_two_kills_a_restart_and_a_racing_worker_deliver_everyone_once(site, sink):
    issue_id = int(site.python(SEED))

    def received() -> int:
        return len(sink.sink.envelopes)

    first = site.start_worker()
    wait_for(lambda: received() >= KILL_AT[0], f"{KILL_AT[0]} messages", site)
    os.kill(first.pid, signal.SIGKILL)
    kills = [time.time()]
    first.wait()

    # The restarted worker and a second one race on the two waiting runs of the send.
    second = site.start_worker()
    site.start_worker()
    wait_for(lambda: received() >= KILL_AT[1], f"{KILL_AT[1]} messages", site)
    os.kill(second.pid, signal.SIGKILL)
    kills.append(time.time())
    second.wait()
    site.start_worker()  # restarted again

    def everyone_has_it() -> bool:
        return len({e.rcpt_tos[0] for e in sink.sink.envelopes}) >= SUBSCRIBERS

    wait_for(everyone_has_it, "every subscriber's message", site)
    # The last batch's rows are marked right after the server accepts them; the run that
    # finds nothing left closes the issue (after the lease, for the dead workers' rows).
    deadline = time.monotonic() + WAIT_SECONDS
    while (state := site.counts(issue_id))[0] != "done" and time.monotonic() < deadline:
        time.sleep(0.5)
    site.stop_workers()
    status, counts = state
    assert status == "done", f"{state}\n{site.worker_logs()}"
    assert counts["sent"] == SUBSCRIBERS and counts["queued"] == counts["sending"] == 0

    by_recipient: dict[str, list[str]] = defaultdict(list)
    for message in sink.sink.messages():
        by_recipient[message["To"]].append(message["Message-ID"])
    assert len(by_recipient) == SUBSCRIBERS
    duplicates = sum(len(ids) - 1 for ids in by_recipient.values())
    assert duplicates <= 2, f"{duplicates} duplicates for 2 kills"
    assert all(len(set(ids)) == 1 for ids in by_recipient.values())  # a repeat is the same
    assert len({ids[0] for ids in by_recipient.values()}) == SUBSCRIBERS

    assert raced(site.send_runs(), kills), "the second worker never sent alongside another"

    # Running the send again, directly and through a worker, sends nothing.
    before = received()
    site.python(
        "from django.utils import timezone\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from dateline.distribution.newsletters.sending import run, start_sending\n"
        "from dateline.distribution.newsletters.tasks import send_issue\n"
        f"assert not start_sending({issue_id})\n"
        f"run({issue_id})\n"
        f"send_issue.enqueue({issue_id})\n"
        "DBTaskResult.objects.filter(status='READY').update(run_after=timezone.now())\n"
    )
    site.dateline("worker", "--batch", "--interval", "0")
    assert received() == before
