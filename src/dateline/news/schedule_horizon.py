"""When the public site next changes by itself: the next scheduled story's time.

A scheduled story becomes visible at its time with no one touching it (``published()``
counts it), so a cached page must not stay fresh past that moment. Asked on every page
render, answered from memory for a few seconds (two index lookups otherwise).
"""

import math
import threading
import time

from django.db import DatabaseError
from django.utils import timezone

from dateline.news.models import Article, Status

REMEMBER_SECONDS = 1.0
_lock = threading.Lock()
_remembered = (0.0, math.inf)  # (monotonic time to ask again, answer)


def next_change() -> float:
    """Wall-clock time of the next story going live by schedule (``inf``: none waiting)."""
    global _remembered
    ask_again, answer = _remembered
    now = time.monotonic()
    if now < ask_again:
        return answer
    with _lock:
        moment = timezone.now()
        try:
            upcoming = [
                Article.objects.filter(status=status, published_at__gt=moment)
                .order_by("published_at")
                .values_list("published_at", flat=True)
                .first()
                for status in (Status.SCHEDULED, Status.PUBLISHED)
            ]
        except DatabaseError:
            return time.time() + REMEMBER_SECONDS
        times = [when.timestamp() for when in upcoming if when is not None]
        answer = min(times, default=math.inf)
        _remembered = (now + REMEMBER_SECONDS, answer)
    return answer


def forget() -> None:
    """Asks the database next time (a story was just scheduled)."""
    global _remembered
    _remembered = (0.0, math.inf)
