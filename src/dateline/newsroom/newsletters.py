"""Newsletters in the newsroom: subscribers (export as CSV, delete on request) and issues
with honest delivery counts, a preview, a test send to oneself, and the send button; and the
article screen's "Send breaking alert…" (:class:`BreakingAlertMixin`).

Screens only: every button calls a verb from ``distribution.newsletters``.

E-mail HTML is never shown inside a newsroom page: it needs inline styles, which the
newsroom's policy forbids, and it quotes stories' text. It is served on its own
(:func:`email_html_response`) under a policy that allows inline styles and nothing else —
no script, no frame, no form, no base — and opens in a new tab.
"""

import csv
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.csp import CSP, build_policy
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from dateline.distribution.newsletters import alerting, previewing, sending
from dateline.distribution.newsletters.composing import render_alert
from dateline.distribution.newsletters.models import (
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
)
from dateline.limits.throttle import HOUR, consume
from dateline.news.models import Article
from dateline.newsroom.roles import may_send_breaking_alert

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin
else:
    _ModelAdmin = object

# The one response in the newsroom allowed inline styles: e-mail HTML needs them.
EMAIL_PREVIEW_CSP: dict[str, Any] = {  # Any: the stubs do not know a bare directive (True)
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["https:", "data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "sandbox": True,  # a unique origin: not even the newsroom's cookies or storage
}
TEST_SENDS_PER_HOUR = 10


def email_html_response(html: str) -> HttpResponse:
    """E-mail HTML as its own page, under :data:`EMAIL_PREVIEW_CSP` (the CSP middleware
    leaves a header the view set alone)."""
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = build_policy(EMAIL_PREVIEW_CSP)
    response["Referrer-Policy"] = "no-referrer"  # a click in the preview leaks no newsroom URL
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


EXPORT_FIELDS = [
    "email", "edition__code", "status", "daily_digest", "breaking_alerts", "created_at",
    "consent_at", "consent_source", "unsubscribed_at",
]  # fmt: skip


class _Echo:
    def write(self, value: str) -> str:
        return value


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "edition", "status", "daily_digest", "breaking_alerts", "consent_at"]
    list_filter = ["status", "edition", "daily_digest", "breaking_alerts"]
    search_fields = ["email"]
    readonly_fields = ["key", "created_at", "confirmation_sent_at", "consent_at",
                       "consent_source", "unsubscribed_at", "last_error"]  # fmt: skip
    actions = ["export_csv"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # consent comes from the reader, never from the newsroom

    @admin.action(
        description=gettext_lazy("Export selected subscribers as CSV"), permissions=["view"]
    )
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> StreamingHttpResponse:
        writer = csv.writer(_Echo())
        rows = queryset.order_by("pk").values_list(*EXPORT_FIELDS).iterator(chunk_size=2000)
        header = writer.writerow(EXPORT_FIELDS)
        response = StreamingHttpResponse(
            (header, *(writer.writerow(row) for row in rows)), content_type="text/csv"
        )
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        return response


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ["subject", "edition", "kind", "status", "counts", "created_at"]
    list_filter = ["kind", "status", "edition"]
    readonly_fields = ["edition", "kind", "day", "article", "status", "created_at",
                       "send_started_at", "finished_at", "counts", "preview"]  # fmt: skip
    fields = [*readonly_fields, "subject"]
    actions = ["send_now"]
    change_form_template = "newsroom/newsletter_issue_change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Digests compose themselves and alerts start on the article screen; the "add"
        # permission means "may ask for a breaking alert" (newsroom.roles).
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        by = {s: Count("deliveries", filter=Q(deliveries__status=s)) for s in DeliveryStatus}
        return (
            super()
            .get_queryset(request)
            .annotate(**{f"n_{status.value}": count for status, count in by.items()})
        )

    def get_urls(self):
        admin_view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", admin_view(self.preview_view),
                 name="distribution_newsletterissue_preview"),
            path("<int:pk>/test-send/", admin_view(self.test_send_view),
                 name="distribution_newsletterissue_test_send"),
            *super().get_urls(),
        ]  # fmt: skip

    @admin.display(description=gettext_lazy("deliveries"))
    def counts(self, issue: NewsletterIssue) -> str:
        queued = getattr(issue, "n_queued", 0) + getattr(issue, "n_sending", 0)
        # Translators: numbers of e-mails of a newsletter issue, by delivery state.
        return _(
            "%(queued)s queued · %(sent)s sent · %(failed)s failed · %(suppressed)s suppressed"
        ) % {
            "queued": queued,
            "sent": getattr(issue, "n_sent", 0),
            "failed": getattr(issue, "n_failed", 0),
            "suppressed": getattr(issue, "n_suppressed", 0),
        }

    @admin.display(description=gettext_lazy("preview"))
    def preview(self, issue: NewsletterIssue) -> str:
        url = reverse("admin:distribution_newsletterissue_preview", args=[issue.pk])
        link = _(
            '<a href="%(url)s" target="_blank" rel="noopener noreferrer">Open the HTML version'
            "</a> (as subscribers see it, in a new tab)"
        ) % {"url": escape(url)}
        return format_html(
            '<p>{}</p><pre class="outbox-text">{}</pre>',
            mark_safe(link),  # the message's own markup; the URL is escaped
            previewing.issue_bodies(issue).text,
        )

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        return email_html_response(previewing.issue_bodies(issue).html)

    def test_send_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """POST: one copy of the issue to the signed-in editor's own address."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        if not self.has_change_permission(request, issue):
            raise PermissionDenied
        back = HttpResponseRedirect(
            reverse("admin:distribution_newsletterissue_change", args=[issue.pk])
        )
        address = getattr(request.user, "email", "")
        if not address:
            messages.warning(
                request,
                _(
                    "Your account has no e-mail address, so there is nowhere to send a test. "
                    "Ask an administrator to add one to your account, then try again."
                ),
            )
            return back
        if not consume(
            "newsletter-test-send", str(request.user.pk), limit=TEST_SENDS_PER_HOUR, period=HOUR
        ):
            messages.warning(
                request,
                ngettext(
                    "That is %(count)s tests this hour; try again later.",
                    "That is %(count)s tests this hour; try again later.",
                    TEST_SENDS_PER_HOUR,
                )
                % {"count": TEST_SENDS_PER_HOUR},
            )
            return back
        try:
            previewing.send_test(issue, to=address)
        except previewing.UnusableTestAddress:
            messages.warning(
                request,
                _(
                    "Your account's e-mail address (%(address)s) cannot take mail as it is. "
                    "Ask an administrator to correct it, then try again."
                )
                % {"address": address},
            )
            return back
        messages.success(
            request, _("A test copy is on its way to %(address)s.") % {"address": address}
        )
        return back

    @admin.action(description=gettext_lazy("Send the selected issues to their subscribers"),
                  permissions=["change"])  # fmt: skip
    def send_now(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        started = sum(
            sending.start_sending(issue.pk) for issue in queryset.filter(status=IssueStatus.DRAFT)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)s issue(s) queued for sending.",
                "%(count)s issue(s) queued for sending.",
                started,
            )
            % {"count": started},
            messages.SUCCESS,
        )
        return None


class BreakingAlertMixin(_ModelAdmin):
    """The article screen's "Send breaking alert…": a confirmation page (GET: subject,
    number of recipients, preview; POST: compose and queue the send).

    Mixed into ``newsroom.articles.ArticleAdmin``; the object tool is in its change form
    template and shows on published breaking stories for :func:`may_send_breaking_alert`.
    """

    def get_urls(self):
        admin_view = self.admin_site.admin_view
        return [
            path("<int:pk>/breaking-alert/", admin_view(self.breaking_alert_view),
                 name="news_article_breaking_alert"),
            path("<int:pk>/breaking-alert/preview/", admin_view(self.breaking_alert_preview),
                 name="news_article_breaking_alert_preview"),
            *super().get_urls(),
        ]  # fmt: skip

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        show = (
            obj is not None
            and obj.pk
            and obj.is_breaking
            and obj.is_public
            and may_send_breaking_alert(request.user)
        )
        context["breaking_alert_url"] = (
            reverse("admin:news_article_breaking_alert", args=[obj.pk]) if show else ""
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _story(self, request: HttpRequest, pk: int) -> Article:
        if not may_send_breaking_alert(request.user):
            raise PermissionDenied
        return get_object_or_404(Article.objects.select_related("edition"), pk=pk)

    def _bodies(self, story: Article) -> previewing.Bodies:
        issue = alerting.existing_alert(story)
        if issue is not None:  # what was (or will be) sent, not a fresh render
            return previewing.issue_bodies(issue)
        return previewing.sample_bodies(*render_alert(story, base_url=sending.public_base_url()))

    def breaking_alert_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        story = self._story(request, pk)
        change_url = reverse("admin:news_article_change", args=[story.pk])
        if request.method == "POST":
            try:
                issue = alerting.send_breaking_alert(story, base_url=sending.public_base_url())
            except alerting.AlertRefused as refusal:
                messages.warning(request, str(refusal))
                return HttpResponseRedirect(change_url)
            recipients = issue.deliveries.count()
            self.log_change(request, story, f"Sent a breaking alert (newsletter issue {issue.pk}).")
            messages.success(
                request,
                ngettext(
                    "Breaking alert queued for %(count)s subscriber(s) of the %(edition)s edition.",
                    "Breaking alert queued for %(count)s subscriber(s) of the %(edition)s edition.",
                    recipients,
                )
                % {"count": recipients, "edition": story.edition.name},
            )
            return HttpResponseRedirect(change_url)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        bodies = self._bodies(story)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send a breaking alert"),
            "subtitle": story.headline,
            "opts": self.opts,
            "original": story,
            "story": story,
            "change_url": change_url,
            "refusal": alerting.alert_refusal(story),
            "recipients": alerting.alert_audience(story).count(),
            "subject": bodies.subject,
            "text": bodies.text,
            "preview_url": reverse("admin:news_article_breaking_alert_preview", args=[story.pk]),
        }
        return TemplateResponse(request, "newsroom/breaking_alert.html", context)

    def breaking_alert_preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        return email_html_response(self._bodies(self._story(request, pk)).html)
