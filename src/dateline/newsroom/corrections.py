"""Corrections, clarifications and updates added to a published story from its screen.

The article screen lists the story's notes and links to "Add a correction, clarification or
update…", a small page of its own: a kind, the text readers will see, and the story's open
reader error reports to tick as resolved. Saving calls
:func:`dateline.news.correcting.add_correction` and writes the audit entry in the same
transaction. The notes' own screen (:class:`CorrectionAdmin`) lists every note and lets a
chief editor fix a note's wording, which counts as an update of the story too.

Who may add one: holders of ``news.add_correction`` (editors, chief editors) whose desks
cover the story — checked on the GET and again on the POST.
"""

from functools import cache
from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import dateformat
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from dateline.editorial import audit
from dateline.editorial.models import AuditAction
from dateline.news import correcting, publishing
from dateline.news.models import Article, Correction, CorrectionKind, ReaderReport
from dateline.newsroom.roles import covers_story

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin
else:
    _ModelAdmin = object

EXCERPT = 90


def may_correct(user, article: Article) -> bool:
    return bool(
        user.is_active and user.has_perm("news.add_correction") and covers_story(user, article)
    )


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


class ResolvedReportsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ReaderReport) -> str:
        quoted = f"“{_excerpt(obj.quoted_text)}”" if obj.quoted_text else ""
        comment = _excerpt(obj.comment) if obj.comment else ""
        state = "" if obj.status == "new" else f" ({obj.get_status_display().lower()})"
        return " — ".join(part for part in (quoted, comment) if part) + state


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        # Translators: the kind of a note to readers: correction, clarification or update.
        label=gettext_lazy("Kind"),
        choices=CorrectionKind.choices,
        initial=CorrectionKind.CORRECTION,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Correction: something was wrong. Clarification: it was right but unclear. "
            "Update: the story has moved on."
        ),
    )
    text = forms.CharField(
        label=gettext_lazy("Note to readers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Shown at the end of the story, dated, and on the corrections page and feed. "
            "Say what was wrong and what is right now."
        ),
    )
    resolves = ResolvedReportsField(
        queryset=ReaderReport.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Reader error reports it resolves"),
        help_text=gettext_lazy("Ticked reports are accepted and linked to this note."),
    )

    def __init__(self, *args, article: Article, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolves"].queryset = correcting.resolvable_reports(article)  # type: ignore[attr-defined]


def _note_item(note: Correction, article: Article) -> SafeString:
    resolved = len(note.resolved_reports.all())
    when = dateformat.format(article.edition.local(note.created_at), "d E Y H:i")
    if note.created_by:
        # Translators: when a note to readers was added, and by whom (a username).
        when = _("%(date)s by %(user)s") % {"date": when, "user": note.created_by.get_username()}
    return format_html(
        "<li><strong>{}</strong>, {}: {}{}</li>",
        note.get_kind_display(),
        when,
        note.text,
        format_html(
            ' <span class="help">{}</span>',
            ngettext(
                "(resolved %(count)s reader report)",
                "(resolved %(count)s reader reports)",
                resolved,
            )
            % {"count": resolved},
        )
        if resolved
        else "",
    )


def corrections_summary(article: Article, *, can_add: bool) -> SafeString:
    """What the article screen shows: the story's notes, oldest first, and the way to add one."""
    notes = list(
        article.corrections.select_related("created_by").prefetch_related("resolved_reports")
    )
    if notes:
        listing = format_html(
            '<ol class="corrections-log">{}</ol>',
            format_html_join("", "{}", ((_note_item(note, article),) for note in notes)),
        )
    else:
        listing = format_html("<p>{}</p>", _("No corrections or updates yet."))
    if not article.is_public:
        action = (
            _("The story is not on the site, so readers do not see these notes now.")
            if notes
            else _(
                "Corrections, clarifications and updates can be added once the story is published."
            )
        )
        return format_html("{}<p>{}</p>", listing if notes else "", action)
    if not can_add:
        return format_html(
            "{}<p>{}</p>", listing, _("Adding a note takes the right to add corrections.")
        )
    return format_html(
        '{}<p><a class="button" href="{}">{}</a></p>',
        listing,
        reverse("admin:news_article_correction", args=[article.pk]),
        _("Add a correction, clarification or update…"),
    )


class CorrectionsMixin(_ModelAdmin):
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`: the "Corrections and
    updates" part of the screen and its add page."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/correction/",
                self.admin_site.admin_view(self.correction_view),
                name="news_article_correction",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and obj.pk:
            can_add = may_correct(request.user, obj)
            # Made when the page shows it, once: the admin asks for the fieldsets several
            # times per request, and only the rendered one should run the summary's queries.
            summary = lazy(cache(lambda: corrections_summary(obj, can_add=can_add)), SafeString)
            fieldsets.append(
                (_("Corrections and updates"), {"fields": [], "description": summary()})
            )
        return fieldsets

    def correction_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        story = get_object_or_404(Article.objects.select_related("edition", "section"), pk=pk)
        if not may_correct(request.user, story):
            raise PermissionDenied
        change_url = reverse("admin:news_article_change", args=[story.pk])
        if not story.is_public:
            messages.error(
                request,
                _(
                    "Corrections, clarifications and updates are notes on published stories, "
                    "and this one is not on the site: change its text instead."
                ),
            )
            return HttpResponseRedirect(change_url)
        form = CorrectionForm(request.POST or None, article=story)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            resolves = [report.pk for report in data["resolves"]]
            try:
                with transaction.atomic():
                    note = correcting.add_correction(
                        story, kind=data["kind"], text=data["text"], by=request.user,
                        resolves=resolves,
                    )  # fmt: skip
                    audit.record(
                        AuditAction.CORRECTED,
                        article=story,
                        request=request,
                        correction=note.pk,
                        kind=note.kind,
                        resolved_reports=resolves,
                    )
            except correcting.CorrectionRefused as refusal:
                messages.error(request, " ".join(refusal.messages))
                return HttpResponseRedirect(change_url)
            if resolves:
                # Translators: kind is "Correction", "Clarification" or "Update".
                done = ngettext(
                    "%(kind)s added: readers see it at the end of the story, on the corrections "
                    "page and in its feed. It resolves %(count)s reader report(s).",
                    "%(kind)s added: readers see it at the end of the story, on the corrections "
                    "page and in its feed. It resolves %(count)s reader report(s).",
                    len(resolves),
                ) % {"kind": note.get_kind_display(), "count": len(resolves)}
            else:
                # Translators: kind is "Correction", "Clarification" or "Update".
                done = _(
                    "%(kind)s added: readers see it at the end of the story, on the corrections "
                    "page and in its feed."
                ) % {"kind": note.get_kind_display()}
            messages.success(request, done)
            return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add a correction, clarification or update"),
            "subtitle": story.headline,
            "opts": self.opts,
            "original": story,
            "story": story,
            "form": form,
            "change_url": change_url,
            "notes": list(story.corrections.all()),
        }
        return TemplateResponse(request, "newsroom/add_correction.html", context)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Every note, newest first. Notes are added from their story's screen; a holder of
    ``news.change_correction`` may fix a note's wording, which readers see as an update."""

    list_display = ["created_at", "kind", "excerpt", "article_link", "edition", "created_by"]
    list_display_links = ["created_at", "excerpt"]
    list_filter = ["kind", "edition", "created_at"]
    list_select_related = ["article", "edition", "created_by"]
    search_fields = ["text", "article__headline"]
    date_hierarchy = "created_at"
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-created_at", "-pk"]
    fields = ["article_link", "kind", "text", "created_at", "created_by", "resolved"]
    readonly_fields = ["article_link", "created_at", "created_by", "resolved"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a note belongs to a story: it is added from the story's screen

    # Translators: a note to readers (a correction, clarification or update).
    @admin.display(description=gettext_lazy("note"))
    def excerpt(self, obj: Correction) -> str:
        return _excerpt(obj.text)

    @admin.display(description=gettext_lazy("story"), ordering="article__headline")
    def article_link(self, obj: Correction) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:news_article_change", args=[obj.article_id]),
            obj.article.headline,
        )

    @admin.display(description=gettext_lazy("reader reports it resolved"))
    def resolved(self, obj: Correction) -> SafeString:
        reports = list(obj.resolved_reports.all())
        if not reports:
            return format_html("{}", "—")
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:news_readerreport_change", args=[r.pk]), _excerpt(str(r)))
                for r in reports
            ),
        )

    def save_model(self, request: HttpRequest, obj: Correction, form, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and form.changed_data:
                publishing.touch(obj.article)
                audit.record(
                    AuditAction.CORRECTED,
                    article=obj.article,
                    request=request,
                    correction=obj.pk,
                    kind=obj.kind,
                    edited=sorted(form.changed_data),
                )
