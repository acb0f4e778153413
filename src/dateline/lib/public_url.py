"""Where the site lives for readers: ``DATELINE_PUBLIC_URL`` when set, else the request's host,
and an edition with its own domain (``DATELINE_EDITION_DOMAINS``) on that domain.

Links that leave the page — canonical URLs, hreflang, sitemaps, feeds, e-mails — use it, so an
internal proxy host name never reaches a reader or a search engine.
"""

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_urlconf, set_urlconf

from dateline.lib.edition_domains import split_edition


def site_root(request: HttpRequest | None) -> str:
    """``https://news.example`` (no trailing slash)."""
    if settings.DATELINE_PUBLIC_URL or request is None:
        return settings.DATELINE_PUBLIC_URL
    return request.build_absolute_uri("/").rstrip("/")


def edition_root(code: str, request: HttpRequest | None = None) -> str:
    """Where the edition ``code``'s root-level files (its sitemaps) live: its own domain, or
    the site's root."""
    domain = settings.DATELINE_EDITION_DOMAINS.get(code)
    if domain is not None:
        return domain.origin(settings.HTTPS)
    return site_root(request)


def absolute(
    path: str, request: HttpRequest | None = None, edition_codes: Collection[str] = ()
) -> str:
    """``path`` as a full address: ``/az/news/5-x/`` → ``https://oxu.example/news/5-x/`` when
    the az edition has its own domain, else ``https://news.example/az/news/5-x/``.

    A path reversed while serving an edition's own domain has no prefix (``/news/5-x/``); it is
    put on that domain — unless it starts with one of ``edition_codes`` (the site's editions):
    then it is another edition's page, on the site's root.
    """
    code, rest = split_edition(path)
    domain = settings.DATELINE_EDITION_DOMAINS.get(code)
    if domain is not None:
        return domain.origin(settings.HTTPS) + rest
    own = getattr(request, "edition_domain", None)
    if own is not None and not (code and code in edition_codes):
        return own.origin(settings.HTTPS) + path
    if own is not None:
        return settings.DATELINE_PUBLIC_URL + path
    return site_root(request) + path


def from_base(base_url: str, path: str) -> str:
    """``path`` (reversed with the site's URLs, so prefixed) on ``base_url``, or on its
    edition's domain: for addresses made outside a reader's request (e-mails, pings)."""
    code, rest = split_edition(path)
    domain = settings.DATELINE_EDITION_DOMAINS.get(code)
    return domain.origin(settings.HTTPS) + rest if domain is not None else base_url + path


@contextmanager
def site_urls() -> Iterator[None]:
    """Reverse with the site's own URL configuration (every edition under its prefix), even
    while serving an edition's domain — for links that leave the request, such as e-mails."""
    previous = get_urlconf()
    set_urlconf(None)
    try:
        yield
    finally:
        set_urlconf(previous)


def absolutiser(
    request: HttpRequest | None, edition_codes: Collection[str] = ()
) -> Callable[[str], str]:
    """:func:`absolute` for one request, for code that turns many paths into addresses."""

    def to_absolute(path: str) -> str:
        return absolute(path, request, edition_codes)

    return to_absolute
