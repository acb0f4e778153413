"""Designed error pages. They use no database, so they still render when it is down."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.html import format_html


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
            "<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title>"
            "<h1>{title}</h1><p>{message}</p><p><a href=/>{site_name}</a></p></html>",
            **context,
        )
    response = HttpResponse(body, status=status)
    if status >= 500:
        response["Retry-After"] = "30"
    return response


def bad_request_page(request: HttpRequest, message: str) -> HttpResponse:
    return _render(request, 400, "Bad request", message)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(
        request,
        404,
        "Page not found",
        "The story or page you were looking for is not here. "
        "It may have moved, or the link may be mistyped.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _render(
        request,
        500,
        "Something went wrong",
        "We could not show this page just now. Please try again in a moment.",
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return bad_request_page(request, "The request could not be understood.")
