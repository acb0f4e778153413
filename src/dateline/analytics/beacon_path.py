"""The view beacon's short path: a beacon for a story known to be live, answered at once.

The beacon view (:mod:`.views`) checks the story in the database and counts the view there
and then: a query and a write per beacon. In ``dateline serve`` a beacon first meets this
path (put in front of Django by ``dateline/wsgi.py``). A ``POST /beacon/view/<id>/`` for a story
whose beacon the view answered ``204`` in this process within ``KNOWN_SECONDS`` is:

* filtered as the view filters (another site's post goes to the view for its 403; crawlers,
  link previews and prefetches are answered but not counted);
* kept in the view spool (:func:`.spool.keep`: one append to a file — never lost, even if the
  process dies the next instant) and answered ``204`` with the very headers the view sent;
* counted within about a second by this process's spool thread (:func:`.spool.replay`), with
  the normal rules: one reader counts once per window, and only stories still public count.

Everything else — the first beacon of a story, a malformed address, a GET — goes to the view.
"""

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable

from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from dateline.analytics import readers, spool
from dateline.lib.client_ip import client_ip
from dateline.lib.same_origin import is_same_origin
from dateline.operations import outage

logger = logging.getLogger(__name__)

BEACON = re.compile(r"/beacon/view/(\d{1,18})/")
KNOWN_SECONDS = 60.0  # how long the view's word that a story is live is taken here
COUNT_EVERY_SECONDS = 1.0

_known: dict[int, float] = {}  # article id -> monotonic time until which it is known live
_answer_headers: list[tuple[str, str]] | None = None
_counter: threading.Thread | None = None
_counter_lock = threading.Lock()
_stopping = threading.Event()

StartResponse = Callable[..., object]
WSGIApp = Callable[[dict, StartResponse], Iterable[bytes]]


def wrap(app: WSGIApp) -> WSGIApp:
    """Puts the short path in front of ``app`` (``dateline/wsgi.py``)."""

    def application(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return app(environ, start_response)
        answered = answer(environ, start_response)
        if answered is not None:
            return answered
        return app(environ, watch(environ, start_response))

    return application


def answer(environ: dict, start_response: StartResponse) -> Iterable[bytes] | None:
    """The beacon's answer, or None when the view must answer it."""
    if environ.get("REQUEST_METHOD") != "POST" or _answer_headers is None:
        return None
    matched = BEACON.fullmatch(environ.get("PATH_INFO", ""))
    if matched is None:
        return None
    article_id = int(matched.group(1))
    if _known.get(article_id, 0.0) < time.monotonic():
        return None
    request = WSGIRequest(environ)
    if not is_same_origin(request):
        return None
    agent = request.headers.get("User-Agent", "")
    if not (
        readers.is_prefetch(request) or readers.is_crawler(agent) or readers.is_link_preview(agent)
    ):
        now = timezone.now()
        key = readers.reader_key(client_ip(request), agent, article_id, now.date())
        spool.keep(article_id, key, now)
        _start_counting()
    start_response("204 No Content", _answer_headers)
    return []


def watch(environ: dict, start_response: StartResponse) -> StartResponse:
    """Wraps ``start_response`` for a beacon going to the view, to learn from its answer."""
    matched = BEACON.fullmatch(environ.get("PATH_INFO", ""))
    if environ.get("REQUEST_METHOD") != "POST" or matched is None:
        return start_response
    article_id = int(matched.group(1))

    def learning(status: str, headers: list[tuple[str, str]], *args: object) -> object:
        global _answer_headers
        if status.startswith("204") and not outage.database_is_down():
            _known[article_id] = time.monotonic() + KNOWN_SECONDS  # the view found it live
            if _answer_headers is None:
                _answer_headers = [(n, v) for n, v in headers if n.lower() != "date"]
            if len(_known) > 100_000:
                _forget_expired()
        return start_response(status, headers, *args)

    return learning


def forget(article_id: int) -> None:
    """This process stops taking beacons for ``article_id`` on its own (it was unpublished)."""
    _known.pop(article_id, None)


def _forget_expired() -> None:
    now = time.monotonic()
    for article_id, until in list(_known.items()):
        if until < now:
            _known.pop(article_id, None)


def _start_counting() -> None:
    global _counter
    if _counter is not None:
        return
    with _counter_lock:
        if _counter is None:
            _stopping.clear()
            _counter = threading.Thread(target=_count_forever, name="view-spool", daemon=True)
            _counter.start()


def stop_counting() -> None:
    """Stops this process's spool thread after its current round (tests, shutdown)."""
    global _counter
    with _counter_lock:
        if _counter is not None:
            _stopping.set()
            _counter.join(timeout=30)
            _counter = None


def _count_forever() -> None:
    while not _stopping.wait(COUNT_EVERY_SECONDS):
        if outage.database_is_down():
            continue
        try:
            spool.replay_now_and_then()
        except DatabaseError as error:  # kept in the spool for the next round
            logger.warning("Counting spooled views failed; will try again: %s", error)
        except Exception:
            logger.exception("Counting spooled views failed; will try again")
        try:
            close_old_connections()
        except Exception:
            logger.exception("Closing the spool thread's database connection failed")
