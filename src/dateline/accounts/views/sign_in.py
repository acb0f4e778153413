"""Signing in to the newsroom: the password, then — for an account with an authenticator — a
six-digit code or a backup code.

After the right password such an account is *not* signed in: the session only remembers, for
:data:`PENDING_SECONDS`, who passed the first step. Every newsroom page stays closed until the
code is entered. Wrong codes count towards the same lockout as wrong passwords, and the code
step refuses to check anything while the username is locked out at this address.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from dateline.accounts import events, lockout, two_factor
from dateline.accounts.forms import CodeForm
from dateline.accounts.models import EventKind

PENDING = "dateline_pending_sign_in"
PENDING_SECONDS = 5 * 60
# Backup codes left below which the page after signing in suggests making new ones.
FEW_BACKUP_CODES = 3


@dataclass(frozen=True)
class Pending:
    """Who passed the password step in this browser, and where they were going."""

    user_id: int
    backend: str
    started: int
    next: str

    @property
    def expired(self) -> bool:
        return timezone.now().timestamp() - self.started > PENDING_SECONDS


def begin(request: HttpRequest, user, *, backend: str, next_url: str) -> None:
    # A new session key for the half-signed-in state, as Django does for a full sign-in.
    request.session.cycle_key()
    request.session[PENDING] = {
        "user_id": user.pk,
        "backend": backend,
        "started": int(timezone.now().timestamp()),
        "next": next_url,
    }


def pending(request: HttpRequest) -> Pending | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    try:
        found = Pending(**data)
    except TypeError:
        return None
    return None if found.expired else found


def forget(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


class PasswordStepView(LoginView):
    """Django's admin login, except that an account with an authenticator goes on to the code
    step instead of being signed in."""

    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"

    def get_default_redirect_url(self) -> str:
        return reverse("admin:index")

    def form_valid(self, form) -> HttpResponse:
        user = form.get_user()
        if two_factor.has_two_factor(user):
            begin(self.request, user, backend=user.backend, next_url=self.get_success_url())
            return redirect("admin:two-factor-code")
        return super().form_valid(form)


@never_cache
def password_step(
    request: HttpRequest, site: AdminSite, extra_context: dict | None = None
) -> HttpResponseBase:
    """``NewsroomSite.login``: the admin's login page, with the two-factor step after it."""
    redirect_url = LoginView().get_redirect_url(request) or reverse("admin:index")
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(redirect_url)
    if (
        request.method == "GET"
        and request.user.is_authenticated
        and request.user.is_active
        and request.user.is_staff
        and not two_factor.session_passes(request)
    ):
        # Signed in before the account turned two-factor on (another browser): the code now.
        begin(request, request.user, backend="", next_url=redirect_url)
        return redirect("admin:two-factor-code")
    context = {
        **site.each_context(request),
        "title": _("Sign in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
        REDIRECT_FIELD_NAME: redirect_url,
        **(extra_context or {}),
    }
    request.current_app = site.name
    return PasswordStepView.as_view(extra_context=context)(request)


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def code_step(request: HttpRequest, site: AdminSite) -> HttpResponse:
    state = pending(request)
    user = None
    if state is not None:
        user = get_user_model()._default_manager.filter(pk=state.user_id, is_active=True).first()
    if state is None or user is None:
        if PENDING in request.session:
            forget(request)
            messages.info(request, _("Please sign in again: the code was not entered in time."))
        return redirect("admin:login")
    username = user.get_username()

    if request.method == "POST" and "cancel" in request.POST:
        forget(request)
        if request.user.is_authenticated:
            logout(request)
        return redirect("admin:login")

    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if lockout.is_locked_out(request, username):
            forget(request)
            events.record(EventKind.REFUSED, request=request, user=user, step="code")
            return lockout.lockout_response(request, credentials={"username": username})
        if form.is_valid():
            result = two_factor.check(user, form.cleaned_data["code"])
            if result.device is not None:
                return _complete(request, user, state, result)
            if result.wait_until is not None:
                seconds = max(int((result.wait_until - timezone.now()).total_seconds()), 1)
                form.add_error(
                    None,
                    ngettext(
                        "Several wrong codes in a row: wait %(count)d second before trying again.",
                        "Several wrong codes in a row: wait %(count)d seconds before trying again.",
                        seconds,
                    )
                    % {"count": seconds},
                )
            else:
                form.add_error(
                    "code",
                    _(
                        "That code is not right, or was already used. Wait for the next code in "
                        "the app and try again."
                    ),
                )
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": username, "stage": events.CODE_STAGE},
                    request=request,
                )
                if getattr(request, "axes_locked_out", False):
                    # django-axes' middleware answers with the lockout page.
                    forget(request)

    context = {
        **site.each_context(request),
        "title": _("Two-factor sign-in"),
        "subtitle": None,
        "form": form,
        "username": username,
        "app_path": request.get_full_path(),
    }
    request.current_app = site.name
    return TemplateResponse(request, "accounts/code_step.html", context)


def _complete(request: HttpRequest, user, state: Pending, result: two_factor.Check) -> HttpResponse:
    method = "backup code" if result.backup_code else "authenticator app"
    forget(request)
    if request.user.is_authenticated and request.user.pk == user.pk:
        # Already signed in (before two-factor was turned on): only the code was missing.
        request.session.cycle_key()
        events.record(EventKind.SIGNED_IN, request=request, user=user, second_step=method)
    else:
        setattr(request, events.SIGN_IN_METHOD, method)
        auth_login(request, user, backend=state.backend or None)
    otp_login(request, result.device)
    if result.backup_code:
        left = two_factor.backup_codes_left(user)
        if left <= FEW_BACKUP_CODES:
            messages.warning(
                request,
                ngettext(
                    "You have %(count)d backup code left. "
                    "Make new ones under “Two-factor sign-in”.",
                    "You have %(count)d backup codes left. "
                    "Make new ones under “Two-factor sign-in”.",
                    left,
                )
                % {"count": left},
            )
    return HttpResponseRedirect(state.next or reverse("admin:index"))
