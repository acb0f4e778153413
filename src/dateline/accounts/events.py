"""The sign-in log: one call per event, and the receivers that turn Django's and django-axes'
signals into rows.

Which rows a failed attempt becomes depends on what django-axes made of it (its receiver of
``user_login_failed`` runs first, see ``AccountsConfig.ready``):

- a wrong password or code below the limit: ``failed`` / ``code_failed``;
- the failure that reaches the limit: that row, then ``locked_out``;
- any attempt while locked out, even with the right password: ``refused``.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from dateline.accounts.models import EventKind, SignInEvent
from dateline.lib.client_ip import client_ip

# Set on the request by the code that signs someone out, so the row says why.
SIGN_OUT_REASON = "_dateline_sign_out_reason"
# Set on the request before ``login()``: how the second step was passed, if there was one.
SIGN_IN_METHOD = "_dateline_sign_in_method"
# ``credentials["stage"]`` of a failed two-factor code (see ``views/sign_in.py``).
CODE_STAGE = "code"


def record(
    kind: EventKind,
    *,
    request: HttpRequest | None = None,
    user=None,
    username: str = "",
    **detail: Any,
) -> SignInEvent:
    """Appends an event; ``request`` supplies the address, the browser and, when it is signed
    in, the account."""
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not username:
        username = user.get_username()
    event = SignInEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or "")[:150],
        ip=client_ip(request) if request is not None else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else "",
        detail=detail,
    )
    _tidy_once_a_day()
    return event


def forget_before(moment: datetime) -> int:
    deleted, _ = SignInEvent.objects.filter(at__lt=moment).delete()
    return deleted


def _tidy_once_a_day() -> None:
    """Queues the deletion of old events and expired sessions, at most once a day per process;
    an event being written is a natural moment, so no scheduler is needed."""
    from dateline.accounts.tasks import tidy_sign_in_records

    if cache.add(f"accounts:tidied:{timezone.now():%Y-%m-%d}", True, timeout=24 * 60 * 60):
        transaction.on_commit(tidy_sign_in_records.enqueue)


def retention_start() -> datetime:
    return timezone.now() - timedelta(days=settings.DATELINE_SIGN_IN_LOG_DAYS)


# --- Receivers --------------------------------------------------------------------------------


def _signed_in(sender, request: HttpRequest | None, user, **kwargs: Any) -> None:
    method = getattr(request, SIGN_IN_METHOD, None) if request is not None else None
    detail = {"second_step": method} if method else {}
    record(EventKind.SIGNED_IN, request=request, user=user, **detail)


def _signed_out(sender, request: HttpRequest | None, user, **kwargs: Any) -> None:
    if user is None:
        return
    reason = getattr(request, SIGN_OUT_REASON, None) if request is not None else None
    if reason:
        record(EventKind.EXPIRED, request=request, user=user, reason=reason)
    else:
        record(EventKind.SIGNED_OUT, request=request, user=user)


def _failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    user = _account(username)
    locked = request is not None and getattr(request, "axes_locked_out", False)
    failures = getattr(request, "axes_failures_since_start", None)
    if locked and failures is None:
        record(EventKind.REFUSED, request=request, username=username, user=user)
        return
    kind = EventKind.CODE_FAILED if credentials.get("stage") == CODE_STAGE else EventKind.FAILED
    record(kind, request=request, username=username, user=user)
    if locked:
        record(
            EventKind.LOCKED_OUT,
            request=request,
            username=username,
            user=user,
            failures=failures,
            minutes=settings.DATELINE_LOGIN_LOCKOUT_MINUTES,
        )


def _account(username: str):
    from django.contrib.auth import get_user_model

    if not username:
        return None
    user_model = get_user_model()
    return user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="accounts.signed_in")
    user_logged_out.connect(_signed_out, dispatch_uid="accounts.signed_out")
    user_login_failed.connect(_failed, dispatch_uid="accounts.failed")
