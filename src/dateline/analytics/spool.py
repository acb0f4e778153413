"""Views seen while the database was down: kept in a file, counted when it is back.

The beacon (``views.py``) cannot count without the database, and a view must not be lost,
so it appends one line per view to ``DATA_DIR/spool/views-<pid>.jsonl``::

    {"article": 42, "key": "9f2c…", "at": "2026-03-05T09:30:12.123456+00:00"}

(the reader key is the same daily salted hash counting uses: nothing personal in the clear).
When the database answers again, the next beacon — in any process on the machine — replays
the spool:

1. **claim** a file by renaming it to ``replaying-<time>-<random>.jsonl`` (atomic: one replayer
   wins; beacons then start a new file);
2. lock it, which waits for a beacon still writing to it (a writer that finds its file
   claimed or deleted writes again, to the new file);
3. count every line with the normal rules (:func:`.counting.count_view`, ``now`` = the
   time of the view), in one transaction;
4. delete it.

Never twice: a replay that fails rolls back and renames the file back for the next one; a
replayer that crashes after committing leaves a claimed file whose lines the dedupe keys
then turn away (each line's reader is remembered from the view's own time, so counting a
line again is a no-op while the dedupe rows last). A claim older than ``ABANDONED_SECONDS``
is taken over. Never lost: a line is deleted only after its count committed.
"""

import fcntl
import json
import logging
import os
import threading
import time
import uuid
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from dateline.analytics.counting import count_view
from dateline.news.models import Article

logger = logging.getLogger(__name__)

LOOK_EVERY_SECONDS = 5.0  # how often a beacon checks for other processes' spools
ABANDONED_SECONDS = 120.0  # a claim this old was left by a replayer that died
WRITE_ATTEMPTS = 5

_look_after = 0.0
_spooled_here = threading.Event()  # this process spooled: replay at the first chance
_replaying = threading.Lock()


def spool_dir() -> Path:
    return Path(settings.DATA_DIR) / "spool"


def keep(article_id: int, key: str, at: datetime) -> None:
    """Appends one view to this process's spool file (safe across threads and processes)."""
    line = json.dumps({"article": article_id, "key": key, "at": at.isoformat()}) + "\n"
    folder = spool_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"views-{os.getpid()}.jsonl"
    for _attempt in range(WRITE_ATTEMPTS):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _still_at(fd, path):
                os.write(fd, line.encode())
                _spooled_here.set()
                return
        finally:
            os.close(fd)  # also releases the lock
    raise OSError(f"Could not append to the view spool {path}")


def _still_at(fd: int, path: Path) -> bool:
    """Whether the open file is still the one at ``path`` (not claimed by a replayer)."""
    opened = os.fstat(fd)
    try:
        return opened.st_nlink > 0 and os.stat(path).st_ino == opened.st_ino
    except FileNotFoundError:
        return False


def replay_now_and_then() -> int:
    """Replays waiting spools if any may exist; cheap to call on every counted beacon."""
    global _look_after
    now = time.monotonic()
    if not _spooled_here.is_set() and now < _look_after:
        return 0
    _look_after = now + LOOK_EVERY_SECONDS
    if not _replaying.acquire(blocking=False):
        return 0  # another thread of this process is at it
    try:
        _spooled_here.clear()
        return replay()
    finally:
        _replaying.release()


def replay() -> int:
    """Counts every spooled view on this machine; answers how many lines were replayed."""
    folder = spool_dir()
    if not folder.is_dir():
        return 0
    replayed = 0
    for path in sorted(folder.glob("*.jsonl")):
        claimed = _claim(path)
        if claimed is not None:
            replayed += _replay_file(claimed)
    return replayed


def _claim(path: Path) -> Path | None:
    if path.name.startswith("replaying-"):
        claimed_at = path.name.split("-")[1]
        if claimed_at.isdigit() and time.time() - int(claimed_at) < ABANDONED_SECONDS:
            return None  # another replayer is at it
    claimed = path.with_name(f"replaying-{int(time.time())}-{uuid.uuid4().hex}.jsonl")
    try:
        path.rename(claimed)
    except FileNotFoundError:
        return None  # another replayer won
    return claimed


def _replay_file(claimed: Path) -> int:
    with open(claimed, "rb") as spool:
        fcntl.flock(spool.fileno(), fcntl.LOCK_EX)  # waits for a beacon still writing
        views = _parse(spool.read().decode("utf-8", "replace"), claimed)
        try:
            _count(views)
        except BaseException:
            # Back in line for the next replay, under a name no beacon writes to.
            claimed.rename(claimed.with_name(f"views-retry-{uuid.uuid4().hex}.jsonl"))
            raise
        claimed.unlink()
    if views:
        logger.info("Counted %d views kept while the database was down", len(views))
    return len(views)


def _parse(text: str, path: Path) -> list[tuple[int, str, datetime]]:
    views = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            views.append(
                (int(record["article"]), str(record["key"]), datetime.fromisoformat(record["at"]))
            )
        except (ValueError, KeyError, TypeError):
            # A torn last line (the machine lost power mid-write) is the only way to get here.
            logger.warning("Skipping unreadable line %d of %s", number, path.name)
    return views


def _count(views: list[tuple[int, str, datetime]]) -> None:
    if not views:
        return
    with transaction.atomic():
        visible = set(
            Article.objects.published()
            .filter(pk__in={article for article, _, _ in views})
            .values_list("pk", flat=True)
        )
        for article_id, key, at in views:
            if article_id in visible:  # unchecked when spooled: the database was down
                count_view(article_id, key, at)
