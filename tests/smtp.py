"""A real SMTP server for tests (aiosmtpd on a free loopback port) and the task worker in
batch mode, so mail tests cover the whole path: row, task, worker, backend, server."""

import email
import email.policy
import signal
import socket
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class Sink:
    """An SMTP handler that keeps every accepted envelope, or answers what the test says."""

    def __init__(self) -> None:
        self.envelopes: list = []
        self.rcpt_answer: str | None = None
        self.data_answer: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_answer:
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_answer:
            return self.data_answer
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(e.original_content, policy=email.policy.default)  # type: ignore[misc]
            for e in self.envelopes
        ]


class SmtpServer:
    """aiosmtpd on 127.0.0.1, stoppable and restartable on the same port."""

    def __init__(self) -> None:
        self.sink = Sink()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    # The test environment swaps every mailer for locmem; point the default one at our server.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 5},
        }
    }
    yield server
    server.stop()


def run_worker() -> None:
    """``dateline worker --batch``: runs every due task, then returns."""
    # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("worker", batch=True, interval=0, verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def pending_tasks():
    return DBTaskResult.objects.filter(status="READY")


def time_passes_for_the_retry() -> None:
    """The retry's backoff is over: move every waiting task's run_after into the past."""
    pending_tasks().update(run_after=timezone.now() - timedelta(seconds=1))
