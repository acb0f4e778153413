"""Moving Redis counts into the database: nothing lost, nothing counted twice.

A flush works on a *claimed* copy of the live hash, never on the hash beacons write to:

1. ``RENAME live → claimed:<batch id>`` — atomic; the next beacon starts a fresh live hash.
2. In **one** database transaction: record ``FlushedBatch(batch id)`` and add the claimed
   counts to the hourly rows.
3. ``DEL claimed:<batch id>``.

A crash before step 2 commits leaves the claimed hash and no record: the next flush writes it.
A crash after step 2 leaves a claimed hash whose batch is recorded: the next flush only
deletes it. Two flushes racing for one claimed hash both try step 2; the unique batch id lets
exactly one commit. Every flush first finishes the claimed hashes left by earlier ones.
"""

import logging
import uuid
from collections import Counter
from datetime import datetime, timedelta

import redis
from django.db import IntegrityError, transaction
from django.utils import timezone

from dateline.analytics import redis_store
from dateline.analytics.counting import add_views
from dateline.analytics.models import FlushedBatch
from dateline.news.models import Article

logger = logging.getLogger(__name__)

# Batch records only need to outlive the claimed hashes they guard (seconds, normally).
KEEP_BATCH_RECORDS = timedelta(days=7)


def flush_views() -> int:
    """Writes every view counted in Redis so far to the database; returns how many."""
    client = redis_store.client()
    written = sum(
        _write_claimed(key) for key in client.scan_iter(match=redis_store.claimed_pattern())
    )
    batch_id = uuid.uuid4().hex
    try:
        client.rename(redis_store.live_key(), redis_store.claimed_key(batch_id))
    except redis.ResponseError:  # "no such key": nothing was counted since the last flush
        return written
    written += _write_claimed(redis_store.claimed_key(batch_id))
    FlushedBatch.objects.filter(flushed_at__lt=timezone.now() - KEEP_BATCH_RECORDS).delete()
    return written


def _write_claimed(key: str) -> int:
    batch_id = key.rsplit(":", 1)[1]
    counts = redis_store.client().hgetall(key)
    written = 0
    if not FlushedBatch.objects.filter(batch_id=batch_id).exists():
        rows = _rows(counts)
        try:
            with transaction.atomic():
                FlushedBatch.objects.create(batch_id=batch_id, rows=len(rows))
                add_views(rows)
        except IntegrityError:
            logger.info("Views batch %s was flushed by another worker", batch_id)
        else:
            written = sum(views for _, _, views in rows)
    _forget(key)
    return written


def _rows(counts: dict) -> list[tuple[int, datetime, int]]:
    totals: Counter[tuple[int, datetime]] = Counter()
    for name, value in counts.items():
        totals[redis_store.parse_field(name)] += int(value)
    # A story deleted since its views were counted has nowhere to put them.
    existing = set(
        Article.objects.filter(pk__in={article for article, _ in totals}).values_list(
            "pk", flat=True
        )
    )
    return [(article, hour, n) for (article, hour), n in totals.items() if article in existing]


def _forget(key: str) -> None:
    redis_store.client().delete(key)
