"""Readers see "Views: N" on every article page; editors see views and an hourly chart."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from dateline.analytics.counting import add_views, hour_of
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 12, 30, tzinfo=UTC)


@pytest.fixture
def story(monkeypatch):
    factories.Clock(monkeypatch, NOW)
    story = factories.article(at=NOW - timedelta(days=2))
    add_views([(story.pk, hour_of(NOW), 800), (story.pk, hour_of(NOW - timedelta(hours=30)), 88)])
    return story


def test_the_article_page_shows_the_count_and_loads_the_beacon_script(story):
    page = Client().get(story.get_absolute_url()).content.decode()

    assert 'Views: <span class="article__views-count">888</span>' in page
    beacon_url = reverse("analytics:view-beacon", args=[story.pk])
    assert f'data-beacon="{beacon_url}"' in page
    assert 'src="/static/analytics/beacon.js"' in page
    assert "<script>" not in page  # CSP: script-src 'self', no inline code


def test_a_new_story_shows_zero_views(monkeypatch):
    story = factories.article()

    assert "Views: <span" in Client().get(story.get_absolute_url()).content.decode()
    assert '">0</span>' in Client().get(story.get_absolute_url()).content.decode()


def test_the_editors_preview_neither_shows_nor_counts_views(story):
    editor = Client()
    editor.force_login(factories.editor())

    page = editor.get(reverse("admin:news_article_preview", args=[story.pk])).content.decode()

    assert "Views:" not in page
    assert "beacon.js" not in page


def test_the_newsroom_list_shows_each_storys_views(story):
    editor = Client()
    editor.force_login(factories.editor())

    page = editor.get(reverse("admin:news_article_changelist")).content.decode()

    assert "column-views_total" in page
    assert '<td class="field-views_total">888</td>' in page


def test_the_newsroom_change_form_shows_total_views_and_a_72_hour_svg_chart(story):
    editor = Client()
    editor.force_login(factories.editor())

    page = editor.get(reverse("admin:news_article_change", args=[story.pk])).content.decode()

    assert "888" in page
    start = page.index('<svg class="views-chart"')
    chart = page[start : page.index("</svg>", start)]
    assert chart.count("<rect") == 72
    assert "888 views in the last 72 hours" in chart
    assert "style=" not in chart and "<script" not in chart
