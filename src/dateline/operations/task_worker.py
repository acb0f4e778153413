"""Keeping one ``dateline worker`` process alive next to the web server.

``dateline serve`` starts a :class:`TaskWorkerSupervisor`, so a single command runs the
whole site. The worker is a child process (not a thread in the server) so that a stuck
or crashing task cannot take page serving down with it. When it exits unexpectedly it is
restarted after a pause that doubles on every quick failure (1 s, 2 s, 4 s … 60 s) and
resets once a worker has stayed up for a minute.

The child runs in its own process group, so a Ctrl-C in the terminal reaches only the
server, which then asks the worker to stop exactly once (a second signal would make
db_worker abandon the task it is running). On Linux the child also gets SIGTERM if the
server dies without cleaning up, so no worker outlives its server.
"""

import ctypes
import ctypes.util
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


def worker_command() -> list[str]:
    """``dateline worker`` run with this interpreter, whatever script started us."""
    return [sys.executable, "-m", "dateline.cli", "worker"]


def _exit_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` asking Linux to SIGTERM the child when its parent dies."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    parent = os.getpid()

    def arrange() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return arrange


class TaskWorkerSupervisor:
    """Runs ``command`` and restarts it with a backoff until :meth:`stop` is called.

    Example::

        supervisor = TaskWorkerSupervisor(worker_command())
        supervisor.start()   # returns once the first worker process exists
        ...
        supervisor.stop()    # SIGTERM, then SIGKILL after ``stop_timeout`` seconds
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        first_backoff: float = 1.0,
        max_backoff: float = 60.0,
        healthy_after: float = 60.0,
        stop_timeout: float = 30.0,
    ) -> None:
        self.command = list(command)
        self.env = env
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self.healthy_after = healthy_after
        self.stop_timeout = stop_timeout
        self.restarts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._first_spawn = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name="task-worker-supervisor", daemon=True
        )

    @property
    def pid(self) -> int | None:
        with self._lock:
            return self._process.pid if self._process else None

    def start(self) -> None:
        self._thread.start()
        # The server forks its HTTP workers right after this; letting the first spawn
        # finish first keeps the two forks from overlapping.
        self._first_spawn.wait(timeout=10)

    def stop(self) -> None:
        with self._lock:
            self._stopping.set()
            process = self._process
        if process is not None and process.poll() is None:
            logger.info("Stopping the task worker (pid %s)", process.pid)
            process.terminate()
            try:
                process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                logger.warning(
                    "The task worker did not stop within %s s; killing it", self.stop_timeout
                )
                process.kill()
                process.wait()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _spawn(self) -> subprocess.Popen[bytes] | None:
        with self._lock:
            if self._stopping.is_set():
                return None
            # The supervisor thread lives until stop(), which matters: Linux sends the
            # parent-death signal when the *thread* that forked the child ends.
            self._process = subprocess.Popen(  # noqa: S603 (our own command line, no shell)
                self.command,
                env=self.env,
                process_group=0,
                # Only a prctl() call between fork and exec: safe in a threaded parent.
                preexec_fn=_exit_with_parent(),
            )
            logger.info("Started the task worker (pid %s)", self._process.pid)
            return self._process

    def _run(self) -> None:
        backoff = self.first_backoff
        while not self._stopping.is_set():
            started = time.monotonic()
            try:
                process = self._spawn()
            except OSError:
                logger.exception("Could not start the task worker")
                process = None
            finally:
                self._first_spawn.set()
            if process is None and self._stopping.is_set():
                return
            code = process.wait() if process is not None else None
            if self._stopping.is_set():
                return
            if time.monotonic() - started >= self.healthy_after:
                backoff = self.first_backoff
            self.restarts += 1
            logger.error(
                "The task worker exited unexpectedly (exit code %s); restarting it in %.0f s",
                code,
                backoff,
            )
            if self._stopping.wait(backoff):
                return
            backoff = min(backoff * 2, self.max_backoff)
