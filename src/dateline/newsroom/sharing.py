"""Preview links on the article screen: create, list, revoke.

Links are made and revoked by :mod:`dateline.editorial.sharing`; only someone who may change
the story may do either. The buttons sit inside the story's form and post elsewhere with
``formaction``, so pressing one never saves the story.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dateline.editorial import sharing
from dateline.news.models import Article
from dateline.newsroom.story_access import checked_story

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin
else:
    _ModelAdmin = object

SHARE_HOURS_FIELD = "share_hours"
SHARE_HOUR_CHOICES = (1, 8, 24, 48, 72, 7 * 24, 30 * 24)


class PreviewLinksMixin(_ModelAdmin):
    """Part of :class:`dateline.newsroom.revisions.RevisionsMixin`."""

    def render_change_form(
        self, request: HttpRequest, context: dict, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and obj.pk:
            context.update(self._preview_links(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _preview_links(self, request: HttpRequest, story: Article) -> dict[str, Any]:
        default_hours = sharing.default_hours()
        return {
            "shares": [
                {"share": share, "url": sharing.absolute_url(share, request)}
                for share in sharing.for_article(story)
            ],
            "may_share": self.has_change_permission(request, story),
            "share_hours_field": SHARE_HOURS_FIELD,
            "share_hour_choices": sorted({*SHARE_HOUR_CHOICES, default_hours}),
            "share_default_hours": default_hours,
        }

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview-links/",
                wrap(require_POST(self.share_create_view)),
                name="news_article_share_create",
            ),
            path(
                "<int:pk>/preview-links/<int:share_id>/revoke/",
                wrap(require_POST(self.share_revoke_view)),
                name="news_article_share_revoke",
            ),
            *super().get_urls(),
        ]

    def share_create_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        story = checked_story(self, request, pk, change=True)
        raw = request.POST.get(SHARE_HOURS_FIELD, "")
        hours = int(raw) if raw.isdigit() else sharing.default_hours()
        try:
            share = sharing.create(story, user=request.user, request=request, hours=hours)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            until = timezone.localtime(share.expires_at)
            messages.success(
                request,
                # Translators: zone is a time zone's name, e.g. "Asia/Baku"; url the link.
                _("Preview link created, working until %(until)s (%(zone)s): %(url)s")
                % {
                    "until": dateformat.format(until, "d E Y H:i"),
                    "zone": timezone.get_current_timezone_name(),
                    "url": sharing.absolute_url(share, request),
                },
            )
        return HttpResponseRedirect(_panel_url(story))

    def share_revoke_view(self, request: HttpRequest, pk: int, share_id: int) -> HttpResponse:
        story = checked_story(self, request, pk, change=True)
        share = story.shares.filter(pk=share_id).first()
        if share is None:
            raise Http404("No such preview link.")
        if sharing.revoke(share, user=request.user, request=request):
            messages.success(request, _("Preview link revoked: it no longer opens the story."))
        return HttpResponseRedirect(_panel_url(story))


def _panel_url(story: Article) -> str:
    return reverse("admin:news_article_change", args=[story.pk]) + "#preview-links"
