"""How long a signed-in session lasts: it ends after the policy's idle time without a request,
and at the latest ``DATELINE_SESSION_MAX_DAYS`` after signing in, however busy.

Activity renews the session at most once a minute, so a busy editor's clicks do not each write
the session row. The idle limit is this middleware's to enforce (so it can say why someone was
signed out, and log it); the session's own expiry — cookie and database row — is set to a day
after the end of its lifetime, after which Django forgets it even if this middleware never sees
it again (the daily ``tidy_sign_in_records`` task deletes such rows).

Requests without a session cookie — every reader — are left alone: looking at the session would
add ``Vary: Cookie`` to public pages.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import ngettext

from dateline.accounts import events, policy
from dateline.accounts.newsroom_paths import in_newsroom

SIGNED_IN_AT = "dateline_signed_in_at"  # Unix seconds
SEEN_AT = "dateline_seen_at"  # Unix seconds, renewed at most every RENEW_SECONDS
RENEW_SECONDS = 60
# The cookie and row outlive the lifetime by this much, so that a browser coming back just
# after the end still reaches this middleware and is told why it was signed out.
GRACE = timedelta(days=1)


def _now() -> int:
    return int(timezone.now().timestamp())


def start(request: HttpRequest) -> None:
    """Starts the clocks of a session that has just signed in."""
    now = _now()
    request.session[SIGNED_IN_AT] = now
    request.session[SEEN_AT] = now
    request.session.set_expiry(timezone.now() + policy.session_lifetime() + GRACE)


def expiry_reason(request: HttpRequest, now: int) -> str | None:
    """``"idle"`` or ``"lifetime"`` when the session has ended, else ``None``."""
    signed_in_at = request.session.get(SIGNED_IN_AT)
    seen_at = request.session.get(SEEN_AT)
    if not isinstance(signed_in_at, int) or not isinstance(seen_at, int):
        return None
    if now - signed_in_at >= policy.session_lifetime().total_seconds():
        return "lifetime"
    if now - seen_at >= policy.current().idle.total_seconds():
        return "idle"
    return None


class SessionLimitsMiddleware:
    """Signs out a session that has been idle too long or lived too long, and renews an active
    one once a minute. Installed after the authentication and message middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.get(SESSION_KEY):
            self._apply(request)
        return self.get_response(request)

    def _apply(self, request: HttpRequest) -> None:
        now = _now()
        reason = expiry_reason(request, now)
        if reason is not None:
            self._sign_out(request, reason)
            return
        signed_in_at = request.session.get(SIGNED_IN_AT)
        seen_at = request.session.get(SEEN_AT)
        if not isinstance(signed_in_at, int) or not isinstance(seen_at, int):
            start(request)  # a session from before these limits: its clocks start now
        elif now - seen_at >= RENEW_SECONDS:
            request.session[SEEN_AT] = now

    def _sign_out(self, request: HttpRequest, reason: str) -> None:
        setattr(request, events.SIGN_OUT_REASON, reason)
        logout(request)
        if in_newsroom(request):
            if reason == "idle":
                text = _idle_message(policy.current().idle_minutes)
            else:
                days = policy.session_lifetime().days
                text = ngettext(
                    "Sessions last at most %(count)d day; please sign in again.",
                    "Sessions last at most %(count)d days; please sign in again.",
                    days,
                ) % {"count": days}
            messages.info(request, text)


def _idle_message(minutes: int) -> str:
    """Whole hours are said in hours, anything else in minutes."""
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext(
            "You were signed out after %(count)d hour without activity.",
            "You were signed out after %(count)d hours without activity.",
            hours,
        ) % {"count": hours}
    return ngettext(
        "You were signed out after %(count)d minute without activity.",
        "You were signed out after %(count)d minutes without activity.",
        minutes,
    ) % {"count": minutes}


def _signed_in(sender, request: HttpRequest | None, user, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        start(request)


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="accounts.session_clocks")
