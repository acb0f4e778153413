"""The embedded default: pages as files in the data folder, shared by every local process.

Layout under ``DATA_DIR/pagecache/``::

    pages/ab/abcdef….page   one entry each, written to a temporary name and renamed
    keys/12/1234….key       a surrogate key's index: the entries filed under it, a line each
    purges.log              one line per purge: "<time> <key> <key>…"; read by every process
    renders                 one byte appended per origin render (its size is the count)
    locks/…                 who is rendering a page right now
    swept                   touched by the last sweep (hourly, from a busy process's puts)

A purge marks an entry stale by setting its file's modification time to the epoch: the
page stays on disk to be served stale, and marking is one ``utime`` per page. The log is
rotated (emptied) past 1 MB; a process that finds it shorter than where it last read
forgets its in-memory pages, which costs one disk read each.
"""

import fcntl
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from dateline.pagecache.backends.base import Backend, PurgeRecord
from dateline.pagecache.entries import Entry

LOG_ROTATE_BYTES = 1 << 20
SWEEP_CHECK_EVERY = 500  # puts between looks at when the last sweep was
SWEEP_EVERY_SECONDS = 3600.0


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class DiskBackend(Backend):
    name = "disk"

    def __init__(self, root: Path, *, keep_seconds: float = 86_400) -> None:
        self.root = Path(root)
        self.keep_seconds = keep_seconds  # stale copies are kept this long for outages
        self._puts = 0
        self.pages = self.root / "pages"
        self.keys = self.root / "keys"
        self.locks = self.root / "locks"
        for folder in (self.pages, self.keys, self.locks):
            folder.mkdir(parents=True, exist_ok=True)
        self.log = self.root / "purges.log"
        self.log.touch(exist_ok=True)
        self.render_counter = self.root / "renders"
        self.render_counter.touch(exist_ok=True)

    def _page_path(self, url_key: str) -> Path:
        name = _digest(url_key)
        return self.pages / name[:2] / f"{name}.page"

    def _key_path(self, key: str) -> Path:
        name = _digest(key)
        return self.keys / name[:2] / f"{name}.key"

    def get(self, url_key: str) -> Entry | None:
        path = self._page_path(url_key)
        try:
            with open(path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                entry = Entry.loads(handle.read())
        except FileNotFoundError:
            return None
        except Exception:  # a torn or foreign file is a miss, never an error page
            return None
        entry.purged = stat.st_mtime < 1.0
        return entry

    def put(self, url_key: str, entry: Entry) -> None:
        path = self._page_path(url_key)
        path.parent.mkdir(exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(entry.dumps())
        if entry.purged:
            os.utime(temporary, (0, 0))
        os.replace(temporary, path)
        line = (path.name + "\n").encode()
        for key in entry.keys:
            index = self._key_path(key)
            index.parent.mkdir(exist_ok=True)
            fd = os.open(index, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                # Shared: appends go side by side; a purge or a sweep empties the index in
                # place under the exclusive lock, so no line written here can be lost.
                fcntl.flock(fd, fcntl.LOCK_SH)
                os.write(fd, line)
            finally:
                os.close(fd)
        self._puts += 1
        if self._puts % SWEEP_CHECK_EVERY == 0:
            self._sweep_now_and_then()

    def purge(self, keys: Iterable[str], at: float) -> int:
        keys = frozenset(keys)
        marked = 0
        with self._exclusive():
            for key in keys:
                names = self._take_index(self._key_path(key), keep=lambda name: False)
                for name in names:
                    try:
                        os.utime(self.pages / name[:2] / name, (0, 0))
                        marked += 1
                    except FileNotFoundError:
                        pass
            record = f"{at:.6f} {' '.join(sorted(keys))}\n".encode()
            if self.log.stat().st_size > LOG_ROTATE_BYTES:
                os.truncate(self.log, 0)
            fd = os.open(self.log, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, record)
            finally:
                os.close(fd)
        return marked

    def purges_since(self, cursor: object) -> tuple[object, list[PurgeRecord] | None]:
        size = self.log.stat().st_size
        if cursor is None:
            return size, []
        if not isinstance(cursor, int):
            raise TypeError("a purge-log cursor is a number")
        if size == cursor:
            return cursor, []
        if size < cursor:
            return size, None
        with open(self.log, "rb") as handle:
            handle.seek(cursor)
            data = handle.read(size - cursor)
        # Only whole lines: a purge being appended right now is read next time.
        complete = data.rfind(b"\n") + 1
        records = []
        for line in data[:complete].decode().splitlines():
            stamp, _, rest = line.partition(" ")
            if rest == "*clear*":
                return cursor + complete, None
            records.append(PurgeRecord(float(stamp), frozenset(rest.split())))
        return cursor + complete, records

    def lock(self, url_key: str, seconds: float) -> bool:
        path = self.locks / _digest(url_key)
        for _attempt in range(2):
            try:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                return True
            except FileExistsError:
                try:
                    if time.time() - path.stat().st_mtime < seconds:
                        return False
                    path.unlink()  # its holder died or hung: take it over
                except FileNotFoundError:
                    pass
        return False

    def unlock(self, url_key: str) -> None:
        (self.locks / _digest(url_key)).unlink(missing_ok=True)

    def clear(self) -> None:
        with self._exclusive():
            for folder in (self.pages, self.keys):
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.log, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, f"{time.time():.6f} *clear*\n".encode())
            finally:
                os.close(fd)

    def count_render(self) -> None:
        fd = os.open(self.render_counter, os.O_WRONLY | os.O_APPEND)
        try:
            os.write(fd, b".")
        finally:
            os.close(fd)

    def renders(self) -> int:
        return self.render_counter.stat().st_size

    def _take_index(self, index: Path, keep: Callable[[str], bool]) -> set[str]:
        """Empties a key's index in place (same file, so no append is lost) and answers the
        names it held; ``keep`` says which of them to write back."""
        try:
            fd = os.open(index, os.O_RDWR)
        except FileNotFoundError:
            return set()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with os.fdopen(os.dup(fd), "rb") as handle:
                names = set(handle.read().decode().split())
            kept = sorted(name for name in names if keep(name))
            os.ftruncate(fd, 0)
            if kept:
                os.pwrite(fd, "".join(f"{name}\n" for name in kept).encode(), 0)
        finally:
            os.close(fd)
        return names

    def sweep(self, older_than: float) -> int:
        """Deletes pages rendered before ``older_than`` and compacts the key indexes (a page
        rendered again and again is listed again and again)."""
        removed = 0
        for path in self.pages.glob("*/*.page"):
            try:
                with open(path, "rb") as handle:
                    created = Entry.loads(handle.read()).created
                if created < older_than:
                    path.unlink()
                    removed += 1
            except FileNotFoundError:
                pass
            except Exception:
                path.unlink(missing_ok=True)
        for index in self.keys.glob("*/*.key"):
            self._take_index(index, keep=self._page_exists)
        return removed

    def _page_exists(self, name: str) -> bool:
        return (self.pages / name[:2] / name).exists()

    def _sweep_now_and_then(self) -> None:
        """Sweeps in the background when the last sweep is older than an hour."""
        marker = self.root / "swept"
        try:
            if time.time() - marker.stat().st_mtime < SWEEP_EVERY_SECONDS:
                return
        except FileNotFoundError:
            pass
        marker.touch()
        threading.Thread(
            target=self.sweep,
            args=(time.time() - self.keep_seconds,),
            name="pagecache-sweep",
            daemon=True,
        ).start()

    def _exclusive(self):
        return _FileLock(self.root / "purge.lock")


class _FileLock:
    """Serialises purges and clears between processes (``flock``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = -1

    def __enter__(self) -> None:
        self.fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
