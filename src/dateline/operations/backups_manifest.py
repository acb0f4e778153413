"""``manifest.json``: what a backup archive holds, and the facts a restore is checked against.

Example (shortened)::

    {
      "format": 1,
      "dateline_version": "0.1.0",
      "created_at": "2026-03-05T09:30:00+00:00",
      "database": {"engine": "sqlite", "file": "database.sqlite3",
                   "tables": {"news_article": 1204, "analytics_articleviews": 5311, ...},
                   "migrations": ["news.0001_initial", ...]},
      "media": {"included": true, "storage": "local", "files": 310},
      "secret_key": {"included": true},
      "files": {"database.sqlite3": {"size": 4915200, "sha256": "9f2c…"}, ...}
    }

``tables`` holds the row count of every table, read from the database snapshot itself (not
from the live database a moment later), so a restore can prove it brought back exactly that.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Bumped when the archive layout changes in a way an older `dateline restore` cannot read.
FORMAT = 1
MANIFEST_NAME = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
SECRET_KEY_NAME = "secret_key"  # noqa: S105 (a file name, not a secret)
MEDIA_DIR = "media"

TableCounts = dict[str, int]


class DamagedArchive(Exception):
    """The archive cannot be read, or does not hold what its manifest says."""


@dataclass
class DatabasePart:
    engine: str
    file: str
    tables: TableCounts
    migrations: list[str]

    @property
    def stories(self) -> int:
        return self.tables.get("news_article", 0)


@dataclass
class Manifest:
    dateline_version: str
    created_at: str
    database: DatabasePart
    media: dict[str, Any]
    secret_key: dict[str, Any]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise DamagedArchive(
                    f"it is format {raw.get('format')!r}; this Dateline reads format {FORMAT}"
                )
            database = DatabasePart(**raw.pop("database"))
            return cls(database=database, **raw)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise DamagedArchive(f"its manifest.json cannot be read ({error})") from error


def file_record(path: Path) -> dict[str, Any]:
    """Size and SHA-256 of a file, as the manifest lists every member but itself."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return {"size": path.stat().st_size, "sha256": digest.hexdigest()}
