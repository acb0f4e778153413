"""The newsroom shows and reads times in an edition's time zone, not the server's.

A story's own screens (editing, preview, history) use the zone of the story's edition, so an
editor scheduling a Baku story types Baku time; a new story uses the edition chosen in the
form; every other page uses the default edition's zone.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from dateline.news.models import Edition


class NewsroomTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/newsroom/"):
            return self.get_response(request)
        edition = story_edition(request) or Edition.objects.default()
        if edition is None:
            return self.get_response(request)
        timezone.activate(edition.zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def story_edition(request: HttpRequest) -> Edition | None:
    """The edition of the story a newsroom URL is about, if it is about one."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if not (match.url_name or "").startswith("news_article_"):
        return None
    story_id = str(match.kwargs.get("object_id") or match.kwargs.get("pk") or "")
    if story_id.isdigit():
        return Edition.objects.filter(articles__pk=int(story_id)).first()
    if match.url_name == "news_article_add":
        chosen = request.POST.get("edition") or request.GET.get("edition") or ""
        if chosen.isdigit():
            return Edition.objects.filter(pk=int(chosen)).first()
    return None
