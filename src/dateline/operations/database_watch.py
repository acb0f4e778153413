"""Every database call a web request makes ends within a bounded time, and feeds the breaker.

Each connection is instrumented once, when it is first opened (:func:`instrument`, run by
the ``connection_created`` signal):

* its queries go through :func:`_watched_query`, which tells the breaker
  (:mod:`.outage`) about every success and every "unreachable" failure;
* inside a web request (:func:`request_scope`, opened by the outage middleware) each query,
  and the connection's health check, is registered with a **watchdog**: one thread per
  process that cuts any call still running after the request's limit.

Why a watchdog: a *frozen* PostgreSQL server (SIGSTOP, a hung disk, a stuck VM) still has
its kernel acknowledge TCP, so a query on an open connection waits forever — no client
timeout covers it (``connect_timeout`` only bounds opening a connection). Cutting means
shutting the connection's socket down: psycopg then raises ``OperationalError`` ("server
closed the connection unexpectedly") at once, the request ends with a stale copy or the
503 page, and the broken connection is discarded at the end of the request
(:func:`discard_failed_connections`). On SQLite the same limit interrupts a runaway query
(``sqlite3.Connection.interrupt``); waits for a lock are bounded by the busy timeout
instead (:func:`_apply_busy_timeout`), because an interrupt does not end them.

Outside web requests (the worker, management commands, tests that do not open a scope)
nothing is ever cut: a backup or a migration may take as long as it needs.
"""

import logging
import os
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import OperationalError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from dateline.operations import outage

logger = logging.getLogger(__name__)

TICK_SECONDS = 0.1  # how often the watchdog looks; a call is cut at most this late
CANCEL_TIMEOUT_SECONDS = 2.0

_local = threading.local()  # .limit (seconds or None), .failed (bool)
_lock = threading.Lock()
# thread ident -> (deadline, connection) for every call running under a watch
_running: dict[int, tuple[float, BaseDatabaseWrapper]] = {}
_cut: set[int] = set()  # threads whose current call the watchdog has cut
_watchdog_pid = 0


class _Watch:
    """What became of one watched call."""

    cut = False


@contextmanager
def request_scope(limit_seconds: float) -> Iterator[None]:
    """Database calls made inside are cut after ``limit_seconds`` (0: never)."""
    _ensure_watchdog()
    previous = getattr(_local, "limit", None)
    _local.limit = limit_seconds if limit_seconds > 0 else None
    _local.failed = False
    for connection in connections.all(initialized_only=True):
        _apply_busy_timeout(connection)
    try:
        yield
    finally:
        _local.limit = previous


def report_failure(error: BaseException) -> outage.FailureKind | None:
    """Tells the breaker and this request about ``error``; answers its kind (None: a bug).

    For code that catches a database error itself. Failed queries are reported by the
    instrumentation already; a failed *connect* is only seen by whoever catches it.
    """
    kind = outage.failure_kind(error)
    if kind is not None:
        if kind == outage.UNREACHABLE and not isinstance(error, outage.DatabaseUnavailable):
            outage.record_failure(error)
        note_failure()
    return kind


def note_failure() -> None:
    """This request met an unavailable database: its connections are not to be reused."""
    _local.failed = True


def request_failed() -> bool:
    return bool(getattr(_local, "failed", False))


def discard_failed_connections() -> None:
    """Closes this thread's connections after a request that met an unavailable database.

    Django keeps a connection for ``CONN_MAX_AGE`` and, on PostgreSQL, health-checks it;
    but a SQLite connection always passes that check, so one opened while the database
    file was missing would otherwise keep answering "no such table" after the file is
    back. Closing costs one reconnect on the next request.
    """
    if not request_failed():
        return
    _local.failed = False
    for connection in connections.all(initialized_only=True):
        if connection.connection is None or connection.in_atomic_block:
            continue
        try:
            connection.close()
        except Exception:  # a broken connection may fail to close; it is dropped anyway
            connection.connection = None


@contextmanager
def watching(connection: BaseDatabaseWrapper) -> Iterator[_Watch]:
    """Registers the current thread's call on ``connection`` with the watchdog."""
    watch = _Watch()
    limit = getattr(_local, "limit", None)
    if limit is None:
        yield watch
        return
    ident = threading.get_ident()
    with _lock:
        _running[ident] = (time.monotonic() + limit, connection)
    try:
        yield watch
    finally:
        with _lock:
            _running.pop(ident, None)
            if ident in _cut:
                _cut.discard(ident)
                watch.cut = True


def _watched_query(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    with watching(context["connection"]):
        try:
            result = execute(sql, params, many, context)
        except Exception as error:
            report_failure(error)
            raise
    outage.record_success()
    return result


def instrument(connection: BaseDatabaseWrapper) -> None:
    """Puts ``connection``'s queries and health checks under watch (once per connection)."""
    if getattr(connection, "_dateline_watched", False):
        return
    connection._dateline_watched = True  # type: ignore[attr-defined]
    # First in the list: a caller's own ``with connection.execute_wrapper(...)`` pops the
    # last one when it ends, and must find its own there.
    connection.execute_wrappers.insert(0, _watched_query)
    # Django runs the health check ("SELECT 1") on the driver's cursor, outside the
    # execute wrappers; on a frozen server it would wait forever like any query.
    checked = connection.is_usable

    def is_usable() -> bool:
        with watching(connection) as watch:
            usable = checked()
        if watch.cut and getattr(_local, "limit", None) is not None:
            # Inside a request: fail now rather than reconnect to a server that just hung
            # (the breaker is open; the request ends with a stale copy or the 503 page).
            raise OperationalError("The database did not answer its health check in time.")
        return usable

    connection.is_usable = is_usable  # type: ignore[method-assign]


@receiver(connection_created)
def _instrument_new_connection(sender: Any, connection: BaseDatabaseWrapper, **kwargs) -> None:
    instrument(connection)
    connection._dateline_busy_ms = None  # type: ignore[attr-defined]  # a new SQLite handle
    _apply_busy_timeout(connection)
    outage.record_success()  # a connection opened: the database answers


def _apply_busy_timeout(connection: BaseDatabaseWrapper) -> None:
    """On SQLite, a request waits for another writer's lock no longer than its limit.

    SQLite's busy timeout (``timeout``, 20 s, for the worker and commands) is a wait the
    watchdog cannot cut: an interrupt does not end it. Readers' requests seldom write (a
    view beacon, a form), and in WAL mode reads never wait for a writer, so a reader
    gives up after its limit (the beacon is spooled, a form answers "try again shortly").
    The pragma is sent only when the wanted value differs from the connection's.
    """
    limit = getattr(_local, "limit", None)
    if connection.vendor != "sqlite" or connection.connection is None or limit is None:
        return
    milliseconds = int(limit * 1000)
    if getattr(connection, "_dateline_busy_ms", None) == milliseconds:
        return
    connection.connection.execute(f"PRAGMA busy_timeout = {milliseconds}")
    connection._dateline_busy_ms = milliseconds  # type: ignore[attr-defined]


# --- The watchdog -------------------------------------------------------------------------
def _ensure_watchdog() -> None:
    """Starts this process's watchdog thread (again after a fork: threads do not survive it)."""
    global _watchdog_pid
    if _watchdog_pid == os.getpid():
        return
    with _lock:
        if _watchdog_pid == os.getpid():
            return
        _running.clear()
        _cut.clear()
        threading.Thread(target=_watch_forever, name="dateline-db-watchdog", daemon=True).start()
        _watchdog_pid = os.getpid()


def _watch_forever() -> None:
    while True:
        time.sleep(TICK_SECONDS)
        try:
            _cut_overdue(time.monotonic())
        except Exception:  # the watchdog must outlive any one bad connection
            logger.exception("Database watchdog failed to cut a call")


def _cut_overdue(now: float) -> None:
    with _lock:  # held while cutting, so a call that just ended is never cut by mistake
        for ident, (deadline, connection) in _running.items():
            if now < deadline or ident in _cut:
                continue
            _cut.add(ident)
            logger.warning("Database call overran its limit: cutting it (frozen server?)")
            outage.record_failure()
            cut(connection)


def cut(connection: BaseDatabaseWrapper) -> None:
    """Makes the call running on ``connection`` fail now, from another thread."""
    raw = connection.connection
    if raw is None:
        return
    if connection.vendor == "postgresql":
        # A server that is up but slow would go on running the query (and holding its locks)
        # for a client that has gone: ask it to cancel the query first.
        _send_cancel_request(raw)
        # A duplicate of the descriptor: shutting it down ends the TCP stream for the
        # driver too, which wakes up with an error; closing the duplicate leaves the
        # driver's own descriptor for it to close.
        duplicate = socket.socket(fileno=os.dup(raw.pgconn.socket))
        try:
            duplicate.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed by the other side
        finally:
            duplicate.close()
    elif connection.vendor == "sqlite":
        raw.interrupt()


def _send_cancel_request(raw: Any) -> None:
    """Asks PostgreSQL to cancel ``raw``'s running query, without waiting for the answer.

    The request travels on a connection of its own, which a frozen server accepts and never
    answers: it is started here (while ``raw`` is still open) and finished on a thread that
    gives up after ``CANCEL_TIMEOUT_SECONDS``.
    """
    try:
        request = raw.pgconn.cancel_conn()
        request.start()
    except Exception:  # an old libpq, or a connection already gone: nothing to cancel
        return
    threading.Thread(
        target=_finish_cancel_request, args=(request,), name="dateline-db-cancel", daemon=True
    ).start()


def _finish_cancel_request(request: Any) -> None:
    from psycopg.pq import PollingStatus

    deadline = time.monotonic() + CANCEL_TIMEOUT_SECONDS
    try:
        while (status := request.poll()) not in (PollingStatus.OK, PollingStatus.FAILED):
            left = deadline - time.monotonic()
            if left <= 0:
                logger.info("The database did not take the cancel request for a cut query")
                return
            waiting = [request.socket]
            if status == PollingStatus.READING:
                select.select(waiting, [], [], min(left, TICK_SECONDS))
            else:
                select.select([], waiting, [], min(left, TICK_SECONDS))
    except Exception:  # the server went away meanwhile: nothing left to cancel
        logger.info("The cancel request for a cut query failed", exc_info=True)
    finally:
        request.finish()
