"""``dateline serve``: the production server for the whole site in one command.

Granian serves Django over WSGI and the files in STATIC_ROOT and MEDIA_ROOT straight
from Rust; a supervised ``dateline worker`` child runs the background tasks. Before it
listens it collects static files and refuses to start on an unmigrated database. DEBUG
is always off here: ``runserver`` is the development server. See docs/serving.md.
"""

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from dateline.lib.planner_statistics import refresh_planner_statistics
from dateline.operations.task_worker import TaskWorkerSupervisor, worker_command

# Static names carry a content hash and uploads are never overwritten, so caching is safe;
# a day rather than a year because media shares the setting, and a photo taken down for
# legal reasons should leave browser caches within a day.
STATIC_MAX_AGE_SECONDS = 86_400
# Python threads per HTTP worker process. Our views are CPU-bound on SQLite, so threads add
# no throughput (the GIL); a few let a quick page overtake a slow one and cover database
# waits on PostgreSQL. Capped by granian's own guideline of 2 x CPUs + 1 (docs/serving.md).
MAX_DEFAULT_THREADS = 8
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


def default_threads() -> int:
    return min(MAX_DEFAULT_THREADS, 2 * (os.cpu_count() or 1) + 1)


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Names of migrations the database still lacks, such as ``["news.0002_tags"]``."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def local_file_mounts() -> tuple[list[str], list[Path]]:
    """URL prefixes and folders granian serves itself: static and media, when they are local.

    A STATIC_URL or MEDIA_URL on another host (a CDN, S3) is left to that host.
    """
    routes: list[str] = []
    mounts: list[Path] = []
    for url, root in (
        (settings.STATIC_URL, settings.STATIC_ROOT),
        (settings.MEDIA_URL, settings.MEDIA_ROOT),
    ):
        if url and root and str(url).startswith("/"):
            Path(root).mkdir(parents=True, exist_ok=True)
            routes.append(str(url).rstrip("/"))
            mounts.append(Path(root))
    return routes, mounts


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
            default=None,
            help="Python threads per worker process (default: 2 x CPUs + 1, at most 8).",
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
        threads = options["threads"] or default_threads()
        if workers < 1 or threads < 1:
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
        refresh_planner_statistics()
        # Connections must not cross into the forked worker processes.
        connections.close_all()

        routes, mounts = local_file_mounts()
        server = Granian(
            "dateline.wsgi:application",
            address=options["host"],
            port=port,
            interface=Interfaces.WSGI,
            websockets=False,  # WSGI has none; saying so spares a line in the log
            workers=workers,
            blocking_threads=threads,
            log_access=options["access_log"],
            static_path_route=routes,
            static_path_mount=mounts,
            static_path_expires=STATIC_MAX_AGE_SECONDS,
            workers_kill_timeout=GRACEFUL_STOP_SECONDS,
            # A worker killed by the OOM killer or a crash in C code comes back by itself
            # (granian gives up on a crash loop: two failures within 5.5 s).
            respawn_failed_workers=True,
        )
        task_note = "without the task worker" if options["no_worker"] else "with the task worker"

        def announce() -> None:  # runs once the socket is bound, so the URL is true
            self.stdout.write(
                f"Dateline is serving {public_url(options['host'], port)} "
                f"(granian, {workers} worker(s) x {threads} threads, {task_note}). "
                "Press Ctrl-C to stop."
            )
            self.stdout.flush()

        server.on_startup(announce)
        if not options["no_worker"]:
            supervisor = TaskWorkerSupervisor(worker_command())
            # Started once the socket is bound (so a busy port leaves no orphan worker)
            # and stopped after the HTTP workers have finished their requests.
            server.on_startup(supervisor.start)
            server.on_shutdown(supervisor.stop)
        try:
            server.serve()
        except (OSError, RuntimeError) as error:
            # granian reports a failed bind as RuntimeError("Address already in use (os error 98)").
            if isinstance(error, RuntimeError) and "os error" not in str(error):
                raise
            raise CommandError(f"Cannot listen on {options['host']}:{port}: {error}") from error

    def _force_debug_off(self) -> None:
        """Serve never shows Django's debug pages, whatever DATELINE_DEBUG says.

        Settings derive more than DEBUG from it (hashed static names, for one), so when
        started from the command line we start again with it off rather than patch
        ``settings.DEBUG`` alone; the patch is the fallback when DEBUG comes from elsewhere.
        """
        asked_by_environment = os.environ.get("DATELINE_DEBUG", "").strip().lower() not in FALSE
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
