"""The security policy as every request sees it, read from the cache rather than the database.

Middleware consults the policy on every newsroom request, so the row is cached for a minute.
Saving it through :func:`save` clears the cache at once in this process (and everywhere with
Redis); other processes with their own in-memory cache follow within :data:`CACHE_SECONDS`.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from dateline.accounts.models import SecurityPolicy

CACHE_KEY = "accounts:security-policy"
CACHE_SECONDS = 60


@dataclass(frozen=True)
class Policy:
    require_two_factor: bool
    idle_minutes: int  # the policy's own value, or the server's default

    @property
    def idle(self) -> timedelta:
        return timedelta(minutes=self.idle_minutes)


def default_idle_minutes() -> int:
    return settings.DATELINE_SESSION_IDLE_MINUTES


def session_lifetime() -> timedelta:
    """The longest a session lasts, however active: ``DATELINE_SESSION_MAX_DAYS``."""
    return timedelta(seconds=settings.SESSION_COOKIE_AGE)


def current() -> Policy:
    cached = cache.get(CACHE_KEY)
    if isinstance(cached, Policy):
        return cached
    row = SecurityPolicy.objects.filter(pk=1).first()
    policy = Policy(
        require_two_factor=bool(row and row.require_two_factor),
        idle_minutes=(row.idle_minutes if row and row.idle_minutes else default_idle_minutes()),
    )
    cache.set(CACHE_KEY, policy, CACHE_SECONDS)
    return policy


def forget() -> None:
    """Drops the cached policy, now and again after commit (a request in between may have
    cached the old row)."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def stored() -> SecurityPolicy:
    """The policy row, created with the defaults when an administrator first opens it."""
    row, _ = SecurityPolicy.objects.get_or_create(pk=1)
    return row


def save(row: SecurityPolicy, *, by) -> None:
    row.changed_at = timezone.now()
    row.changed_by = by if getattr(by, "is_authenticated", False) else None
    row.save()
    forget()
