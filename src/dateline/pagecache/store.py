"""The page cache a process uses: its own memory in front of the shared backend.

Reading a hot page costs a dictionary lookup: each process keeps the pages it served in
memory and learns about purges by reading the shared purge log at most every
``POLL_SECONDS`` (a ``stat`` of a file, or one Redis ``GET``), so a purge reaches every
process well within a second. :func:`page_cache` is the process's one instance.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Iterable

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from dateline.pagecache import backends
from dateline.pagecache.backends import Backend
from dateline.pagecache.entries import Entry

POLL_SECONDS = 0.1
# How long a purge is remembered to catch a render that started before it and stores after.
RENDER_GRACE_SECONDS = 120.0


class PageCache:
    def __init__(
        self,
        backend: Backend,
        *,
        fresh_seconds: float,
        max_bytes: int = 64 << 20,
    ) -> None:
        self.backend = backend
        self.fresh_seconds = fresh_seconds
        self.max_bytes = max_bytes
        self.memory: OrderedDict[str, Entry] = OrderedDict()
        self.filed: dict[str, set[str]] = {}  # surrogate key -> url keys held in memory
        self.recent_purges: dict[str, float] = {}  # surrogate key -> last purge time
        self.held_bytes = 0
        self.mutex = threading.RLock()
        self.cursor, _ = backend.purges_since(None)
        self.next_poll = 0.0

    # --- Reading -------------------------------------------------------------------------
    def lookup(self, url_key: str) -> Entry | None:
        """The page stored under ``url_key``, fresh or stale, or None."""
        now = time.monotonic()
        if now >= self.next_poll:
            self.sync(now)
        entry = self.memory.get(url_key)
        if entry is not None:
            return entry
        entry = self.backend.get(url_key)
        if entry is not None:
            self._hold(url_key, entry)
        return entry

    def sync(self, now: float | None = None) -> None:
        """Applies purges other processes logged since the last look."""
        if not self.mutex.acquire(blocking=False):
            return  # another thread is at it
        try:
            self.next_poll = (now or time.monotonic()) + POLL_SECONDS
            self.cursor, records = self.backend.purges_since(self.cursor)
            if records is None:
                self._forget_all()
                return
            for record in records:
                self._mark(record.keys, record.at)
        finally:
            self.mutex.release()

    # --- Writing -------------------------------------------------------------------------
    def store(self, url_key: str, entry: Entry) -> None:
        """Keeps a freshly rendered page, stale already if a purge overtook its render."""
        self.next_poll = 0.0
        self.sync()
        with self.mutex:
            if any(self.recent_purges.get(key, 0.0) >= entry.created for key in entry.keys):
                entry.purged = True
            self._hold(url_key, entry)
        self.backend.put(url_key, entry)
        self.backend.count_render()

    def purge(self, keys: Iterable[str]) -> int:
        """Marks stale every page filed under ``keys``, here and in every other process."""
        keys = frozenset(keys)
        if not keys:
            return 0
        at = time.time()
        marked = self.backend.purge(keys, at)
        with self.mutex:
            self._mark(keys, at)
        return marked

    def clear(self) -> None:
        self.backend.clear()
        with self.mutex:
            self._forget_all()

    # --- Memory --------------------------------------------------------------------------
    def _hold(self, url_key: str, entry: Entry) -> None:
        with self.mutex:
            old = self.memory.pop(url_key, None)
            if old is not None:
                self._unfile(url_key, old)
            self.memory[url_key] = entry
            self.held_bytes += entry.size
            for key in entry.keys:
                self.filed.setdefault(key, set()).add(url_key)
            while self.held_bytes > self.max_bytes and self.memory:
                evicted_key, evicted = self.memory.popitem(last=False)
                self._unfile(evicted_key, evicted)

    def _unfile(self, url_key: str, entry: Entry) -> None:
        self.held_bytes -= entry.size
        for key in entry.keys:
            filed = self.filed.get(key)
            if filed is not None:
                filed.discard(url_key)
                if not filed:
                    del self.filed[key]

    def _mark(self, keys: frozenset[str], at: float) -> None:
        for key in keys:
            self.recent_purges[key] = max(at, self.recent_purges.get(key, 0.0))
            filed = self.filed.pop(key, None)
            if not filed:
                continue
            later = set()  # rendered after this purge: still filed under the key
            for url_key in filed:
                entry = self.memory.get(url_key)
                if entry is None:
                    continue
                if entry.created <= at:
                    entry.purged = True
                else:
                    later.add(url_key)
            if later:
                self.filed[key] = later
        if len(self.recent_purges) > 10_000:
            horizon = time.time() - RENDER_GRACE_SECONDS
            self.recent_purges = {k: t for k, t in self.recent_purges.items() if t >= horizon}

    def _forget_all(self) -> None:
        self.memory.clear()
        self.filed.clear()
        self.held_bytes = 0


_instance: PageCache | None = None
_configured = False
_building = threading.Lock()


def page_cache() -> PageCache | None:
    """This process's page cache, or None when ``DATELINE_PAGE_CACHE=off``."""
    global _instance, _configured
    if _configured:
        return _instance
    with _building:
        if not _configured:
            backend = backends.from_settings()
            _instance = (
                PageCache(backend, fresh_seconds=settings.DATELINE_PAGE_CACHE_SECONDS)
                if backend is not None
                else None
            )
            _configured = True
    return _instance


def reset() -> None:
    """Forgets this process's instance; the next :func:`page_cache` reads the settings again."""
    global _instance, _configured
    with _building:
        _instance, _configured = None, False


@receiver(setting_changed)
def _settings_changed(setting: str, **kwargs) -> None:
    if setting.startswith("DATELINE_PAGE_CACHE"):
        reset()
