"""Article sitemaps are cut by id into buckets of at most :data:`URLS_PER_SITEMAP` URLs.

Bucket ``n`` of an edition holds its public stories with ``n * URLS_PER_SITEMAP <= id <
(n + 1) * URLS_PER_SITEMAP``. An id range can never hold more URLs than its width, so no
bucket passes the protocol's limit, and each one is read by a range on the primary key —
never an ``OFFSET`` that would walk the archive before it. A bucket's address stays the same
for ever, and its content changes only when one of its own stories does, so crawlers can
skip the old ones by their ``lastmod``.

>>> bucket_range(2)  # with the default limit
(100000, 150000)
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BigIntegerField, ExpressionWrapper, F, Max, Value
from django.db.models.functions import Coalesce

from dateline.news.models import Article

# The sitemaps.org limit per file (tests lower it to prove the split).
URLS_PER_SITEMAP = 50_000


@dataclass(frozen=True)
class Bucket:
    edition_id: int
    number: int
    lastmod: datetime


def bucket_range(number: int) -> tuple[int, int]:
    """The ids ``[low, high)`` of bucket ``number``."""
    return number * URLS_PER_SITEMAP, (number + 1) * URLS_PER_SITEMAP


def last_changed():
    """When a story last changed for readers: its update, or else its publication."""
    return Coalesce("updated_at", "published_at")


def article_buckets() -> list[Bucket]:
    """Every non-empty bucket of every edition with the newest change among its stories,
    in one grouped query."""
    number = ExpressionWrapper(F("pk") / Value(URLS_PER_SITEMAP), output_field=BigIntegerField())
    rows = (
        Article.objects.published()
        .annotate(bucket=number)
        .values("edition_id", "bucket")
        .annotate(lastmod=Max(last_changed()))
        .order_by("edition_id", "bucket")
        .values_list("edition_id", "bucket", "lastmod")
    )
    return [Bucket(edition_id, number, lastmod) for edition_id, number, lastmod in rows]
