"""What may be cached, under which address, and what caches downstream are told.

A reader page is cached only when every one of these holds, so nothing personal can reach
another reader (RELIABILITY row 10):

* its view asked for it (:func:`cached_page`); nothing in the newsroom ever does;
* the request is a GET without the session cookie (nobody signed in);
* the response is a 200 that sets no cookie, is not ``private``/``no-store`` and does not
  vary on ``Cookie``;
* its query string holds only the parameters the view declared (``?before=`` for a list's
  cursor), so made-up parameters cannot fill the cache with copies.

Example::

    @cached_page(query=("before",))
    def section(request, edition, section): ...
"""

import math
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

# Never answered from the cache, whatever the view says (checked before any lookup).
NEVER_CACHED = ("/newsroom/", "/beacon/", "/static/", "/media/", "/shared/")
MARK = "page_cache_query"
FRESH_UNTIL = "page_cache_fresh_until"


def cached_page(view: Callable | None = None, *, query: Iterable[str] = ()) -> Callable:
    """Marks a view's responses as cacheable public pages (see the module docstring)."""
    allowed = frozenset(query)

    def decorate(function: Callable) -> Callable:
        @wraps(function)
        def wrapper(request: HttpRequest, *args, **kwargs):
            response = function(request, *args, **kwargs)
            mark(response, allowed)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


def mark(response: HttpResponseBase, query: Iterable[str] = ()) -> HttpResponseBase:
    """The same as :func:`cached_page`, for class-based views (feeds)."""
    setattr(response, MARK, frozenset(query))
    return response


def fresh_until(response: HttpResponseBase, moment: datetime | None) -> HttpResponseBase:
    """The cached copy of ``response`` must not stay fresh past ``moment`` (None: no limit).

    For a page that changes by itself at a known time, with no edit to purge it: the home
    page's breaking banner going out at its end. The earliest of several calls wins.
    """
    if moment is not None:
        earlier = getattr(response, FRESH_UNTIL, math.inf)
        setattr(response, FRESH_UNTIL, min(earlier, moment.timestamp()))
    return response


def public_cache_control(response: HttpResponseBase) -> None:
    """What browsers, nginx and CDNs are told about a public page.

    Browsers revalidate every time (``max-age=0``; the ``ETag`` makes that a 304); shared
    caches keep a page ``DATELINE_SHARED_CACHE_SECONDS`` (a second by default: a
    micro-cache that needs no purge), may serve it stale while they fetch a new copy, and
    for a day when Dateline answers with an error.
    """
    keep = {} if "max-age" in response.get("Cache-Control", "") else {"max_age": 0}
    patch_cache_control(
        response,
        public=True,
        s_maxage=settings.DATELINE_SHARED_CACHE_SECONDS,
        stale_while_revalidate=settings.DATELINE_STALE_WHILE_REVALIDATE_SECONDS,
        stale_if_error=settings.DATELINE_STALE_IF_ERROR_SECONDS,
        **keep,
    )


def url_key(environ: dict) -> str:
    """The address a page is filed under: scheme, host, path and query, as received."""
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and environ.get(proxy_header[0]) == proxy_header[1]:
        scheme = "https"
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    path = environ.get("PATH_INFO", "/")
    query = environ.get("QUERY_STRING", "")
    return f"{scheme}://{host.lower()}{path}?{query}"


def may_answer_from_cache(environ: dict) -> bool:
    """A request the cache may answer: a reader's GET or HEAD outside the newsroom."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if environ.get("PATH_INFO", "/").startswith(NEVER_CACHED):
        return False
    cookies = environ.get("HTTP_COOKIE")
    return not (cookies and settings.SESSION_COOKIE_NAME + "=" in cookies)


def is_private(response: HttpResponseBase) -> bool:
    control = response.get("Cache-Control", "").lower()
    return any(word in control for word in ("private", "no-store", "no-cache"))


def may_store(request: HttpRequest, response: HttpResponseBase) -> bool:
    allowed = getattr(response, MARK, None)
    if allowed is None or request.method != "GET" or response.status_code != 200:
        return False
    if response.cookies or not may_answer_from_cache(request.META):
        return False
    if is_private(response):
        return False
    if "cookie" in response.get("Vary", "").lower():
        return False
    names = {name for name, _ in parse_qsl(request.META.get("QUERY_STRING", ""), True)}
    return names <= allowed
