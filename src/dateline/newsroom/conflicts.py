"""Edit conflicts on the article screen.

The change form carries the story's version as it was opened (a hidden ``edit_version``
field). A save from an older version saves nothing and answers the conflict page (HTTP 409):
their saved version, everything the editor typed, the word diff between the two, and two ways
on — save theirs over it (a second POST carrying the current version), or open the saved
version with the typed text kept beside the form (in the session) for copying.

The version check itself is :func:`dateline.editorial.conflicts.claim_edit`, run inside the
admin's transaction; a save already stale when it arrives is answered before its form is
validated, since the other save may have removed rows the form still names.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dateline.editorial import diffing
from dateline.editorial import revisions as history
from dateline.editorial.conflicts import EditConflict, claim_edit
from dateline.lib.sanitize import clean_body_html
from dateline.news.models import Article, ArticleAuthor, Author, Tag
from dateline.newsroom.story_access import checked_story

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin
else:
    _ModelAdmin = object

VERSION_FIELD = "edit_version"
STALE_FORM = gettext_lazy(
    "This form does not say which version of the story it was opened from, so saving it could "
    "overwrite someone else's work: copy your changes, reload the story and make them again."
)
# What a save button asked for besides saving; "keep my version" repeats it (and the workflow
# checks it again), so the page says so.
REPEATED_BUTTONS = {
    "_submit": gettext_lazy("As you asked, this will also submit it for review."),
    "_return": gettext_lazy("As you asked, this will also return it to the reporter."),
    "_publish": gettext_lazy("As you asked, this will also publish it."),
    "_schedule": gettext_lazy("As you asked, this will also schedule it."),
    "_unpublish": gettext_lazy("As you asked, this will also unpublish it."),
}
# Text typed in a save that lost an edit conflict, kept in the editor's session (per story)
# so it stays beside the form while they copy from it.
KEPT_EDITS = "dateline.kept_edits"


class _TypedConflict(Exception):
    """An :class:`EditConflict`, with what the editor typed (as a snapshot) attached."""

    def __init__(self, conflict: EditConflict, typed: dict[str, Any]) -> None:
        super().__init__(str(conflict))
        self.conflict = conflict
        self.typed = typed


def typed_byline(request: HttpRequest) -> list[Author]:
    """The byline as submitted in the inline rows (position order, deleted rows left out)."""
    prefix = ArticleAuthor._meta.get_field("article").remote_field.get_accessor_name() or ""
    post = request.POST
    try:
        total = min(int(post.get(f"{prefix}-TOTAL_FORMS") or 0), 1000)
    except ValueError:
        total = 0
    rows: list[tuple[int, int, int]] = []
    for index in range(total):
        chosen = post.get(f"{prefix}-{index}-author", "")
        if not chosen.isdigit() or post.get(f"{prefix}-{index}-DELETE"):
            continue
        place = post.get(f"{prefix}-{index}-position", "")
        rows.append((int(place) if place.isdigit() else 0, index, int(chosen)))
    people = Author.objects.in_bulk([author_id for _place, _index, author_id in rows])
    byline: list[Author] = []
    for _place, _index, author_id in sorted(rows):
        if author_id in people and people[author_id] not in byline:
            byline.append(people[author_id])
    return byline


def typed_snapshot(request: HttpRequest, form) -> dict[str, Any]:
    """What the editor typed, as a snapshot: text exactly as submitted (even where the form
    found fault with it), other fields as the form read them, the byline from its rows."""
    if "tags" in getattr(form, "cleaned_data", {}):
        tags = list(form.cleaned_data["tags"])
    else:
        wanted = [value for value in request.POST.getlist("tags") if value.isdigit()]
        tags = list(Tag.objects.filter(pk__in=wanted))
    typed = history.snapshot(form.instance, tags=tags, byline=typed_byline(request))
    for name in (*diffing.TEXT_FIELDS, "slug"):
        if name in request.POST:
            typed[name] = request.POST[name]
    return typed


def fields_for_display(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """Every field of a snapshot, labelled; text fields also raw, for copying."""
    return [
        {
            "name": name,
            "label": diffing.field_label(name),
            "value": diffing.display(snapshot, name),
            "raw": (snapshot.get(name) or "") if name in diffing.TEXT_FIELDS else None,
        }
        for name in history.SNAPSHOT_FIELDS
    ]


class EditConflictsMixin(_ModelAdmin):
    """Part of :class:`dateline.newsroom.revisions.RevisionsMixin`."""

    def get_form(self, request: HttpRequest, obj: Article | None = None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        if obj is None:
            return form_class
        started_from = obj.version

        class VersionedForm(form_class):  # type: ignore[misc, valid-type]
            edit_version = forms.IntegerField(
                required=False, min_value=0, initial=started_from, widget=forms.HiddenInput
            )

            def clean(self) -> dict[str, Any]:
                data = super().clean()
                if self.cleaned_data.get(VERSION_FIELD) is None:
                    raise ValidationError(STALE_FORM, code="stale")
                return data

        VersionedForm.__name__ = form_class.__name__
        return VersionedForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            stale = self._stale_save(request, object_id)
            if stale is not None:
                return stale
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _TypedConflict as lost:
            # The admin's transaction has been rolled back: nothing of this save was kept.
            return self.conflict_view(request, lost.conflict.article_id, lost.typed)

    def _stale_save(self, request: HttpRequest, object_id: str) -> HttpResponse | None:
        """The conflict page at once for a save from an old version, before the form is
        validated: the other save may have removed rows (a byline entry) this form still
        names, and the editor should see the conflict, not errors about those rows.

        Saves that only become stale while they run are caught by :func:`claim_edit`.
        """
        raw = request.POST.get(VERSION_FIELD, "")
        if not raw.isdigit():
            return None  # the form itself says what is wrong
        story = self.get_object(request, unquote(object_id))
        if story is None or story.version == int(raw):
            return None
        if not self.has_change_permission(request, story):
            return None  # the admin refuses it as usual
        form_class = self.get_form(
            request,
            story,
            change=True,
            fields=flatten_fieldsets(self.get_fieldsets(request, story)),
        )
        form = form_class(request.POST, request.FILES, instance=story)
        form.is_valid()  # applies what it can to the unsaved story, for display only
        return self.conflict_view(request, story.pk, typed_snapshot(request, form))

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if change:
            try:
                claim_edit(obj, form.cleaned_data.get(VERSION_FIELD))
            except EditConflict as conflict:
                raise _TypedConflict(conflict, typed_snapshot(request, form)) from None
            history.ensure_baseline(obj.pk)
        super().save_model(request, obj, form, change)

    # --- The conflict page ----------------------------------------------------------------

    def conflict_view(
        self, request: HttpRequest, article_id: int, yours: dict[str, Any]
    ) -> HttpResponse:
        """Their saved version beside ``yours`` (what the editor typed), with the choices."""
        current = (
            Article.objects.select_related("edition", "section", "source", "picture")
            .filter(pk=article_id)
            .first()
        )
        if current is None:
            raise Http404("The story was deleted while you were editing it.")
        theirs = history.snapshot(current)
        self._keep_typed(request, current, yours)
        repost = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in ("csrfmiddlewaretoken", VERSION_FIELD)
            for value in values
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Someone else saved this story while you were editing"),
            "original": current,
            "latest": history.latest(current.pk),
            "comparison": diffing.compare(theirs, yours),
            "yours": fields_for_display(yours),
            "theirs": fields_for_display(theirs),
            "theirs_body_text": diffing.body_text(theirs.get("body", "")),
            "repost": repost,
            "version_field": VERSION_FIELD,
            "current_version": current.version,
            "files_not_kept": [
                upload.name for field in request.FILES for upload in request.FILES.getlist(field)
            ],
            "repeats": [label for name, label in REPEATED_BUTTONS.items() if name in request.POST],
            "change_url": reverse("admin:news_article_change", args=[current.pk]),
            "may_change": self.has_change_permission(request, current),
        }
        return TemplateResponse(request, "admin/news/article/conflict.html", context, status=409)

    # --- The typed text, kept beside the form -------------------------------------------

    def _keep_typed(self, request: HttpRequest, story: Article, typed: dict[str, Any]) -> None:
        kept = dict(request.session.get(KEPT_EDITS, {}))
        kept[str(story.pk)] = {"at": timezone.now().isoformat(), "snapshot": typed}
        request.session[KEPT_EDITS] = kept

    def forget_kept_if_saved(
        self, request: HttpRequest, story: Article, saved: dict[str, Any]
    ) -> None:
        """Kept text that is now the story (the editor chose to save theirs over the other
        version, or copied all of it) is no longer "unsaved"."""
        kept = dict(request.session.get(KEPT_EDITS, {}))
        entry = kept.get(str(story.pk))
        if entry is None:
            return
        typed = {**entry["snapshot"], "body": clean_body_html(entry["snapshot"].get("body", ""))}
        if not history.changed_fields(typed, saved):
            del kept[str(story.pk)]
            request.session[KEPT_EDITS] = kept

    def render_change_form(
        self, request: HttpRequest, context: dict, add=False, change=False, form_url="", obj=None
    ):
        kept = request.session.get(KEPT_EDITS, {}).get(str(obj.pk)) if obj is not None else None
        if kept:
            # The text always (to copy from); other fields only where they differ from the form.
            now = history.snapshot(obj)
            context["kept_edit"] = {
                "at": datetime.fromisoformat(kept["at"]),
                "fields": [
                    field
                    for field in fields_for_display(kept["snapshot"])
                    if field["raw"] is not None
                    or kept["snapshot"].get(field["name"]) != now.get(field["name"])
                ],
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/kept-text/discard/",
                self.admin_site.admin_view(require_POST(self.discard_kept_view)),
                name="news_article_kept_discard",
            ),
            *super().get_urls(),
        ]

    def discard_kept_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        story = checked_story(self, request, pk)
        kept = dict(request.session.get(KEPT_EDITS, {}))
        if kept.pop(str(story.pk), None) is not None:
            request.session[KEPT_EDITS] = kept
            messages.info(request, _("Your unsaved text was discarded."))
        return HttpResponseRedirect(reverse("admin:news_article_change", args=[story.pk]))
