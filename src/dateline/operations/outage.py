"""Whether the database is answering, as this process last found out.

A circuit breaker. Once a query fails because the database is unreachable, the process
stops trying for ``RETRY_SECONDS``: readers get cached pages (marked stale) or the 503 page
at once, instead of each waiting for a timeout. Then it is *half-open*: the next request
(one thread only) is let through as a trial. If its queries succeed the breaker closes and
the site is back; if they fail it opens again for another ``RETRY_SECONDS``. So the site
recovers by itself a few seconds after the database does, with no restart.

Only errors that say "the database is not there" open it (:func:`failure_kind`): a refused
or broken connection, a timeout, a database file that cannot be read. A lock held too long
(``busy``) fails that request with a 503 but leaves the breaker closed: the database is
there, merely busy, and readers who only read are not held up by it. A programming error
or an integrity error is a bug or a conflict, not an outage: it stays a 500 (or is handled
by the code that expects it).

Example::

    >>> failure_kind(django.db.OperationalError("connection refused"))
    'unreachable'
    >>> failure_kind(django.db.IntegrityError("UNIQUE constraint failed"))   # None
"""

import logging
import sqlite3
import threading
import time
from typing import Literal

from django.db import InterfaceError, OperationalError

try:  # psycopg is installed with the PostgreSQL extra only
    import psycopg

    _DRIVER_ERRORS: tuple[type[BaseException], ...] = (
        psycopg.OperationalError,
        psycopg.InterfaceError,
        sqlite3.OperationalError,
        sqlite3.InterfaceError,
    )
except ImportError:  # pragma: no cover - SQLite-only installation
    _DRIVER_ERRORS = (sqlite3.OperationalError, sqlite3.InterfaceError)

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
# A trial request that never reports back (it touched no database) is given up after this,
# and another request becomes the trial.
TRIAL_SECONDS = 5.0

UNREACHABLE: Literal["unreachable"] = "unreachable"
BUSY: Literal["busy"] = "busy"
FailureKind = Literal["unreachable", "busy"]

# PostgreSQL SQLSTATEs of a server that is there but would not finish in time.
_BUSY_SQLSTATES = {
    "57014",  # query_canceled (statement_timeout)
    "55P03",  # lock_not_available (lock_timeout)
    "40P01",  # deadlock_detected
    "40001",  # serialization_failure
}
_BUSY_SQLITE_ERRORS = {"SQLITE_BUSY", "SQLITE_LOCKED"}


class DatabaseUnavailable(OperationalError):
    """Raised instead of trying the database while the breaker is open."""


_lock = threading.Lock()
_down_until = 0.0  # monotonic; 0.0 while the breaker is closed
_trial_thread: int | None = None
_trial_until = 0.0


def database_is_down() -> bool:
    """True while requests should not try the database (cached copies or a 503 instead).

    Cheap when the database is up (one global read). Once ``RETRY_SECONDS`` have passed,
    answers False to one thread — the trial — and True to the others until it reports.
    The trial's thread keeps getting False, so a request that asks twice (the page cache,
    then the outage middleware) is not turned away by its own trial.
    """
    global _trial_thread, _trial_until
    until = _down_until
    if not until:
        return False
    now = time.monotonic()
    if now < until:
        return True
    ident = threading.get_ident()
    with _lock:
        if _trial_thread == ident:
            return False
        if _trial_thread is None or now >= _trial_until:
            _trial_thread, _trial_until = ident, now + TRIAL_SECONDS
            return False
        return True


def is_trial() -> bool:
    """Whether this thread is the request trying a database that was just found down."""
    return _down_until != 0.0 and _trial_thread == threading.get_ident()


def record_failure(error: BaseException | None = None) -> None:
    """The database did not answer: stop trying for ``RETRY_SECONDS``."""
    global _down_until, _trial_thread
    with _lock:
        was_up = not _down_until
        _down_until = time.monotonic() + RETRY_SECONDS
        _trial_thread = None
    if was_up:
        logger.warning(
            "Database unavailable (%s): serving cached pages and 503s, retrying every %.0f s",
            error or "no answer in time",
            RETRY_SECONDS,
        )


def record_success() -> None:
    """A query succeeded: the database is back (a no-op while it is up)."""
    global _down_until, _trial_thread
    if not _down_until:
        return
    with _lock:
        if not _down_until:
            return
        _down_until, _trial_thread = 0.0, None
    logger.warning("Database answering again: the site is back to normal")


def reset() -> None:
    """Closes the breaker without a query (tests; a process that starts afresh)."""
    global _down_until, _trial_thread
    with _lock:
        _down_until, _trial_thread = 0.0, None


def failure_kind(error: BaseException) -> FailureKind | None:
    """``"unreachable"``, ``"busy"``, or None when ``error`` is not about availability.

    Django wraps driver errors (``django.db.OperationalError`` whose ``__cause__`` is the
    psycopg or sqlite3 error); the cause says which kind it is.
    """
    if not isinstance(error, (OperationalError, InterfaceError, *_DRIVER_ERRORS)):
        return None
    cause = error.__cause__ if error.__cause__ is not None else error
    if getattr(cause, "sqlstate", None) in _BUSY_SQLSTATES:
        return BUSY
    if getattr(cause, "sqlite_errorname", None) in _BUSY_SQLITE_ERRORS:
        return BUSY
    return UNREACHABLE
