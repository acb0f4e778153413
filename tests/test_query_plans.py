"""SQLite keeps planner statistics, so story lookups walk the right index as the archive grows."""

import pytest
from django.db import connection

from dateline.lib.planner_statistics import refresh_planner_statistics
from dateline.news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum analyses")
def test_the_translations_lookup_uses_the_translation_index_once_statistics_exist():
    story = factories.article()
    factories.many_articles(300, sec=story.section)
    assert refresh_planner_statistics() is True

    translations = Article.objects.published().filter(translation_group=story.translation_group)

    assert "translation_group" in plan_of(translations)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum analyses")
def test_a_section_front_walks_the_section_index_newest_first_without_sorting():
    story = factories.article()
    factories.many_articles(300, sec=story.section)
    refresh_planner_statistics()

    front = (
        Article.objects.published()
        .filter(section=story.section)
        .order_by("-published_at", "-pk")[:21]
    )

    plan = plan_of(front)
    assert "article_section_latest" in plan
    assert "TEMP B-TREE" not in plan


def test_statistics_refresh_is_a_no_op_on_postgresql():
    assert refresh_planner_statistics() is (connection.vendor == "sqlite")
