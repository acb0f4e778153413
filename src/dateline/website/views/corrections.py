"""The public corrections and updates log of an edition: ``/en/corrections/``.

Every note editors have added to a public story, newest first, each linking to the note at
the end of its story. Paged by cursor (the last note's date and id), so page 500 costs what
page 1 costs: one query for the notes with their stories and sections, walking the notes'
``(edition, -created_at, -id)`` index. Which notes are public is decided in one place,
:func:`dateline.news.correcting.public_corrections`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dateline.lib.cursors import BadCursor, decode_cursor, encode_cursor
from dateline.news.correcting import public_corrections
from dateline.news.models import Correction
from dateline.pagecache import keys as page_keys
from dateline.pagecache.policy import cached_page
from dateline.website.reading import cursor_param, open_edition
from dateline.website.views.errors import bad_request_page


@dataclass
class NotesPage:
    items: list[Correction]
    next_cursor: str | None


def _page(edition, cursor: str | None, size: int) -> NotesPage:
    notes = public_corrections().filter(edition=edition)
    if cursor:
        moment, pk = decode_cursor(cursor)
        notes = notes.filter(Q(created_at__lt=moment) | Q(created_at=moment, pk__lt=pk))
    rows = list(notes.select_related("article__section").order_by("-created_at", "-pk")[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    for note in rows:
        note.article.edition = edition  # story links need the edition's code: no query each
        note.article.section.edition = edition
    last = rows[-1] if rows else None
    return NotesPage(
        items=rows,
        next_cursor=encode_cursor(last.created_at, last.pk) if has_more and last else None,
    )


@cached_page(query=("before",))
def corrections(request: HttpRequest, edition: str) -> HttpResponse:
    reading = open_edition(edition)
    cursor = cursor_param(request)
    if not cursor:
        page_keys.add(page_keys.corrections(reading.edition.pk))
    try:
        page = _page(reading.edition, cursor, settings.DATELINE_PAGE_SIZE)
    except BadCursor:
        return bad_request_page(
            request, _("This page link is damaged; start again from the latest corrections.")
        )
    return render(
        request,
        "website/corrections.html",
        reading.context(page=page, is_first_page=not cursor),
    )
