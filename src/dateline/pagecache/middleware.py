"""The page cache inside Django: answers, renders once, stores, serves stale.

It comes first in ``MIDDLEWARE``, so it stores a page with every header the rest of the
stack added (CSP, ``X-Frame-Options``, ``nosniff``…) and answers a hit with the same. In
``dateline serve`` the hot path (:mod:`.hot_path`) answers fresh hits before Django even
starts; this middleware handles everything else:

* a **stale** page (purged, or past its freshness): one request — across every process —
  renders it again while the others get the stale copy at once, so a purge of a hot page
  costs one render, not a stampede;
* a **missing** page: the first request renders; others for the same page wait briefly
  for its result rather than render it too;
* a **failed** render (the database is down or slow, any 5xx): the stale copy, if there is
  one, marked ``X-Cache: STALE``.
"""

import math
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from dateline.operations import outage
from dateline.pagecache import answers, keys, policy
from dateline.pagecache.entries import Entry
from dateline.pagecache.store import PageCache, page_cache

RENDER_LOCK_SECONDS = 30.0
WAIT_FOR_RENDER_SECONDS = 3.0
_SKIPPED_HEADERS = {"etag", "last-modified", "age", "x-cache", "content-length", "date"}


def respond(request: HttpRequest, entry: Entry, state: str) -> HttpResponse:
    if answers.not_modified(request.META, entry):
        response = HttpResponse(status=304)
        for name, value in answers.headers(entry, state, body=False):
            response[name] = value
        return response
    response = HttpResponse(entry.body, status=entry.status)
    for name, value in answers.headers(entry, state):
        response[name] = value
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        cache = page_cache()
        if cache is None or not policy.may_answer_from_cache(request.META):
            return self._render(request)
        url_key = policy.url_key(request.META)
        entry = cache.lookup(url_key)
        if entry is not None and entry.is_fresh(time.time()):
            return respond(request, entry, answers.HIT)
        if entry is not None and outage.database_is_down():
            return respond(request, entry, answers.STALE)
        if not cache.backend.lock(url_key, RENDER_LOCK_SECONDS):
            if entry is not None:
                return respond(request, entry, answers.STALE)
            waited = self._wait_for(cache, url_key)
            if waited is not None:
                return respond(request, waited, answers.HIT)
            return self._render(request)  # the other render is slow: render too
        try:
            started = time.time()
            with keys.collecting() as page_keys:
                response = self._render(request)
            if response.status_code >= 500 and entry is not None:
                return respond(request, entry, answers.STALE)
            if policy.may_store(request, response):
                fresh = self._store(cache, url_key, request, response, page_keys, started)
                return respond(request, fresh, answers.MISS)
            return response
        finally:
            cache.backend.unlock(url_key)

    def _render(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            getattr(response, policy.MARK, None) is not None
            and response.status_code == 200
            and not policy.is_private(response)  # a signed-in editor's copy stays theirs
        ):
            policy.public_cache_control(response)
        return response

    @staticmethod
    def _wait_for(cache: PageCache, url_key: str) -> Entry | None:
        deadline = time.monotonic() + WAIT_FOR_RENDER_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            entry = cache.backend.get(url_key)
            if entry is not None and not entry.purged:
                return entry
        return None

    @staticmethod
    def _store(
        cache: PageCache,
        url_key: str,
        request: HttpRequest,
        response: HttpResponseBase,
        page_keys: set[str],
        started: float,
    ) -> Entry:
        body = (
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            if response.streaming
            else response.content  # type: ignore[attr-defined]
        )
        stored_headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in _SKIPPED_HEADERS
        ]
        stored_headers.append(("Content-Length", str(len(body))))
        if settings.DATELINE_PURGE_URLS:  # a CDN purges by these
            separator = "," if settings.DATELINE_PURGE_STYLE == "json" else " "  # Cloudflare: ","
            stored_headers.append(
                (settings.DATELINE_PURGE_HEADER, separator.join(sorted(page_keys)))
            )
        entry = Entry(
            status=response.status_code,
            headers=stored_headers,
            body=body,
            keys=frozenset(page_keys),
            created=started,
            fresh_until=min(
                started + cache.fresh_seconds,
                next_scheduled_change(),
                getattr(response, policy.FRESH_UNTIL, math.inf),
            ),
        )
        cache.store(url_key, entry)
        return entry


def next_scheduled_change() -> float:
    """When the next scheduled or embargoed story goes live (a page must not outlive it)."""
    from dateline.news import schedule_horizon

    return schedule_horizon.next_change()
