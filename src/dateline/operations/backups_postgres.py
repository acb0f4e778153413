"""Backing up and restoring a PostgreSQL database with ``pg_dump`` and ``pg_restore``.

A snapshot opens a read-only ``REPEATABLE READ`` transaction, exports its snapshot
(``pg_export_snapshot()``), counts every table inside it and has ``pg_dump --snapshot`` dump
that very snapshot: the counts in the manifest and the rows in the dump describe the same
instant, however busy the site is. Neither blocks writers.

The password travels in ``PGPASSWORD``, never on a command line that ``ps`` would show.
"""

import os
import shutil
import subprocess
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from dateline.operations.backups_manifest import TableCounts

# OPTIONS entries that are libpq connection keywords (TLS to a managed database, mostly);
# anything else in OPTIONS is Django's own (pool, server_side_binding, ...).
_LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslpassword",
    "connect_timeout",
    "options",
    "service",
    "target_session_attrs",
}
_TABLES = sql.SQL(
    "SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
)


class ToolMissing(Exception):
    """A PostgreSQL client program is not installed."""


class ToolFailed(Exception):
    """``pg_dump`` or ``pg_restore`` exited with an error (its message is the text)."""


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ToolMissing(
            f"{name} was not found on PATH. Install the PostgreSQL client programs of your "
            f"server's major version or newer (Debian: apt-get install postgresql-client)."
        )
    return path


def connection_settings(settings_dict: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it."""
    options = settings_dict.get("OPTIONS") or {}
    params = {
        "dbname": settings_dict.get("NAME"),
        "user": settings_dict.get("USER"),
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
        **{key: value for key, value in options.items() if key in _LIBPQ_OPTIONS},
    }
    conninfo = make_conninfo(**{key: str(value) for key, value in params.items() if value})
    env = {"PGPASSWORD": str(settings_dict["PASSWORD"])} if settings_dict.get("PASSWORD") else {}
    return conninfo, env


def _connect(settings_dict: Mapping[str, Any]) -> psycopg.Connection:
    conninfo, env = connection_settings(settings_dict)
    return psycopg.connect(conninfo, password=env.get("PGPASSWORD"), autocommit=True)


def _run(command: list[str], settings_dict: Mapping[str, Any]) -> None:
    _conninfo, env = connection_settings(settings_dict)
    done = subprocess.run(  # noqa: S603 (a PostgreSQL client found on PATH, no shell)
        command,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ToolFailed(done.stderr.strip() or f"{command[0]} exited with {done.returncode}")


def _count(cursor: psycopg.Cursor[Any]) -> TableCounts:
    names = [name for (name,) in cursor.execute(_TABLES).fetchall()]
    counts: TableCounts = {}
    for name in names:
        row = cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(name)))
        counts[name] = row.fetchone()[0]  # type: ignore[index]
    return counts


def _migrations(cursor: psycopg.Cursor[Any], tables: TableCounts) -> list[str]:
    if "django_migrations" not in tables:
        return []
    rows = cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in rows.fetchall()]


def snapshot(settings_dict: Mapping[str, Any], destination: Path) -> tuple[TableCounts, list[str]]:
    """Dumps the database into ``destination`` (custom format); returns the row counts and
    applied migrations of the same snapshot."""
    pg_dump = tool("pg_dump")
    conninfo, _env = connection_settings(settings_dict)
    with closing(_connect(settings_dict)) as db:
        db.autocommit = False
        with db.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot_id = cursor.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
            counts = _count(cursor)
            migrations = _migrations(cursor, counts)
            # The exported snapshot lives as long as this transaction: dump while it is open.
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    f"--snapshot={snapshot_id}",
                    f"--file={destination}",
                    f"--dbname={conninfo}",
                ],
                settings_dict,
            )
        db.rollback()
    return counts, migrations


def row_counts(settings_dict: Mapping[str, Any]) -> TableCounts:
    with closing(_connect(settings_dict)) as db, db.cursor() as cursor:
        return _count(cursor)


def table_names(settings_dict: Mapping[str, Any]) -> list[str]:
    with closing(_connect(settings_dict)) as db, db.cursor() as cursor:
        return [name for (name,) in cursor.execute(_TABLES).fetchall()]


def check_dump(dump: Path) -> None:
    """Reads the dump's table of contents: a damaged file or one written by a newer
    ``pg_dump`` than this ``pg_restore`` fails here, before the database is touched."""
    done = subprocess.run(  # noqa: S603 (a PostgreSQL client found on PATH, no shell)
        [tool("pg_restore"), "--list", str(dump)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise ToolFailed(done.stderr.strip())


def restore(settings_dict: Mapping[str, Any], dump: Path) -> None:
    """Loads ``dump`` into the configured database in one transaction: on any error nothing
    changes. Objects the dump holds are dropped and recreated (``--clean --if-exists``);
    ownership and grants are left to the target's own user (``--no-owner
    --no-privileges``), since the source's roles need not exist here."""
    conninfo, _env = connection_settings(settings_dict)
    _run(
        [
            tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(dump),
        ],
        settings_dict,
    )
