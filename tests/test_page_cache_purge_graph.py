"""The purge graph, end to end: a change to the news refreshes the pages that show it, no other.

A small site (two editions with two sections each, tags, authors, a story and its translation)
has every public address warmed through the page cache. Then one change is made and committed,
and :data:`PURGED` says which pages must be rendered again and what each shows now; every other
warmed page must still be answered from the cache (``X-Cache: HIT``). The first request after
the commit that reaches a purged page must show the change, within a second of the commit.

The table is run three times: one process over the memory backend, and two "processes" (two
:class:`PageCache` instances, one purging as the newsroom does, one serving readers) over the
disk backend of the embedded default and over Redis. This file holds the graph for changes to
what is published (publish, translate, schedule, unpublish, delete); edits of a live story and
of the front page are in ``tests/test_page_cache_purge_graph_edits.py``.
"""

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.lib.cursors import encode_cursor
from dateline.news import front_page, publishing
from dateline.news.models import Article
from dateline.pagecache import middleware, purging
from dateline.pagecache.backends.disk import DiskBackend
from dateline.pagecache.store import PageCache
from tests import factories
from tests.page_cache_helpers import answered, reader

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("one_article_sitemap")]

PROPAGATION_SECONDS = 1.0  # the promise: every page that shows the story changes within this
REDIS_URL = "redis://127.0.0.1:6379/0"

# What a purged page shows on its next request.
SHOWS = "shows the change"
DROPS = "no longer shows it"
GONE = "answers 404"
REFRESHED = "rendered again (filed under a key the change reaches; the marker is not on it)"

Marker = str | Callable[[str], bool]
Committing = Callable[[], AbstractContextManager[None]]

SITEMAPS = (
    "sitemap index",
    "news sitemap index",
    "en news sitemap",
    "en articles sitemap",
    "en sections sitemap",
    "en tags sitemap",
    "en authors sitemap",
    "az news sitemap",
    "az articles sitemap",
)


def sitemaps_refreshed(**shown: str) -> dict[str, str]:
    """Every sitemap is filed under one key (they carry every edition's lastmod): a change to
    any story renders them all again; ``shown`` names those where the change is visible."""
    return {name: REFRESHED for name in SITEMAPS} | {
        name.replace("_", " "): what for name, what in shown.items()
    }


# Which warmed pages each change to what is published reaches, and what they show afterwards.
# Unlisted: still a HIT.
PURGED: dict[str, dict[str, str]] = {
    "publish a story in en/politics (alice, elections)": {
        "root": SHOWS, "en home": SHOWS, "en/politics": SHOWS,
        "P1": SHOWS, "P2": SHOWS, "P3": SHOWS,  # their "More in Politics" box
        "en/tag/elections": SHOWS, "en/author/alice": SHOWS, "en archive today": SHOWS,
        "site feed": SHOWS, "en feed rss": SHOWS, "en feed atom": SHOWS, "en feed json": SHOWS,
        "en/politics feed": SHOWS, "en/tag/elections feed": SHOWS, "en/author/alice feed": SHOWS,
        **sitemaps_refreshed(en_news_sitemap=SHOWS, en_articles_sitemap=SHOWS),
    },
    "publish E1's translation in az/economy": {
        "E1": SHOWS,  # its language switcher
        "az home": SHOWS, "az/economy": SHOWS, "AE1": SHOWS, "az archive today": SHOWS,
        "az feed": SHOWS,  # (the site feed is the default edition's: en)
        **sitemaps_refreshed(az_news_sitemap=SHOWS, az_articles_sitemap=SHOWS),
    },
    "schedule a story in en/economy (bob, budget) and let it come due": {
        "root": SHOWS, "en home": SHOWS, "en/economy": SHOWS, "E1": SHOWS,
        "en/tag/budget": SHOWS, "en/author/bob": SHOWS, "en archive today": SHOWS,
        "site feed": SHOWS, "en feed rss": SHOWS, "en feed atom": SHOWS, "en feed json": SHOWS,
        "en/economy feed": SHOWS, "en/tag/budget feed": SHOWS, "en/author/bob feed": SHOWS,
        **sitemaps_refreshed(en_news_sitemap=SHOWS, en_articles_sitemap=SHOWS),
    },
    "unpublish P1": {
        "P1": GONE, "P1 print": GONE,
        "root": DROPS, "en home": DROPS, "en/politics": DROPS,
        "P2": DROPS, "P3": DROPS, "AP1": DROPS,
        "en/tag/elections": DROPS, "en/author/alice": DROPS, "en archive today": DROPS,
        "site feed": DROPS, "en feed rss": DROPS, "en feed atom": DROPS, "en feed json": DROPS,
        "en/politics feed": DROPS, "en/tag/elections feed": DROPS, "en/author/alice feed": DROPS,
        **sitemaps_refreshed(en_news_sitemap=DROPS, en_articles_sitemap=DROPS),
    },
    "delete P2 in the newsroom": {
        "P2": GONE,
        "root": DROPS, "en home": DROPS, "en/politics": DROPS, "P1": DROPS, "P3": DROPS,
        "en archive today": DROPS, "site feed": DROPS,
        "en feed rss": DROPS, "en feed atom": DROPS, "en feed json": DROPS,
        "en/politics feed": DROPS,
        **sitemaps_refreshed(en_news_sitemap=DROPS, en_articles_sitemap=DROPS),
    },
}  # fmt: skip

# --- The site ------------------------------------------------------------------------------


@dataclass
class Site:
    """Two editions; en/politics has a second page (two stories a page)."""

    stories: dict[str, Article]
    urls: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Article:
        try:
            return self.stories[name]
        except KeyError:
            raise AttributeError(name) from None


def _day(edition, moment) -> str:
    return edition.local(moment).strftime("%Y/%m/%d")


@pytest.fixture
def site(settings) -> Site:
    settings.DATELINE_PAGE_SIZE = 2
    f = factories
    en, az = f.edition("en"), f.edition("az", is_default=False)
    politics, economy = f.section(en, "Politics"), f.section(en, "Economy")
    az_politics = f.section(az, "Siyasət", slug="politics")
    az_economy = f.section(az, "İqtisadiyyat", slug="economy")
    alice, bob = f.author("Alice Aliyeva"), f.author("Bob Babayev")
    elections, budget = f.tag("Elections"), f.tag("Budget")
    now = timezone.now()
    ago = lambda **delta: now - timedelta(**delta)  # noqa: E731
    p1 = f.article(sec=politics, headline="Parliament passes the budget", authors=[alice],
                   at=ago(minutes=5))  # fmt: skip
    p1.tags.add(elections)
    p2 = f.article(sec=politics, headline="Committee hears the ombudsman", at=ago(minutes=10))
    p3 = f.article(sec=politics, headline="Deputies return from recess", at=ago(days=3))
    f.article(sec=politics, headline="Recess begins", at=ago(days=3, minutes=5))
    e1 = f.article(sec=economy, headline="Central bank holds rates", authors=[bob],
                   at=ago(minutes=20))  # fmt: skip
    e1.tags.add(budget)
    ap1 = f.translation(p1, az, sec=az_politics, headline="Parlament büdcəni qəbul etdi",
                        authors=[alice], at=ago(minutes=4))  # fmt: skip
    ap1.tags.add(elections)
    ae1 = f.article(sec=az_economy, headline="Manat sabitdir", at=ago(minutes=15))
    front_page.add(en, p1.pk, position=1)  # the en front's top stories: P1, then P2
    front_page.add(en, p2.pk, position=2)
    built = Site(stories={"P1": p1, "P2": p2, "P3": p3, "E1": e1, "AP1": ap1, "AE1": ae1})
    cursor = encode_cursor(p2.published_at, p2.pk)  # en/politics' page 1 ends with P2
    built.urls = {
        "root": "/", "en home": "/en/", "robots.txt": "/robots.txt",
        "en/politics": "/en/politics/", "en/politics page 2": f"/en/politics/?before={cursor}",
        "en/economy": "/en/economy/",
        **{name: built.stories[name].get_absolute_url() for name in built.stories},
        "P1 print": p1.get_print_url(), "E1 print": e1.get_print_url(),
        "AP1 print": ap1.get_print_url(),
        "en/author/alice": f"/en/author/{alice.slug}/", "en/author/bob": f"/en/author/{bob.slug}/",
        "en/tag/elections": "/en/tag/elections/", "en/tag/budget": "/en/tag/budget/",
        "en archive today": f"/en/archive/{_day(en, now)}/",
        "en archive 3 days ago": f"/en/archive/{_day(en, ago(days=3))}/",
        "en corrections": "/en/corrections/",
        "site feed": "/feeds/rss.xml", "en feed rss": "/en/feeds/rss.xml",
        "en feed atom": "/en/feeds/atom.xml", "en feed json": "/en/feeds/feed.json",
        "en/politics feed": "/en/politics/feeds/rss.xml",
        "en/economy feed": "/en/economy/feeds/atom.xml",
        "en/tag/elections feed": "/en/tag/elections/feeds/rss.xml",
        "en/tag/budget feed": "/en/tag/budget/feeds/feed.json",
        "en/author/alice feed": f"/en/author/{alice.slug}/feeds/rss.xml",
        "en/author/bob feed": f"/en/author/{bob.slug}/feeds/rss.xml",
        "en corrections feed": "/en/corrections/feeds/rss.xml",
        "sitemap index": "/sitemap.xml", "news sitemap index": "/sitemap-news.xml",
        "en news sitemap": "/sitemap-en-news.xml",
        "en articles sitemap": "/sitemap-en-articles-0.xml",
        "en sections sitemap": "/sitemap-en-sections.xml",
        "en tags sitemap": "/sitemap-en-tags.xml",
        "en authors sitemap": "/sitemap-en-authors.xml",
        "az news sitemap": "/sitemap-az-news.xml",
        "az articles sitemap": "/sitemap-az-articles-0.xml",
        "az home": "/az/", "az/politics": "/az/politics/", "az/economy": "/az/economy/",
        "az/tag/elections": "/az/tag/elections/", "az/author/alice": f"/az/author/{alice.slug}/",
        "az archive today": f"/az/archive/{_day(az, now)}/",
        "az corrections": "/az/corrections/",
        "az feed": "/az/feeds/rss.xml", "az/politics feed": "/az/politics/feeds/rss.xml",
    }  # fmt: skip
    return built


# --- The changes ---------------------------------------------------------------------------
# Each makes one change the way the newsroom does, committing it inside ``committing()``, and
# answers its marker: the text (or a test of the page) that says the page shows the change.


def publish_a_story(site: Site, committing: Committing) -> Marker:
    politics = site.P1.section
    story = factories.draft(sec=politics, headline="Snap election called",
                            authors=list(site.P1.authors.all()))  # fmt: skip
    story.tags.add(*site.P1.tags.all())
    with committing():
        publishing.publish(story)
    return story.get_absolute_url()


def publish_a_translation(site: Site, committing: Committing) -> Marker:
    az_economy = site.AE1.section
    story = factories.translation(site.E1, az_economy.edition, sec=az_economy, published=False,
                                  headline="Mərkəzi bank faizləri dəyişmir")  # fmt: skip
    with committing():
        publishing.publish(story)
    return story.get_absolute_url()


def schedule_a_story(site: Site, committing: Committing) -> Marker:
    economy = site.E1.section
    story = factories.draft(sec=economy, headline="Budget vote set for noon",
                            authors=list(site.E1.authors.all()))  # fmt: skip
    story.tags.add(*site.E1.tags.all())
    due = timezone.now() + timedelta(seconds=1)
    with committing():
        publishing.schedule(story, at=due)
    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.05)
    with committing():
        assert publishing.publish_due() == [story.pk]
    return story.get_absolute_url()


def unpublish_a_story(site: Site, committing: Committing) -> Marker:
    with committing():
        publishing.unpublish(site.P1)
    return site.P1.get_absolute_url()


def delete_a_story(site: Site, committing: Committing) -> Marker:
    story = site.P2
    with committing():
        publishing.record_deletion(story)
        story.delete()
    return f"/en/news/{site.stories['P2'].pk}-"


CHANGES: dict[str, Callable[[Site, Committing], Marker]] = dict(
    zip(
        PURGED,
        (
            publish_a_story,
            publish_a_translation,
            schedule_a_story,
            unpublish_a_story,
            delete_a_story,
        ),
        strict=True,
    )
)

# --- Where the cache lives -----------------------------------------------------------------


@dataclass
class Caches:
    """The page cache that serves readers, and the one the newsroom's purges go through."""

    serving: PageCache
    purging: PageCache


@contextmanager
def two_processes(monkeypatch, serving: PageCache, purging_cache: PageCache) -> Iterator[Caches]:
    monkeypatch.setattr(middleware, "page_cache", lambda: serving)
    monkeypatch.setattr(purging, "page_cache", lambda: purging_cache)
    yield Caches(serving, purging_cache)


@pytest.fixture(params=["memory", "disk", "redis"])
def caches(request, monkeypatch, tmp_path) -> Iterator[Caches]:
    if request.param == "memory":
        one = request.getfixturevalue("memory_cache")
        yield Caches(one, one)
    elif request.param == "disk":
        folder = tmp_path / "pagecache"
        with two_processes(
            monkeypatch,
            PageCache(DiskBackend(folder), fresh_seconds=300),
            PageCache(DiskBackend(folder), fresh_seconds=300),
        ) as shared:
            yield shared
    else:
        redis = pytest.importorskip("redis")
        from dateline.pagecache.backends.redis import RedisBackend

        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            pytest.skip("no Redis at 127.0.0.1:6379")
        prefix = f"test:purge-graph:{uuid.uuid4().hex}:"
        try:
            with two_processes(
                monkeypatch,
                PageCache(RedisBackend(REDIS_URL, prefix=prefix), fresh_seconds=300),
                PageCache(RedisBackend(REDIS_URL, prefix=prefix), fresh_seconds=300),
            ) as shared:
                yield shared
        finally:
            client = redis.Redis.from_url(REDIS_URL)
            for name in client.scan_iter(prefix + "*", count=1000):
                client.delete(name)


@pytest.fixture
def committing(django_capture_on_commit_callbacks) -> Committing:
    """Commits a change as the newsroom would: its domain signals (and purges) run."""

    @contextmanager
    def commit() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return commit


# --- The test ------------------------------------------------------------------------------


def shows(marker: Marker, page: str) -> bool:
    return marker(page) if callable(marker) else marker in page


def first_answer_after(client, url: str, deadline: float):
    """The first answer that is not the old copy, retried (for another process to read the
    purge log) until ``deadline``; past it, one request decides."""
    while True:
        response = client.get(url)
        if answered(response) != "HIT" or time.monotonic() >= deadline:
            return response
        time.sleep(0.01)


def assert_purge_graph(
    change: str,
    purged: dict[str, str],
    make_change: Callable[[Site, Committing], Marker],
    site: Site,
    committing: Committing,
) -> None:
    """Warms every page of ``site``, makes the change, and checks each page against ``purged``."""
    browser = reader()
    for name, url in site.urls.items():
        first, second = browser.get(url), browser.get(url)
        assert (first.status_code, answered(first), answered(second)) == (200, "MISS", "HIT"), name

    marker = make_change(site, committing)
    deadline = time.monotonic() + PROPAGATION_SECONDS

    stale = {}
    for name, expected in purged.items():
        response = first_answer_after(browser, site.urls[name], deadline)
        page = response.content.decode()
        if expected == GONE:
            outcome = response.status_code == 404
        elif response.status_code != 200 or answered(response) == "HIT":
            outcome = False
        elif expected == SHOWS:
            outcome = shows(marker, page)
        elif expected == DROPS:
            outcome = not shows(marker, page)
        else:
            outcome = True
        if not outcome:
            stale[name] = f"{expected}: got {response.status_code} {answered(response)}"
    assert stale == {}, f"after «{change}», pages not showing it"

    purged_too = {
        name: answered(response)
        for name in site.urls.keys() - purged.keys()
        if answered(response := browser.get(site.urls[name])) != "HIT"
    }
    assert purged_too == {}, f"after «{change}», pages purged that do not show it"


@pytest.mark.parametrize("change", PURGED)
def test_publishing_and_withdrawing_refresh_every_page_that_shows_the_story_and_no_other(
    change, site, caches, committing
):
    assert_purge_graph(change, PURGED[change], CHANGES[change], site, committing)
