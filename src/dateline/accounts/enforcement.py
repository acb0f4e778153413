"""The policy "require two-factor for every newsroom account", enforced on every newsroom URL.

A signed-in staff account without an authenticator is sent to set one up, whatever newsroom
address it asks for and whatever the method: a direct POST to a change form is redirected
like a page view, and nothing it sent is acted on. Only the set-up page itself, signing in and
signing out stay open. An account that has an authenticator but has not entered a code in
this session is the admin site's business: it is asked for a code (``NewsroomSite``).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from dateline.accounts import policy, two_factor
from dateline.accounts.newsroom_paths import in_newsroom

# Newsroom pages an account that must set up two-factor can still open (admin URL names).
OPEN_WHILE_ENROLLING = ("admin:two-factor-enrol", "admin:logout", "admin:login")


def must_enrol(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_authenticated and user.is_staff and user.is_active):
        return False
    if not policy.current().require_two_factor:
        return False
    return not two_factor.session_is_verified(request) and not two_factor.has_two_factor(user)


class TwoFactorRequiredMiddleware:
    """Installed after ``OTPMiddleware`` and ``SessionLimitsMiddleware``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and in_newsroom(request)
            and request.path not in {reverse(name) for name in OPEN_WHILE_ENROLLING}
            and must_enrol(request)
        ):
            enrol = reverse("admin:two-factor-enrol")
            query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
            return HttpResponseRedirect(f"{enrol}?{query}")
        return self.get_response(request)
