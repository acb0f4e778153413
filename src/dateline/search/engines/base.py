"""The one small interface both engines keep, and what passes through it.

An engine answers *which stories match, in which order*: ids, a cursor to the next page and
a count. Turning ids into stories a reader may see (published, in this edition) and cutting
snippets is the same for both (:mod:`dateline.search.searching`).

Ranking is shared too (:func:`blend`): relevance from the engine's own measure (FTS5's
BM25, PostgreSQL's ``ts_rank``) times a recency boost, computed over the newest
:data:`~django.conf.settings.DATELINE_SEARCH_CANDIDATES` matches. Looking at every match
of a common word among a million stories would take a second; the newest candidates are
found through an index in milliseconds, and for a news search the best answer to a common
word is among them. A rarer query has fewer matches than that, and all of them are ranked.
"""

import base64
import binascii
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.db import connection

from dateline.search.languages import Language
from dateline.search.query import Query

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def micros(moment: datetime) -> int:
    """Microseconds since 1970: how the engines' keys and cursors carry a moment (a float
    timestamp would lose the last microsecond of many dates)."""
    return (moment - EPOCH) // MICROSECOND


COUNT_LIMIT = 1000  # beyond this a count says "more than 1,000": exact counts cost a scan


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"


class BadSearchCursor(ValueError):
    """The page link was not made by us (or by another sort order)."""


@dataclass(frozen=True)
class Scope:
    """Where to look: editions searched in their language, plus optional filters.

    ``editions`` pairs each edition id with its search language; a reader searches one
    edition, the newsroom all of them (each in its own language).
    """

    editions: Sequence[tuple[int, Language]]
    now: datetime
    section_id: int | None = None
    genre: str | None = None
    author_id: int | None = None
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before


@dataclass(frozen=True)
class SearchRequest:
    query: Query
    scope: Scope
    sort: Sort = Sort.RELEVANCE
    cursor: str | None = None
    size: int = 20
    candidates: int = 1000
    recency_weight: float = 1.0
    half_life_days: float = 30.0

    @property
    def candidate_limit(self) -> int:
        """Matches fetched for ranking: at least one past the count's limit, so that a full
        set of candidates also says "more than 1,000" without a counting query."""
        return max(self.candidates, COUNT_LIMIT + 1)


@dataclass
class Found:
    article_ids: list[int]
    next_cursor: str | None
    total: int  # capped at COUNT_LIMIT + 1 ("more than 1,000")
    ranked_all: bool = True  # False: a relevance page stopped at the candidates

    @property
    def total_is_capped(self) -> bool:
        return self.total > COUNT_LIMIT


class Engine(ABC):
    """A full-text index of public stories."""

    vendor: str

    @abstractmethod
    def store(self, article_ids: Sequence[int]) -> int:
        """(Re)indexes these stories as they are now; answers how many were written.
        Callers pass public stories only (:mod:`dateline.search.indexing`)."""

    def store_all(self, batches: Iterable[Sequence[int]]) -> Iterator[int]:
        """Fills an emptied index, batch by batch; yields the count written after each.
        An engine may do it faster than :meth:`store` (nothing to replace)."""
        for batch in batches:
            yield self.store(batch)

    @abstractmethod
    def remove(self, article_ids: Iterable[int]) -> None:
        """Takes these stories out of the index (absent ones are no error)."""

    @abstractmethod
    def clear(self) -> None:
        """Empties the index."""

    @abstractmethod
    def indexed_ids(self) -> set[int]:
        """Every story in the index (for ``dateline reindex --check``)."""

    @abstractmethod
    def search(self, request: SearchRequest) -> Found:
        """Stories matching ``request``, best first (or newest first)."""

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def optimize(self) -> None:  # noqa: B027 — optional: most engines need nothing
        """Compacts the index after a rebuild."""


def blend(relevance: float, age_days: float, request: SearchRequest) -> float:
    """Relevance boosted by freshness: a story published now counts up to
    ``1 + recency_weight`` times, one ``half_life_days`` old half that boost, and so on."""
    boost = 0.5 ** (max(age_days, 0.0) / request.half_life_days) if request.half_life_days else 0
    return relevance * (1.0 + request.recency_weight * boost)


def encode_cursor(*parts: object) -> str:
    raw = ":".join(str(part) for part in parts)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str, kind: str, count: int) -> list[str]:
    """The parts of a cursor made by :func:`encode_cursor` with ``kind`` first."""
    if len(token) > 120:
        raise BadSearchCursor("cursor too long")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadSearchCursor("cursor does not decode") from None
    parts = raw.split(":")
    if len(parts) != count + 1 or parts[0] != kind:
        raise BadSearchCursor("cursor of another kind")
    return parts[1:]


@dataclass(frozen=True)
class Candidate:
    article_id: int
    relevance: float
    published: datetime


def rank_page(
    candidates: Sequence[Candidate], request: SearchRequest
) -> tuple[list[int], str | None]:
    """One page of the candidates by blended score (ties: newer id first), after the
    request's cursor, which names the last story of the previous page by score and id.

    Freshness is reckoned from the moment of the first page, which the cursor carries:
    reckoned from each page's own moment, every score would drift between pages and a
    story could be shown twice or skipped.
    """
    reference = request.scope.now
    after: tuple[float, int] | None = None
    if request.cursor:
        score_text, id_text, moment_text = decode_cursor(request.cursor, "r", 3)
        try:
            after = (float(score_text), int(id_text))
            reference = EPOCH + int(moment_text) * MICROSECOND
        except (ValueError, OverflowError):
            raise BadSearchCursor("cursor does not decode") from None
    day = timedelta(days=1)
    scored = sorted(
        (
            (blend(c.relevance, (reference - c.published) / day, request), c.article_id)
            for c in candidates
        ),
        reverse=True,
    )
    start = 0
    if after is not None:
        start = next((n for n, entry in enumerate(scored) if entry < after), len(scored))
    page = scored[start : start + request.size]
    has_more = start + request.size < len(scored)
    cursor = None
    if has_more and page:
        cursor = encode_cursor("r", repr(page[-1][0]), page[-1][1], micros(reference))
    return [pk for _, pk in page], cursor
