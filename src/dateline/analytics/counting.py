"""Counting a view: remember the reader, add one to the article's hour. Nothing is lost.

Two stores, chosen by configuration:

* **Database** (the embedded default): both steps are single ``INSERT … ON CONFLICT``
  statements in one short transaction — the dedupe row is inserted or, when expired,
  renewed; the hour's row is created or ``views = views + 1``. Each statement is atomic on
  SQLite (one writer at a time) and PostgreSQL (the row lock), so no increment is lost and
  no retry loop is needed.
* **Redis** (``DATELINE_REDIS_URL``): the reader is remembered with ``cache.add`` (atomic
  SET NX with a timeout) and the view is an ``HINCRBY`` on a live hash; the flush task
  (:mod:`dateline.analytics.flush`) moves the hash into the database every minute.

Example::

    >>> count_view(article_id=42, key=reader_key(ip, agent, 42, today))
    True   # counted; False when the same reader counted in the last 30 minutes
"""

import logging
import time
from datetime import UTC, datetime, timedelta

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from dateline.analytics import redis_store
from dateline.analytics.models import ArticleViews, RecentReader

logger = logging.getLogger(__name__)

# Expired dedupe rows are deleted at most this often per process (they are harmless, only
# space: an expired row is renewed in place when the same reader comes back).
PRUNE_EVERY_SECONDS = 60.0
_next_prune = 0.0


def hour_of(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def dedupe_window() -> timedelta:
    return timedelta(minutes=settings.DATELINE_VIEW_DEDUPE_MINUTES)


def count_view(article_id: int, key: str, now: datetime | None = None) -> bool:
    """Counts one view of ``article_id`` unless reader ``key`` was counted within the
    dedupe window; answers whether it counted."""
    now = now or timezone.now()
    if redis_store.enabled():
        try:
            if not cache.add(f"analytics:reader:{key}", 1, dedupe_window().total_seconds()):
                return False
            redis_store.increment(article_id, hour_of(now))
            return True
        except redis.RedisError:
            # Redis is down: count in the database rather than lose the view.
            logger.warning("Redis unavailable; counting view of %s in the database", article_id)
    with transaction.atomic():
        if not _remember_reader(key, now):
            return False
        add_views([(article_id, hour_of(now), 1)])
    _prune_now_and_then(now)
    return True


def _remember_reader(key: str, now: datetime) -> bool:
    """True when ``key`` is new or its window has passed (and starts a new window)."""
    ops = connection.ops
    table, column = ops.quote_name(RecentReader._meta.db_table), ops.quote_name("key")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({column}, expires_at) VALUES (%s, %s) "  # noqa: S608 (ours)
            f"ON CONFLICT ({column}) DO UPDATE SET expires_at = excluded.expires_at "
            f"WHERE {table}.expires_at <= %s",
            [
                key,
                ops.adapt_datetimefield_value(now + dedupe_window()),
                ops.adapt_datetimefield_value(now),
            ],
        )
        return cursor.rowcount == 1


def add_views(rows: list[tuple[int, datetime, int]]) -> None:
    """Adds ``views`` to each ``(article_id, hour, views)`` row, creating rows as needed.

    One atomic upsert per row: concurrent callers never overwrite each other's counts.
    """
    if not rows:
        return
    table = connection.ops.quote_name(ArticleViews._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, hour, views) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (article_id, hour) DO UPDATE SET views = {table}.views + excluded.views",
            [
                (article_id, connection.ops.adapt_datetimefield_value(hour), views)
                for article_id, hour, views in rows
            ],
        )


def _prune_now_and_then(now: datetime) -> None:
    global _next_prune
    tick = time.monotonic()
    if tick < _next_prune:
        return
    _next_prune = tick + PRUNE_EVERY_SECONDS
    RecentReader.objects.filter(expires_at__lt=now).delete()
