"""Edit conflicts: two people saving the same story from the versions they opened.

Each save from the newsroom says which ``Article.version`` the editor started from. The
check and the step to the next version are one conditional ``UPDATE``, run inside the
transaction that saves the story: the database lets exactly one of two simultaneous saves
through, and the other finds the version moved on and saves nothing.
"""

from django.db import connection
from django.db.models import F

from dateline.news.models import Article


class EditConflict(Exception):
    """Someone saved the story after ``started_from``; this save must not overwrite it."""

    def __init__(self, article_id: int, started_from: int | None) -> None:
        super().__init__(f"Article {article_id} changed after version {started_from}")
        self.article_id = article_id
        self.started_from = started_from


def claim_edit(article: Article, started_from: int | None) -> int:
    """Moves the story from version ``started_from`` to the next; returns the new version.

    Raises :class:`EditConflict` when the stored version is no longer ``started_from``.
    Must run inside the transaction that then saves the story (the ``UPDATE`` holds the row
    until it commits, so a second save waits and then sees the new version).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("claim_edit() must run inside the transaction that saves the story.")
    if started_from is None:
        raise EditConflict(article.pk, None)
    claimed = Article.objects.filter(pk=article.pk, version=started_from).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(article.pk, started_from)
    article.version = started_from + 1
    return article.version
