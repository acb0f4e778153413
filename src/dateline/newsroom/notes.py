"""Internal notes on the article screen: remarks between the people working on a story.

Notes are never shown to readers. Reporters leave notes on their own stories; editors and chief
editors on any story they can open. A note is posted to its own URL, so adding one never saves
(or loses) what is being typed in the story: with JavaScript the note is added in place, and
without it the page reloads.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dateline.editorial.models import Note
from dateline.news.models import Article
from dateline.newsroom import roles

NOTE_MAX_LENGTH = 4000


def may_read_notes(user) -> bool:
    return user.has_perm("editorial.view_note")


def may_add_note(user, story: Article) -> bool:
    """Editors note on any story they can open; everyone else on their own stories only."""
    if not user.has_perm("editorial.add_note") or not roles.may_see(user, story):
        return False
    return user.has_perm("news.publish_article") or story.created_by_id == user.pk


class NotesMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["newsroom/notes.js"])  # type: ignore[misc]

    def get_urls(self):
        add_note = self.admin_site.admin_view(self.add_note_view)  # type: ignore[attr-defined]
        return [
            path("<int:pk>/notes/", add_note, name="news_article_add_note"),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def render_change_form(
        self, request: HttpRequest, context: dict, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and may_read_notes(request.user):
            context["notes"] = list(obj.notes.select_related("author"))
            if may_add_note(request.user, obj):
                context["note_url"] = reverse("admin:news_article_add_note", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)  # type: ignore[misc]

    def add_note_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # The newsroom's own list of stories for this user: a reporter cannot reach another
        # reporter's draft by guessing its number.
        story = get_object_or_404(self.get_queryset(request), pk=pk)  # type: ignore[attr-defined]
        if not may_add_note(request.user, story):
            raise PermissionDenied
        text = request.POST.get("text", "").strip()
        in_place = request.headers.get("X-Requested-With") == "fetch"
        problem = None
        if not text:
            problem = _("Write the note before adding it.")
        elif len(text) > NOTE_MAX_LENGTH:
            problem = ngettext(
                "A note holds at most %(limit)s characters; this one has %(count)s.",
                "A note holds at most %(limit)s characters; this one has %(count)s.",
                NOTE_MAX_LENGTH,
            ) % {"limit": NOTE_MAX_LENGTH, "count": len(text)}
        if problem:
            if in_place:
                return HttpResponse(problem, status=400, content_type="text/plain; charset=utf-8")
            messages.error(request, problem)
        else:
            note = Note.objects.create(
                article=story,
                author=request.user,  # type: ignore[misc]  # admin views need a login
                text=text,
            )
            if in_place:
                return HttpResponse(
                    render_to_string(
                        "admin/news/article/includes/note.html", {"note": note}, request=request
                    )
                )
            messages.success(request, _("Note added."))
        return HttpResponseRedirect(
            reverse("admin:news_article_change", args=[story.pk]) + "#notes"
        )
