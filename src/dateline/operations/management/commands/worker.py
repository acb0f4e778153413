"""``dateline worker``: runs background tasks (mail, scheduled publishing, purges).

A thin wrapper over django-tasks-db's ``db_worker`` that processes every queue named in
``settings.TASKS`` and never autoreloads, so SIGTERM always means "finish the current
task, then stop". ``dateline serve`` runs one of these as its child; run more by hand
(or under systemd) when one is not enough.
"""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS


def configured_queues(alias: str = DEFAULT_TASK_BACKEND_ALIAS) -> str:
    """The queue list for db_worker: ``"default,mail"``, or ``"*"`` when none are declared."""
    queues = settings.TASKS.get(alias, {}).get("QUEUES") or ["*"]
    return ",".join(queues)


class Command(BaseCommand):
    help = "Run the background task worker for every queue in settings.TASKS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait between polls when the queue is empty (default: 1).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Run what is queued, then exit (for cron-style use and tests).",
        )
        parser.add_argument(
            "--max-tasks",
            type=int,
            default=None,
            help="Exit after this many tasks (a supervisor starts a fresh worker).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_options: dict[str, Any] = {
            "queue_name": configured_queues(),
            "interval": options["interval"],
            "batch": options["batch"],
            "reload": False,
            "verbosity": options["verbosity"],
        }
        if options["max_tasks"] is not None:
            worker_options["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **worker_options)
