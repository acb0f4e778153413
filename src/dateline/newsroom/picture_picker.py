"""The picture picker of the body editor: the picture library as JSON, newest first.

The editor's "figure" button opens a dialog that pages through this list and inserts the
chosen picture with its caption and credit. The answer holds library pictures and nothing
else — no story, draft or uploader — and costs the same few queries on every page: pages
follow a keyset cursor (upload time, id) instead of an offset, and there is no total count.

>>> picture_terms("  Baku   skyline ")
['Baku', 'skyline']
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from dateline.lib.cursors import BadCursor, decode_cursor, encode_cursor
from dateline.media.models import Image

PAGE_SIZE = 24
MAX_QUERY_LENGTH = 100
MAX_TERMS = 6


def may_pick_pictures(user) -> bool:
    """Whoever writes story bodies and may see the picture library."""
    return user.has_perm("media.view_image") and (
        user.has_perm("news.add_article") or user.has_perm("news.change_article")
    )


def picture_terms(query: str) -> list[str]:
    """The words of a search, each of which must appear in the alt text, caption or credit."""
    return query[:MAX_QUERY_LENGTH].split()[:MAX_TERMS]


def matching(terms: list[str]) -> QuerySet[Image]:
    pictures = Image.objects.only(
        "pk", "file", "width", "height", "alt", "caption", "credit", "created_at"
    )
    for term in terms:
        pictures = pictures.filter(
            Q(alt__icontains=term) | Q(caption__icontains=term) | Q(credit__icontains=term)
        )
    return pictures


def as_json(picture: Image) -> dict[str, Any]:
    # Thumbnails use the original file until the library offers a small rendition URL;
    # the dialog scales them with CSS and loads them lazily.
    return {
        "id": picture.pk,
        "url": picture.file.url,
        "thumbnail": picture.file.url,
        "width": picture.width,
        "height": picture.height,
        "alt": picture.alt,
        "caption": picture.caption,
        "credit": picture.credit,
    }


@require_GET
def pictures_view(request: HttpRequest) -> JsonResponse:
    """``GET ?q=words&after=cursor`` → ``{"pictures": [...], "next": cursor or null}``."""
    if not may_pick_pictures(request.user):
        raise PermissionDenied
    pictures = matching(picture_terms(request.GET.get("q", "")))
    after = request.GET.get("after", "")
    if after:
        try:
            moment, pk = decode_cursor(after)
        except BadCursor:
            return JsonResponse({"error": "This list of pictures is out of date."}, status=400)
        pictures = pictures.filter(Q(created_at__lt=moment) | Q(created_at=moment, pk__lt=pk))
    rows = list(pictures.order_by("-created_at", "-pk")[: PAGE_SIZE + 1])
    page, more = rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
    last = page[-1] if page else None
    return JsonResponse(
        {
            "pictures": [as_json(picture) for picture in page],
            "next": encode_cursor(last.created_at, last.pk) if more and last else None,
        }
    )
