"""``dateline serve``: the production server for the whole site in one command.

Granian serves Django over WSGI and the files in STATIC_ROOT and MEDIA_ROOT straight
from Rust; a supervised ``dateline worker`` child runs the background tasks. Before it
listens it collects static files and refuses to start on an unmigrated database. DEBUG
is always off here: ``runserver`` is the development server. See docs/serving.md.
"""

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from dateline.operations.task_worker import TaskWorkerSupervisor, worker_command

# Static names carry a content hash and uploads are never overwritten, so caching is safe;
# a day rather than a year because media shares the setting, and a photo taken down for
# legal reasons should leave browser caches within a day.
STATIC_MAX_AGE_SECONDS = 86_400
# Python threads per HTTP worker process. Django views here are short and mostly
# CPU-bound; more threads only add GIL contention (see bench/pages.sh and docs/serving.md).
DEFAULT_THREADS = 8
FALSE = {"", "0", "false", "no", "off"}
# How long a stopping server waits for in-flight requests before killing a worker process.
GRACEFUL_STOP_SECONDS = 20


def default_port() -> int:
    raw = os.environ.get("PORT", "")
    if not raw:
        return 8000
    try:
        return int(raw)
    except ValueError:
        raise CommandError(f"PORT={raw!r}: expected a port number such as 8000.") from None


def default_workers() -> int:
    configured = getattr(settings, "DATELINE_SERVER_WORKERS", 0)
    if configured > 0:
        return configured
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Names of migrations the database still lacks, such as ``["news.0002_tags"]``."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def public_url(host: str, port: int) -> str:
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104 (display only)
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


class Command(BaseCommand):
    help = "Serve the site with granian and run the background task worker alongside."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help="Port to listen on (default: $PORT, else 8000).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="HTTP worker processes (default: DATELINE_SERVER_WORKERS, else one per CPU).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=DEFAULT_THREADS,
            help=f"Python threads per worker process (default: {DEFAULT_THREADS}).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not run the task worker (run `dateline worker` elsewhere).",
        )
        parser.add_argument(
            "--access-log", action="store_true", help="Log every request to standard output."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from granian import Granian
        from granian.constants import Interfaces

        port = options["port"] if options["port"] is not None else default_port()
        workers = options["workers"] or default_workers()
        if workers < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        self._force_debug_off()

        missing = pending_migrations()
        if missing:
            listed = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            raise CommandError(
                f"The database lacks {len(missing)} migration(s) ({listed}). "
                "Run `dateline migrate`, then start the server again."
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        for folder in (settings.STATIC_ROOT, settings.MEDIA_ROOT):
            os.makedirs(folder, exist_ok=True)
        # Worker processes are forked from this one: they must not share its connection.
        connections.close_all()

        server = Granian(
            "dateline.wsgi:application",
            address=options["host"],
            port=port,
            interface=Interfaces.WSGI,
            workers=workers,
            blocking_threads=options["threads"],
            log_access=options["access_log"],
            static_path_route=[settings.STATIC_URL.rstrip("/"), settings.MEDIA_URL.rstrip("/")],
            static_path_mount=[settings.STATIC_ROOT, settings.MEDIA_ROOT],
            static_path_expires=STATIC_MAX_AGE_SECONDS,
            workers_kill_timeout=GRACEFUL_STOP_SECONDS,
        )
        if not options["no_worker"]:
            supervisor = TaskWorkerSupervisor(worker_command())
            # Started once the socket is bound (so a busy port leaves no orphan worker)
            # and stopped after the HTTP workers have finished their requests.
            server.on_startup(supervisor.start)
            server.on_shutdown(supervisor.stop)

        task_note = "without the task worker" if options["no_worker"] else "with the task worker"
        self.stdout.write(
            f"Dateline is serving {public_url(options['host'], port)} "
            f"(granian, {workers} worker(s) x {options['threads']} threads, {task_note}). "
            "Press Ctrl-C to stop."
        )
        self.stdout.flush()
        try:
            server.serve()
        except OSError as error:
            raise CommandError(f"Cannot listen on {options['host']}:{port}: {error}") from error

    def _force_debug_off(self) -> None:
        """Serve never shows Django's debug pages, whatever DATELINE_DEBUG says.

        Settings derive more than DEBUG from it (hashed static names, for one), so when
        started from the command line we start again with it off rather than patch
        ``settings.DEBUG`` alone; the patch is the fallback when DEBUG comes from elsewhere.
        """
        asked_by_environment = os.environ.get("DATELINE_DEBUG", "false").lower() not in FALSE
        # The task worker (and any HTTP worker spawned rather than forked) reads it afresh.
        os.environ["DATELINE_DEBUG"] = "false"
        if not settings.DEBUG:
            return
        self.stderr.write(
            "DATELINE_DEBUG is on, but `dateline serve` always runs with DEBUG off; "
            "use `dateline runserver` to develop."
        )
        if asked_by_environment and sys.argv[1:2] == ["serve"]:
            sys.stdout.flush()
            sys.stderr.flush()
            # Our own interpreter and arguments, unchanged: nothing untrusted reaches exec.
            os.execv(sys.executable, [sys.executable, "-m", "dateline.cli", *sys.argv[1:]])  # noqa: S606
        settings.DEBUG = False
