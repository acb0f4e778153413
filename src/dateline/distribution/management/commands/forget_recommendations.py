"""``dateline forget_recommendations``: purge the recommendation audit log now.

The site already does this once a day by itself (a task enqueued by the first
recommendation of the day); this command is for an operator who shortens
``DATELINE_RECOMMEND_LOG_DAYS`` and wants the effect at once.
"""

from typing import Any

from django.core.management.base import BaseCommand

from dateline.distribution.recommend.sending import forget_old_attempts


class Command(BaseCommand):
    help = "Delete recommendation audit-log rows older than DATELINE_RECOMMEND_LOG_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = forget_old_attempts()
        if options["verbosity"]:
            self.stdout.write(f"Deleted {deleted} audit-log row(s).")
