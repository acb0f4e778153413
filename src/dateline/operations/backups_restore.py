"""``dateline restore``: a backup archive back into the configured database and data folder.

Nothing is changed until the whole archive has been read and checked: it is unpacked into a
temporary folder inside the data folder, the gzip stream is read to its end (so its checksum
is verified), the manifest must be present (it is written last, so an archive cut short has
none) and the database file and secret key must match their SHA-256 in it. A damaged
archive therefore leaves the current site exactly as it was.

A database that already holds tables is only replaced with ``force=True``. Afterwards the
restored site is checked: SQLite's ``integrity_check`` and ``foreign_key_check``, the row
count of every table against the manifest (read from the same snapshot the dump was made
from), and the migrations this version of Dateline would still apply.
"""

import gzip
import os
import shutil
import tarfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from dateline.operations import backups_postgres, backups_sqlite
from dateline.operations.backups import engine_of, media_is_local, sqlite_path
from dateline.operations.backups_manifest import (
    MANIFEST_NAME,
    MEDIA_DIR,
    SECRET_KEY_NAME,
    DamagedArchive,
    Manifest,
    TableCounts,
    file_record,
)

ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class RestoreRefused(Exception):
    """The restore would do something the operator did not ask for (the message says what)."""


@dataclass
class Restored:
    manifest: Manifest
    media: str
    secret_key: str
    problems: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def unpack(archive: Path, into: Path) -> Manifest:
    """Extracts ``archive`` into ``into`` and proves it whole; raises ``DamagedArchive``."""
    try:
        with gzip.open(archive, "rb") as stream:
            with tarfile.open(fileobj=stream, mode="r|") as tar:
                # "data": no absolute paths, no "..", no links or devices leading outside.
                tar.extractall(into, filter="data")
            # tarfile stops at the end-of-archive blocks; read on so gzip checks its CRC.
            while stream.read(1 << 20):
                pass
    except FileNotFoundError:
        raise
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise DamagedArchive(f"it cannot be read to the end ({error})") from error
    manifest_file = into / MANIFEST_NAME
    if not manifest_file.is_file():
        raise DamagedArchive("it has no manifest.json (not a Dateline backup, or cut short)")
    manifest = Manifest.from_json(manifest_file.read_text())
    for name, expected in manifest.files.items():
        member = into / name
        if not member.is_file() or file_record(member) != expected:
            raise DamagedArchive(f"{name} does not match its checksum in the manifest")
    return manifest


def existing_tables(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    engine = engine_of(alias)
    if engine == "sqlite":
        path = sqlite_path(alias)
        return backups_sqlite.tables(path) if path.exists() and path.stat().st_size else []
    try:
        return backups_postgres.table_names(connections[alias].settings_dict)
    except psycopg.OperationalError as error:
        raise RestoreRefused(f"The configured database cannot be reached: {error}") from error


def restore_backup(archive: Path, *, force: bool, alias: str = DEFAULT_DB_ALIAS) -> Restored:
    """Restores ``archive``; see the module docstring. Raises ``DamagedArchive`` or
    ``RestoreRefused`` before changing anything."""
    engine = engine_of(alias)
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with TemporaryDirectory(dir=data_dir, prefix=".restore-") as tmp:
        unpacked = Path(tmp)
        manifest = unpack(archive, unpacked)
        if manifest.database.engine != engine:
            raise RestoreRefused(
                f"The backup holds a {ENGINE_NAMES[manifest.database.engine]} database and "
                f"this site is configured for {ENGINE_NAMES[engine]}: set DATABASE_URL to match "
                "(moving between the two is a data migration, not a restore)."
            )
        dump = unpacked / manifest.database.file
        settings_dict = connections[alias].settings_dict
        if engine == "postgresql":
            try:
                backups_postgres.check_dump(dump)
            except (backups_postgres.ToolMissing, backups_postgres.ToolFailed) as error:
                raise RestoreRefused(f"The dump cannot be read here: {error}") from error
        tables = existing_tables(alias)
        if tables and not force:
            raise RestoreRefused(
                f"The configured database is not empty ({len(tables)} tables). Restoring "
                "replaces its contents: stop Dateline and run again with --force."
            )
        connections.close_all()  # nothing of ours may hold the old database open
        if engine == "sqlite":
            backups_sqlite.replace(sqlite_path(alias), dump)
        else:
            try:
                backups_postgres.restore(settings_dict, dump)
            except (backups_postgres.ToolMissing, backups_postgres.ToolFailed) as error:
                raise RestoreRefused(f"pg_restore failed; nothing was changed: {error}") from error
        media = _restore_media(manifest, unpacked / MEDIA_DIR)
        secret_key = _restore_secret_key(manifest, unpacked / SECRET_KEY_NAME, data_dir)
    restored = Restored(manifest=manifest, media=media, secret_key=secret_key)
    check(restored, alias, settings_dict)
    return restored


def _restore_media(manifest: Manifest, folder: Path) -> str:
    if not manifest.media.get("included"):
        return "not in the backup (" + str(manifest.media.get("note", "")) + ")"
    if not media_is_local():
        return "not restored: this site keeps media in object storage; copy the archive's media/"
    target = Path(settings.MEDIA_ROOT)
    folder.mkdir(exist_ok=True)  # a backup of an empty library has no media/ member
    replaced = target.with_name(f".{target.name}.replaced")
    shutil.rmtree(replaced, ignore_errors=True)
    if target.exists():
        os.replace(target, replaced)
    shutil.move(folder, target)
    shutil.rmtree(replaced, ignore_errors=True)
    return f"{manifest.media.get('files', 0)} files restored to {target}"


def _restore_secret_key(manifest: Manifest, source: Path, data_dir: Path) -> str:
    if not manifest.secret_key.get("included"):
        return "not in the backup (" + str(manifest.secret_key.get("note", "")) + ")"
    target = data_dir / SECRET_KEY_NAME
    staging = data_dir / f".{SECRET_KEY_NAME}.restoring"
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(source.read_bytes())
        out.flush()
        os.fsync(out.fileno())
    os.replace(staging, target)
    return f"restored to {target}"


def _counts_now(alias: str, settings_dict: Mapping[str, Any]) -> TableCounts:
    if engine_of(alias) == "sqlite":
        return backups_sqlite.row_counts(sqlite_path(alias))
    return backups_postgres.row_counts(settings_dict)


def check(restored: Restored, alias: str, settings_dict: Mapping[str, Any]) -> None:
    """Fills ``restored.passed``, ``.problems`` and ``.notes`` from the restored database."""
    if engine_of(alias) == "sqlite":
        problems = backups_sqlite.integrity_problems(sqlite_path(alias))
        restored.problems += problems
        if not problems:
            restored.passed.append("integrity_check and foreign_key_check found nothing wrong")
    expected = restored.manifest.database.tables
    actual = _counts_now(alias, settings_dict)
    mismatched = [
        f"{table}: {actual.get(table, 'no table')} rows, the backup had {rows}"
        for table, rows in sorted(expected.items())
        if actual.get(table) != rows
    ]
    restored.problems += [f"row count {line}" for line in mismatched]
    if not mismatched:
        restored.passed.append(
            f"row counts of all {len(expected)} tables equal the manifest "
            f"({restored.manifest.database.stories} stories)"
        )
    connections.close_all()
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
    known = {f"{app}.{name}" for app, name in executor.loader.disk_migrations}
    unknown = sorted(set(restored.manifest.database.migrations) - known)
    if pending:
        restored.notes.append(
            f"{len(pending)} migration(s) to apply with `dateline migrate`: "
            + ", ".join(pending[:5])
            + (" …" if len(pending) > 5 else "")
        )
    else:
        restored.passed.append("no migrations pending")
    if unknown:
        restored.notes.append(
            f"the backup has {len(unknown)} migration(s) this version does not know "
            f"(it was taken by a newer Dateline): {', '.join(unknown[:5])}"
        )
    connections.close_all()
