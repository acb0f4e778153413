"""PostgreSQL full-text search: the engine at scale.

Each story's row in ``search_searchdocument`` holds a ``tsvector`` built by the database
with the edition's configuration (``dateline_en``, ``dateline_ru``, ``dateline_simple``;
search/migrations/0002) from the folded text (``dateline_search_fold``): the headline
weighted A, lead and names B, body C. A GIN index answers ``@@``; the
``(edition, published_at, id)`` b-tree answers "newest first", and the planner picks
between them from the word's frequency: a rare name goes through GIN, a common word walks
the newest stories and checks each until it has enough.

A query never reaches ``to_tsquery``'s syntax with a reader's text: words and phrases go
through ``phraseto_tsquery`` (plain text, no operators), and a prefix — letters and digits
only, quoted — through ``to_tsquery`` with ``:*``. The parts are joined with the tsquery
operators ``&&`` and ``!!`` in SQL.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.db import connection, transaction

from dateline.search.documents import edition_languages
from dateline.search.engines.base import (
    COUNT_LIMIT,
    EPOCH,
    MICROSECOND,
    BadSearchCursor,
    Candidate,
    Engine,
    Found,
    SearchRequest,
    Sort,
    decode_cursor,
    encode_cursor,
    micros,
    rank_page,
)
from dateline.search.languages import Language
from dateline.search.models import SearchDocument
from dateline.search.query import Clause, Query

BATCH = 20_000
# How far back the newest matches are looked for first, and past which span the whole
# archive is searched instead (PostgresEngine._newest_first): a word that needs more than a
# month is rare enough that its GIN list alone is cheaper than intersecting it with a month
# or more of the newest-first index (180,000 entries for four months at a million stories).
FIRST_SPAN = timedelta(days=1)
WHOLE_ARCHIVE_AFTER = timedelta(days=30)
MAX_SPANS = 4

_NAMES = """
    SELECT string_agg(name, ' ') FROM (
        SELECT t.name FROM news_article_tags at JOIN news_tag t ON t.id = at.tag_id
        WHERE at.article_id = a.id
        UNION ALL
        SELECT au.name FROM news_articleauthor aa JOIN news_author au ON au.id = aa.author_id
        WHERE aa.article_id = a.id
    ) names
"""

_UPSERT = f"""
    INSERT INTO search_searchdocument
        (article_id, edition_id, section_id, genre, published_at, key, indexed_at, author_ids,
         vector)
    SELECT a.id, a.edition_id, a.section_id, a.genre, a.published_at, NULL, now(),
        ARRAY(SELECT aa.author_id FROM news_articleauthor aa WHERE aa.article_id = a.id),
        setweight(to_tsvector(cfg.config, dateline_search_fold(a.headline)), 'A')
        || setweight(to_tsvector(cfg.config, dateline_search_fold(a.lead)), 'B')
        || setweight(to_tsvector(cfg.config, dateline_search_fold(coalesce(({_NAMES}), ''))), 'B')
        || setweight(to_tsvector(cfg.config, dateline_search_fold(a.body)), 'C')
    FROM news_article a
    JOIN unnest(%s::integer[], %s::text[]) AS cfg_text(edition_id, name)
        ON cfg_text.edition_id = a.edition_id
    CROSS JOIN LATERAL (SELECT cfg_text.name::regconfig AS config) cfg
    WHERE {{where}} AND a.published_at IS NOT NULL
    ON CONFLICT (article_id) DO UPDATE SET
        edition_id = EXCLUDED.edition_id, section_id = EXCLUDED.section_id,
        genre = EXCLUDED.genre, published_at = EXCLUDED.published_at,
        indexed_at = EXCLUDED.indexed_at, author_ids = EXCLUDED.author_ids,
        vector = EXCLUDED.vector
"""  # noqa: S608 (our SQL; every value is a parameter)


def _configs() -> tuple[list[int], list[str]]:
    languages = edition_languages()
    return list(languages), [language.pg_config for language in languages.values()]


def _part(clause: Clause, config: str) -> tuple[str, list[object]]:
    params: list[object]
    if clause.prefix:
        # Letters and digits only (query.py), quoted: nothing here is tsquery syntax.
        sql, params = "to_tsquery(%s::regconfig, %s)", [config, f"'{clause.words[0]}':*"]
    else:
        sql = "phraseto_tsquery(%s::regconfig, dateline_search_fold(%s))"
        params = [config, clause.text]
    return (f"!!{sql}" if clause.negated else sql), params


def tsquery(query: Query, language: Language) -> tuple[str, list[object]]:
    """The query as one tsquery expression for ``language``, with its parameters."""
    parts: list[str] = []
    params: list[object] = []
    for clause in query.clauses:
        sql, values = _part(clause, language.pg_config)
        parts.append(sql)
        params.extend(values)
    return "(" + " && ".join(parts) + ")", params


class PostgresEngine(Engine):
    vendor = "postgresql"

    # --- writing -----------------------------------------------------------------------------

    def store(self, article_ids: Sequence[int]) -> int:
        written = 0
        editions, configs = _configs()
        for start in range(0, len(article_ids), BATCH):
            batch = list(article_ids[start : start + BATCH])
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(_UPSERT.format(where="a.id = ANY(%s)"), [editions, configs, batch])
                written += cursor.rowcount
        return written

    def remove(self, article_ids: Iterable[int]) -> None:
        SearchDocument.objects.filter(article_id__in=list(article_ids)).delete()

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_searchdocument")

    def indexed_ids(self) -> set[int]:
        return set(SearchDocument.objects.values_list("article_id", flat=True))

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")

    # --- reading -----------------------------------------------------------------------------

    def _where(self, request: SearchRequest) -> tuple[str, list[object], str, list[object]]:
        """The WHERE clause and the rank expression, each with its parameters."""
        by_language: dict[Language, list[int]] = {}
        for edition_id, language in request.scope.editions:
            by_language.setdefault(language, []).append(edition_id)
        matches: list[str] = []
        ranks: list[str] = []
        match_params: list[object] = []
        rank_params: list[object] = []
        edition_param: object
        for language, edition_ids in by_language.items():
            sql, params = tsquery(request.query, language)
            # One edition (a reader's search) as an equality, so that the planner can walk
            # the (edition, published_at) index newest first instead of sorting the matches.
            if len(edition_ids) == 1:
                editions, edition_param = "d.edition_id = %s", edition_ids[0]
            else:
                editions, edition_param = "d.edition_id = ANY(%s)", edition_ids
            matches.append(f"({editions} AND d.vector @@ {sql})")
            match_params += [edition_param, *params]
            ranks.append(f"WHEN {editions} THEN ts_rank(d.vector, {sql}, 1)")
            rank_params += [edition_param, *params]
        where = ["(" + " OR ".join(matches) + ")", "d.published_at <= %s"]
        params = [*match_params, request.scope.now]
        scope = request.scope
        for condition, value in (
            ("d.published_at >= %s", scope.since),
            ("d.published_at < %s", scope.until),
            ("d.section_id = %s", scope.section_id),
            ("d.genre = %s", scope.genre),
            ("d.author_ids @> ARRAY[%s]::integer[]", scope.author_id),
        ):
            if value:
                where.append(condition)
                params.append(value)
        rank = "CASE " + " ".join(ranks) + " ELSE 0 END"
        return " AND ".join(where), params, rank, rank_params

    def _newest_first(
        self,
        select: tuple[str, list[object]],
        where: tuple[str, list[object]],
        limit: int,
        anchor: datetime,
    ) -> list[tuple]:
        """The newest ``limit`` matching rows, looked for in widening spans of time before
        ``anchor``: the last day first, then a span sized by how many matched in it.

        Asked for all at once, the planner weighs a common word with a filter (a section, an
        author, a second word) as rare and reads every match through the GIN index to sort
        them: 35,000 rows, a third of a second at a million stories. Within a span that holds
        about ``limit`` matches it reads about that many; a rare word goes to the whole
        archive at the second step, any other by the fourth at most. ``select`` is computed on
        the chosen rows only (the rank reads each story's vector); ``where`` uses ``d``.
        """
        (columns, column_params), (condition, params) = select, where
        span: timedelta | None = FIRST_SPAN
        steps = 1
        while True:
            bounded, bounded_params = condition, list(params)
            if span is not None:
                bounded += " AND d.published_at >= %s"
                bounded_params.append(anchor - span)
            rows = self._rows(
                f"SELECT {columns} FROM (SELECT d.article_id, d.published_at, d.edition_id, "  # noqa: S608
                "d.vector "
                f"FROM search_searchdocument d WHERE {bounded} "
                "ORDER BY d.published_at DESC, d.article_id DESC LIMIT %s) d "
                "ORDER BY d.published_at DESC, d.article_id DESC",
                [*column_params, *bounded_params, limit],
            )
            if len(rows) >= limit or span is None:
                return rows
            steps += 1
            # Wide enough, at the density just seen, for five times as many as needed (a
            # second try costs as much as the first: the index lists are read whole); the
            # last step looks at the whole archive.
            span *= 5 * limit / max(len(rows), 1)
            if span > WHOLE_ARCHIVE_AFTER or steps == MAX_SPANS:
                span = None

    def _count(self, where: str, params: list[object], anchor: datetime) -> int:
        return len(self._newest_first(("1", []), (where, params), COUNT_LIMIT + 1, anchor))

    def search(self, request: SearchRequest) -> Found:
        where, params, rank, rank_params = self._where(request)
        if request.sort == Sort.NEWEST:
            return self._newest(request, where, params)
        rows = self._newest_first(
            (f"d.article_id, d.published_at, {rank}", rank_params),
            (where, params),
            request.candidate_limit,
            request.scope.now,
        )
        candidates = [Candidate(pk, float(score), published) for pk, published, score in rows]
        ids, cursor = rank_page(candidates, request)
        complete = len(rows) < request.candidate_limit
        return Found(
            article_ids=ids,
            next_cursor=cursor,
            total=len(rows) if complete else COUNT_LIMIT + 1,
            ranked_all=complete,
        )

    def _newest(self, request: SearchRequest, where: str, params: list[object]) -> Found:
        page_where, page_params = where, list(params)
        anchor = request.scope.now
        if request.cursor:
            moment_text, id_text = decode_cursor(request.cursor, "n", 2)
            try:
                after = (EPOCH + int(moment_text) * MICROSECOND, int(id_text))
            except (ValueError, OverflowError):
                raise BadSearchCursor("cursor does not decode") from None
            page_where += " AND (d.published_at, d.article_id) < (%s, %s)"
            page_params += list(after)
            anchor = min(anchor, after[0])
        rows = self._newest_first(
            ("d.article_id, d.published_at", []),
            (page_where, page_params),
            request.size + 1,
            anchor,
        )
        page = rows[: request.size]
        cursor = None
        if len(rows) > request.size:
            cursor = encode_cursor("n", micros(page[-1][1]), page[-1][0])
        return Found(
            article_ids=[pk for pk, _ in page],
            next_cursor=cursor,
            total=self._count(where, params, request.scope.now),
        )
