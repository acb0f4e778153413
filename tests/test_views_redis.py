"""With Redis, beacons count there and a flush moves them to the database: exactly once.

Each test uses Redis database 13 and its own key prefix, and deletes only its own keys.
"""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import redis
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dateline.analytics import flush, redis_store
from dateline.analytics.flush import flush_views
from dateline.analytics.models import FlushedBatch
from dateline.analytics.readership import total_views
from dateline.analytics.tasks import flush_views_task
from tests import factories
from tests.threads import closing_connection, in_own_thread

REDIS_URL = "redis://127.0.0.1:6379/13"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def redis_is_up() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL).ping())
    except redis.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(not redis_is_up(), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture
def with_redis(settings):
    prefix = f"dateline-test:{uuid.uuid4().hex}"
    settings.REDIS_URL = REDIS_URL
    settings.DATELINE_VIEWS_REDIS_PREFIX = f"{prefix}:views"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def beacon(story_id: int, ip: str = "198.51.100.7") -> int:
    reader = Client(HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR=ip)
    return reader.post(reverse("analytics:view-beacon", args=[story_id])).status_code


def claimed_keys(client) -> list[bytes]:
    return list(client.scan_iter(match=redis_store.claimed_pattern()))


@pytest.mark.django_db
def test_views_wait_in_redis_until_a_flush_writes_them_to_the_database(with_redis):
    story = factories.article()
    for n in range(5):
        assert beacon(story.pk, ip=f"198.51.100.{n}") == 204
    assert total_views(story.pk) == 0

    assert flush_views() == 5

    assert total_views(story.pk) == 5
    assert not with_redis.exists(redis_store.live_key())
    assert claimed_keys(with_redis) == []


@pytest.mark.django_db
def test_a_hundred_reloads_by_one_reader_count_once_with_redis(with_redis):
    story = factories.article()
    for _ in range(100):
        beacon(story.pk)
    beacon(story.pk, ip="203.0.113.9")
    flush_views()

    assert total_views(story.pk) == 2


@pytest.mark.django_db
def test_a_flush_that_crashes_before_writing_loses_nothing(with_redis, monkeypatch):
    story = factories.article()
    for n in range(3):
        beacon(story.pk, ip=f"198.51.100.{n}")

    def database_fails(rows):
        raise RuntimeError("database went away")

    with monkeypatch.context() as patched:
        patched.setattr(flush, "add_views", database_fails)
        with pytest.raises(RuntimeError):
            flush_views()
    assert total_views(story.pk) == 0
    assert len(claimed_keys(with_redis)) == 1
    beacon(story.pk, ip="198.51.100.99")  # counted while the claimed batch waits

    flush_views()

    assert total_views(story.pk) == 4
    assert claimed_keys(with_redis) == []


@pytest.mark.django_db
def test_a_flush_that_crashes_after_writing_counts_nothing_twice(with_redis, monkeypatch):
    story = factories.article()
    for n in range(3):
        beacon(story.pk, ip=f"198.51.100.{n}")

    def redis_fails(key):
        raise redis.ConnectionError("Redis went away")

    with monkeypatch.context() as patched:
        patched.setattr(flush, "_forget", redis_fails)
        with pytest.raises(redis.ConnectionError):
            flush_views()
    assert total_views(story.pk) == 3
    assert len(claimed_keys(with_redis)) == 1

    flush_views()
    flush_views()

    assert total_views(story.pk) == 3
    assert claimed_keys(with_redis) == []
    assert FlushedBatch.objects.count() == 1


@pytest.mark.django_db
def test_views_of_a_story_deleted_before_the_flush_are_dropped_not_fatal(with_redis):
    kept, deleted = factories.article(), factories.draft()
    beacon(kept.pk)
    with_redis.hincrby(redis_store.live_key(), redis_store.field(deleted.pk, timezone.now()), 2)
    deleted.delete()

    assert flush_views() == 1
    assert total_views(kept.pk) == 1


@pytest.mark.django_db
def test_the_first_beacon_schedules_one_flush_a_minute_later(with_redis):
    story = factories.article()
    before = timezone.now()
    for n in range(10):
        beacon(story.pk, ip=f"198.51.100.{n}")

    queued = DBTaskResult.objects.filter(task_path=flush_views_task.module_path)
    assert queued.count() == 1
    assert queued.get().run_after >= before + timedelta(seconds=59)

    assert flush_views_task.call() == 10
    assert total_views(story.pk) == 10


@pytest.mark.django_db(transaction=True)
def test_sixteen_threads_of_five_hundred_readers_with_flushes_running_count_exactly_8000(
    with_redis, database_like_production
):
    threads, per_thread = 16, 500
    story = in_own_thread(factories.article)
    start = threading.Barrier(threads + 1)
    done = threading.Event()

    def read(thread: int) -> list[int]:
        start.wait()
        return [beacon(story.pk, ip=f"10.{thread}.{n // 250}.{n % 250}") for n in range(per_thread)]

    def keep_flushing() -> None:
        start.wait()
        while not done.wait(0.05):
            flush_views()

    with ThreadPoolExecutor(threads + 1) as pool:
        flusher = pool.submit(closing_connection, keep_flushing)
        results = list(pool.map(lambda n: closing_connection(lambda: read(n)), range(threads)))
        done.set()
        flusher.result()

    assert [s for statuses in results for s in statuses].count(204) == threads * per_thread
    in_own_thread(flush_views)
    assert in_own_thread(lambda: total_views(story.pk)) == threads * per_thread


@pytest.mark.django_db
def test_when_redis_is_down_views_are_counted_in_the_database(with_redis, settings):
    story = factories.article()
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }

    assert beacon(story.pk) == 204
    assert beacon(story.pk) == 204

    assert total_views(story.pk) == 1
