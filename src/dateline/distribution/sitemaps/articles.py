"""The article sitemap of one bucket, streamed: a ``<url>`` per story with its translations.

One query per bucket fetches the bucket's stories *and* their published translations: every
public story whose translation group appears in the bucket, ordered by group. Rows arrive in
pieces (``.iterator(chunk_size=…)``) as plain tuples, and :func:`itertools.groupby` holds one
translation group at a time, so memory stays flat however many URLs the bucket has.
A bucket's URLs are therefore in translation-group order, which the protocol does not mind.
"""

from collections.abc import Iterator
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from django.utils import timezone

from dateline.distribution.sitemaps.addresses import ArticleAddresses
from dateline.distribution.sitemaps.buckets import bucket_range
from dateline.distribution.sitemaps.xml import quoteattr, url_entry
from dateline.news.models import Article, Edition

# Rows fetched from the database at a time.
ROWS_PER_FETCH = 2_000

_GROUP = itemgetter(0)


def stories_in_bucket(edition: Edition, number: int, now: datetime | None = None):
    low, high = bucket_range(number)
    return Article.objects.published(now).filter(edition=edition, pk__gte=low, pk__lt=high)


def article_urls(
    edition: Edition, number: int, editions: dict[int, Edition], addresses: ArticleAddresses
) -> Iterator[str]:
    """``<url>`` entries of bucket ``number`` of ``edition``; ``editions`` maps every edition
    by id (for the alternates' languages)."""
    now = timezone.now()
    low, high = bucket_range(number)
    in_bucket = stories_in_bucket(edition, number, now)
    rows = (
        Article.objects.published(now)
        .filter(translation_group__in=in_bucket.values("translation_group"))
        .order_by("translation_group", "edition_id")
        .values_list("translation_group", "edition_id", "pk", "slug", "published_at", "updated_at")
        .iterator(chunk_size=ROWS_PER_FETCH)
    )
    for _group, members in groupby(rows, key=_GROUP):
        versions = list(members)  # one per edition at most (a unique constraint)
        alternates = ""
        if len(versions) > 1:
            # x-default as on the story's page (website/views/articles.py): the default
            # edition's version, else the one published first.
            fallback = next((v for v in versions if editions[v[1]].is_default), None) or min(
                versions, key=lambda v: (v[4], v[2])
            )
            alternates = "".join(
                f'<xhtml:link rel="alternate" hreflang={quoteattr(language)} '
                f"href={quoteattr(addresses.of(ed, pk, slug))}/>"
                for language, ed, pk, slug in [
                    *((editions[ed].language, ed, pk, slug) for _, ed, pk, slug, _, _ in versions),
                    ("x-default", fallback[1], fallback[2], fallback[3]),
                ]
            )
        for _, ed, pk, slug, published_at, updated_at in versions:
            if ed == edition.pk and low <= pk < high:
                yield url_entry(addresses.of(ed, pk, slug), updated_at or published_at, alternates)
