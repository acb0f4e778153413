"""The queue of reader error reports: per article, per edition, new ones first to handle.

Who may see and handle reports follows the article permissions: whoever may edit stories
may accept or reject what readers say about them (an editor needs no extra grant). The
report's own model permissions work too, for a role set up by hand.

The screen changes no state itself: accepting and rejecting go through
:meth:`ReaderReportQuerySet.handle`, which records who handled the report and when.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import dateformat
from django.utils.functional import Promise
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext_lazy

from dateline.news.models import Article, ReaderReport, ReportStatus

EXCERPT = 80
LATEST_ON_ARTICLE = 5

# How many of an article's reader error reports are in each status: "2 new · 1 accepted".
STATUS_COUNTS: dict[str, Promise] = {
    ReportStatus.NEW: npgettext_lazy(
        "reader error reports", "%(count)s new", "%(count)s new", "count"
    ),
    ReportStatus.ACCEPTED: npgettext_lazy(
        "reader error reports", "%(count)s accepted", "%(count)s accepted", "count"
    ),
    ReportStatus.REJECTED: npgettext_lazy(
        "reader error reports", "%(count)s rejected", "%(count)s rejected", "count"
    ),
}


def _excerpt(report: ReaderReport) -> str:
    text = report.quoted_text or report.comment
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def queue_url(article: Article, status: str | None = None) -> str:
    query: dict[str, str | int] = {"article": article.pk}
    if status:
        query["status__exact"] = status
    return reverse("admin:news_readerreport_changelist") + "?" + urlencode(query)


def reader_reports_summary(article: Article) -> SafeString:
    """What the article screen shows: counts by status linking to the article's queue, and
    the newest few new reports, each linking to itself."""
    if not article.pk:
        return format_html("{}", "—")
    counts = ReaderReport.objects.filter(article=article).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ReportStatus.values}
    )
    if not any(counts.values()):
        return format_html("{}", _("No error reports from readers."))
    parts = format_html_join(
        " · ",
        '<a href="{}">{}</a>',
        (
            (queue_url(article, status), STATUS_COUNTS[status] % {"count": counts[status]})
            for status in ReportStatus.values
            if counts[status]
        ),
    )
    latest = ReaderReport.objects.filter(article=article).new()[:LATEST_ON_ARTICLE]
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a></li>',
        (
            (reverse("admin:news_readerreport_change", args=[report.pk]), _excerpt(report))
            for report in latest
        ),
    )
    total = sum(counts.values())
    # Translators: counts is a list such as "2 new · 1 accepted", each a link; keep the link
    # markup around "all" (the article's whole queue).
    summary = ngettext(
        '%(count)s error reports: %(counts)s (<a href="%(url)s">all</a>)',
        '%(count)s error reports: %(counts)s (<a href="%(url)s">all</a>)',
        total,
    ) % {"count": total, "counts": parts, "url": escape(queue_url(article))}
    return format_html(
        '<p class="reader-reports">{}</p>{}',
        mark_safe(summary),  # the message's own markup; its values are escaped
        format_html('<ul class="reader-reports__new">{}</ul>', items) if items else "",
    )


class ArticleFilter(admin.SimpleListFilter):
    """The queue of one article, reached from the article screen (``?article=<id>``)."""

    title = gettext_lazy("article")
    parameter_name = "article"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not value.isdigit():
            return []
        return list(Article.objects.filter(pk=value).values_list("pk", "headline"))

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(article_id=value)


class ReaderReportForm(forms.ModelForm):
    class Meta:
        model = ReaderReport
        fields = ["status"]


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    form = ReaderReportForm
    list_display = ["created_at", "excerpt", "article_link", "status_label", "handled_by"]
    list_display_links = ["created_at", "excerpt"]
    list_filter = ["status", ("article__edition", admin.RelatedOnlyFieldListFilter), ArticleFilter]
    list_select_related = ["article", "article__edition", "handled_by"]
    search_fields = ["quoted_text", "comment"]
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False
    actions = ["accept_selected", "reject_selected"]
    readonly_fields = [
        "article_link", "quoted_text", "comment", "reporter_email", "created_at",
        "handled_by", "handled_at", "resolved_by", "ip_hash",
    ]  # fmt: skip
    fields = [
        "article_link", "quoted_text", "comment", "reporter_email", "created_at",
        "status", "handled_by", "handled_at", "resolved_by", "ip_hash",
    ]  # fmt: skip

    @admin.display(description=gettext_lazy("report"))
    def excerpt(self, obj: ReaderReport) -> str:
        return _excerpt(obj)

    @admin.display(description=gettext_lazy("article"), ordering="article__headline")
    def article_link(self, obj: ReaderReport) -> SafeString:
        return format_html(
            '<a href="{}">{}</a> (<a href="{}">{}</a>)',
            reverse("admin:news_article_change", args=[obj.article_id]),
            obj.article.headline,
            queue_url(obj.article),
            # Translators: a link to all the reader error reports on one article.
            _("queue"),
        )

    @admin.display(description=gettext_lazy("resolved by"))
    def resolved_by(self, obj: ReaderReport) -> SafeString:
        """The correction that answered the report, ticked when the note was added
        (newsroom/corrections.py); the link opens the story's screen, which lists its notes."""
        note = obj.correction
        if note is None:
            return format_html("{}", "—")
        when = dateformat.format(obj.article.edition.local(note.created_at), "d E Y H:i")
        return format_html(
            '<a href="{}">{}</a>: {}',
            reverse("admin:news_article_change", args=[obj.article_id]),
            # Translators: e.g. "Correction of 06 March 2014 12:00".
            _("%(kind)s of %(date)s") % {"kind": note.get_kind_display(), "date": when},
            note.text,
        )

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj: ReaderReport) -> SafeString:
        return format_html(
            '<span class="status status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    # --- Permissions: editing stories means handling what readers say about them ----------

    def _may_edit_stories(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_perm("news.change_article")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or self._may_edit_stories(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) or self._may_edit_stories(request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) or self._may_edit_stories(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports come from readers only

    # --- Handling -------------------------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: ReaderReport, form, change: bool) -> None:
        if "status" in form.changed_data:
            ReaderReport.objects.filter(pk=obj.pk).handle(obj.status, by=request.user)
            obj.refresh_from_db()

    @admin.action(description=gettext_lazy("Accept selected reports"), permissions=["change"])
    def accept_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = queryset.handle(ReportStatus.ACCEPTED, by=request.user)  # type: ignore[attr-defined]
        messages.success(
            request,
            ngettext("Accepted %(count)d report.", "Accepted %(count)d reports.", done)
            % {"count": done},
        )

    @admin.action(description=gettext_lazy("Reject selected reports"), permissions=["change"])
    def reject_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        done = queryset.handle(ReportStatus.REJECTED, by=request.user)  # type: ignore[attr-defined]
        messages.success(
            request,
            ngettext("Rejected %(count)d report.", "Rejected %(count)d reports.", done)
            % {"count": done},
        )
