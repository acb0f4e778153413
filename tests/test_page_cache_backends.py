"""The three page-cache backends keep the same promises (memory, disk, Redis)."""

import time
import uuid

import pytest
import redis

from dateline.pagecache.backends.disk import DiskBackend
from dateline.pagecache.backends.memory import MemoryBackend
from dateline.pagecache.backends.redis import RedisBackend
from dateline.pagecache.entries import Entry
from dateline.pagecache.store import POLL_SECONDS, PageCache

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_or_skip() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379: the Redis backend was not tested")


@pytest.fixture(params=["memory", "disk", "redis"])
def make_backend(request, tmp_path):
    """A factory: each call is one process's view of the same shared store."""
    if request.param == "memory":
        shared = MemoryBackend()
        yield lambda: shared
    elif request.param == "disk":
        yield lambda: DiskBackend(tmp_path / "pagecache")
    else:
        redis_or_skip()
        prefix = f"test:{uuid.uuid4().hex}:"
        yield lambda: RedisBackend(REDIS_URL, prefix=prefix)
        client = redis.Redis.from_url(REDIS_URL)
        for name in client.scan_iter(prefix + "*"):
            client.delete(name)


def page(body: bytes, *keys: str, fresh: float = 300.0) -> Entry:
    now = time.time()
    return Entry(200, [("Content-Type", "text/html")], body, frozenset(keys), now, now + fresh)


def test_a_stored_page_comes_back_whole(make_backend):
    backend = make_backend()
    backend.put("http://x/a?", page(b"<p>story</p>", "a1", "s2"))
    entry = backend.get("http://x/a?")
    assert entry is not None
    assert entry.body == b"<p>story</p>"
    assert entry.keys == {"a1", "s2"}
    assert entry.headers == [("Content-Type", "text/html")]
    assert not entry.purged
    assert backend.get("http://x/other?") is None


def test_a_purge_marks_exactly_the_pages_filed_under_its_keys(make_backend):
    backend = make_backend()
    backend.put("story", page(b"1", "a1", "s2"))
    backend.put("section", page(b"2", "s2", "a1", "a3"))
    backend.put("elsewhere", page(b"3", "s9", "a4"))
    assert backend.purge({"a1"}, time.time()) == 2
    story, section, elsewhere = (backend.get(k) for k in ("story", "section", "elsewhere"))
    assert story is not None and story.purged
    assert section is not None and section.purged
    assert elsewhere is not None and not elsewhere.purged
    assert elsewhere.body == b"3"


def test_every_process_reads_the_purges_of_the_others(make_backend):
    cursor, _ = make_backend().purges_since(None)
    make_backend().purge({"a1", "s2"}, 1000.0)
    make_backend().purge({"front3"}, 1001.0)
    cursor, records = make_backend().purges_since(cursor)
    assert records is not None
    assert [(r.at, set(r.keys)) for r in records] == [(1000.0, {"a1", "s2"}), (1001.0, {"front3"})]
    assert make_backend().purges_since(cursor) == (cursor, [])


def test_clearing_tells_every_process_to_forget(make_backend):
    cursor, _ = make_backend().purges_since(None)
    make_backend().put("story", page(b"1", "a1"))
    make_backend().clear()
    _, records = make_backend().purges_since(cursor)
    assert records is None
    assert make_backend().get("story") is None


def test_only_one_renderer_holds_a_page_at_a_time(make_backend):
    one, two = make_backend(), make_backend()
    assert one.lock("story", 30)
    assert not two.lock("story", 30)
    one.unlock("story")
    assert two.lock("story", 30)


def test_a_forgotten_lock_expires(make_backend):
    one = make_backend()
    assert one.lock("story", 0.2)
    time.sleep(1.1)  # the disk lock counts whole seconds of its file's age
    assert make_backend().lock("story", 0.2)


def test_a_purge_through_one_process_reaches_another_within_a_poll(make_backend):
    first = PageCache(make_backend(), fresh_seconds=300)
    second = PageCache(make_backend(), fresh_seconds=300)
    first.store("story", page(b"old", "a1"))
    held = second.lookup("story")
    assert held is not None and held.is_fresh(time.time())
    first.purge({"a1"})
    time.sleep(POLL_SECONDS + 0.05)
    again = second.lookup("story")
    assert again is not None and not again.is_fresh(time.time())
    assert again.body == b"old"  # kept, to be served stale while a new copy renders


def test_a_render_overtaken_by_a_purge_is_stored_stale(make_backend):
    first = PageCache(make_backend(), fresh_seconds=300)
    second = PageCache(make_backend(), fresh_seconds=300)
    rendering = page(b"read before the change", "a1")  # render started...
    time.sleep(0.01)
    first.purge({"a1"})  # ...the story changed and was purged elsewhere...
    second.store("story", rendering)  # ...and the old render is stored afterwards
    stored = first.lookup("story")
    assert stored is not None and stored.purged


def test_renders_are_counted_across_processes(make_backend):
    before = make_backend().renders()
    PageCache(make_backend(), fresh_seconds=300).store("a", page(b"1", "a1"))
    PageCache(make_backend(), fresh_seconds=300).store("b", page(b"2", "a2"))
    assert make_backend().renders() - before == 2


def test_the_disk_purge_log_rotates_and_readers_start_over(tmp_path, monkeypatch):
    from dateline.pagecache.backends import disk

    monkeypatch.setattr(disk, "LOG_ROTATE_BYTES", 200)
    backend = DiskBackend(tmp_path)
    reader = PageCache(DiskBackend(tmp_path), fresh_seconds=300)
    reader.store("story", page(b"1", "a1"))
    for n in range(20):
        backend.purge({f"a{1000 + n}"}, time.time())
    reader.next_poll = 0.0
    assert reader.lookup("story") is not None  # forgotten in memory, read again from disk
    assert backend.log.stat().st_size < 400


def test_memory_stays_within_its_budget():
    cache = PageCache(MemoryBackend(), fresh_seconds=300, max_bytes=50_000)
    for n in range(200):
        cache.store(f"page{n}", page(b"x" * 1000, f"a{n}", "all"))
    assert cache.held_bytes <= 50_000
    assert len(cache.memory) < 200
    assert len(cache.filed["all"]) == len(cache.memory)  # no index left to evicted pages


def test_sweeping_deletes_old_pages_and_keeps_purges_exact(tmp_path):
    backend = DiskBackend(tmp_path)
    old = page(b"old", "a1", "all")
    old.created -= 3 * 86_400
    backend.put("old", old)
    for _ in range(5):  # a page rendered again and again is listed again and again
        backend.put("home", page(b"home", "a1", "all"))
    assert backend.sweep(time.time() - 86_400) == 1
    assert backend.get("old") is None
    index = backend._key_path("all").read_text().split()
    assert len(index) == 1  # compacted: the home page, once
    assert backend.purge({"a1"}, time.time()) == 1
    home = backend.get("home")
    assert home is not None and home.purged
