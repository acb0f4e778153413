"""The article list at archive size: its filters and how it fetches a page.

With 100,000 stories a list page must cost the same few queries and walk an index, whatever
the page number or filter. These keep it so:

- :class:`ArticleChangeList` fetches a page from the article table alone, newest first, and
  brings editions and sections in one query each for the 50 rows shown. Joining them in the
  page query lets SQLite start from the three editions and sort every story of each (a
  100,000-row sort per page); alone, the table is read along its publication-time index.
- :class:`DeferredJoinPaginator` keeps deep pages (page 1,000) as cheap as the first: the
  database skips earlier rows in the index instead of reading them.
- :class:`SectionFilter` names sections with their edition in one query, not one per section.
- The list has no date drill-down (``date_hierarchy``): it lists the years and months with
  stories by truncating the date of every row, seconds per page at this size. The
  "published" filter (today, past 7 days, this month, this year) needs no such scan.

The dashboard's "see all" links land on filters defined here: :class:`MineFilter` (my
stories) and :class:`ScheduleFilter` (overdue or upcoming).
"""

from datetime import datetime
from typing import ClassVar

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dateline.news.models import ArticleAuthor, Section, Status
from dateline.newsroom.translations import TranslationChangeList

MINE = "mine"
SCHEDULE = "schedule"
OVERDUE = "overdue"
UPCOMING = "upcoming"


def overdue(now: datetime) -> Q:
    """Scheduled stories whose time has passed and no embargo holds: the worker is behind."""
    return Q(status=Status.SCHEDULED, published_at__lte=now) & (
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
    )


def written_or_bylined(user) -> Q:
    """Stories ``user`` created or is credited on (through their author profile)."""
    bylined = ArticleAuthor.objects.filter(author__user_id=user.pk).values("article_id")
    return Q(created_by_id=user.pk) | Q(pk__in=bylined)


class MineFilter(admin.SimpleListFilter):
    """``?mine=1``: the stories of the person signed in."""

    # Translators: the title of the article list's filter "Mine (written or bylined)".
    title = gettext_lazy("whose")
    parameter_name = MINE

    def lookups(self, request, model_admin):
        return [("1", _("Mine (written or bylined)"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(written_or_bylined(request.user))
        return queryset


class ScheduleFilter(admin.SimpleListFilter):
    """``?schedule=overdue``: scheduled stories whose time has passed, which means the
    worker that flips them to published is behind (readers see them already)."""

    # Translators: the title of the article list's filter of scheduled stories.
    title = gettext_lazy("schedule")
    parameter_name = SCHEDULE

    def lookups(self, request, model_admin):
        return [
            (OVERDUE, _("Overdue (worker behind)")),
            (UPCOMING, _("Upcoming or embargoed")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == OVERDUE:
            return queryset.filter(overdue(now))
        if self.value() == UPCOMING:
            return queryset.filter(status=Status.SCHEDULED).exclude(overdue(now))
        return queryset


class SectionFilter(admin.RelatedFieldListFilter):
    """Sections named “Politics (en)”, read with their editions in one query."""

    def field_choices(self, field, request, model_admin):
        return [
            (section.pk, str(section))
            for section in Section.objects.select_related("edition").order_by(
                "edition__position", "edition_id", "position", "pk"
            )
        ]


class DeferredJoinPaginator(Paginator):
    """Page numbers as usual, with the OFFSET paid in the index alone.

    A deep page (page 1,000 is OFFSET 49,950) makes the database step over every earlier
    row; on PostgreSQL it also computes each skipped row's columns, the per-story views
    sum among them, for 50,000 rows. Here the page's ids are chosen first from the index
    (``id IN (SELECT id … LIMIT 50 OFFSET 49950)``) and only those 50 rows are read in full,
    in the same single query.
    """

    def page(self, number) -> Page:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or queryset.query.distinct:
            return super().page(number)  # DISTINCT would add the ordering to the id list
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom == 0:
            return super().page(number)  # nothing to skip: LIMIT alone reads just the page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = queryset.values("pk")[bottom:top]
        return Page(queryset.filter(pk__in=ids), number, self)


class ArticleChangeList(TranslationChangeList):  # each row knows its translations
    def get_queryset(self, request: HttpRequest, exclude_parameters=None) -> QuerySet:
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .prefetch_related(
                "edition", Prefetch("section", queryset=Section.objects.select_related("edition"))
            )
        )


class ArticleListMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`, whose ``list_select_related``
    stays empty so that the page query joins nothing."""

    paginator: ClassVar[type] = DeferredJoinPaginator

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return ArticleChangeList
