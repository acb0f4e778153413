"""HTTP for sitemaps: ``application/xml``, publicly cacheable for a short while, streamed.

Every view answers in a fixed number of queries, whatever the size of the archive
(tests/test_sitemaps_queries.py).
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from dateline.distribution.sitemaps import listings
from dateline.distribution.sitemaps.addresses import ArticleAddresses, absolutiser, edition_root
from dateline.distribution.sitemaps.articles import article_urls, stories_in_bucket
from dateline.distribution.sitemaps.buckets import article_buckets
from dateline.distribution.sitemaps.news import news_urls
from dateline.distribution.sitemaps.xml import sitemap_index, urlset
from dateline.news.models import Edition
from dateline.pagecache import keys as page_keys
from dateline.pagecache import policy

CONTENT_TYPE = "application/xml; charset=utf-8"


def _cacheable[R: HttpResponse | StreamingHttpResponse](response: R) -> R:
    patch_cache_control(response, public=True, max_age=settings.DATELINE_SITEMAP_MAX_AGE)
    page_keys.add(page_keys.SITEMAPS)  # any change to the news purges every sitemap
    policy.mark(response)
    return response


def _stream(urls: Iterable[str]) -> StreamingHttpResponse:
    return _cacheable(StreamingHttpResponse(urlset(urls), content_type=CONTENT_TYPE))


def _edition(request: HttpRequest, code: str) -> Edition:
    if not _listed_here(request, code):  # another edition's sitemap lives on its own host
        raise Http404("No such sitemap on this host.")
    try:
        return Edition.objects.get(code=code)
    except Edition.DoesNotExist:
        raise Http404("No such edition.") from None


def _listed_here(request: HttpRequest, code: str) -> bool:
    """Whether this host's sitemap indexes list edition ``code``: an index names sitemaps of
    its own host only, so an edition with a domain of its own is listed there, and the other
    editions on the site's main host."""
    own = getattr(request, "edition_domain", None)
    if own is not None:
        return code == own.code
    return code not in settings.DATELINE_EDITION_DOMAINS


def index(request: HttpRequest) -> HttpResponse:
    entries: list[tuple[str, datetime | None]] = []
    editions = listings.newest_per_kind()
    for edition in editions:
        if not _listed_here(request, edition["code"]):
            continue
        for kind, lastmod in (
            ("sections", edition["newest"]),
            ("tags", edition["newest_tagged"]),
            ("authors", edition["newest_bylined"]),
            ("news", edition["newest_news"]),
        ):
            if lastmod is not None:
                path = reverse(f"distribution:sitemap-{kind}", kwargs={"edition": edition["code"]})
                entries.append((edition_root(edition["code"], request) + path, lastmod))
    codes = {edition["pk"]: edition["code"] for edition in editions}
    for bucket in article_buckets():
        if not _listed_here(request, codes[bucket.edition_id]):
            continue
        path = reverse(
            "distribution:sitemap-articles",
            kwargs={"edition": codes[bucket.edition_id], "number": bucket.number},
        )
        entries.append((edition_root(codes[bucket.edition_id], request) + path, bucket.lastmod))
    return _cacheable(HttpResponse(sitemap_index(entries), content_type=CONTENT_TYPE))


def news_index(request: HttpRequest) -> HttpResponse:
    """Every edition's Google News sitemap, for ``robots.txt`` to name without a query."""
    entries = [
        (
            edition_root(edition["code"], request)
            + reverse("distribution:sitemap-news", kwargs={"edition": edition["code"]}),
            edition["newest_news"],
        )
        for edition in listings.newest_per_kind()
        if edition["newest_news"] is not None and _listed_here(request, edition["code"])
    ]
    return _cacheable(HttpResponse(sitemap_index(entries), content_type=CONTENT_TYPE))


def articles(request: HttpRequest, edition: str, number: int) -> StreamingHttpResponse:
    editions = {e.pk: e for e in Edition.objects.all()}
    current = next((e for e in editions.values() if e.code == edition), None)
    if current is None or not _listed_here(request, edition):
        raise Http404("No such sitemap.")
    if not stories_in_bucket(current, number).exists():
        raise Http404("No such sitemap.")
    codes = [e.code for e in editions.values()]
    addresses = ArticleAddresses(absolutiser(request, codes), editions)
    return _stream(article_urls(current, number, editions, addresses))


def news(request: HttpRequest, edition: str) -> StreamingHttpResponse:
    current = _edition(request, edition)
    addresses = ArticleAddresses(absolutiser(request), {current.pk: current})
    return _stream(news_urls(current, addresses, timezone.now()))


def sections(request: HttpRequest, edition: str) -> StreamingHttpResponse:
    return _stream(listings.section_urls(_edition(request, edition), absolutiser(request)))


def tags(request: HttpRequest, edition: str) -> StreamingHttpResponse:
    return _stream(listings.tag_urls(_edition(request, edition), absolutiser(request)))


def authors(request: HttpRequest, edition: str) -> StreamingHttpResponse:
    return _stream(listings.author_urls(_edition(request, edition), absolutiser(request)))
