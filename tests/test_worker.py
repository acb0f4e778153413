"""`dateline worker` runs queued tasks from every queue and stops cleanly on SIGTERM.

The worker runs as a real process against its own data folder on SQLite (never the
suite's DATABASE_URL), as it does in production next to the server.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

MAIL_SECONDS = 30


def site_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DATELINE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="dateline.settings")
    return env


def dateline(*args: str) -> list[str]:
    return [sys.executable, "-m", "dateline.cli", *args]


def run_in_site(data_dir: Path, code: str) -> str:
    """Runs Python ``code`` with Django set up against ``data_dir``; returns its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
        env=site_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def queue_a_mail(data_dir: Path, to: str) -> int:
    out = run_in_site(
        data_dir,
        "from dateline.distribution.mail import queue_mail\n"
        f"mail = queue_mail(to={to!r}, subject='Worker test', body_text='From the queue.')\n"
        "print(mail.pk)\n",
    )
    return int(out.strip())


def mail_status(data_dir: Path, mail_id: int) -> str:
    return run_in_site(
        data_dir,
        "from dateline.distribution.models import OutgoingMail\n"
        f"print(OutgoingMail.objects.get(pk={mail_id}).status)\n",
    ).strip()


def delivered_mails(data_dir: Path) -> list[Path]:
    outbox = data_dir / "outbox"
    return sorted(outbox.glob("*.eml")) if outbox.exists() else []


@pytest.fixture
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    subprocess.run(
        dateline("migrate", "--noinput", "-v", "0"), env=site_env(folder), check=True, timeout=120
    )
    return folder


def start_worker(data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        dateline("worker", *args),
        env=site_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_the_worker_delivers_a_queued_mail_then_stops_on_sigterm(data_dir):
    mail_id = queue_a_mail(data_dir, "editor@example.org")
    worker = start_worker(data_dir)
    try:
        deadline = time.monotonic() + MAIL_SECONDS
        while not delivered_mails(data_dir) and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker exited before delivering"
            time.sleep(0.2)
        assert delivered_mails(data_dir), f"no mail in the outbox after {MAIL_SECONDS} s"

        worker.send_signal(signal.SIGTERM)
        code = worker.wait(timeout=15)
        output = worker.stdout.read().decode() if worker.stdout else ""
    finally:
        stop(worker)

    assert code == 0, output
    assert "queues=default,mail" in output
    assert mail_status(data_dir, mail_id) == "sent"
    assert "To: editor@example.org" in delivered_mails(data_dir)[0].read_text()


def test_batch_mode_runs_what_is_queued_and_exits(data_dir):
    queue_a_mail(data_dir, "chief@example.org")

    done = subprocess.run(
        dateline("worker", "--batch"),
        env=site_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert len(delivered_mails(data_dir)) == 1
