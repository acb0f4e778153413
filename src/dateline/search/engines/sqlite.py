"""SQLite FTS5: the embedded engine.

The FTS5 table ``search_fts`` holds, per story, its stems (:mod:`dateline.search.text`) in
the columns ``headline``, ``lead``, ``body`` and ``names``, and its filters as tokens in
``facets`` (``s12`` section 12, ``gopinion`` a genre, ``a7`` author 7), so that a filter is
one more term FTS5 intersects inside its own index.

Its rowid is the story's *key*: the edition's id in the top bits and the publication time in
microseconds below (a tie steps back a microsecond; ``search_searchdocument.key`` keeps the
pairing with the story). FTS5 walks a match in rowid order, so "this edition", "newest
first", "published by now" and a date range are all one rowid range it applies while
reading the index, and ``LIMIT`` stops the walk early: the newest matches of the commonest
word cost what a rare word's do. (An edition as a search term instead would cost a pass over
a third of the archive in every ranked query: BM25 weighs each term by how rare it is.)

Stemming happens here in Python (SQLite has no Russian stemmer); queries go through the
same words → stems path, and every term reaches FTS5 inside double quotes, as a string it
cannot read as an operator. A prefix of four letters or more is expanded to the words the
archive has with it (table ``search_term``), which FTS5 reads lazily, newest first, like any
``OR``; its own prefix query would merge every such word's whole list first (a third of a
second for a common Azerbaijani stem at a million stories). Prefixes of two and three
letters have FTS5 prefix indexes.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime

from django.db import connection, transaction

from dateline.search.documents import Document, documents
from dateline.search.engines.base import (
    COUNT_LIMIT,
    EPOCH,
    MICROSECOND,
    BadSearchCursor,
    Candidate,
    Engine,
    Found,
    Scope,
    SearchRequest,
    Sort,
    decode_cursor,
    encode_cursor,
    rank_page,
)
from dateline.search.engines.base import micros as since_1970
from dateline.search.languages import Language
from dateline.search.models import SearchDocument
from dateline.search.query import Clause, Query
from dateline.search.text import index_text

TEXT_COLUMNS = "{headline lead body names}"
# BM25 column weights, in column order: headline, lead, body, names, facets (filters only).
WEIGHTS = "10.0, 4.0, 1.0, 3.0, 0.0"
BATCH = 2000
EDITION_SHIFT = 52  # microseconds since 1970 fit below it until the year 2112
TIME_MASK = (1 << EDITION_SHIFT) - 1
EXPANDED_PREFIX = 4  # shorter prefixes use FTS5's prefix indexes
MAX_EXPANSION = 64  # more words than this with one prefix: FTS5's own prefix query
# The table and the trigger that removes a story's row with its search_searchdocument row,
# so the two never disagree (not even after a test run's flush). Used by the migration and
# by :meth:`SqliteEngine.clear`, which recreates the table: deleting a million rows one by
# one costs minutes, dropping them milliseconds. Prefix indexes of 2 and 3 letters serve
# prefixes that short (``el*``); longer ones are expanded from ``search_term``.
FTS_TABLE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "headline, lead, body, names, facets, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
)
# Every word the index has held, for expanding prefixes (never pruned: a word no story has
# any more just matches nothing).
TERMS_TABLE = "CREATE TABLE search_term (term TEXT PRIMARY KEY) WITHOUT ROWID"
FTS_TRIGGER = (
    "CREATE TRIGGER search_document_removed AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.key; END"
)
TIE_RANGE = 10_000  # microseconds below a batch's keys read with it, for stepping back on ties


def micros(moment: datetime) -> int:
    """Microseconds since 1970, kept within the key's time bits."""
    return min(max(since_1970(moment), 0), TIME_MASK)


def key_of(edition_id: int, moment: datetime) -> int:
    return (edition_id << EDITION_SHIFT) | micros(moment)


def moment_of(key: int) -> datetime:
    return EPOCH + (key & TIME_MASK) * MICROSECOND


def facet_tokens(document: Document) -> str:
    tokens = [f"s{document.section_id}", genre_token(document.genre)]
    tokens.extend(f"a{pk}" for pk in document.author_ids)
    return " ".join(tokens)


def genre_token(genre: str) -> str:
    return "g" + "".join(char for char in genre if char.isalnum())


Expander = Callable[[str], list[str] | None]


def _term(clause: Clause, language: Language, expand: Expander) -> str:
    stems = [language.stem(word) for word in clause.words]
    if not clause.prefix:
        return '"' + " ".join(stems) + '"'
    words = expand(stems[0]) if len(stems[0]) >= EXPANDED_PREFIX else None
    if words is None:
        return f'"{stems[0]}" *'
    return "(" + " OR ".join(f'"{word}"' for word in words or stems) + ")"


def match_expression(query: Query, language: Language, scope: Scope, expand: Expander) -> str:
    """The FTS5 query: the query's stems in the text columns, then the filters."""
    expression = f"{TEXT_COLUMNS} : ("
    expression += " AND ".join(_term(c, language, expand) for c in query.positive) + ")"
    for clause in query.negative:
        expression = f"({expression}) NOT {TEXT_COLUMNS} : ({_term(clause, language, expand)})"
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
            wanted = [key_of(doc.edition_id, doc.published_at) for doc in docs]
            floor = min(wanted) - TIE_RANGE
            taken.update(
                key
                for key in SearchDocument.objects.filter(
                    key__range=(floor, max(wanted))
                ).values_list("key", flat=True)
                if key is not None
            )
        rows, fts = [], []
        vocabulary: set[str] = set()
        for doc in docs:
            key = key_of(doc.edition_id, doc.published_at)
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
            texts = (
                index_text(doc.headline, language, markup=False),
                index_text(doc.lead, language, markup=False),
                index_text(doc.body, language),
                index_text(doc.names, language, markup=False),
            )
            for text in texts:
                vocabulary.update(text.split())
            fts.append((key, *texts, facet_tokens(doc)))
        SearchDocument.objects.bulk_create(rows, batch_size=500)
        # In rowid order: FTS5 writes its pending terms out whenever a rowid goes backwards
        # within a transaction, which makes an unsorted batch a hundred times slower.
        fts.sort(key=lambda row: row[0])
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, headline, lead, body, names, facets) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                fts,
            )
            cursor.executemany(
                "INSERT OR IGNORE INTO search_term (term) VALUES (%s)",
                [(term,) for term in sorted(vocabulary)],
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
            cursor.execute("DELETE FROM search_term")
            cursor.execute(FTS_TABLE)
            cursor.execute(FTS_TRIGGER)

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("article_id", flat=True))

    # --- reading -----------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> Found:
        scope = request.scope
        low = micros(scope.since) if scope.since else 0
        high = micros(scope.now)
        if scope.until:
            high = min(high, micros(scope.until) - 1)
        # One walk per edition (a reader searches one; the newsroom all, each in its language).
        walks = [
            (
                match_expression(request.query, language, scope, self._expand),
                (edition_id << EDITION_SHIFT) | low,
                (edition_id << EDITION_SHIFT) | high,
            )
            for edition_id, language in scope.editions
        ]
        if request.sort == Sort.NEWEST:
            return self._newest(request, walks)
        return self._ranked(request, walks)

    def _expand(self, prefix: str) -> list[str] | None:
        """The archive's words beginning with ``prefix`` (none: an empty list), or None when
        there are too many to list."""
        words = self._rows(
            "SELECT term FROM search_term WHERE term >= %s AND term < %s ORDER BY term LIMIT %s",
            (prefix, prefix + "\U0010ffff", MAX_EXPANSION + 1),
        )
        return [word for (word,) in words] if len(words) <= MAX_EXPANSION else None

    def _count(self, walks: list[tuple[str, int, int]]) -> int:
        total = 0
        for match, low, high in walks:
            total += self._rows(
                "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s "
                "AND rowid BETWEEN %s AND %s LIMIT %s)",
                (match, low, high, COUNT_LIMIT + 1 - total),
            )[0][0]
            if total > COUNT_LIMIT:
                break
        return total

    def _articles(self, keys: list[int]) -> list[int]:
        """The stories of these keys, in the same order."""
        found = dict(SearchDocument.objects.filter(key__in=keys).values_list("key", "article_id"))
        return [found[key] for key in keys if key in found]

    def _newest(self, request: SearchRequest, walks: list[tuple[str, int, int]]) -> Found:
        before = None
        if request.cursor:
            (key_text,) = decode_cursor(request.cursor, "n", 1)
            if not key_text.isdigit():
                raise BadSearchCursor("cursor does not decode")
            before = int(key_text)
        keys: list[int] = []
        for match, low, high in walks:
            if before is not None:
                # Within the cursor's edition, below its key; in others, older than its time.
                same = before >> EDITION_SHIFT == low >> EDITION_SHIFT
                older = (low & ~TIME_MASK) | (before & TIME_MASK)
                high = min(high, (before if same else older) - 1)
            keys += [
                key
                for (key,) in self._rows(
                    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                    "AND rowid BETWEEN %s AND %s ORDER BY rowid DESC LIMIT %s",
                    (match, low, high, request.size + 1),
                )
            ]
        keys.sort(key=lambda key: (key & TIME_MASK, key), reverse=True)
        page = keys[: request.size]
        cursor = encode_cursor("n", page[-1]) if len(keys) > request.size else None
        return Found(article_ids=self._articles(page), next_cursor=cursor, total=self._count(walks))

    def _ranked(self, request: SearchRequest, walks: list[tuple[str, int, int]]) -> Found:
        rows: list[tuple[int, float]] = []
        for match, low, high in walks:
            rows += self._rows(
                f"SELECT rowid, bm25(search_fts, {WEIGHTS}) FROM search_fts "  # noqa: S608
                "WHERE search_fts MATCH %s AND rowid BETWEEN %s AND %s "
                "ORDER BY rowid DESC LIMIT %s",
                (match, low, high, request.candidate_limit),
            )
        # Candidates go by key (unique, and newer within an edition is larger); the page's
        # keys are turned into stories at the end.
        candidates = [Candidate(key, -score, moment_of(key)) for key, score in rows]
        keys, cursor = rank_page(candidates, request)
        complete = len(rows) < request.candidate_limit
        return Found(
            article_ids=self._articles(keys),
            next_cursor=cursor,
            total=len(rows) if complete else COUNT_LIMIT + 1,
            ranked_all=complete,
        )
