"""SQLite FTS5: the embedded engine.

The FTS5 table ``search_fts`` holds, per story, its stems (:mod:`dateline.search.text`) in
the columns ``headline``, ``lead``, ``body`` and ``names``, and its filters as tokens in
``facets`` (``e3`` edition 3, ``s12`` section 12, ``gopinion`` a genre, ``a7`` author 7), so
that a filter is one more term FTS5 intersects inside its own index.

Its rowid is the story's publication time in microseconds (made unique by stepping back a
microsecond on a tie; ``search_searchdocument.key`` keeps the pairing). FTS5 walks a match
in rowid order, so "newest first", "published by now" and a date range are all rowid
bounds it applies while reading the index, and ``LIMIT`` stops the walk early: the newest
matches of the commonest word cost what a rare word's do.

Stemming happens here in Python (SQLite has no Russian stemmer); queries go through the
same words → stems path, and every term reaches FTS5 inside double quotes, as a string it
cannot read as an operator.
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection, transaction

from dateline.search.documents import Document, documents
from dateline.search.engines.base import (
    COUNT_LIMIT,
    BadSearchCursor,
    Candidate,
    Engine,
    Found,
    SearchRequest,
    Sort,
    decode_cursor,
    encode_cursor,
    rank_page,
)
from dateline.search.languages import Language
from dateline.search.models import SearchDocument
from dateline.search.query import Clause, Query
from dateline.search.text import index_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
TEXT_COLUMNS = "{headline lead body names}"
# BM25 column weights, in column order: article (not searched), headline, lead, body,
# names, facets (filters only).
WEIGHTS = "0.0, 10.0, 4.0, 1.0, 3.0, 0.0"
BATCH = 2000
# The table and the trigger that removes a story's row with its search_searchdocument row,
# so the two never disagree (not even after a test run's flush). Used by the migration and
# by :meth:`SqliteEngine.clear`, which recreates the table: deleting a million rows one by
# one costs minutes, dropping them milliseconds. Prefix indexes of 2 and 3 letters keep
# ``elect*`` as fast as a word.
FTS_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "article UNINDEXED, headline, lead, body, names, facets, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
)
FTS_TRIGGER = (
    "CREATE TRIGGER search_document_removed AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.key; END"
)
TIE_RANGE = 10_000  # microseconds below a batch's keys read with it, for stepping back on ties


def micros(moment: datetime) -> int:
    return (moment - EPOCH) // MICROSECOND


def facet_tokens(document: Document) -> str:
    tokens = [f"e{document.edition_id}", f"s{document.section_id}", genre_token(document.genre)]
    tokens.extend(f"a{pk}" for pk in document.author_ids)
    return " ".join(tokens)


def genre_token(genre: str) -> str:
    return "g" + "".join(char for char in genre if char.isalnum())


def _term(clause: Clause, language: Language) -> str:
    stems = " ".join(language.stem(word) for word in clause.words)
    return f'"{stems}"' + (" *" if clause.prefix else "")


def _language_match(query: Query, language: Language) -> str:
    expression = f"{TEXT_COLUMNS} : ({' AND '.join(_term(c, language) for c in query.positive)})"
    for clause in query.negative:
        expression = f"({expression}) NOT {TEXT_COLUMNS} : ({_term(clause, language)})"
    return expression


def match_expression(request: SearchRequest) -> str:
    """The FTS5 query: per language, its editions and the query's stems; then the filters."""
    by_language: dict[Language, list[int]] = {}
    for edition_id, language in request.scope.editions:
        by_language.setdefault(language, []).append(edition_id)
    alternatives = []
    for language, edition_ids in by_language.items():
        editions = " OR ".join(f'"e{pk}"' for pk in edition_ids)
        words = _language_match(request.query, language)
        alternatives.append(f"(facets : ({editions}) AND ({words}))")
    expression = "(" + " OR ".join(alternatives) + ")"
    scope = request.scope
    for token in (
        scope.section_id and f"s{scope.section_id}",
        scope.genre and genre_token(scope.genre),
        scope.author_id and f"a{scope.author_id}",
    ):
        if token:
            expression += f' AND facets : "{token}"'
    return expression


class SqliteEngine(Engine):
    vendor = "sqlite"

    # --- writing -----------------------------------------------------------------------------

    def store(self, article_ids: Sequence[int]) -> int:
        written = 0
        for start in range(0, len(article_ids), BATCH):
            batch = list(article_ids[start : start + BATCH])
            with transaction.atomic():
                self.remove(batch)
                written += self._insert(documents(batch), fresh=False)
        return written

    def store_all(self, batches: Iterable[Sequence[int]]) -> Iterator[int]:
        """Fills an empty index, batch by batch; yields the count written after each."""
        used: set[int] = set()
        for batch in batches:
            with transaction.atomic():
                yield self._insert(documents(batch), fresh=True, used=used)

    def _insert(
        self, docs: Iterable[Document], *, fresh: bool, used: set[int] | None = None
    ) -> int:
        docs = list(docs)
        if not docs:
            return 0
        taken = used if used is not None else set()
        floor = None
        if not fresh:
            # Keys already used near these stories' times, read once for the batch.
            wanted = [micros(doc.published_at) for doc in docs]
            floor = min(wanted) - TIE_RANGE
            taken.update(
                key
                for key in SearchDocument.objects.filter(
                    key__range=(floor, max(wanted))
                ).values_list("key", flat=True)
                if key is not None
            )
        rows, fts = [], []
        for doc in docs:
            key = micros(doc.published_at)
            while key in taken or (floor is not None and key < floor and self._key_exists(key)):
                key -= 1  # a tie in publication time: a microsecond earlier is free
            taken.add(key)
            language = doc.language
            rows.append(
                SearchDocument(
                    article_id=doc.article_id,
                    edition_id=doc.edition_id,
                    section_id=doc.section_id,
                    genre=doc.genre,
                    published_at=doc.published_at,
                    key=key,
                )
            )
            fts.append(
                (
                    key,
                    doc.article_id,
                    index_text(doc.headline, language, markup=False),
                    index_text(doc.lead, language, markup=False),
                    index_text(doc.body, language),
                    index_text(doc.names, language, markup=False),
                    facet_tokens(doc),
                )
            )
        SearchDocument.objects.bulk_create(rows, batch_size=500)
        # In rowid order: FTS5 writes its pending terms out whenever a rowid goes backwards
        # within a transaction, which makes an unsorted batch a hundred times slower.
        fts.sort(key=lambda row: row[0])
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, article, headline, lead, body, names, facets) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                fts,
            )
        return len(rows)

    def _key_exists(self, key: int) -> bool:
        return SearchDocument.objects.filter(key=key).exists()

    def remove(self, article_ids: Iterable[int]) -> None:
        # The table's delete trigger removes the FTS5 row of each (search/migrations/0002).
        SearchDocument.objects.filter(article_id__in=list(article_ids)).delete()

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER search_document_removed")
            cursor.execute("DELETE FROM search_searchdocument")
            cursor.execute("DROP TABLE search_fts")
            cursor.execute(FTS_TABLE)
            cursor.execute(FTS_TRIGGER)

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("article_id", flat=True))

    # --- reading -----------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> Found:
        scope = request.scope
        match = match_expression(request)
        low = micros(scope.since) if scope.since else 0
        high = micros(scope.now)
        if scope.until:
            high = min(high, micros(scope.until) - 1)
        if request.sort == Sort.NEWEST:
            return self._newest(request, match, low, high)
        return self._ranked(request, match, low, high)

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _count(self, match: str, low: int, high: int) -> int:
        return self._rows(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s "
            "AND rowid BETWEEN %s AND %s LIMIT %s)",
            (match, low, high, COUNT_LIMIT + 1),
        )[0][0]

    def _newest(self, request: SearchRequest, match: str, low: int, high: int) -> Found:
        top = high
        if request.cursor:
            (key_text,) = decode_cursor(request.cursor, "n", 1)
            if not key_text.lstrip("-").isdigit():
                raise BadSearchCursor("cursor does not decode")
            top = min(top, int(key_text) - 1)
        rows = self._rows(
            "SELECT rowid, article FROM search_fts WHERE search_fts MATCH %s "
            "AND rowid BETWEEN %s AND %s ORDER BY rowid DESC LIMIT %s",
            (match, low, top, request.size + 1),
        )
        page = rows[: request.size]
        cursor = encode_cursor("n", page[-1][0]) if len(rows) > request.size else None
        return Found(
            article_ids=[article for _, article in page],
            next_cursor=cursor,
            total=self._count(match, low, high),
        )

    def _ranked(self, request: SearchRequest, match: str, low: int, high: int) -> Found:
        rows = self._rows(
            f"SELECT rowid, article, bm25(search_fts, {WEIGHTS}) FROM search_fts "  # noqa: S608
            "WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s ORDER BY rowid DESC LIMIT %s",
            (match, low, high, request.candidates),
        )
        candidates = [
            Candidate(article, -score, EPOCH + key * MICROSECOND) for key, article, score in rows
        ]
        ids, cursor, scores = rank_page(candidates, request)
        complete = len(rows) < request.candidates
        return Found(
            article_ids=ids,
            next_cursor=cursor,
            total=len(rows) if complete else self._count(match, low, high),
            ranked_all=complete,
            scores=scores,
        )
