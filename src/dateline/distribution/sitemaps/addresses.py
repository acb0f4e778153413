"""Absolute addresses for sitemaps: on ``DATELINE_PUBLIC_URL`` when set, else the request's host.

Reversing a URL costs tens of microseconds; a 50,000-URL sitemap would spend seconds on it, so an
article address is reversed once per edition and filled in per row (:class:`ArticleAddresses`).
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from dateline.news.models import Edition

# Reversed once, then replaced per row; they are valid for the URL's own converters.
_PK_MARK = 918273645
_SLUG_MARK = "slug-mark"


def site_root(request: HttpRequest) -> str:
    """``https://news.example`` (no trailing slash): where every ``<loc>`` starts."""
    if settings.DATELINE_PUBLIC_URL:
        return settings.DATELINE_PUBLIC_URL
    return request.build_absolute_uri("/").rstrip("/")


class ArticleAddresses:
    """Builds ``<root>/<edition>/news/<pk>-<slug>/`` for any edition without reversing per row.

    >>> addresses = ArticleAddresses("https://news.example", editions)
    >>> addresses.of(edition_id=1, pk=42, slug="budget")
    'https://news.example/en/news/42-budget/'
    """

    def __init__(self, root: str, editions: dict[int, Edition]) -> None:
        self._patterns: dict[int, tuple[str, str, str]] = {}
        for edition_id, edition in editions.items():
            path = reverse(
                "website:article",
                kwargs={"edition": edition.code, "pk": _PK_MARK, "slug": _SLUG_MARK},
            )
            before, after_pk = path.split(str(_PK_MARK), 1)
            between, after = after_pk.split(_SLUG_MARK, 1)
            self._patterns[edition_id] = (root + before, between, after)

    def of(self, edition_id: int, pk: int, slug: str) -> str:
        before, between, after = self._patterns[edition_id]
        return f"{before}{pk}{between}{slug}{after}"
