"""Author and tag pages: an edition's public stories by one author or under one tag."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from dateline.lib.cursors import BadCursor, paginate_latest_first
from dateline.news.models import Author, Tag
from dateline.pagecache import keys as page_keys
from dateline.pagecache.policy import cached_page
from dateline.website.reading import cursor_param, open_edition, published_in
from dateline.website.views.errors import bad_request_page


def _listing(request: HttpRequest, reading, queryset, template: str, **extra) -> HttpResponse:
    try:
        page = paginate_latest_first(queryset, cursor_param(request), settings.DATELINE_PAGE_SIZE)
    except BadCursor:
        return bad_request_page(
            request, _("This page link is damaged; start again from the first page.")
        )
    return render(
        request,
        template,
        reading.context(page=page, is_first_page=not cursor_param(request), **extra),
    )


@cached_page(query=("before",))
def author(request: HttpRequest, edition: str, slug: str) -> HttpResponse:
    reading = open_edition(edition)
    person = get_object_or_404(Author, slug=slug)
    if not cursor_param(request):
        page_keys.add(page_keys.author_latest(reading.edition.pk, person.pk))
    stories = published_in(reading).filter(authors=person)
    return _listing(request, reading, stories, "website/author.html", author=person)


@cached_page(query=("before",))
def tag(request: HttpRequest, edition: str, slug: str) -> HttpResponse:
    reading = open_edition(edition)
    label = get_object_or_404(Tag, slug=slug)
    if not cursor_param(request):
        page_keys.add(page_keys.tag_latest(reading.edition.pk, label.pk))
    stories = published_in(reading).filter(tags=label)
    return _listing(request, reading, stories, "website/tag.html", tag=label)
