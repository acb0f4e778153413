"""The hot path: a fresh cached page answered before Django starts.

``dateline serve`` runs :func:`wrap` around Django's WSGI application. For a reader's GET
of a page that is in this process's memory and fresh, the answer is a dictionary lookup
and the stored bytes: no middleware, no URL resolving, no database, no template. Its
headers are the ones Django sent when the page was rendered (CSP, ``X-Frame-Options``,
``nosniff``…), so a hit is indistinguishable from the render but for ``Age`` and
``X-Cache`` (tests/test_page_cache_hot_path.py). Anything else — a miss, a stale page, a
signed-in editor, a POST — goes to Django, where :class:`.middleware.PageCacheMiddleware`
takes over. (The view beacon has a short path of its own, put in front of this one in
``dateline/wsgi.py``: :mod:`dateline.analytics.beacon_path`.)
"""

import time
from collections.abc import Callable, Iterable

from dateline.pagecache import answers, policy
from dateline.pagecache.store import page_cache

StartResponse = Callable[..., object]
WSGIApp = Callable[[dict, StartResponse], Iterable[bytes]]


def wrap(django_app: WSGIApp) -> WSGIApp:
    def application(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        cache = page_cache()
        if cache is not None and policy.may_answer_from_cache(environ):
            entry = cache.lookup(policy.url_key(environ))
            if entry is not None and entry.is_fresh(time.time()):
                if answers.not_modified(environ, entry):
                    start_response(
                        "304 Not Modified", answers.headers(entry, answers.HIT, body=False)
                    )
                    return []
                start_response(
                    answers.STATUS_LINES.get(entry.status, f"{entry.status} OK"),
                    answers.headers(entry, answers.HIT),
                )
                return [] if environ["REQUEST_METHOD"] == "HEAD" else [entry.body]
        return django_app(environ, start_response)

    return application
