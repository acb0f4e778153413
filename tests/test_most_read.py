"""Most read ranks published stories by views in the last hour, 24 hours and 7 days."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from dateline.analytics.counting import add_views, hour_of
from dateline.analytics.readership import compute_most_read, most_read
from dateline.news import publishing
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 12, 30, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    cache.clear()
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def desk(clock):
    en = factories.edition("en")
    politics = factories.section(en, name="Politics")
    sport = factories.section(en, name="Sport")
    week_ago = NOW - timedelta(days=8)
    stories = {
        name: factories.article(sec=sec, headline=name, at=week_ago)
        for name, sec in [
            ("Budget passes", politics),
            ("Election called", politics),
            ("Derby won", sport),
            ("Old scandal", politics),
        ]
    }
    return {"en": en, "politics": politics, "sport": sport, **stories}


def views(story, hours_ago: float, n: int) -> None:
    add_views([(story.pk, hour_of(NOW - timedelta(hours=hours_ago)), n)])


def headlines(entries) -> list[str]:
    return [entry.headline for entry in entries]


def test_each_window_ranks_by_the_views_inside_it(desk):
    views(desk["Budget passes"], 0, 5)  # the current hour
    views(desk["Election called"], 3, 50)  # today, but not this hour
    views(desk["Derby won"], 0, 9)
    views(desk["Old scandal"], 24 * 5, 500)  # this week only
    views(desk["Old scandal"], 24 * 9, 9_000)  # before the week: never counted

    lists = compute_most_read(desk["en"].pk)

    assert headlines(lists["1h"]) == ["Derby won", "Budget passes"]
    assert headlines(lists["24h"]) == ["Election called", "Derby won", "Budget passes"]
    assert headlines(lists["7d"]) == [
        "Old scandal",
        "Election called",
        "Derby won",
        "Budget passes",
    ]
    assert [entry.views for entry in lists["7d"]] == [500, 50, 9, 5]


def test_a_section_front_lists_only_its_own_stories(desk):
    views(desk["Budget passes"], 0, 5)
    views(desk["Derby won"], 0, 9)

    lists = compute_most_read(desk["en"].pk, desk["politics"].pk)

    assert headlines(lists["1h"]) == ["Budget passes"]


def test_an_unpublished_or_draft_story_is_never_listed(desk):
    draft = factories.draft(sec=desk["politics"], headline="Draft leak")
    views(draft, 0, 1_000)
    views(desk["Budget passes"], 0, 5)
    views(desk["Derby won"], 0, 7)
    publishing.unpublish(desk["Derby won"])

    lists = compute_most_read(desk["en"].pk)

    assert headlines(lists["1h"]) == headlines(lists["7d"]) == ["Budget passes"]


def test_another_editions_stories_are_not_listed(desk):
    az = factories.edition("az")
    translated = factories.translation(desk["Budget passes"], az, headline="Büdcə qəbul edildi")
    views(translated, 0, 100)

    assert compute_most_read(desk["en"].pk)["24h"] == []
    assert headlines(compute_most_read(az.pk)["24h"]) == ["Büdcə qəbul edildi"]


def test_the_list_is_as_long_as_the_setting_says(desk, settings):
    settings.DATELINE_MOST_READ_SIZE = 2
    for n, name in enumerate(["Budget passes", "Election called", "Derby won", "Old scandal"]):
        views(desk[name], 1, n + 1)

    assert headlines(compute_most_read(desk["en"].pk)["24h"]) == ["Old scandal", "Derby won"]


def test_the_lists_are_cached_for_a_minute(desk, django_assert_num_queries):
    views(desk["Budget passes"], 0, 5)
    with django_assert_num_queries(1):
        most_read(desk["en"].pk)
    views(desk["Derby won"], 0, 9)
    with django_assert_num_queries(0):
        assert headlines(most_read(desk["en"].pk)["1h"]) == ["Budget passes"]


def test_home_section_and_article_pages_show_most_read_without_script(desk):
    views(desk["Budget passes"], 0, 5)
    views(desk["Derby won"], 0, 9)
    reader = Client()

    home = reader.get("/en/").content.decode()
    section = reader.get("/en/politics/").content.decode()
    article = reader.get(desk["Election called"].get_absolute_url()).content.decode()

    for page in (home, article):
        assert '<aside class="most-read"' in page
        assert page.index("Derby won</a>") < page.index("Budget passes</a>")
        assert "<details" in page and "<script>" not in page
    assert "Most read in Politics" in section
    most_read_block = section[section.index('<aside class="most-read"') :]
    assert "Derby won" not in most_read_block
