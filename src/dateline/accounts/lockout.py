"""Lockout after repeated failed sign-ins, through django-axes.

``DATELINE_LOGIN_FAILURE_LIMIT`` wrong passwords or two-factor codes for one username from one
address lock that pair out for ``DATELINE_LOGIN_LOCKOUT_MINUTES``: even the right password is
refused until then, and tries during the lockout do not extend it. The address is
:func:`dateline.lib.client_ip.client_ip`, so ``X-Forwarded-For`` counts only from
``DATELINE_TRUSTED_PROXIES``. An administrator lifts a lockout early by deleting its row under
*Axes → Access attempts* in the newsroom.
"""

from datetime import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.lib.client_ip import client_ip


def client_address(request: HttpRequest) -> str:
    """``AXES_CLIENT_IP_CALLABLE``: the same address every other limit in Dateline uses."""
    return client_ip(request)


def is_locked_out(request: HttpRequest, username: str) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def locked_until(username: str, ip: str) -> datetime | None:
    """When the lockout of ``username`` at ``ip`` ends: the last failure plus the cool-off."""
    last = AccessAttempt.objects.filter(username=username, ip_address=ip).aggregate(
        last=Max("attempt_time")
    )["last"]
    cool_off = get_cool_off()
    if last is None or cool_off is None:
        return None
    return last + cool_off


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the newsroom's lockout page, HTTP 429 with ``Retry-After``."""
    username = str((credentials or {}).get("username") or request.POST.get("username") or "")
    until = locked_until(username, client_ip(request)) if username else None
    seconds = max(int((until - timezone.now()).total_seconds()), 1) if until else None
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed sign-ins"),
        "username": username,
        "until": until,
        "minutes": settings.DATELINE_LOGIN_LOCKOUT_MINUTES,
        "failure_limit": settings.DATELINE_LOGIN_FAILURE_LIMIT,
    }
    response = TemplateResponse(request, "accounts/locked_out.html", context, status=429)
    if seconds is not None:
        response["Retry-After"] = str(seconds)
    return response.render()
