"""The newsroom's start page: what needs doing now, for the person signed in.

Each block answers one question — what am I writing, what waits for an editor, what goes out
next (and what should have gone out already), what just went out, what readers read and what
they say is wrong — with up to :data:`SHOWN` items and a link to the full, filtered list.

The blocks read stories through the article screen's own queryset
(:meth:`ArticleAdmin.get_queryset`), so the dashboard never shows a story the list would hide
from that person, and reader reports through the report screen's permissions. A block the
person could not act on or open is left out rather than shown empty.

The page costs a fixed number of queries however large the archive: one or two per block
(the items, and their total when the block has one), none per item.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dateline.analytics.readership import most_read
from dateline.editorial.models import AuditAction, AuditEntry
from dateline.news.models import Article, Edition, ReaderReport, Section, Status
from dateline.news.models.articles import ArticleQuerySet
from dateline.news.models.reports import ReaderReportQuerySet
from dateline.newsroom import roles
from dateline.newsroom.article_list import (
    MINE,
    OVERDUE,
    SCHEDULE,
    overdue,
    written_or_bylined,
)

SHOWN = 10
EXCERPT = 90


@dataclass(frozen=True)
class Item:
    """One line of a block: a title linking somewhere, and what to know about it."""

    title: str
    url: str
    detail: str = ""
    when: str = ""
    moment: datetime | None = None  # for <time datetime="…">
    flag: str = ""  # a short warning shown as a badge, e.g. "overdue by 5 minutes"
    extra_url: str = ""  # a second link: the story on the site
    extra_label: str = ""


@dataclass(frozen=True)
class Group:
    """Items under a sub-heading (Most read has one group per edition)."""

    title: str
    items: list[Item]


@dataclass
class Block:
    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    total: int | None = None
    summary: str = ""  # a sentence under the title, e.g. "2 overdue: the worker is behind."
    summary_url: str = ""  # where the summary's link goes
    alert: bool = False
    see_all: str = ""
    see_all_label: str = field(default_factory=lambda: _("See all"))
    empty: str = field(default_factory=lambda: _("Nothing here."))


@dataclass
class Dashboard:
    blocks: list[Block]
    front_page_url: str = ""


def article_list_url(**filters: str | int) -> str:
    url = reverse("admin:news_article_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def _change_url(story: Article) -> str:
    return reverse("admin:news_article_change", args=[story.pk])


def _where(story: Article, editions: dict[int, Edition], sections: dict[int, Section]) -> str:
    section = sections.get(story.section_id)
    edition = editions.get(story.edition_id)
    return " · ".join(part for part in (section and section.name, edition and edition.name) if part)


def _since(moment: datetime, now: datetime) -> str | None:
    """``3 hours`` (timesince's own, translated words) — the largest unit only; ``None``
    under a minute, where each message says "a moment" or "just now" in its own words."""
    if now - moment < timedelta(minutes=1):
        return None
    return timesince(moment, now, depth=1)


def _ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return ""
    time = _since(moment, now)
    if time is None:
        return _("just now")
    # Translators: time is a duration such as "5 minutes" or "2 hours".
    return _("%(time)s ago") % {"time": time}


def _edited(moment: datetime | None, now: datetime) -> str:
    """A draft's last change: ``edited 5 minutes ago``."""
    if moment is None:
        return ""
    time = _since(moment, now)
    if time is None:
        # Translators: when a draft was last changed, on the dashboard.
        return _("edited just now")
    # Translators: when a draft was last changed; time is a duration such as "5 minutes".
    return _("edited %(time)s ago") % {"time": time}


def _waiting(moment: datetime, now: datetime) -> str:
    """How long a story has waited for review: ``waiting 2 hours``."""
    time = _since(moment, now)
    if time is None:
        # Translators: how long a story has been waiting for review, on the dashboard.
        return _("waiting a moment")
    # Translators: how long a story has been waiting for review; time is a duration such as
    # "2 hours".
    return _("waiting %(time)s") % {"time": time}


def _overdue(moment: datetime, now: datetime) -> str:
    """How late a scheduled story is: ``overdue by 5 minutes``."""
    time = _since(moment, now)
    if time is None:
        # Translators: a scheduled story whose publication time has just passed.
        return _("overdue by a moment")
    # Translators: a scheduled story whose publication time has passed; time is a duration
    # such as "5 minutes".
    return _("overdue by %(time)s") % {"time": time}


def local_time(moment: datetime, edition: Edition | None) -> str:
    """``Fri 6 March 2026, 09:30 (Asia/Baku, +04)``: the edition's own clock, named."""
    if edition is None:
        local = timezone.localtime(moment)
        zone = timezone.get_current_timezone_name()
    else:
        local = edition.local(moment)
        zone = edition.time_zone
    return f"{dateformat.format(local, 'D j E Y, H:i')} ({zone}, {local:%Z})"


class DashboardBuilder:
    """Builds the blocks for one request. Stories are read through :meth:`stories`, the
    article list's own queryset for this person."""

    def __init__(self, request: HttpRequest, site: admin.AdminSite) -> None:
        self.request = request
        self.user = request.user
        self.site = site
        self.now = timezone.now()
        self.editions: dict[int, Edition] = {}
        self.sections: dict[int, Section] = {}

    # --- What the person may see ---------------------------------------------------------

    def article_admin(self) -> admin.ModelAdmin:
        return self.site.get_model_admin(Article)

    def stories(self) -> QuerySet[Article]:
        """The stories the article list shows this person."""
        return self.article_admin().get_queryset(self.request)

    def may(self, permission: str) -> bool:
        return self.user.is_active and self.user.has_perm(f"news.{permission}")

    # --- The page ------------------------------------------------------------------------

    def build(self) -> Dashboard:
        blocks: list[Block] = []
        if self.article_admin().has_view_or_change_permission(self.request):
            # Editions and sections name every story; read once, up front, so the page costs
            # the same queries whether or not a block has stories.
            self.editions = {e.pk: e for e in Edition.objects.order_by("position", "pk")}
            self.sections = {s.pk: s for s in Section.objects.all()}
            makers: list[Callable[[], Block | None]] = [
                self.my_drafts,
                self.review,
                self.scheduled,
                self.recently_published,
                self.most_read,
            ]
            blocks += [block for make in makers if (block := make()) is not None]
        if (reports := self.reader_reports()) is not None:
            blocks.append(reports)
        return Dashboard(blocks=blocks, front_page_url=self.front_page_url())

    def front_page_url(self) -> str:
        """The front-page screen, for those who may arrange some edition's home page."""
        from dateline.newsroom.curation import editions_for

        if not editions_for(self.user):
            return ""
        try:
            return reverse("admin:front-page")
        except NoReverseMatch:  # the screen's URL is not installed on this site
            return ""

    def _story_item(self, story: Article, **extra) -> Item:
        return Item(
            title=story.headline or _("(no headline yet)"),
            url=_change_url(story),
            detail=_where(story, self.editions, self.sections),
            **extra,
        )

    # --- Blocks --------------------------------------------------------------------------

    def my_drafts(self) -> Block | None:
        if not (self.may("add_article") or self.may("change_article")):
            return None
        drafts = self.stories().filter(written_or_bylined(self.user), status=Status.DRAFT)
        shown = list(drafts.order_by("-modified_at", "-pk")[:SHOWN])
        return Block(
            key="drafts",
            title=_("My drafts"),
            items=[
                self._story_item(
                    story,
                    when=_edited(story.modified_at, self.now),
                    moment=story.modified_at,
                )
                for story in shown
            ],
            total=drafts.count(),
            see_all=article_list_url(**{MINE: "1", "status__exact": Status.DRAFT}),
            empty=_("No drafts. Start one with “Add article”."),
        )

    def review(self) -> Block | None:
        """Editors see what waits for them, oldest first (desk-bound editors, their desks');
        a reporter sees where their own submitted stories stand."""
        submitted = AuditEntry.objects.filter(
            article=OuterRef("pk"), action=AuditAction.SUBMITTED
        ).order_by("-at")
        waiting = (
            self.stories()
            .filter(status=Status.IN_REVIEW)
            .annotate(submitted_at=Coalesce(Subquery(submitted.values("at")[:1]), F("modified_at")))
        )
        filters: dict[str, str | int] = {"status__exact": Status.IN_REVIEW}
        if self.may("publish_article"):
            title, empty = _("Waiting for review"), _("Nothing waits for review.")
            if roles.is_desk_bound(self.user):
                waiting = waiting.filter(
                    section_id__in=Section.objects.filter(roles.desk_sections(self.user)).values(
                        "pk"
                    )
                )
                title = _("Waiting for review on my desks")
                if not roles.desks(self.user):
                    empty = _(
                        "You have no desk yet: an administrator assigns editions and sections."
                    )
        elif self.may("submit_article") or self.may("change_article"):
            waiting = waiting.filter(written_or_bylined(self.user))
            title = _("My stories in review")
            empty = _("None of your stories is waiting for review.")
            filters[MINE] = "1"
        else:
            return None
        shown = list(waiting.order_by("submitted_at", "pk")[:SHOWN])
        return Block(
            key="review",
            title=title,
            items=[
                self._story_item(
                    story,
                    when=_waiting(story.submitted_at, self.now),
                    moment=story.submitted_at,
                )
                for story in shown
            ],
            total=waiting.count(),
            see_all=article_list_url(**filters),
            empty=empty,
        )

    def scheduled(self) -> Block | None:
        """Next to go out, soonest first; overdue ones (the worker is behind) come first and
        are flagged. Readers already see an overdue story: ``published()`` counts it."""
        if not self.may("view_article") and not self.may("change_article"):
            return None
        scheduled = self.stories().filter(status=Status.SCHEDULED)
        filters: dict[str, str | int] = {"status__exact": Status.SCHEDULED}
        title = _("Scheduled")
        if not self.may("publish_article"):
            scheduled = scheduled.filter(written_or_bylined(self.user))
            filters[MINE] = "1"
            title = _("My scheduled stories")
        counts = scheduled.aggregate(
            total=Count("pk"), overdue=Count("pk", filter=overdue(self.now))
        )
        items = []
        for story in scheduled.order_by("published_at", "pk")[:SHOWN]:
            if story.published_at is None:  # scheduling always sets the time
                continue
            edition = self.editions.get(story.edition_id)
            flag = ""
            if story.embargo_until and story.embargo_until > self.now:
                # Translators: time is a date and time with its zone, e.g.
                # "Fri 6 March 2026, 09:30 (Asia/Baku, +04)".
                flag = _("embargoed until %(time)s") % {
                    "time": local_time(story.embargo_until, edition)
                }
            elif story.published_at <= self.now:
                flag = _overdue(story.published_at, self.now)
            items.append(
                self._story_item(
                    story,
                    when=local_time(story.published_at, edition),
                    moment=story.published_at,
                    flag=flag,
                )
            )
        summary = ""
        if late := counts["overdue"]:
            # Translators: about scheduled stories; “dateline worker” is a command, keep it
            # as it is.
            summary = ngettext(
                "%(count)s overdue: its time has passed but the worker has not published it "
                "yet (readers already see it). Check that “dateline worker” is running.",
                "%(count)s overdue: their time has passed but the worker has not published "
                "them yet (readers already see them). Check that “dateline worker” is running.",
                late,
            ) % {"count": late}
        return Block(
            key="scheduled",
            title=title,
            items=items,
            total=counts["total"],
            summary=summary,
            summary_url=article_list_url(**{SCHEDULE: OVERDUE}) if counts["overdue"] else "",
            alert=bool(counts["overdue"]),
            see_all=article_list_url(**filters),
            empty=_("Nothing scheduled."),
        )

    def recently_published(self) -> Block | None:
        if not self.may("view_article") and not self.may("change_article"):
            return None
        live = cast(ArticleQuerySet, self.stories()).published(self.now)
        items = []
        for story in live.order_by("-published_at", "-pk")[:SHOWN]:
            if story.published_at is None:  # published() requires a time
                continue
            edition = self.editions.get(story.edition_id)
            if edition is not None:
                story.edition = edition  # the link to the site needs its code; no query
            items.append(
                self._story_item(
                    story,
                    when=local_time(story.published_at, edition),
                    moment=story.published_at,
                    extra_url=story.get_absolute_url() if edition is not None else "",
                    extra_label=_("on the site"),
                )
            )
        return Block(
            key="published",
            title=_("Recently published"),
            items=items,
            see_all=article_list_url(status__exact=Status.PUBLISHED),
            empty=_("Nothing published yet."),
        )

    def most_read(self) -> Block | None:
        """The last hour's most read stories of each edition (cached for a minute)."""
        if not self.may("view_article") and not self.may("change_article"):
            return None
        groups = []
        for edition in self.editions.values():
            entries = most_read(edition.pk)["1h"][:SHOWN]
            groups.append(
                Group(
                    title=edition.name,
                    items=[
                        Item(
                            title=entry.headline,
                            url=reverse("admin:news_article_change", args=[entry.article_id]),
                            when=ngettext("%(count)s view", "%(count)s views", entry.views)
                            % {"count": number_format(entry.views, force_grouping=True)},
                            extra_url=entry.url,
                            extra_label=_("on the site"),
                        )
                        for entry in entries
                    ],
                )
            )
        return Block(
            key="most-read",
            title=_("Most read in the last hour"),
            groups=[group for group in groups if group.items],
            empty=_("No readers in the last hour."),
        )

    def reader_reports(self) -> Block | None:
        try:
            report_admin = self.site.get_model_admin(ReaderReport)
        except NotRegistered:
            return None
        if not report_admin.has_view_permission(self.request):
            return None
        new = cast(ReaderReportQuerySet, report_admin.get_queryset(self.request)).new()
        shown = list(new.select_related("article").order_by("-created_at", "-pk")[:SHOWN])
        return Block(
            key="reports",
            title=_("New error reports from readers"),
            items=[
                Item(
                    title=_excerpt(report.quoted_text or report.comment),
                    url=reverse("admin:news_readerreport_change", args=[report.pk]),
                    # Translators: the story a reader's error report is about.
                    detail=_("on “%(headline)s”") % {"headline": report.article.headline},
                    when=_ago(report.created_at, self.now),
                    moment=report.created_at,
                )
                for report in shown
            ],
            total=new.count(),
            see_all=reverse("admin:news_readerreport_changelist") + "?status__exact=new",
            empty=_("No new reports."),
        )


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def build(request: HttpRequest, site: admin.AdminSite) -> Dashboard:
    return DashboardBuilder(request, site).build()
