"""One process's page cache (tests, and a site served by a single process)."""

import threading
from collections.abc import Iterable

from dateline.pagecache.backends.base import Backend, PurgeRecord
from dateline.pagecache.entries import Entry

LOG_LENGTH = 10_000


class MemoryBackend(Backend):
    name = "memory"

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}
        self._index: dict[str, set[str]] = {}
        self._log: list[PurgeRecord] = []
        self._first = 0  # sequence number of self._log[0]
        self._locks: dict[str, float] = {}
        self._renders = 0
        self._mutex = threading.Lock()

    def get(self, url_key: str) -> Entry | None:
        stored = self._entries.get(url_key)
        if stored is None:
            return None
        # A copy: the caller's in-memory layer marks its own entries stale.
        return Entry(
            stored.status, stored.headers, stored.body, stored.keys, stored.created,
            stored.fresh_until, stored.etag, stored.purged,
        )  # fmt: skip

    def put(self, url_key: str, entry: Entry) -> None:
        with self._mutex:
            self._entries[url_key] = entry
            for key in entry.keys:
                self._index.setdefault(key, set()).add(url_key)

    def purge(self, keys: Iterable[str], at: float) -> int:
        keys = frozenset(keys)
        marked = 0
        with self._mutex:
            for key in keys:
                for url_key in self._index.pop(key, ()):
                    entry = self._entries.get(url_key)
                    if entry is not None and not entry.purged:
                        entry.purged = True
                        marked += 1
            self._log.append(PurgeRecord(at, keys))
            if len(self._log) > LOG_LENGTH:
                drop = len(self._log) - LOG_LENGTH
                del self._log[:drop]
                self._first += drop
        return marked

    def purges_since(self, cursor: object) -> tuple[object, list[PurgeRecord] | None]:
        end = self._first + len(self._log)
        if cursor is None:
            return end, []
        if not isinstance(cursor, int):
            raise TypeError("a purge-log cursor is a number")
        if cursor < self._first:
            return end, None
        return end, self._log[cursor - self._first :]

    def lock(self, url_key: str, seconds: float) -> bool:
        import time

        now = time.monotonic()
        with self._mutex:
            if self._locks.get(url_key, 0.0) > now:
                return False
            self._locks[url_key] = now + seconds
            return True

    def unlock(self, url_key: str) -> None:
        self._locks.pop(url_key, None)

    def clear(self) -> None:
        with self._mutex:
            self._entries.clear()
            self._index.clear()
            self._first += len(self._log) + 1  # every reader's cursor is now behind the log
            self._log.clear()

    def count_render(self) -> None:
        self._renders += 1

    def renders(self) -> int:
        return self._renders
