"""Revisions on the article screen:
history, word-level diff, restore, edit conflicts, shared preview links.

Screens only: revisions are recorded and restored by :mod:`dateline.editorial.revisions`. The
edit-conflict part is :mod:`dateline.newsroom.conflicts` and the preview links
:mod:`dateline.newsroom.sharing`, both mixed in here. Every view looks the story up with
:func:`~dateline.newsroom.story_access.checked_story`, so the desk rules of the workflow apply
to direct POSTs as much as to buttons.
"""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from dateline.editorial import diffing
from dateline.editorial import revisions as history
from dateline.editorial.models import Revision
from dateline.news import publishing
from dateline.news.models import Article
from dateline.newsroom.conflicts import EditConflictsMixin
from dateline.newsroom.sharing import PreviewLinksMixin
from dateline.newsroom.story_access import checked_story

RECENT_REVISIONS = 5
HISTORY_PAGE_SIZE = 50


class RevisionsMixin(EditConflictsMixin, PreviewLinksMixin):
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change and any(formset.has_changed() for formset in formsets):
            # The byline's inline rows are not in the form's changed fields.
            publishing.record_edit(form.instance, {"authors"}, user=request.user, request=request)
        saved = history.record(form.instance, user=request.user)
        self.forget_kept_if_saved(request, form.instance, saved.snapshot)

    # --- The article screen's panels ------------------------------------------------------

    def render_change_form(
        self, request: HttpRequest, context: dict, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and obj.pk:
            context.update(self._panels(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _panels(self, request: HttpRequest, story: Article) -> dict[str, Any]:
        recent = list(
            Revision.objects.filter(article=story)
            .select_related("created_by")
            .order_by("-number")[:RECENT_REVISIONS]
        )
        return {
            "revision_rows": [_revision_row(story, r) for r in recent],
            "revision_total": history.revision_count(story.pk),
            "may_change_story": self.has_change_permission(request, story),
        }

    # --- URLs -----------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/revisions/", wrap(self.revisions_view), name="news_article_revisions"),
            path(
                "<int:pk>/revisions/compare/",
                wrap(self.compare_view),
                name="news_article_revisions_compare",
            ),
            path(
                "<int:pk>/revisions/<int:number>/restore/",
                wrap(self.restore_view),
                name="news_article_revision_restore",
            ),
            *super().get_urls(),
        ]

    def _page(self, request: HttpRequest, story: Article, title: str, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": story,
            "title": title,
            "change_url": reverse("admin:news_article_change", args=[story.pk]),
            "history_url": reverse("admin:news_article_revisions", args=[story.pk]),
            **extra,
        }

    # --- History, compare, restore ------------------------------------------------------

    def revisions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        story = checked_story(self, request, pk)
        revisions = Revision.objects.filter(article=story).select_related("created_by")
        page = Paginator(revisions.order_by("-number"), HISTORY_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = [_revision_row(story, r) for r in page.object_list]
        context = self._page(
            request,
            story,
            _("Revisions of “%(headline)s”") % {"headline": story.headline},
            page=page,
            rows=rows,
            newest=rows[0]["number"] if rows and page.number == 1 else None,
            may_change_story=self.has_change_permission(request, story),
        )
        return TemplateResponse(request, "admin/news/article/revision_history.html", context)

    def compare_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        story = checked_story(self, request, pk)
        numbers = []
        for key in ("a", "b"):
            raw = request.GET.get(key, "")
            if not raw.isdigit():
                messages.error(request, _("Pick two revisions to compare."))
                return HttpResponseRedirect(reverse("admin:news_article_revisions", args=[pk]))
            numbers.append(int(raw))
        older_number, newer_number = sorted(numbers)
        found = {
            r.number: r
            for r in Revision.objects.filter(
                article=story, number__in=[older_number, newer_number]
            ).select_related("created_by")
        }
        if older_number not in found or newer_number not in found:
            raise Http404("No such revision.")
        older, newer = found[older_number], found[newer_number]
        context = self._page(
            request,
            story,
            # Translators: the title of a comparison of two revisions of a story.
            _("Revision %(older)s → %(newer)s") % {"older": older.number, "newer": newer.number},
            older=_revision_row(story, older),
            newer=_revision_row(story, newer),
            older_saved=_saved(older),
            newer_saved=_saved(newer),
            comparison=diffing.compare(older.snapshot, newer.snapshot),
            before_label=_("Revision %(number)s") % {"number": older.number},
            after_label=_("Revision %(number)s") % {"number": newer.number},
            may_change_story=self.has_change_permission(request, story),
        )
        return TemplateResponse(request, "admin/news/article/revision_compare.html", context)

    def restore_view(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        story = checked_story(self, request, pk, change=True)
        revision = Revision.objects.filter(article=story, number=number).first()
        if revision is None:
            raise Http404("No such revision.")
        if request.method == "POST":
            done = history.restore(story.pk, number, user=request.user, request=request)
            messages.success(
                request,
                _("Revision %(number)s restored: it is now revision %(new)s.")
                % {"number": number, "new": done.revision.number},
            )
            if done.skipped:
                # Translators: what is a list of things a restored revision named but that no
                # longer exist (a picture, an author), separated by semicolons.
                messages.warning(
                    request,
                    _("Could not bring back: %(what)s.") % {"what": "; ".join(done.skipped)},
                )
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[story.pk]))
        context = self._page(
            request,
            story,
            _("Restore revision %(number)s?") % {"number": number},
            revision=_revision_row(story, revision),
            comparison=diffing.compare(history.snapshot(story), revision.snapshot),
        )
        return TemplateResponse(request, "admin/news/article/revision_restore.html", context)


def _saved(revision: Revision) -> str:
    """When a revision was saved and by whom: ``05 March 2014 12:00, leyla``."""
    when = dateformat.format(timezone.localtime(revision.created_at), "d E Y H:i")
    return f"{when}, {revision.created_by.get_username()}" if revision.created_by else when


def _revision_row(story: Article, revision: Revision) -> dict[str, Any]:
    """What a list of revisions shows about one."""
    return {
        "number": revision.number,
        "created_at": revision.created_at,
        "created_by": revision.created_by,
        "baseline": bool(revision.snapshot.get(history.BASELINE)),
        "restored_from": revision.restored_from,
        "changed": [diffing.field_label(name) for name in revision.changed_fields],
        "headline": revision.snapshot.get("headline", ""),
        "compare_previous_url": (
            reverse("admin:news_article_revisions_compare", args=[story.pk])
            + f"?a={revision.number - 1}&b={revision.number}"
            if revision.number > 1
            else None
        ),
        "restore_url": reverse(
            "admin:news_article_revision_restore", args=[story.pk, revision.number]
        ),
    }
