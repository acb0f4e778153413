"""Reading the counts back: an article's total, its hours, and Most read lists.

Most read is computed from the hourly rows with one query for all three windows and kept
in the cache for a minute, so a page costs no query while the list is fresh and one when it
is not, however large the archive::

    >>> most_read(edition_id=1, section_id=None)
    {"1h": [Entry(...), ...], "24h": [...], "7d": [...]}
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from dateline.analytics.counting import hour_of
from dateline.analytics.models import ArticleViews
from dateline.news.models import Article

MOST_READ_CACHE_SECONDS = 60
# (key, label, length): "last hour" is the current and the previous clock hour, since
# views are kept per hour; the others likewise start at the top of an hour.
WINDOWS = (
    # Translators: the tabs of the Most read box (views in the last hour, 24 hours, 7 days).
    ("1h", gettext_lazy("Last hour"), timedelta(hours=1)),
    ("24h", gettext_lazy("24 hours"), timedelta(hours=24)),
    ("7d", gettext_lazy("7 days"), timedelta(days=7)),
)


@dataclass(frozen=True)
class Entry:
    article_id: int
    headline: str
    url: str
    views: int


def total_views(article_id: int) -> int:
    result = ArticleViews.objects.filter(article_id=article_id).aggregate(total=Sum("views"))
    return result["total"] or 0


def views_by_hour(
    article_id: int, hours: int = 72, now: datetime | None = None
) -> list[tuple[datetime, int]]:
    """The last ``hours`` clock hours, oldest first, with zeros for hours without views."""
    last = hour_of(now or timezone.now())
    first = last - timedelta(hours=hours - 1)
    counts = dict(
        ArticleViews.objects.filter(article_id=article_id, hour__gte=first).values_list(
            "hour", "views"
        )
    )
    return [
        (first + timedelta(hours=n), counts.get(first + timedelta(hours=n), 0))
        for n in range(hours)
    ]


def window_start(length: timedelta, now: datetime) -> datetime:
    return hour_of(now - length)


def compute_most_read(
    edition_id: int, section_id: int | None = None, now: datetime | None = None
) -> dict[str, list[Entry]]:
    """The top stories of each window, in one query.

    One pass over the widest window's hourly rows sums every window per story
    (``SUM … FILTER``), ranks the stories per window (``ROW_NUMBER``), and keeps only
    those in some window's top ``DATELINE_MOST_READ_SIZE``.
    """
    now = now or timezone.now()
    size = settings.DATELINE_MOST_READ_SIZE
    stories = Article.objects.published().filter(edition_id=edition_id)
    if section_id is not None:
        stories = stories.filter(section_id=section_id)
    widest = max(length for _, _, length in WINDOWS)
    sums = {
        f"views_{key}": Sum("views", filter=Q(hour__gte=window_start(length, now)), default=0)
        for key, _, length in WINDOWS
    }
    ranks = {
        f"rank_{key}": Window(
            RowNumber(), order_by=[F(f"views_{key}").desc(), F("article_id").desc()]
        )
        for key, _, _ in WINDOWS
    }
    # Each hourly row checks its own story (a primary-key probe): ``article__in=stories``
    # would list every public story of the edition first, a walk of the whole archive.
    public = Exists(stories.filter(pk=OuterRef("article_id")))
    ranked = (
        ArticleViews.objects.filter(public, hour__gte=window_start(widest, now))
        .values("article_id", "article__headline", "article__slug", "article__edition__code")
        .annotate(**sums)
        .annotate(**ranks)
    )
    inner, params = ranked.query.sql_with_params()
    wanted = " OR ".join(f"(rank_{key} <= %s AND views_{key} > 0)" for key, _, _ in WINDOWS)
    columns = [*ranked.query.values_select, *sums, *ranks]
    sql = f"SELECT * FROM ({inner}) ranked WHERE {wanted}"  # noqa: S608 (no outside text)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *[size] * len(WINDOWS)])
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    lists: dict[str, list[Entry]] = {}
    for key, _, _ in WINDOWS:
        rank, views = f"rank_{key}", f"views_{key}"
        chosen = sorted(
            (row for row in rows if row[rank] <= size and row[views] > 0),
            key=itemgetter(rank),
        )
        lists[key] = [_entry(row, row[views]) for row in chosen]
    return lists


def _entry(row: dict, views: int) -> Entry:
    url = reverse(
        "website:article",
        kwargs={
            "edition": row["article__edition__code"],
            "pk": row["article_id"],
            "slug": row["article__slug"],
        },
    )
    return Entry(row["article_id"], row["article__headline"], url, views)


def most_read(edition_id: int, section_id: int | None = None) -> dict[str, list[Entry]]:
    """:func:`compute_most_read`, cached for a minute per edition (and section)."""
    cache_key = f"analytics:most-read:{edition_id}:{section_id or 'all'}"
    lists = cache.get(cache_key)
    if lists is None:
        lists = compute_most_read(edition_id, section_id)
        cache.set(cache_key, lists, MOST_READ_CACHE_SECONDS)
    return lists
