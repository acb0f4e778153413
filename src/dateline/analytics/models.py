"""What readership is stored as: hourly view counts per article, and little else.

* :class:`ArticleViews` — one row per article per clock hour (UTC) with a view count, so
  "last hour / 24 hours / 7 days" is a sum over a few rows, never a scan of raw hits.
* :class:`RecentReader` — the dedupe memory when there is no Redis: a keyed hash (never an
  IP address) and when it stops mattering.
* :class:`FlushedBatch` — the ids of Redis batches already written to the database, so a
  flush that crashed half-way is finished exactly once (see :mod:`dateline.analytics.flush`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dateline.news.models import Article


class ArticleViews(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    hour = models.DateTimeField(
        _("hour"), help_text=_("Start of the clock hour (UTC) the views fall in.")
    )
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("article views (hourly)")
        verbose_name_plural = _("article views (hourly)")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="article_views_one_per_hour")
        ]
        # Most read sums a window of hours across articles; the unique index above serves
        # the other direction (one article's hours, for its total and chart).
        indexes = [models.Index(fields=["hour", "article"], name="article_views_by_hour")]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}:00 = {self.views}"


class RecentReader(models.Model):
    key = models.CharField(max_length=64, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class FlushedBatch(models.Model):
    batch_id = models.CharField(max_length=64, unique=True)
    rows = models.PositiveIntegerField(default=0)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.batch_id
