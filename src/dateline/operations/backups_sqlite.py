"""Backing up and restoring an SQLite database file while the site keeps running.

A snapshot uses SQLite's online backup API in a single step: it reads every page inside one
read transaction, which in WAL mode never blocks the writers, so the copy is exactly the
database as it was at one instant — committed stories in, half-written ones out. The row
counts and the migration state of the manifest are then read from that copy, so they
describe the same instant.

Restoring writes the new file next to the live one, flushes it to disk, and renames it over
the old one, so a crash leaves either the old database or the new one, never a mixture.
"""

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from dateline.operations.backups_manifest import TableCounts

# Tables SQLite keeps for itself (autoincrement counters, ANALYZE statistics).
_INTERNAL_PREFIX = "sqlite_"


def snapshot(source: Path, destination: Path) -> None:
    """Copies the live database ``source`` into a new file ``destination``, consistently."""
    # Opened read-write although it only reads: a read-only connection to a WAL database
    # fails when it may not create the shared-memory file.
    with (
        closing(sqlite3.connect(source, timeout=20)) as live,
        closing(sqlite3.connect(destination)) as copy,
    ):
        # pages=-1 (the default) copies the whole file in one step under one read
        # transaction; a stepwise copy restarts whenever another process writes.
        live.backup(copy)
        # A single self-contained file: the copy leaves WAL mode (the site turns it back
        # on when it opens the restored database), so no -wal file is needed to read it.
        copy.execute("PRAGMA journal_mode=DELETE")


def _open(path: Path) -> closing[sqlite3.Connection]:
    """A read-only connection to a file no one else is using (a snapshot, a restored copy)."""
    return closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def tables(path: Path) -> list[str]:
    with _open(path) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        return [name for (name,) in rows if not name.startswith(_INTERNAL_PREFIX)]


def row_counts(path: Path) -> TableCounts:
    """Rows in every table of the database file at ``path``."""
    counts: TableCounts = {}
    with _open(path) as db:
        for name in tables(path):
            quoted = '"' + name.replace('"', '""') + '"'
            counts[name] = db.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]  # noqa: S608
    return counts


def applied_migrations(path: Path) -> list[str]:
    """``app.name`` of every migration recorded in the file, or ``[]`` before the first."""
    if "django_migrations" not in tables(path):
        return []
    with _open(path) as db:
        rows = db.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in rows]


def integrity_problems(path: Path) -> list[str]:
    """What ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` find; ``[]`` when
    the file is sound."""
    with _open(path) as db:
        problems = [
            f"integrity_check: {message}"
            for (message,) in db.execute("PRAGMA integrity_check")
            if message != "ok"
        ]
        problems += [
            f"foreign_key_check: {table} row {rowid} points at a missing {parent} row"
            for table, rowid, parent, _key in db.execute("PRAGMA foreign_key_check")
        ]
    return problems


def replace(target: Path, restored: Path) -> None:
    """Puts the database file ``restored`` in place of ``target``, atomically.

    The old database's write-ahead log is folded into it first and removed afterwards: a
    leftover ``-wal`` file next to the new database would be replayed into it on open.
    """
    staging = target.with_name(f".{target.name}.restoring")
    with restored.open("rb") as source, staging.open("wb") as out:
        while chunk := source.read(1 << 20):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(staging, 0o600)
    if target.exists():
        with closing(sqlite3.connect(target, timeout=20)) as old:
            old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.replace(staging, target)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    _fsync_directory(target.parent)


def _fsync_directory(folder: Path) -> None:
    """Makes the rename itself durable (the directory entry is what changed)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
