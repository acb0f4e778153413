"""Readership on the newsroom's article screen: a views column and an hourly chart.

The newsroom mixes :class:`ArticleReadershipMixin` into its article admin, so the
dependency points ``newsroom → analytics`` and this app never imports the newsroom::

    class ArticleAdmin(ArticleReadershipMixin, admin.ModelAdmin):
        list_display = [..., "views_total"]
        readonly_fields = [..., "views_total", "views_chart"]
"""

from datetime import datetime

from django.contrib import admin
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import dateformat, timezone
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy, ngettext

from dateline.analytics.models import ArticleViews
from dateline.analytics.readership import total_views, views_by_hour
from dateline.news.models import Article

CHART_HOURS = 72
BAR_WIDTH = 6
CHART_HEIGHT = 80


def _chart_description() -> str:
    # Translators: a field label on the newsroom's article screen; "h" is short for hours.
    return gettext("views by hour, last %(hours)d h") % {"hours": CHART_HOURS}


class ArticleReadershipMixin:
    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        # One correlated sum per listed story (50 a page), not a query per row.
        totals = (
            ArticleViews.objects.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(total=Sum("views"))
            .values("total")
        )
        return (
            super()  # type: ignore[misc]
            .get_queryset(request)
            .annotate(views_total_value=Coalesce(Subquery(totals, output_field=IntegerField()), 0))
        )

    @admin.display(description=gettext_lazy("views"))
    def views_total(self, obj: Article) -> int:
        if not obj.pk:
            return 0
        annotated = getattr(obj, "views_total_value", None)
        return annotated if annotated is not None else total_views(obj.pk)

    @admin.display(description=lazy(_chart_description, str)())
    def views_chart(self, obj: Article) -> SafeString | str:
        if not obj.pk:
            return "—"
        return hourly_chart(views_by_hour(obj.pk, CHART_HOURS))


def hourly_chart(hours: list[tuple[datetime, int]]) -> SafeString:
    """An inline SVG bar chart (no style or script, so the newsroom's CSP allows it)."""
    peak = max((views for _, views in hours), default=0) or 1
    width = BAR_WIDTH * len(hours)
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
        (
            (
                n * BAR_WIDTH,
                CHART_HEIGHT - round(views * CHART_HEIGHT / peak),
                BAR_WIDTH - 1,
                round(views * CHART_HEIGHT / peak),
                # Translators: one bar of the hourly views chart: "05 March 14:00: 12 views".
                ngettext("%(hour)s: %(views)d view", "%(hour)s: %(views)d views", views)
                % {"hour": dateformat.format(timezone.localtime(hour), "d E H:00"), "views": views},
            )
            for n, (hour, views) in enumerate(hours)
        ),
    )
    total = sum(views for _, views in hours)
    summary = ngettext(
        "%(total)d view in the last %(hours)d hours, peak %(peak)d in an hour",
        "%(total)d views in the last %(hours)d hours, peak %(peak)d in an hour",
        total,
    ) % {"total": total, "hours": len(hours), "peak": peak if total else 0}
    return format_html(
        '<svg class="views-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'width="{}" height="{}" viewBox="0 0 {} {}" fill="currentColor">'
        "<title>{}</title>"
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="currentColor" stroke-width="1"/>{}</svg>',
        width,
        CHART_HEIGHT + 1,
        width,
        CHART_HEIGHT + 1,
        summary,
        CHART_HEIGHT + 0.5,
        width,
        CHART_HEIGHT + 0.5,
        bars,
    )
