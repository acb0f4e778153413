"""When the Redis counts are flushed: a minute after the first uncounted beacon.

The tasks framework has no cron, and a flush chain that re-enqueues itself forever would
need a start-up hook and would run on idle sites too. Instead a beacon that finds no flush
pending (``SET flush-due NX EX 60`` succeeds) enqueues one flush with ``run_after`` a minute
later. So at most one flush per minute is queued, none while nobody reads, and a view is in
the database at most ``DATELINE_VIEWS_FLUSH_SECONDS`` (plus the worker's poll) after its beacon.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from dateline.analytics import redis_store


def ensure_flush_scheduled() -> None:
    from dateline.analytics.tasks import flush_views_task

    seconds = settings.DATELINE_VIEWS_FLUSH_SECONDS
    client = redis_store.client()
    if not client.set(redis_store.flush_due_key(), "1", nx=True, ex=seconds):
        return
    try:
        flush_views_task.using(run_after=timezone.now() + timedelta(seconds=seconds)).enqueue()
    except Exception:
        # Let the next beacon try again rather than leave the counts unflushed for a minute.
        client.delete(redis_store.flush_due_key())
        raise
