"""Where cached pages live, shared by every process of one site (see :class:`.base.Backend`).

``disk`` (the embedded default: the data folder's ``pagecache/``), ``redis`` (several
processes or machines) and ``memory`` (one process; tests). Chosen by
``DATELINE_PAGE_CACHE``; :func:`from_settings` builds the configured one.
"""

from django.conf import settings

from dateline.pagecache.backends.base import Backend, PurgeRecord


def from_settings() -> Backend | None:
    """The configured backend, or None when the page cache is off."""
    kind = settings.DATELINE_PAGE_CACHE
    if kind == "off":
        return None
    if kind == "memory":
        from dateline.pagecache.backends.memory import MemoryBackend

        return MemoryBackend()
    if kind == "redis":
        from dateline.pagecache.backends.redis import RedisBackend

        return RedisBackend(
            settings.DATELINE_PAGE_CACHE_REDIS_URL,
            keep_seconds=settings.DATELINE_STALE_IF_ERROR_SECONDS,
        )
    from dateline.pagecache.backends.disk import DiskBackend

    return DiskBackend(
        settings.DATELINE_PAGE_CACHE_DIR, keep_seconds=settings.DATELINE_STALE_IF_ERROR_SECONDS
    )


__all__ = ["Backend", "PurgeRecord", "from_settings"]
