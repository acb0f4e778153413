"""The Redis side of counting: a live hash of ``"<article id>:<hour epoch>" → views``.

Beacons ``HINCRBY`` the live hash; :mod:`dateline.analytics.flush` renames it away and writes
it to the database. All keys start with ``DATELINE_VIEWS_REDIS_PREFIX`` so a shared Redis (or a
test) can tell ours apart.
"""

from datetime import UTC, datetime
from functools import lru_cache

import redis
from django.conf import settings


def enabled() -> bool:
    return bool(settings.REDIS_URL)


@lru_cache(maxsize=4)
def _client_for(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, decode_responses=True)


def client() -> redis.Redis:
    return _client_for(settings.REDIS_URL)


def live_key() -> str:
    return f"{settings.DATELINE_VIEWS_REDIS_PREFIX}:live"


def claimed_key(batch_id: str) -> str:
    return f"{settings.DATELINE_VIEWS_REDIS_PREFIX}:claimed:{batch_id}"


def claimed_pattern() -> str:
    return f"{settings.DATELINE_VIEWS_REDIS_PREFIX}:claimed:*"


def flush_due_key() -> str:
    return f"{settings.DATELINE_VIEWS_REDIS_PREFIX}:flush-due"


def field(article_id: int, hour: datetime) -> str:
    return f"{article_id}:{int(hour.timestamp())}"


def parse_field(name: str) -> tuple[int, datetime]:
    article, epoch = name.split(":", 1)
    return int(article), datetime.fromtimestamp(int(epoch), tz=UTC)


def increment(article_id: int, hour: datetime) -> None:
    from dateline.analytics import scheduling

    client().hincrby(live_key(), field(article_id, hour), 1)
    scheduling.ensure_flush_scheduled()
