"""Serving an edition at the root of its own domain (``DATELINE_EDITION_DOMAINS``).

The URL patterns keep one shape, ``/<edition>/…``. A request to an edition's domain has its
path prefixed with the edition's code before URL resolution (``/news/5-x/`` → ``/az/news/5-x/``),
and reverses URLs through a copy of the URL configuration in which every edition pattern also
exists without its prefix for that one edition, so ``{% url %}`` and ``get_absolute_url()``
give ``/news/5-x/`` there and ``/ru/news/…`` for other editions. Full addresses (canonical,
hreflang, feeds, sitemaps, e-mails) go through ``lib.public_url.absolute``, which puts each
edition on its own domain wherever the link is made.

A prefixed address of a domain edition (``/az/…``, on any host) answers with a permanent
redirect to the edition's domain, so each story has one address.
"""

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import URLPattern, URLResolver, get_urlconf, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern

from dateline.lib.edition_domains import EditionDomain, split_edition

EDITION_PREFIXES = ("<edition:edition>/", "<slug:edition>/")
EDITION_WINS = {"distribution:feeds:site"}


class EditionURLConf:
    """A URL configuration for one edition's domain (hashable, as Django's resolver cache needs)."""

    def __init__(self, code: str, urlpatterns: list) -> None:
        from dateline import urls

        self.code = code
        self.urlpatterns = urlpatterns
        # The site's own error pages (the edition's language, the 503 while the database is
        # down), not Django's defaults.
        self.handler400 = urls.handler400
        self.handler404 = urls.handler404
        self.handler500 = urls.handler500


def with_unprefixed(patterns: list, code: str) -> list:
    """``patterns`` plus, after them, each ``<edition>/…`` pattern without its prefix, bound to
    ``code``. Resolution meets the prefixed patterns first; ``reverse()`` tries the last
    patterns first, so for ``edition=code`` it returns the address without the prefix."""
    copied: list = []
    unprefixed: list = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = with_unprefixed(entry.url_patterns, code)
            copied.append(
                URLResolver(
                    entry.pattern,
                    inner,
                    entry.default_kwargs,
                    app_name=entry.app_name,
                    namespace=entry.namespace,
                )
            )
            continue
        copied.append(entry)
        route = str(entry.pattern)
        prefix = next((p for p in EDITION_PREFIXES if route.startswith(p)), None)
        if prefix is not None and isinstance(entry.pattern, RoutePattern):
            unprefixed.append(
                URLPattern(
                    RoutePattern(
                        route.removeprefix(prefix),
                        name=entry.pattern.name,
                        is_endpoint=True,  # as path() makes it: the whole path must match
                    ),
                    entry.callback,
                    {**entry.default_args, "edition": code},
                    entry.name,
                )
            )
    return copied + unprefixed


@cache
def urlconf_for(code: str) -> EditionURLConf:
    from dateline import urls

    return EditionURLConf(code, with_unprefixed(urls.urlpatterns, code))


def domain_of_host(request: HttpRequest) -> EditionDomain | None:
    domains = settings.DATELINE_EDITION_DOMAINS
    if not domains:
        return None
    host = request.get_host().lower()
    return next((d for d in domains.values() if d.host == host), None)


def is_edition_path(path: str) -> bool:
    """Whether ``path``, asked of an edition's domain, is one of the edition's pages: anything
    but the addresses that exist without an edition (newsroom, robots.txt, beacon, …)."""
    if path == "/":
        return True
    try:
        match = resolve(path, urlconf=get_urlconf())
    except Resolver404:
        return True
    # "/biz/" resolves as the home of an edition "biz": here it is the section of that name.
    # "/sitemap-az-news.xml" names an edition without being under one: it stays as it is.
    # On an edition's domain its own feeds are the ones at /feeds/, not the whole site's.
    return match.route.startswith(EDITION_PREFIXES) or match.view_name in EDITION_WINS


class EditionDomainMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        domains = settings.DATELINE_EDITION_DOMAINS
        if not domains:
            return self.get_response(request)
        code, rest = split_edition(request.path_info)
        elsewhere = domains.get(code)
        if elsewhere is not None:  # /az/… anywhere: the edition's one address is on its domain
            target = elsewhere.origin(settings.HTTPS) + rest
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
        own = domain_of_host(request)
        if own is None:
            return self.get_response(request)
        request.edition_domain = own  # type: ignore[attr-defined]
        if is_edition_path(request.path_info):
            request.path_info = f"/{own.code}{request.path_info}"
            # Its links lose the prefix. The rest (newsroom, robots.txt) keeps the site's URLs.
            request.urlconf = urlconf_for(own.code)  # type: ignore[assignment]  # module-like
        return self.get_response(request)
