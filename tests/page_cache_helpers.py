"""Turning the page cache on for a test, and reading how a page was answered."""

import pytest
from django.test import Client

from dateline.pagecache.store import PageCache, page_cache


@pytest.fixture
def memory_cache(settings) -> PageCache:
    """The page cache on, in this process's memory, empty."""
    settings.DATELINE_PAGE_CACHE = "memory"
    cache = page_cache()
    assert cache is not None
    return cache


@pytest.fixture
def disk_cache(settings, tmp_path) -> PageCache:
    """The page cache on, in a folder of the test's own (as the embedded default)."""
    settings.DATELINE_PAGE_CACHE_DIR = tmp_path / "pagecache"
    settings.DATELINE_PAGE_CACHE = "disk"
    cache = page_cache()
    assert cache is not None
    return cache


def reader() -> Client:
    """An anonymous reader whose failed requests come back as responses (a 500, a 503)."""
    return Client(raise_request_exception=False)


def answered(response) -> str:
    """HIT, MISS or STALE: how the page cache answered (empty when it did not take part)."""
    return response.headers.get("X-Cache", "")
