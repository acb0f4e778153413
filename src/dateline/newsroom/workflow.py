"""Review workflow on the article screen:
submit, return, publish within one's desks, embargo, scheduling in the edition's time zone.

The buttons call verbs in :mod:`dateline.news.publishing`; who may press which button on
which story is asked of :mod:`dateline.newsroom.roles`, on every request — a button that is
not shown is also refused when its name arrives in a forged POST.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from dateline.news import publishing
from dateline.news.models import Article, Edition, Section, Status
from dateline.newsroom import roles

# The submit row's buttons, each naming a verb; at most one is pressed per request.
BUTTONS = ("_submit", "_return", "_publish", "_schedule", "_unpublish")
RETURN_REASON = "return_reason"
# Dates for people, in the active language: "05 March 2014 12:00".
HUMAN_TIME = "d E Y H:i"


def pressed(request: HttpRequest) -> str | None:
    return next((name for name in BUTTONS if name in request.POST), None)


def zone_label(moment: datetime | None = None) -> str:
    """``Asia/Baku, UTC+04:00``: the active time zone and its offset at ``moment`` (now)."""
    local = timezone.localtime(moment or timezone.now())
    offset = local.strftime("%z") or "+0000"
    return f"{timezone.get_current_timezone_name()}, UTC{offset[:3]}:{offset[3:]}"


def check_times(
    form: forms.ModelForm, *, button: str | None, original_status: str, live: bool
) -> None:
    """Form errors for times that would break the embargo or the schedule.

    Runs before anything is saved, so a refused publication leaves the story as it was. The
    verbs check the embargo again; this gives the editor the message next to the field.
    """
    data = form.cleaned_data
    at: datetime | None = data.get("published_at")
    embargo: datetime | None = data.get("embargo_until")
    now = timezone.now()
    field = "embargo_until" if "embargo_until" in form.changed_data else "published_at"
    if button == "_schedule" and (at is None or at <= now):
        form.add_error(
            "published_at", _("To schedule the story, set a publication time in the future.")
        )
        return
    if button in ("_publish", "_schedule"):
        going_live = at or now
    elif original_status == Status.SCHEDULED and not live:
        if at is None or at <= now:
            if "published_at" in form.changed_data:
                form.add_error(
                    "published_at",
                    _(
                        "A scheduled story needs a time in the future; to put it on the site "
                        "now, press “Save and publish”."
                    ),
                )
            return
        going_live = at
    elif live and "embargo_until" in form.changed_data and embargo and embargo > now:
        form.add_error(
            "embargo_until",
            _(
                "This story is already on the site, so an embargo cannot hold it back; a chief "
                "editor can unpublish it first."
            ),
        )
        return
    else:
        return
    if embargo is not None and going_live < embargo:
        form.add_error(
            field,
            # Translators: zone is a time zone and its offset, e.g. "Asia/Baku, UTC+04:00".
            _(
                "The story is embargoed until %(until)s (%(zone)s) and would appear at "
                "%(at)s. Schedule it for the embargo time or later, or clear the embargo if it "
                "has been lifted."
            )
            % {
                "until": dateformat.format(timezone.localtime(embargo), HUMAN_TIME),
                "zone": zone_label(embargo),
                "at": dateformat.format(timezone.localtime(going_live), HUMAN_TIME),
            },
        )


class WorkflowMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""

    actions: Sequence[Any] | None = ["publish_selected", "unpublish_selected"]

    @property
    def media(self) -> forms.Media:
        css: dict[str, Sequence[str]] = {"all": ["newsroom/workflow.css"]}
        return super().media + forms.Media(css=css)  # type: ignore[misc]

    # --- Who sees and changes what -----------------------------------------------------

    def get_queryset(self, request: HttpRequest):
        return roles.visible_stories(request.user, super().get_queryset(request))  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        allowed = super().has_change_permission(request, obj)  # type: ignore[misc]
        return allowed and (obj is None or roles.may_edit(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        allowed = super().has_delete_permission(request, obj)  # type: ignore[misc]
        return allowed and (obj is None or roles.may_delete(request.user, obj))

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("news.publish_article")

    def has_unpublish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("news.unpublish_article")

    def may_preview(self, request: HttpRequest, story: Article) -> bool:
        return roles.may_preview(request.user, story)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        # An editor files stories only in the editions and sections of their desks; a choice
        # outside them is refused by the form like any other invalid choice.
        if roles.is_desk_bound(request.user):
            if db_field.name == "edition":
                kwargs["queryset"] = Edition.objects.filter(roles.desk_editions(request.user))
            elif db_field.name == "section":
                kwargs["queryset"] = Section.objects.filter(
                    roles.desk_sections(request.user)
                ).select_related("edition")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if isinstance(db_field, models.DateTimeField) and formfield is not None:
            # Read and written in the story's edition's zone (see NewsroomTimeZoneMiddleware).
            # Translators: zone is a time zone and its offset, e.g. "Asia/Baku, UTC+04:00".
            zone = _("Time in %(zone)s.") % {"zone": zone_label()}
            formfield.help_text = f"{formfield.help_text} {zone}".strip()
        return formfield

    def get_form(self, request: HttpRequest, obj: Article | None = None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)  # type: ignore[misc]
        button = pressed(request) if request.method == "POST" else None
        status = obj.status if obj is not None else Status.DRAFT
        live = bool(obj is not None and obj.is_public)
        reason = request.POST.get(RETURN_REASON, "") if request.method == "POST" else ""

        class WorkflowForm(form_class):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                data = super().clean()
                check_times(self, button=button, original_status=status, live=live)
                if button == "_return" and not reason.strip():
                    self.add_error(
                        None, _("Say what the story needs before returning it to the reporter.")
                    )
                return data

        WorkflowForm.__name__ = form_class.__name__
        return WorkflowForm

    # --- Saving, and the audit log ------------------------------------------------------

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if not change:
            publishing.record_creation(obj, user=request.user, request=request)
            return
        publishing.record_edit(obj, set(form.changed_data), user=request.user, request=request)
        if (
            obj.status == Status.SCHEDULED
            and "published_at" in form.changed_data
            and pressed(request) is None
            and obj.published_at is not None
        ):
            # Moving a scheduled story's time is rescheduling: the verb queues the new time
            # and checks it against the embargo again.
            try:
                publishing.schedule(obj, at=obj.published_at, user=request.user, request=request)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))

    def delete_model(self, request: HttpRequest, obj: Article) -> None:
        publishing.record_deletion(obj, user=request.user, request=request)
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for story in queryset:
            if not roles.may_delete(request.user, story):
                raise PermissionDenied
            publishing.record_deletion(story, user=request.user, request=request)
        super().delete_queryset(request, queryset)  # type: ignore[misc]

    # --- The buttons ----------------------------------------------------------------------

    def render_change_form(
        self, request: HttpRequest, context: dict, add=False, change=False, form_url="", obj=None
    ):
        user = request.user
        story = obj if obj is not None else Article(status=Status.DRAFT)
        may_save = self.has_change_permission(request, obj) if obj else True
        context["workflow"] = {
            "status": story.status,
            # Translators: the status of a story not saved yet.
            "status_label": _("New") if obj is None else self._status_text(story),
            "may_save": may_save,
            "may_submit": may_save and roles.may_submit(user, story),
            "may_return": obj is not None and roles.may_return(user, story),
            "may_publish": may_save
            and story.status != Status.PUBLISHED
            and (
                roles.may_publish(user, story)
                if obj is not None
                else user.has_perm("news.publish_article")
            ),
            "may_unpublish": obj is not None
            and story.status in (Status.PUBLISHED, Status.SCHEDULED)
            and roles.may_unpublish(user, story),
            "zone": zone_label(),
            "edition": story.edition if obj is not None else None,
            "embargoed_until": story.embargo_until
            if story.embargo_until and story.embargo_until > timezone.now()
            else None,
            "return_reason": RETURN_REASON,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)  # type: ignore[misc]

    @staticmethod
    def _status_text(story: Article) -> str:
        if story.status == Status.SCHEDULED and story.published_at:
            local = timezone.localtime(story.published_at)
            if story.published_at <= timezone.now():
                return _("Scheduled (overdue, visible)")
            return _("Scheduled for %(time)s") % {"time": dateformat.format(local, HUMAN_TIME)}
        return story.get_status_display()

    def response_add(self, request: HttpRequest, obj: Article, post_url_continue=None):
        if not self._apply_workflow_button(request, obj):
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)  # type: ignore[misc]

    def response_change(self, request: HttpRequest, obj: Article):
        if not self._apply_workflow_button(request, obj):
            return HttpResponseRedirect(reverse("admin:news_article_change", args=[obj.pk]))
        return super().response_change(request, obj)  # type: ignore[misc]

    def _apply_workflow_button(self, request: HttpRequest, obj: Article) -> bool:
        """Applies the pressed button's verb; ``False`` when refused (the story was saved,
        and the editor is sent back to it with the reason)."""
        button = pressed(request)
        if button is None:
            return True
        user = request.user
        allowed = {
            "_submit": roles.may_submit,
            "_return": roles.may_return,
            "_publish": roles.may_publish,
            "_schedule": roles.may_publish,
            "_unpublish": roles.may_unpublish,
        }[button](user, obj)
        if not allowed:
            messages.error(request, self._refusal(button, obj))
            return False
        try:
            if button == "_submit":
                publishing.submit_for_review(obj, user=user, request=request)
                messages.success(
                    request, _("Submitted for review. An editor of the desk takes it from here.")
                )
            elif button == "_return":
                publishing.return_to_draft(
                    obj, reason=request.POST.get(RETURN_REASON, ""), user=user, request=request
                )
                messages.success(request, _("Returned to the reporter with your note."))
            elif button in ("_publish", "_schedule"):
                if button == "_schedule":
                    if obj.published_at is None:
                        raise publishing.PublishingError(
                            _("Set a publication time in the future to schedule the story.")
                        )
                    story = publishing.schedule(
                        obj, at=obj.published_at, user=user, request=request
                    )
                else:
                    story = publishing.publish(obj, at=obj.published_at, user=user, request=request)
                if story.status == Status.SCHEDULED and story.published_at:
                    local = timezone.localtime(story.published_at)
                    messages.success(
                        request,
                        # Translators: zone is a time zone and its offset, e.g.
                        # "Asia/Baku, UTC+04:00".
                        _("Scheduled for %(time)s (%(zone)s).")
                        % {
                            "time": dateformat.format(local, HUMAN_TIME),
                            "zone": zone_label(story.published_at),
                        },
                    )
                else:
                    messages.success(request, _("Published. It is on the site now."))
            else:
                publishing.unpublish(obj, user=user, request=request)
                messages.warning(request, _("Unpublished. The story is no longer on the site."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return False
        return True

    @staticmethod
    def _refusal(button: str, story: Article) -> str:
        if button in ("_publish", "_schedule"):
            return _("Saved, but you may not publish this story: ask an editor of its desk.")
        if button == "_unpublish":
            return _("Saved, but only a chief editor may unpublish a story.")
        if button == "_return":
            return _(
                "Saved, but only an editor of the story's desk may return it, while in review."
            )
        return _("Saved, but this story cannot be submitted for review now.")

    # --- Actions on the list ----------------------------------------------------------------

    @admin.action(description=gettext_lazy("Publish selected stories"), permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset) -> None:
        done = 0
        for story in queryset.select_related("edition"):
            if not roles.may_publish(request.user, story):
                messages.error(
                    request, _("%(story)s: outside your desks, left as it was.") % {"story": story}
                )
                continue
            try:
                publishing.publish(story, user=request.user, request=request)
                done += 1
            except ValidationError as error:
                messages.error(request, f"{story}: {' '.join(error.messages)}")
        messages.success(
            request,
            ngettext("Published %(count)d stories.", "Published %(count)d stories.", done)
            % {"count": done},
        )

    @admin.action(description=gettext_lazy("Unpublish selected stories"), permissions=["unpublish"])
    def unpublish_selected(self, request: HttpRequest, queryset) -> None:
        done = 0
        for story in queryset:
            if not roles.may_unpublish(request.user, story):
                messages.error(
                    request, _("%(story)s: outside your desks, left as it was.") % {"story": story}
                )
                continue
            publishing.unpublish(story, user=request.user, request=request)
            done += 1
        messages.warning(
            request,
            ngettext("Unpublished %(count)d stories.", "Unpublished %(count)d stories.", done)
            % {"count": done},
        )
