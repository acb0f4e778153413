"""The newsroom shows and reads times in the default edition's time zone, not the server's."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from dateline.news.models import Edition


class NewsroomTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/newsroom/"):
            return self.get_response(request)
        edition = Edition.objects.default()
        if edition is None:
            return self.get_response(request)
        timezone.activate(edition.zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
