"""Absolute addresses for sitemaps: on ``DATELINE_PUBLIC_URL`` when set, else the request's host
(an edition with its own domain on that domain: ``lib/public_url.py``).

Reversing a URL costs tens of microseconds; a 50,000-URL sitemap would spend seconds on it, so an
article address is reversed once per edition and filled in per row (:class:`ArticleAddresses`).
"""

from collections.abc import Callable

from django.urls import reverse

from dateline.lib.public_url import absolutiser, edition_root
from dateline.news.models import Edition

__all__ = ["ArticleAddresses", "absolutiser", "edition_root"]

# Reversed once, then replaced per row; they are valid for the URL's own converters.
_PK_MARK = 918273645
_SLUG_MARK = "slug-mark"


class ArticleAddresses:
    """Builds ``<root>/<edition>/news/<pk>-<slug>/`` for any edition without reversing per row.

    >>> addresses = ArticleAddresses(absolutiser(request), editions)
    >>> addresses.of(edition_id=1, pk=42, slug="budget")
    'https://news.example/en/news/42-budget/'
    """

    def __init__(self, absolute: Callable[[str], str], editions: dict[int, Edition]) -> None:
        self._patterns: dict[int, tuple[str, str, str]] = {}
        for edition_id, edition in editions.items():
            path = reverse(
                "website:article",
                kwargs={"edition": edition.code, "pk": _PK_MARK, "slug": _SLUG_MARK},
            )
            before, after_pk = path.split(str(_PK_MARK), 1)
            between, after = after_pk.split(_SLUG_MARK, 1)
            self._patterns[edition_id] = (absolute(before), between, after)

    def of(self, edition_id: int, pk: int, slug: str) -> str:
        before, between, after = self._patterns[edition_id]
        return f"{before}{pk}{between}{slug}{after}"
