"""The search engine of the database in use: SQLite FTS5 or PostgreSQL full-text search."""

from django.db import connection

from dateline.search.engines.base import Engine


def get_engine() -> Engine:
    if connection.vendor == "postgresql":
        from dateline.search.engines.postgres import PostgresEngine

        return PostgresEngine()
    from dateline.search.engines.sqlite import SqliteEngine

    return SqliteEngine()
