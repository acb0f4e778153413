"""Background work for the search index. Tasks take ids and are safe to run twice."""

from django.tasks import task

from dateline.search import indexing


@task()
def refresh_search_index(article_ids: list[int]) -> None:
    """A story's entry that could not be written when it changed, written now."""
    indexing.refresh(article_ids)


@task()
def reindex_named(kind: str, pk: int) -> int:
    """Rewrites the stories of a renamed tag or author (``kind`` is "tag" or "author")."""
    ids = indexing.stories_named(kind, pk)
    for start in range(0, len(ids), indexing.BATCH):
        indexing.refresh(ids[start : start + indexing.BATCH])
    return len(ids)
