"""What the index knows of a story, read from the news tables in a few queries per batch.

Searched: headline, lead, body, and a *names* field with its tags and authors, so a reader
finds a columnist's pieces by name. Filtered on: edition, section, genre, authors and the
publication time.
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from dateline.news.models import Article, ArticleAuthor, Edition
from dateline.search.languages import Language, language_for


@dataclass
class Document:
    article_id: int
    edition_id: int
    section_id: int
    genre: str
    published_at: datetime
    language: Language
    headline: str
    lead: str
    body: str  # sanitised HTML
    names: str  # tags and authors
    author_ids: list[int]


def edition_languages() -> dict[int, Language]:
    return {pk: language_for(tag) for pk, tag in Edition.objects.values_list("pk", "language")}


def documents(article_ids: Sequence[int]) -> Iterator[Document]:
    """The documents of these stories (those that exist), in four queries."""
    if not article_ids:
        return
    languages = edition_languages()
    names: dict[int, list[str]] = defaultdict(list)
    authors: dict[int, list[int]] = defaultdict(list)
    tagging = Article.tags.through.objects.filter(article_id__in=article_ids)
    for article_id, name in tagging.values_list("article_id", "tag__name"):
        names[article_id].append(name)
    byline = ArticleAuthor.objects.filter(article_id__in=article_ids).order_by("position", "pk")
    for article_id, author_id, name in byline.values_list(
        "article_id", "author_id", "author__name"
    ):
        names[article_id].append(name)
        authors[article_id].append(author_id)
    rows = Article.objects.filter(pk__in=article_ids, published_at__isnull=False).values_list(
        "pk", "edition_id", "section_id", "genre", "published_at", "headline", "lead", "body"
    )
    for pk, edition_id, section_id, genre, published_at, headline, lead, body in rows.iterator(
        chunk_size=2000
    ):
        yield Document(
            article_id=pk,
            edition_id=edition_id,
            section_id=section_id,
            genre=genre,
            published_at=published_at,  # type: ignore[arg-type]  # filtered on not null
            language=languages[edition_id],
            headline=headline,
            lead=lead,
            body=body,
            names=" ".join(names.get(pk, ())),
            author_ids=authors.get(pk, []),
        )
