"""Files crawlers and browsers ask for at the root: ``/robots.txt`` and ``/favicon.ico``."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse

from dateline.lib.public_url import site_root
from dateline.pagecache.policy import cached_page


def sitemap_lines(request: HttpRequest) -> list[str]:
    """The sitemap index, and the index of the editions' Google News sitemaps (news crawlers
    find them without walking the full index). Named, not looked up: robots.txt costs no query."""
    root = site_root(request)
    paths = [reverse("distribution:sitemap-index"), reverse("distribution:sitemap-news-index")]
    return [f"Sitemap: {root}{path}" for path in paths]


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
