"""Housekeeping for rate-limit counters. Tasks take no objects and are safe to run twice."""

from django.tasks import task
from django.utils import timezone

from dateline.limits.throttle import DAY, forget_before

# Counters are kept a little longer than the longest window any limit uses (a day).
KEEP_FOR = 2 * DAY


@task()
def forget_old_allowances() -> int:
    return forget_before(timezone.now() - KEEP_FOR)
