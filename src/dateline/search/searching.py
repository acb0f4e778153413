"""Searching, for the reader site and the newsroom: a query in, stories with snippets out.

The engine answers ids; the stories shown are read again through
:meth:`ArticleQuerySet.published` for readers, so an index that lags a moment behind an
unpublication can never show a withdrawn story (nor could a bug in an engine). Settings
(docs/search.md): ``DATELINE_SEARCH_PAGE_SIZE``, ``DATELINE_SEARCH_CANDIDATES``,
``DATELINE_SEARCH_RECENCY_WEIGHT`` and ``DATELINE_SEARCH_HALF_LIFE_DAYS``.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString

from dateline.news.models import Article, Edition
from dateline.search.documents import edition_languages
from dateline.search.engines import get_engine
from dateline.search.engines.base import COUNT_LIMIT, Scope, SearchRequest, Sort
from dateline.search.languages import language_for
from dateline.search.query import Query, parse
from dateline.search.snippets import Marker, highlight, snippet
from dateline.search.text import plain_text


@dataclass
class Result:
    article: Article
    headline: SafeString
    snippet: SafeString


@dataclass
class Results:
    query: Query
    sort: Sort
    results: list[Result] = field(default_factory=list)
    total: int = 0
    next_cursor: str | None = None
    ranked_all: bool = True

    @property
    def total_is_capped(self) -> bool:
        return self.total > COUNT_LIMIT

    @property
    def count_limit(self) -> int:
        return COUNT_LIMIT


@dataclass(frozen=True)
class Filters:
    section_id: int | None = None
    genre: str | None = None
    author_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def _request(query: Query, scope: Scope, sort: Sort, cursor: str | None) -> SearchRequest:
    return SearchRequest(
        query=query,
        scope=scope,
        sort=sort,
        cursor=cursor,
        size=settings.DATELINE_SEARCH_PAGE_SIZE,
        candidates=settings.DATELINE_SEARCH_CANDIDATES,
        recency_weight=settings.DATELINE_SEARCH_RECENCY_WEIGHT,
        half_life_days=settings.DATELINE_SEARCH_HALF_LIFE_DAYS,
    )


def _public_in_order(ids: list[int], edition: Edition, now: datetime) -> list[Article]:
    """The stories ``ids`` that readers of ``edition`` may see at ``now``, in that order.

    Read by primary key, then checked with :meth:`Article.is_public_at` (the row-level twin
    of :meth:`ArticleQuerySet.published`): with the condition in the query, SQLite's planner
    may walk the edition's publication-time index, a third of a million rows at a million
    stories, instead of fetching twenty by id.
    """
    # No ordering either: the model's newest-first default leads SQLite to the same walk.
    rows = (
        Article.objects.filter(pk__in=ids).order_by().select_related("section__edition", "edition")
    )
    visible = {
        story.pk: story
        for story in rows
        if story.edition_id == edition.pk and story.is_public_at(now)
    }
    return [visible[pk] for pk in ids if pk in visible]


def search_edition(
    edition: Edition,
    text: str,
    *,
    filters: Filters | None = None,
    sort: Sort = Sort.RELEVANCE,
    cursor: str | None = None,
    now: datetime | None = None,
) -> Results:
    """A reader's search of one edition. Raises ``BadSearchCursor`` for a forged page link."""
    query = parse(text)
    results = Results(query=query, sort=sort)
    if not query.is_searchable:
        return results
    now = now or timezone.now()
    language = language_for(edition.language)
    scope = Scope(editions=[(edition.pk, language)], now=now, **vars(filters or Filters()))
    found = get_engine().search(_request(query, scope, sort, cursor))
    marker = Marker(query, language)
    for story in _public_in_order(found.article_ids, edition, now):
        story.edition = edition
        results.results.append(
            Result(
                article=story,
                headline=highlight(story.headline, marker),
                snippet=snippet(f"{story.lead} {plain_text(story.body)}", marker),
            )
        )
    return replace(
        results, total=found.total, next_cursor=found.next_cursor, ranked_all=found.ranked_all
    )


def newsroom_matches(text: str, *, limit: int) -> list[int]:
    """Ids of the public stories of every edition matching ``text`` (each edition in its own
    language), newest first, at most ``limit``: the newsroom's article search."""
    query = parse(text)
    if not query.is_searchable:
        return []
    editions = list(edition_languages().items())
    if not editions:
        return []
    scope = Scope(editions=editions, now=timezone.now())
    request = replace(_request(query, scope, Sort.NEWEST, None), size=limit)
    return get_engine().search(request).article_ids
