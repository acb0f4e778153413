"""Fixed-window rate limits that hold across processes, threads and restarts.

A limit is a scope, a key and a number per period::

    if not consume("recommend-ip", fingerprint(client_ip(request)), limit=5, period=HOUR):
        return too_many_requests(...)

:func:`consume` counts the attempt and answers whether it is still within the limit, in one
short transaction: on SQLite the write lock (``IMMEDIATE``) serialises concurrent callers,
on PostgreSQL the row lock does, so 200 simultaneous posts get exactly ``limit`` yeses.
Windows are aligned to the clock (a day is a UTC day), which is what "per day" means to
an editor reading the settings.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dateline.limits.models import Allowance

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def fingerprint(value: str) -> str:
    """A keyed hash of ``value`` (an IP or e-mail address): stable, but not reversible
    without the site's secret key, so counters and logs hold no personal data in the clear."""
    normalised = value.strip().lower().encode()
    return hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()[:32]


def window_start(now: datetime, period: timedelta) -> datetime:
    seconds = int(period.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


def consume(
    scope: str, key: str, *, limit: int, period: timedelta, now: datetime | None = None
) -> bool:
    """Counts one use of ``key``; True while the window holds at most ``limit`` uses."""
    if limit <= 0:
        return False
    start = window_start(now or timezone.now(), period)
    for _ in range(2):  # a second try when a concurrent first use created the row
        try:
            with transaction.atomic():
                updated = Allowance.objects.filter(
                    scope=scope, key=key, window_start=start, hits__lt=limit
                ).update(hits=F("hits") + 1)
                if updated:
                    return True
                if Allowance.objects.filter(scope=scope, key=key, window_start=start).exists():
                    return False
                Allowance.objects.create(scope=scope, key=key, window_start=start, hits=1)
                transaction.on_commit(_tidy_once_a_day)
                return True
        except IntegrityError:
            continue
    return False


def remaining(scope: str, key: str, *, limit: int, period: timedelta) -> int:
    start = window_start(timezone.now(), period)
    row = Allowance.objects.filter(scope=scope, key=key, window_start=start).first()
    return max(limit - (row.hits if row else 0), 0)


def forget_before(moment: datetime) -> int:
    """Deletes counters of windows that started before ``moment``; returns how many."""
    deleted, _ = Allowance.objects.filter(window_start__lt=moment).delete()
    return deleted


def _tidy_once_a_day() -> None:
    """Queues the deletion of old counters, at most once a day per process.

    Counters are written only when someone posts, so the first new window of the day is a
    natural moment; no scheduler is needed.
    """
    from dateline.limits.tasks import forget_old_allowances

    if cache.add(
        f"limits:tidied:{timezone.now():%Y-%m-%d}", True, timeout=int(DAY.total_seconds())
    ):
        forget_old_allowances.enqueue()
