"""Keyset (cursor) pagination: page 5,000 of a section costs what page 1 costs.

A cursor names the last story of the previous page by (publication time, id) and
travels as an opaque URL-safe token. A token that does not decode is the reader's
error (400), never ours (500).

>>> decode_cursor(encode_cursor(datetime(2014, 3, 5, 5, 30, tzinfo=UTC), 42))
(datetime.datetime(2014, 3, 5, 5, 30, tzinfo=datetime.timezone.utc), 42)
"""

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet

MAX_TOKEN_LENGTH = 64
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


class BadCursor(ValueError):
    """The cursor in the URL was not made by us."""


def encode_cursor(moment: datetime, pk: int) -> str:
    # Integer arithmetic: a float timestamp loses the last microsecond for many dates
    # (1987, 2040 …), and a cursor one microsecond off skips or repeats a story.
    micros = (moment - EPOCH) // MICROSECOND
    return base64.urlsafe_b64encode(f"{micros}.{pk}".encode()).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[datetime, int]:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise BadCursor("cursor missing or too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
        micros_text, pk_text = raw.split(".")
        micros, pk = int(micros_text), int(pk_text)
        if pk <= 0 or not 0 <= micros < 10**17:
            raise BadCursor("cursor out of range")
        return EPOCH + micros * MICROSECOND, pk
    except (binascii.Error, UnicodeDecodeError, ValueError, OverflowError, OSError):
        raise BadCursor("cursor does not decode") from None


@dataclass
class Page[T]:
    items: list[T]
    next_cursor: str | None


def paginate_latest_first(queryset: QuerySet, cursor: str | None, size: int) -> Page:
    """One page of ``queryset`` (newest first) after ``cursor``; one query, whatever the page."""
    if cursor:
        moment, pk = decode_cursor(cursor)
        # The plain ``published_at <= moment`` is implied by the rest; it is what lets the
        # database start its newest-first index at the cursor, instead of walking every
        # newer story to find it (the ``OR`` alone is only a filter). It comes first in the
        # WHERE clause: SQLite starts the index at the first of two upper bounds on a column,
        # and the queryset's own ``published_at <= now`` would otherwise be that one.
        at_cursor = queryset.model._default_manager.filter(published_at__lte=moment)
        combined = (at_cursor & queryset).filter(
            Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk)
        )
        # ``&`` keeps the left side's related-object loading: carry over the listing's own.
        combined.query.select_related = queryset.query.select_related
        queryset = combined
    rows = list(queryset.order_by("-published_at", "-pk")[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    next_cursor = encode_cursor(rows[-1].published_at, rows[-1].pk) if has_more and rows else None
    return Page(items=rows, next_cursor=next_cursor)
