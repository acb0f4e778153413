"""An account's own two-factor pages in the newsroom: the overview, setting up an authenticator
app, new backup codes and turning two-factor off.

Every view here is wrapped in ``NewsroomSite.admin_view``: only active staff reach it, and an
account with an authenticator only after entering a code in this session. Backup codes are
shown in the response that made them and never again.
"""

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from dateline.accounts import events, policy, two_factor
from dateline.accounts.forms import EnrolForm, PasswordConfirmForm
from dateline.accounts.models import EventKind


def _render(
    request: HttpRequest, site: AdminSite, template: str, title: str, **context
) -> TemplateResponse:
    request.current_app = site.name
    return TemplateResponse(
        request,
        template,
        {
            **site.each_context(request),
            "title": title,
            "required": policy.current().require_two_factor,
            **context,
        },
    )


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def overview(request: HttpRequest, site: AdminSite) -> HttpResponse:
    user = request.user
    enabled = two_factor.has_two_factor(user)
    return _render(
        request,
        site,
        "accounts/security.html",
        _("Two-factor sign-in"),
        enabled=enabled,
        backup_codes_left=two_factor.backup_codes_left(user) if enabled else 0,
    )


@sensitive_post_parameters("code")
def enrol(request: HttpRequest, site: AdminSite) -> HttpResponse:
    user = request.user
    if two_factor.has_two_factor(user):
        messages.info(request, _("Two-factor sign-in is already on for your account."))
        return redirect("admin:account-security")
    device = two_factor.start_enrolment(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_enrolment(device, form.cleaned_data["code"]):
            device.refresh_from_db()
            request.session.cycle_key()
            otp_login(request, device)
            codes = two_factor.new_backup_codes(user)
            events.record(EventKind.TWO_FACTOR_ON, request=request, user=user)
            return _render(
                request,
                site,
                "accounts/backup_codes.html",
                _("Your backup codes"),
                codes=codes,
                just_enrolled=True,
                next=_safe_next(request),
            )
        form.add_error(
            "code",
            _(
                "That code is not right. Check that your phone's clock is set automatically, wait "
                "for the next code and type it in."
            ),
        )
    return _render(
        request,
        site,
        "accounts/enrol.html",
        _("Set up two-factor sign-in"),
        form=form,
        qr_code=two_factor.qr_code_data_uri(device),
        secret=two_factor.secret_text(device),
        next=_safe_next(request),
    )


def backup_codes(request: HttpRequest, site: AdminSite) -> HttpResponse:
    """New backup codes (POST only): the old ones stop working."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect("admin:two-factor-enrol")
    codes = two_factor.new_backup_codes(user)
    events.record(EventKind.BACKUP_CODES, request=request, user=user)
    return _render(
        request, site, "accounts/backup_codes.html", _("Your backup codes"), codes=codes, next=""
    )


@sensitive_post_parameters("password")
def disable(request: HttpRequest, site: AdminSite) -> HttpResponse:
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect("admin:account-security")
    form = PasswordConfirmForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        two_factor.turn_off(user)
        events.record(EventKind.TWO_FACTOR_OFF, request=request, user=user)
        messages.success(request, _("Two-factor sign-in is off for your account."))
        return redirect("admin:account-security")
    return _render(
        request, site, "accounts/disable.html", _("Turn off two-factor sign-in"), form=form
    )
