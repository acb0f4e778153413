"""Pages in Redis: one cache for several processes or machines.

Keys (prefix ``dateline:pc:`` unless told otherwise)::

    page:<url digest>    the entry (expires with the stale lifetime)
    stale:<url digest>   present when the entry was purged
    key:<surrogate key>  a set of the url digests filed under it
    log / seq            the purge log (a capped list of "<seq> <time> <keys>") and its counter
    lock:<url digest>    who is rendering the page (SET NX EX)
    renders              origin renders (INCR)
"""

import contextlib
import hashlib
import time
from collections.abc import Iterable

import redis

from dateline.pagecache.backends.base import Backend, PurgeRecord
from dateline.pagecache.entries import Entry

PREFIX = "dateline:pc:"
LOG_LENGTH = 10_000


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class RedisBackend(Backend):
    name = "redis"

    def __init__(self, url: str, *, prefix: str = PREFIX, keep_seconds: int = 86_400) -> None:
        self.prefix = prefix
        # Short timeouts: a Redis that does not answer is a cache miss, not a hung page.
        self.client = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self.keep_seconds = keep_seconds

    def get(self, url_key: str) -> Entry | None:
        digest = _digest(url_key)
        try:
            data, stale = self.client.mget(
                self.prefix + "page:" + digest, self.prefix + "stale:" + digest
            )
        except redis.RedisError:
            return None
        if data is None:
            return None
        entry = Entry.loads(data)  # type: ignore[arg-type]
        entry.purged = stale is not None
        return entry

    def put(self, url_key: str, entry: Entry) -> None:
        digest = _digest(url_key)
        keep = self.keep_seconds
        try:
            with self.client.pipeline(transaction=False) as pipe:
                pipe.set(self.prefix + "page:" + digest, entry.dumps(), ex=keep)
                if entry.purged:
                    pipe.set(self.prefix + "stale:" + digest, b"1", ex=keep)
                else:
                    pipe.delete(self.prefix + "stale:" + digest)
                for key in entry.keys:
                    pipe.sadd(self.prefix + "key:" + key, digest)
                    pipe.expire(self.prefix + "key:" + key, keep)
                pipe.execute()
        except redis.RedisError:
            pass  # not cached this time

    def purge(self, keys: Iterable[str], at: float) -> int:
        keys = sorted(set(keys))
        with self.client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.smembers(self.prefix + "key:" + key)
                pipe.delete(self.prefix + "key:" + key)
            results = pipe.execute()
        digests: set[str] = set()
        for members in results[::2]:
            digests.update(m.decode() for m in members)
        with self.client.pipeline(transaction=False) as pipe:
            for digest in digests:
                pipe.set(self.prefix + "stale:" + digest, b"1", ex=self.keep_seconds)
            pipe.execute()
        seq = self.client.incr(self.prefix + "seq")
        with self.client.pipeline(transaction=False) as pipe:
            pipe.rpush(self.prefix + "log", f"{seq} {at:.6f} {' '.join(keys)}")
            pipe.ltrim(self.prefix + "log", -LOG_LENGTH, -1)
            pipe.execute()
        return len(digests)

    def purges_since(self, cursor: object) -> tuple[object, list[PurgeRecord] | None]:
        try:
            seq = int(self.client.get(self.prefix + "seq") or 0)
        except redis.RedisError:
            return cursor, []  # try again next time
        if cursor is None:
            return seq, []
        if not isinstance(cursor, int):
            raise TypeError("a purge-log cursor is a number")
        if seq == cursor:
            return cursor, []
        if seq < cursor or seq - cursor > LOG_LENGTH:
            return seq, None
        lines = self.client.lrange(self.prefix + "log", -(seq - cursor), -1)
        records = []
        for line in lines:
            number, stamp, *keys = line.decode().split(" ")  # type: ignore[union-attr]
            if int(number) <= cursor:
                continue
            if keys == ["*clear*"]:
                return seq, None
            records.append(PurgeRecord(float(stamp), frozenset(keys)))
        return seq, records

    def lock(self, url_key: str, seconds: float) -> bool:
        try:
            return bool(
                self.client.set(
                    self.prefix + "lock:" + _digest(url_key), b"1", nx=True, px=int(seconds * 1000)
                )
            )
        except redis.RedisError:
            return True  # without Redis, render: one process at a time is all we lose

    def unlock(self, url_key: str) -> None:
        with contextlib.suppress(redis.RedisError):
            self.client.delete(self.prefix + "lock:" + _digest(url_key))

    def clear(self) -> None:
        for name in self.client.scan_iter(self.prefix + "*", count=1000):
            if not name.endswith((b":seq", b":log", b":renders")):
                self.client.delete(name)
        seq = self.client.incr(self.prefix + "seq")
        self.client.rpush(self.prefix + "log", f"{seq} {time.time():.6f} *clear*")

    def count_render(self) -> None:
        with contextlib.suppress(redis.RedisError):
            self.client.incr(self.prefix + "renders")

    def renders(self) -> int:
        return int(self.client.get(self.prefix + "renders") or 0)
