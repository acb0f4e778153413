"""Files crawlers and browsers ask for at the root: ``/robots.txt`` and ``/favicon.ico``."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse

from dateline.lib import public_url
from dateline.pagecache.policy import cached_page


def sitemap_lines(request: HttpRequest) -> list[str]:
    """The sitemap index, and the index of the editions' Google News sitemaps (news crawlers
    find them without walking the full index). Named, not looked up: robots.txt costs no query."""
    paths = [reverse("distribution:sitemap-index"), reverse("distribution:sitemap-news-index")]
    # On an edition's own domain: that domain's indexes, which list that edition's sitemaps.
    return [f"Sitemap: {public_url.absolute(path, request)}" for path in paths]


@cached_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /newsroom/",
        "Disallow: /*/print/$",
        "",
        *sitemap_lines(request),
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("website/favicon.svg"))
