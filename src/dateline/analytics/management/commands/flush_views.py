"""``dateline flush_views``: move view counts from Redis into the database now."""

from typing import Any

from django.core.management.base import BaseCommand

from dateline.analytics import redis_store
from dateline.analytics.flush import flush_views


class Command(BaseCommand):
    help = (
        "Write the view counts waiting in Redis to the database (the worker does it every minute)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if not redis_store.enabled():
            self.stdout.write(
                "DATELINE_REDIS_URL is not set: views are counted in the database directly."
            )
            return
        self.stdout.write(f"Flushed {flush_views()} view(s).")
