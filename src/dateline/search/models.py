"""The search index's table of indexed stories.

One row per public story. On PostgreSQL the row also holds the story's ``tsvector``
(column ``vector``) and byline (``author_ids``), both GIN-indexed and written by raw SQL
(Django's model does not know the types without ``django.contrib.postgres``). On SQLite the
words live in the FTS5 table ``search_fts`` under the row's ``key`` — the edition and the
publication time in microseconds, made unique — so that FTS5's own row order is newest first
within an edition (see engines/sqlite.py).

Ids are plain integers rather than foreign keys: a deleted story's row is removed by the
index (on its unpublished signal), and until then searches only ever return stories that
still exist and are public.
"""

from django.db import models


class SearchDocument(models.Model):
    article_id = models.IntegerField(primary_key=True)
    edition_id = models.IntegerField()
    section_id = models.IntegerField()
    genre = models.CharField(max_length=20)
    published_at = models.DateTimeField()
    key = models.BigIntegerField(null=True, unique=True)  # SQLite: the FTS5 rowid
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["edition_id", "-published_at", "-article_id"], name="search_edition_latest"
            )
        ]

    def __str__(self) -> str:
        return f"search document of article {self.article_id}"
