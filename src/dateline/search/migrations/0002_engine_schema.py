"""Each engine's own structures (not model state, since only one backend has each).

SQLite: the FTS5 table ``search_fts``, the trigger that removes a story's FTS5 row with its
``search_searchdocument`` row, and the word list ``search_term`` for prefixes (all defined
in engines/sqlite.py, which recreates the first two to empty the index quickly).

PostgreSQL: the folding function both the index and queries use, stemming dictionaries
without stop words, one configuration per search language, the ``vector`` and
``author_ids`` columns and their GIN indexes (engines/postgres.py). The letters folded match ``search/languages.py``.
"""

from django.db import migrations

from dateline.search.engines.sqlite import FTS_TABLE, FTS_TRIGGER, TERMS_TABLE

SQLITE = [FTS_TABLE, FTS_TRIGGER, TERMS_TABLE]
SQLITE_UNDO = [
    "DROP TABLE IF EXISTS search_term",
    "DROP TRIGGER IF EXISTS search_document_removed",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES = [
    # Lower case, then the Azerbaijani letters (and ё) folded as in search/languages.py;
    # chr(775) is the combining dot lower() may leave after "İ"; chr(1077) is Cyrillic е.
    "CREATE OR REPLACE FUNCTION dateline_search_fold(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
    "AS $$ SELECT translate(lower($1), 'əışçğöüё' || chr(775), 'eiscgou' || chr(1077)) $$",
    "CREATE TEXT SEARCH DICTIONARY dateline_english_stem (TEMPLATE = snowball, Language = english)",
    "CREATE TEXT SEARCH DICTIONARY dateline_russian_stem (TEMPLATE = snowball, Language = russian)",
    "CREATE TEXT SEARCH CONFIGURATION dateline_en (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION dateline_en ALTER MAPPING FOR "
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH dateline_english_stem",
    "CREATE TEXT SEARCH CONFIGURATION dateline_ru (COPY = pg_catalog.russian)",
    "ALTER TEXT SEARCH CONFIGURATION dateline_ru ALTER MAPPING FOR "
    "asciiword, asciihword, hword_asciipart WITH dateline_english_stem",
    "ALTER TEXT SEARCH CONFIGURATION dateline_ru ALTER MAPPING FOR "
    "word, hword, hword_part WITH dateline_russian_stem",
    "CREATE TEXT SEARCH CONFIGURATION dateline_simple (COPY = pg_catalog.simple)",
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    # The byline, so that an author filter is one more index the planner can intersect.
    "ALTER TABLE search_searchdocument ADD COLUMN author_ids integer[] NOT NULL DEFAULT '{}'",
    "CREATE INDEX search_document_authors ON search_searchdocument USING gin (author_ids)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS search_document_authors",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS author_ids",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS dateline_simple",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS dateline_ru",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS dateline_en",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS dateline_russian_stem",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS dateline_english_stem",
    "DROP FUNCTION IF EXISTS dateline_search_fold(text)",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
            elidable=False,
        ),
    ]
