"""The audit screens: the log of publishing actions, and beside it the sign-in log.

Both are read-only for everyone, superusers included: no add, change or delete, no bulk
actions, and a forged POST meets the admin's own permission check. The publishing log is for
holders of ``editorial.view_auditentry`` (chief editors); the sign-in log for security
administrators (see :func:`dateline.accounts.permissions.is_security_administrator`).

A list page costs the same few queries however long the log grows: every column is a field of
the row itself (names and headlines are copied when the entry is written), the story link is
built from ``article_id`` alone, and the total is not counted twice.
"""

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dateline.accounts.models import SignInEvent
from dateline.accounts.permissions import is_security_administrator
from dateline.editorial.models import AuditEntry

# Dates in the newsroom's zone (NewsroomTimeZoneMiddleware), with the zone written out.
WHEN_FORMAT = "j M Y, H:i:s T"


def _when(moment) -> str:
    return dateformat.format(timezone.localtime(moment), WHEN_FORMAT)


def _detail(detail: dict) -> str:
    return "; ".join(f"{key.replace('_', ' ')}: {value}" for key, value in sorted(detail.items()))


class ReadOnlyLogAdmin(admin.ModelAdmin):
    """A log is written by the code that acts, never through a form."""

    actions = None
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return [field.name for field in self.model._meta.fields]

    @admin.display(description=gettext_lazy("when"), ordering="at")
    def when(self, entry) -> str:
        return _when(entry.at)

    @admin.display(description=gettext_lazy("who"), ordering="username")
    def who(self, entry) -> str:
        return entry.username or "—"

    @admin.display(description=gettext_lazy("details"))
    def details(self, entry) -> str:
        return _detail(entry.detail or {})


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyLogAdmin):
    list_display = ["when", "who", "action", "story", "ip", "details"]
    list_filter = ["action", "user", ("at", admin.DateFieldListFilter)]
    search_fields = ["article_headline", "username"]
    search_help_text = gettext_lazy("Search by headline or username.")

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.has_perm("editorial.view_auditentry")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request) or super().has_module_permission(request)

    @admin.display(description=gettext_lazy("who"), ordering="username")
    def who(self, entry: AuditEntry) -> str:
        # Translators: who did an action done by no one signed in (the publishing worker).
        return entry.username or _("the scheduler")

    @admin.display(description=gettext_lazy("story"), ordering="article_headline")
    def story(self, entry: AuditEntry) -> str:
        if entry.article_id is None:
            return entry.article_headline or "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:news_article_change", args=[entry.article_id]),
            entry.article_headline or _("Story %(number)s") % {"number": entry.article_id},
        )


@admin.register(SignInEvent)
class SignInEventAdmin(ReadOnlyLogAdmin):
    list_display = ["when", "who", "kind", "ip", "browser", "details"]
    list_filter = ["kind", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "=ip"]
    search_help_text = gettext_lazy("Search by username, or by an exact address.")

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and (
            request.user.has_perm("accounts.view_signinevent")
            or is_security_administrator(request.user)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request) or super().has_module_permission(request)

    @admin.display(description=gettext_lazy("browser"))
    def browser(self, event: SignInEvent) -> str:
        agent = event.user_agent
        return agent if len(agent) <= 60 else agent[:59] + "…"
