"""Newsroom screens for administrators: the security policy and everyone's authenticator apps.

django-otp's own device screens are replaced: they would show other people's secret keys. The
sign-in log is a screen of the newsroom's audit pages (``dateline.newsroom.audit``).
"""

from axes.models import AccessFailureLog, AccessLog
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline.accounts import events, policy, two_factor
from dateline.accounts.models import Authenticator, EventKind, SecurityPolicy
from dateline.accounts.permissions import is_security_administrator

for model in (TOTPDevice, StaticDevice, AccessLog, AccessFailureLog):
    # The access logs of django-axes are off (Dateline's sign-in log records the same).
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(SecurityPolicy)
class SecurityPolicyAdmin(admin.ModelAdmin):
    """One page: the list goes straight to the form of the single row."""

    fields = ["require_two_factor", "idle_minutes", "changed_at", "changed_by"]
    readonly_fields = ["changed_at", "changed_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)  # the admin's own 403
        row = policy.stored()
        return HttpResponseRedirect(reverse("admin:accounts_securitypolicy_change", args=[row.pk]))

    def save_model(self, request: HttpRequest, obj: SecurityPolicy, form, change: bool) -> None:
        policy.save(obj, by=request.user)
        events.record(
            EventKind.POLICY_CHANGED,
            request=request,
            require_two_factor=obj.require_two_factor,
            idle_minutes=obj.idle_minutes,
        )

    def response_change(self, request: HttpRequest, obj: SecurityPolicy):
        self.message_user(request, _("The security policy is saved; it applies within a minute."))
        return HttpResponseRedirect(request.path)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Who has two-factor on, and a reset for a lost phone: deleting an authenticator removes
    the account's backup codes too, and the account sets up a new app at its next sign-in."""

    list_display = ["user", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    actions = ["delete_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) or is_security_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) or is_security_administrator(
            request.user
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or is_security_administrator(request.user)

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        self._reset(request, [obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._reset(request, list(queryset.select_related("user")))

    def _reset(self, request: HttpRequest, devices: list[Authenticator]) -> None:
        for device in devices:
            two_factor.turn_off(device.user)
            events.record(
                EventKind.TWO_FACTOR_RESET,
                request=request,
                user=device.user,
                by=request.user.get_username(),
            )
