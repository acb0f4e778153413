"""Background work for readership. Safe to run twice, at any time."""

from django.tasks import task


@task()
def flush_views_task() -> int:
    """Moves views counted in Redis into the database (see :mod:`dateline.analytics.flush`)."""
    from dateline.analytics import redis_store
    from dateline.analytics.flush import flush_views

    if not redis_store.enabled():
        return 0
    return flush_views()
