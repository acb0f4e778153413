"""One cached response, as stored: enough to answer a reader without Django."""

import hashlib
import pickle
from dataclasses import dataclass, field


@dataclass(slots=True)
class Entry:
    """A rendered page.

    ``created`` is when its render *started* (wall clock), so a purge that happened while it
    was rendering marks it stale at once: it may have read the database before the change.
    ``fresh_until`` is when it goes stale by age; ``purged`` is set by a purge of any of
    its ``keys``. A stale entry is still served while a fresh copy renders, and whenever
    the database cannot be reached.
    """

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    keys: frozenset[str]
    created: float
    fresh_until: float
    etag: str = ""
    purged: bool = False
    size: int = field(default=0)
    # The answer's headers, built on first use (pagecache/answers.py); never stored.
    wire_headers: list[tuple[str, str]] | None = None
    wire_headers_304: list[tuple[str, str]] | None = None

    def __post_init__(self) -> None:
        if not self.etag:
            self.etag = '"' + hashlib.blake2b(self.body, digest_size=12).hexdigest() + '"'
        self.size = len(self.body) + 64 * len(self.headers)

    def is_fresh(self, now: float) -> bool:
        return not self.purged and now < self.fresh_until

    def dumps(self) -> bytes:
        return pickle.dumps(
            (self.status, self.headers, self.body, tuple(self.keys), self.created,
             self.fresh_until, self.etag),
            protocol=pickle.HIGHEST_PROTOCOL,
        )  # fmt: skip

    @classmethod
    def loads(cls, data: bytes) -> "Entry":
        # Only Dateline writes the page cache (a folder in its data folder, or its Redis);
        # neither is reachable by readers, so unpickling it trusts no outside input.
        status, headers, body, keys, created, fresh_until, etag = pickle.loads(data)  # noqa: S301
        return cls(status, headers, body, frozenset(keys), created, fresh_until, etag)
