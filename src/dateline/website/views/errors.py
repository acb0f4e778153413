"""Designed error pages. They use no database, so they still render when it is down.

A failure to reach the database is not a bug: :func:`server_error` turns it into the 503
page (:func:`unavailable`), tells the breaker (``operations/outage.py``), and no traceback
reaches anyone but the log.
"""

import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from dateline.operations import database_watch

RETRY_AFTER_SECONDS = 30
TRY_AGAIN = gettext_lazy("We could not reach our database just now. Please try again in a minute.")
NOT_SENT = gettext_lazy("Nothing was sent: we could not reach our database just now.")
# What a script's request (JSON) is told: NOT_SENT with the advice, as one sentence to translate.
NOT_SENT_TRY_AGAIN = gettext_lazy(
    "Nothing was sent: we could not reach our database just now. Please try again in a minute."
)
# What a 503 page may offer to send again: a reader's form, not an upload.
RESEND_MAX_BYTES = 20_000


def _language() -> str:
    """The ``lang`` of an error page: the language it is written in."""
    return get_language() or "en"


def newsroom_unavailable() -> str:
    """The newsroom's plain 503 page: no stylesheet, no template, nothing that could fail."""
    return format_html(
        "<!doctype html><html lang={}><meta charset=utf-8><title>{}</title>"
        "<h1>{}</h1><p>{}</p></html>",
        _language(),
        _("Newsroom unavailable"),
        _("The newsroom is unavailable"),
        _(
            "The database is not answering. Nothing was saved by this request: keep this tab "
            "open and try again in a minute."
        ),
    )


def _render(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    context = {
        "status": status,
        "title": title,
        "message": message,
        "site_name": settings.DATELINE_SITE_NAME,
    }
    try:
        body = loader.get_template("website/error.html").render(context)
    except Exception:  # an error page must never fail in turn (missing static manifest, …)
        body = format_html(
            "<!doctype html><html lang={lang}><meta charset=utf-8><title>{title}</title>"
            "<h1>{title}</h1><p>{message}</p><p><a href=/>{site_name}</a></p></html>",
            lang=_language(),
            **context,
        )
    response = HttpResponse(body, status=status)
    if status >= 500:
        response["Retry-After"] = "30"
    return response


def bad_request_page(request: HttpRequest, message: str) -> HttpResponse:
    return _render(request, 400, _("Bad request"), message)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(
        request,
        404,
        _("Page not found"),
        _(
            "The story or page you were looking for is not here. "
            "It may have moved, or the link may be mistyped."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if error is not None and database_watch.report_failure(error) is not None:
        return unavailable(request)
    return _render(
        request,
        500,
        _("Something went wrong"),
        _("We could not show this page just now. Please try again in a moment."),
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return bad_request_page(request, _("The request could not be understood."))


def unavailable(request: HttpRequest) -> HttpResponse:
    """503 while the database cannot be reached: the site's look for readers, a plain page
    in the newsroom, JSON for scripts. Never stored by anyone (``no-store``), and it says
    when to come back (``Retry-After``). A reader's form comes back with what was sent,
    ready to send again."""
    if "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse(
            {"ok": False, "error": str(NOT_SENT_TRY_AGAIN)}, status=503
        )
    elif request.path.startswith("/newsroom/"):
        response = HttpResponse(newsroom_unavailable(), status=503)
    else:
        response = _unavailable_page(request)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _unavailable_page(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    context = {
        "status": 503,
        "title": _("Please try again shortly") if posted else _("Back in a moment"),
        "message": NOT_SENT if posted else TRY_AGAIN,
        "site_name": settings.DATELINE_SITE_NAME,
        "resend": _resendable(request),
        "request_path": request.get_full_path(),
        "retry_after": RETRY_AFTER_SECONDS,
    }
    try:
        body = loader.get_template("website/unavailable.html").render(context)
    except Exception:  # never fail in turn (missing static manifest, …)
        body = format_html(
            "<!doctype html><html lang={lang}><meta charset=utf-8><title>{title}</title>"
            "<h1>{title}</h1><p>{message}</p><p><a href=/>{site_name}</a></p></html>",
            lang=_language(),
            **context,
        )
    return HttpResponse(body, status=503)


def _resendable(request: HttpRequest) -> list[tuple[str, str]] | None:
    """The fields of a reader's form post, to put back in a "Send again" form."""
    if request.method != "POST" or request.FILES:
        return None
    try:
        if int(request.META.get("CONTENT_LENGTH") or 0) > RESEND_MAX_BYTES:
            return None
        return [(name, value) for name, values in request.POST.lists() for value in values]
    except Exception:  # an unreadable body: nothing to offer
        return None
