"""The page cache's storage interface: a handful of verbs every backend implements.

Entries are addressed by the page's URL key; purges by surrogate key. A purge does not
delete: it marks each entry filed under the key stale (so it can still be served while a
fresh copy renders, or while the database is down) and appends a record to a purge log
that every process reads to drop its own in-memory copies.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.pagecache.entries import Entry


@dataclass(frozen=True, slots=True)
class PurgeRecord:
    at: float  # wall clock seconds
    keys: frozenset[str]


class Backend(ABC):
    name = "base"

    @abstractmethod
    def get(self, url_key: str) -> Entry | None: ...

    @abstractmethod
    def put(self, url_key: str, entry: Entry) -> None:
        """Stores ``entry`` and files it under each of its keys."""

    @abstractmethod
    def purge(self, keys: Iterable[str], at: float) -> int:
        """Marks stale every entry filed under ``keys``; logs the purge; answers how many."""

    @abstractmethod
    def purges_since(self, cursor: object) -> tuple[object, list[PurgeRecord] | None]:
        """Purges logged after ``cursor`` (None: from now on) and the new cursor.

        Answers None instead of a list when the log no longer reaches back to ``cursor``
        (rotated, or the store was cleared): the caller must forget everything it holds.
        """

    @abstractmethod
    def lock(self, url_key: str, seconds: float) -> bool:
        """True for exactly one caller until :meth:`unlock` or ``seconds`` pass."""

    @abstractmethod
    def unlock(self, url_key: str) -> None: ...

    @abstractmethod
    def clear(self) -> None:
        """Forgets every page (and tells every process to)."""

    @abstractmethod
    def count_render(self) -> None:
        """Counts one origin render (the figure the stampede benchmark reads)."""

    @abstractmethod
    def renders(self) -> int: ...

    def sweep(self, older_than: float) -> int:
        """Deletes entries rendered before ``older_than``; answers how many."""
        return 0
