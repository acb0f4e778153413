"""`dateline serve` runs the whole site: granian, static files, DEBUG off, the task worker.

Each test talks to a real server process on a free loopback port, with its own data
folder on SQLite (never the suite's DATABASE_URL, which other tests share). Servers are
started in their own process group and that group is always stopped at the end.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

STARTUP_SECONDS = 60
MAIL_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DATELINE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="dateline.settings")
    env.update(extra)
    return env


def dateline(*args: str) -> list[str]:
    return [sys.executable, "-m", "dateline.cli", *args]


def run_in_site(data_dir: Path, code: str) -> str:
    """Runs Python ``code`` with Django set up against ``data_dir``; returns its stdout."""
    script = "import django\ndjango.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=site_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def migrated_site(data_dir: Path, *, with_edition: bool = True) -> Path:
    subprocess.run(
        dateline("migrate", "--noinput", "-v", "0"), env=site_env(data_dir), check=True, timeout=120
    )
    if with_edition:
        run_in_site(
            data_dir,
            "from dateline.news.models import Edition\n"
            "Edition.objects.update_or_create(code='en', defaults=dict(name='English',"
            " language='en', time_zone='Asia/Baku', is_default=True))\n",
        )
    return data_dir


def queue_a_mail(data_dir: Path, to: str) -> None:
    run_in_site(
        data_dir,
        "from dateline.distribution.mail import queue_mail\n"
        f"queue_mail(to={to!r}, subject='Serve test', body_text='Delivered by the worker.')\n",
    )


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"Timed out after {seconds} s waiting for {what}")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


def fetch(url: str) -> Answer:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback http)
            headers = {k.lower(): v for k, v in response.headers.items()}
            return Answer(response.status, headers, response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        headers = {k.lower(): v for k, v in error.headers.items()}
        return Answer(error.code, headers, error.read().decode("utf-8", "replace"))


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    data_dir: Path
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        return [int(p) for p in re.findall(r"Started the task worker \(pid (\d+)\)", self.output())]


def start_server(data_dir: Path, *args: str, **env: str) -> Server:
    port = free_port()
    log = data_dir / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            dateline("serve", "--port", str(port), "--workers", "1", *args),
            env=site_env(data_dir, **env),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, f"http://127.0.0.1:{port}", data_dir, log)

    def answering() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"dateline serve exited early:\n{server.output()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    wait_for(answering, STARTUP_SECONDS, "dateline serve to listen")
    return server


def stop_server(server: Server) -> None:
    """SIGTERM to the server's whole process group; SIGKILL if it lingers."""
    try:
        os.killpg(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has exited but was not yet reaped by its parent is gone for our purposes.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Server]:
    """One running site for the module, started with DEBUG requested on purpose."""
    data_dir = migrated_site(tmp_path_factory.mktemp("serve") / "data")
    server = start_server(data_dir, DATELINE_DEBUG="true")
    try:
        yield server
    finally:
        stop_server(server)


def test_the_server_prints_the_url_it_serves(site):
    assert f"serving {site.base_url}/" in site.output()


def test_robots_txt_is_served(site):
    assert fetch(f"{site.base_url}/robots.txt").status == 200


def test_static_files_are_served_with_cache_headers(site):
    answer = fetch(f"{site.base_url}/static/admin/css/base.css")

    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/css")
    assert "max-age=" in answer.headers["cache-control"]
    assert int(answer.headers["cache-control"].split("max-age=")[1].split(",")[0]) >= 3600


def test_static_files_were_collected_before_serving(site):
    assert (site.data_dir / "static" / "staticfiles.json").exists()


def test_debug_is_off_even_when_the_environment_asks_for_it(site):
    answer = fetch(f"{site.base_url}/no-such-page/at-all/")

    assert answer.status == 404
    assert "URLconf" not in answer.body
    assert "DEBUG = True" not in answer.body
    assert "always runs with DEBUG off" in site.output()


def test_the_home_page_answers_without_a_server_error(site):
    assert fetch(f"{site.base_url}/").status < 500


def test_the_task_worker_delivers_queued_mail(site):
    queue_a_mail(site.data_dir, "reader@example.org")
    outbox = site.data_dir / "outbox"

    delivered = wait_for(
        lambda: list(outbox.glob("*.eml")) if outbox.exists() else [],
        MAIL_SECONDS,
        "the worker to write the mail to the outbox",
    )

    assert "To: reader@example.org" in delivered[0].read_text()


def test_a_task_worker_that_dies_is_restarted(site):
    first = wait_for(site.worker_pids, 10, "the first task worker")[-1]
    os.kill(first, signal.SIGKILL)

    restarted = wait_for(
        lambda: [pid for pid in site.worker_pids() if pid != first], 20, "a new task worker"
    )

    assert process_exists(restarted[-1])
    assert "task worker exited unexpectedly" in site.output()


def test_sigterm_stops_the_server_and_its_task_worker(tmp_path):
    server = start_server(migrated_site(tmp_path / "data"))
    try:
        worker = wait_for(server.worker_pids, 10, "the task worker")[-1]

        server.process.send_signal(signal.SIGTERM)
        code = server.process.wait(timeout=30)

        assert code == 0, server.output()
        assert not process_exists(worker)
    finally:
        stop_server(server)


def test_no_worker_serves_without_a_task_worker(tmp_path):
    server = start_server(migrated_site(tmp_path / "data"), "--no-worker")
    try:
        assert fetch(f"{server.base_url}/robots.txt").status == 200
        assert server.worker_pids() == []
        assert "without the task worker" in server.output()
    finally:
        stop_server(server)


def test_serve_refuses_an_unmigrated_database(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()

    done = subprocess.run(
        dateline("serve", "--port", str(free_port())),
        env=site_env(data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode != 0
    assert "dateline migrate" in done.stderr


def test_serve_names_a_busy_port_and_starts_no_worker(tmp_path):
    data_dir = migrated_site(tmp_path / "data", with_edition=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        done = subprocess.run(
            dateline("serve", "--port", str(port)),
            env=site_env(data_dir, RUST_BACKTRACE="0"),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    assert done.returncode != 0
    assert f"Cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Started the task worker" not in done.stdout + done.stderr
