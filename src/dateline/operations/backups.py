"""``dateline backup``: the whole site in one ``.tar.gz``, taken while it keeps running.

The archive holds the database (an SQLite snapshot from the online backup API, or a
``pg_dump --format=custom`` of one exported PostgreSQL snapshot), the media folder when
pictures live on local disk, the data folder's ``secret_key`` (without it, sessions, signed
links and newsletter tokens stop working after a restore) and ``manifest.json`` (see
``backups_manifest``), written last so an archive cut short has none and is refused.

The database is copied before the media folder: uploads are never overwritten, so every
file a row of the snapshot points at is already on disk when the folder is read, and files
uploaded during the backup only add pictures no row mentions yet.

The archive is written under a temporary name with mode 0600 (it holds the secret key and
every subscriber's address) and renamed into place once complete and flushed to disk.
"""

import io
import os
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import DEFAULT_DB_ALIAS, connections

import dateline
from dateline.operations import backups_postgres, backups_sqlite
from dateline.operations.backups_manifest import (
    DATABASE_FILES,
    MANIFEST_NAME,
    MEDIA_DIR,
    SECRET_KEY_NAME,
    DatabasePart,
    Manifest,
    file_record,
)


class BackupError(Exception):
    """The backup cannot be taken; the message says why and what to do."""


@dataclass
class Backup:
    path: Path
    size: int
    manifest: Manifest


def engine_of(alias: str = DEFAULT_DB_ALIAS) -> str:
    """``"sqlite"`` or ``"postgresql"``; anything else cannot be backed up by Dateline."""
    vendor = connections[alias].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Dateline backs up SQLite and PostgreSQL databases, not {vendor}.")
    return vendor


def sqlite_path(alias: str = DEFAULT_DB_ALIAS) -> Path:
    name = str(connections[alias].settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("The database lives in memory only; there is no file to back up.")
    return Path(name)


def media_is_local() -> bool:
    """True when pictures are files under MEDIA_ROOT (not in an S3 bucket)."""
    return isinstance(storages["default"], FileSystemStorage)


def archive_path(output: Path | None, now: datetime) -> Path:
    """The file to write: ``output`` itself, or a dated name inside it when it is a folder
    (``DATA_DIR/backups/`` by default)."""
    name = f"dateline-{now:%Y%m%d-%H%M%S}.tar.gz"
    if output is None:
        folder = Path(settings.DATA_DIR) / "backups"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder / name
    if output.is_dir():
        return output / name
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} does not exist; create it or choose another --output.")
    return output


def _database(work: Path, alias: str) -> DatabasePart:
    engine = engine_of(alias)
    file = work / DATABASE_FILES[engine]
    if engine == "sqlite":
        source = sqlite_path(alias)
        if not source.exists():
            raise BackupError(f"{source} does not exist: run `dateline migrate` first.")
        backups_sqlite.snapshot(source, file)
        tables = backups_sqlite.row_counts(file)
        migrations = backups_sqlite.applied_migrations(file)
    else:
        try:
            tables, migrations = backups_postgres.snapshot(connections[alias].settings_dict, file)
        except (backups_postgres.ToolMissing, backups_postgres.ToolFailed) as error:
            raise BackupError(str(error)) from error
    return DatabasePart(engine=engine, file=file.name, tables=tables, migrations=migrations)


def _secret_key() -> tuple[Path | None, dict[str, Any]]:
    path = Path(settings.DATA_DIR) / SECRET_KEY_NAME
    if os.environ.get("DATELINE_SECRET_KEY"):
        note = "DATELINE_SECRET_KEY is set in the environment: keep it with the configuration."
        return None, {"included": False, "note": note}
    if not path.exists():
        return None, {"included": False, "note": "no secret_key file in the data folder"}
    return path, {"included": True}


class _MediaCounter:
    """A tarfile filter that counts the regular files it lets through."""

    def __init__(self) -> None:
        self.files = 0
        self.bytes = 0

    def __call__(self, member: tarfile.TarInfo) -> tarfile.TarInfo:
        if member.isfile():
            self.files += 1
            self.bytes += member.size
        return member


def take_backup(output: Path | None = None, *, alias: str = DEFAULT_DB_ALIAS) -> Backup:
    """Writes the backup archive and returns where, how big, and its manifest."""
    now = datetime.now(UTC).replace(microsecond=0)
    target = archive_path(output, now)
    if target.exists():
        raise BackupError(f"{target} already exists; choose another --output.")
    partial = target.with_name(f".{target.name}.partial")
    with TemporaryDirectory(dir=target.parent, prefix=".dateline-backup-") as tmp:
        work = Path(tmp)
        database = _database(work, alias)
        secret_path, secret = _secret_key()
        files = {database.file: file_record(work / database.file)}
        if secret_path is not None:
            files[SECRET_KEY_NAME] = file_record(secret_path)

        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                    tar.add(work / database.file, arcname=database.file)
                    if secret_path is not None:
                        tar.add(secret_path, arcname=SECRET_KEY_NAME)
                    media = _add_media(tar)
                    manifest = Manifest(
                        dateline_version=dateline.__version__,
                        created_at=now.isoformat(),
                        database=database,
                        media=media,
                        secret_key=secret,
                        files=files,
                    )
                    _add_text(tar, MANIFEST_NAME, manifest.to_json(), now)
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return Backup(path=target, size=target.stat().st_size, manifest=manifest)


def _add_media(tar: tarfile.TarFile) -> dict[str, Any]:
    if not media_is_local():
        return {
            "included": False,
            "storage": "s3",
            "note": "media lives in object storage and is not in this archive; back up the "
            "bucket with its own versioning or replication",
        }
    root = Path(settings.MEDIA_ROOT)
    counter = _MediaCounter()
    if root.is_dir():
        tar.add(root, arcname=MEDIA_DIR, filter=counter)
    return {"included": True, "storage": "local", "files": counter.files, "bytes": counter.bytes}


def _add_text(tar: tarfile.TarFile, name: str, text: str, when: datetime) -> None:
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(when.timestamp())
    tar.addfile(info, io.BytesIO(data))


def human_size(size: int) -> str:
    """``"4.2 MB"``: the size an operator reads in the command's last line."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")
