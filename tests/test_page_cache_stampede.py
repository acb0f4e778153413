"""A hot page purged or missing under load is rendered once, not once per reader."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.shortcuts import render as real_render

from dateline.website.views import articles
from tests import factories
from tests.page_cache_helpers import answered, reader
from tests.threads import closing_connection, in_own_thread

pytestmark = pytest.mark.django_db(transaction=True)

READERS = 8


@pytest.fixture
def slow_article_render(monkeypatch):
    """An article page that takes 0.3 s to render, so the readers really overlap."""

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return real_render(*args, **kwargs)

    monkeypatch.setattr(articles, "render", slow)


def fetch_one(url: str) -> str:
    return in_own_thread(lambda: answered(reader().get(url)))


def fetch_together(url: str) -> list[str]:
    def one() -> str:
        return closing_connection(lambda: answered(reader().get(url)))

    with ThreadPoolExecutor(READERS) as pool:
        return list(pool.map(lambda _: one(), range(READERS)))


def test_a_purged_hot_page_is_rendered_once_while_readers_get_the_stale_copy(
    database_like_production, disk_cache, slow_article_render
):
    story = in_own_thread(lambda: factories.article(headline="Storm closes the port"))
    url = story.get_absolute_url()
    assert fetch_one(url) == "MISS"
    disk_cache.purge({f"a{story.pk}"})
    renders_before = disk_cache.backend.renders()
    started = time.monotonic()
    answers = fetch_together(url)
    took = time.monotonic() - started
    assert disk_cache.backend.renders() - renders_before == 1
    assert sorted(answers) == ["MISS"] + ["STALE"] * (READERS - 1)
    assert took < 0.3 * READERS / 2  # the stale readers did not queue behind the render
    assert fetch_one(url) == "HIT"


def test_readers_arriving_at_a_missing_page_wait_for_one_render(
    database_like_production, disk_cache, slow_article_render
):
    story = in_own_thread(lambda: factories.article(headline="Storm closes the port"))
    renders_before = disk_cache.backend.renders()
    answers = fetch_together(story.get_absolute_url())
    assert disk_cache.backend.renders() - renders_before == 1
    assert answers.count("MISS") == 1
    assert answers.count("HIT") == READERS - 1
