"""Shared fixtures: personas (reader, editor), factories, and isolated data folders."""

import pytest
from django.core.management import call_command
from django.db import connection, connections

from tests.page_cache_helpers import disk_cache, memory_cache  # noqa: F401  (page cache on)
from tests.search_helpers import newsdesk  # noqa: F401  (stories with the search index following)
from tests.sitemap_helpers import one_article_sitemap  # noqa: F401
from tests.smtp import smtp_server  # noqa: F401  (a fixture for every mail test)
from tests.threads import in_own_thread


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Each test writes media and mail into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OUTBOX_DIR = tmp_path / "outbox"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return tmp_path


@pytest.fixture(autouse=True)
def database_breaker_closed():
    """Each test starts with the database taken as answering (operations/outage.py is per
    process: a test that breaks the database must not leave the next one facing a 503)."""
    from dateline.operations import outage

    outage.reset()
    yield
    outage.reset()


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Most tests change the news with the ORM, which no purge hears: they read pages fresh.
    The page cache's own tests turn it on (tests/page_cache_helpers.py)."""
    settings.DATELINE_PAGE_CACHE = "off"


@pytest.fixture
def database_like_production(tmp_path, monkeypatch):
    """On SQLite, a database file for the threads' connections.

    The test runner's in-memory SQLite database shares one cache between connections, and
    its table locks fail at once ("database table is locked") instead of waiting on the
    busy timeout as a real database file does. Connections opened by new threads read the
    NAME below; this thread keeps its own.
    """
    if connection.vendor == "sqlite":
        monkeypatch.setitem(connections.settings["default"], "NAME", str(tmp_path / "db.sqlite3"))
        in_own_thread(lambda: call_command("migrate", verbosity=0))
