"""Keeping the index equal to what readers may see.

The index holds public stories only: a draft, a story in review, a scheduled story whose
time has not come and an unpublished one are never in it. It follows the news through the
domain signals, each sent once its change has committed:

- published, updated (text, tags, byline, section, time…), corrected → the story is
  written again from its rows, if it is public, or taken out if it is not;
- unpublished or deleted → taken out;
- a scheduled story joins when it goes live (the worker, or the first request after its
  time, publishes it and that sends *published*);
- a tag or author renamed → their stories are written again, by a background task;
- many stories written at once (``dateline demo``, an import) → :func:`catch_up`.

If the index cannot be written when the signal comes (the database busy or down), a task
retries it, so the change is not lost. ``dateline reindex`` rebuilds it all.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db.models.signals import post_save

from dateline.news.models import Article, ArticleAuthor, Author, Tag
from dateline.news.signals import (
    archive_changed,
    article_published,
    article_unpublished,
    article_updated,
)
from dateline.search.engines import get_engine
from dateline.search.models import SearchDocument

logger = logging.getLogger(__name__)

BATCH = 5000
Progress = Callable[[int, int], None]


def refresh(article_ids: Iterable[int]) -> None:
    """Brings these stories' entries up to date: written if public, removed if not."""
    wanted = set(article_ids)
    if not wanted:
        return
    public = set(Article.objects.published().filter(pk__in=wanted).values_list("pk", flat=True))
    engine = get_engine()
    with transaction.atomic():
        engine.remove(wanted - public)
        engine.store(sorted(public))


def _public_ids() -> Iterator[int]:
    """Oldest first, so that a rebuild writes the SQLite index in its own (time) order."""
    stories = Article.objects.published().order_by("published_at", "pk")
    yield from stories.values_list("pk", flat=True).iterator(20_000)


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class RebuildReport:
    indexed: int
    removed: int


def rebuild(*, fresh: bool = False, progress: Progress | None = None) -> RebuildReport:
    """Writes every public story into the index again.

    In place (the default) searches keep answering throughout: each batch replaces its
    stories' entries in one transaction, and entries of stories no longer public go at the
    end. ``fresh`` empties the index first, which is faster on a new or broken index but
    leaves searches short of results until it is done.
    """
    engine = get_engine()
    total = Article.objects.published().count()
    before = set() if fresh else engine.indexed_ids()
    if fresh:
        engine.clear()
    done = 0
    seen: set[int] = set()
    if fresh:
        ids = list(_public_ids())
        seen.update(ids)
        for written in engine.store_all(_batches(ids, BATCH)):
            done += written
            if progress:
                progress(done, total)
    else:
        for batch in _batches(_public_ids(), BATCH):
            seen.update(batch)
            done += engine.store(batch)
            if progress:
                progress(done, total)
    stale = before - seen
    for batch in _batches(sorted(stale), BATCH):
        engine.remove(batch)
    engine.optimize()
    return RebuildReport(indexed=done, removed=len(stale))


def catch_up() -> RebuildReport:
    """Indexes public stories missing from the index and drops entries that should not be
    there: what a bulk write (demo content, an import) needs, without redoing the rest."""
    engine = get_engine()
    indexed = engine.indexed_ids()
    public = set(_public_ids())
    missing = sorted(public - indexed)
    stale = sorted(indexed - public)
    written = 0
    for batch in _batches(missing, BATCH):
        written += engine.store(batch)
    for batch in _batches(stale, BATCH):
        engine.remove(batch)
    return RebuildReport(indexed=written, removed=len(stale))


def check() -> tuple[int, int]:
    """(public stories missing from the index, index entries that are not public)."""
    indexed = get_engine().indexed_ids()
    public = set(_public_ids())
    return len(public - indexed), len(indexed - public)


# --- following the news ---------------------------------------------------------------------


def _refresh_or_retry(article_ids: list[int]) -> None:
    try:
        refresh(article_ids)
    except DatabaseError as error:
        logger.warning("Search index not updated for %s (%s); retrying later", article_ids, error)
        from dateline.search.tasks import refresh_search_index

        try:
            refresh_search_index.enqueue(article_ids)
        except DatabaseError:
            logger.exception("Could not queue the search index retry for %s", article_ids)


def on_story_changed(sender, article_id: int, **kwargs) -> None:
    _refresh_or_retry([article_id])


def on_archive_changed(sender, **kwargs) -> None:
    try:
        catch_up()
    except DatabaseError:
        logger.exception("Search index could not catch up; run `dateline reindex`")


def on_name_changed(sender, instance, created: bool = False, **kwargs) -> None:
    """A renamed tag or author: their stories are found by the new name, after a task
    rewrites them (a popular tag may carry thousands)."""
    if created:
        return
    from dateline.search.tasks import reindex_named

    kind = "tag" if sender is Tag else "author"
    pk = instance.pk
    transaction.on_commit(lambda: reindex_named.enqueue(kind, pk))


def connect() -> None:
    for signal in (article_published, article_updated, article_unpublished):
        signal.connect(on_story_changed, dispatch_uid=f"search.{id(signal)}")
    archive_changed.connect(on_archive_changed, dispatch_uid="search.archive")
    for model in (Tag, Author):
        post_save.connect(on_name_changed, sender=model, dispatch_uid=f"search.{model.__name__}")


def stories_named(kind: str, pk: int) -> list[int]:
    """Ids of the indexed stories carrying tag or author ``pk``."""
    stories = (
        Article.tags.through.objects.filter(tag_id=pk).values_list("article_id")
        if kind == "tag"
        else ArticleAuthor.objects.filter(author_id=pk).values_list("article_id")
    )
    indexed = SearchDocument.objects.filter(article_id__in=stories)  # type: ignore[misc]
    return list(indexed.values_list("article_id", flat=True))
