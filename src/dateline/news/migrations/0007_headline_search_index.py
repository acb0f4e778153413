"""A trigram index for the newsroom's headline search, on PostgreSQL.

The article list searches headlines for a word anywhere in them (``UPPER(headline) LIKE
'%WORD%'``), which no ordinary index serves: at 100,000 stories PostgreSQL reads the whole
table twice per search (the count and the page). A GIN index of the headline's trigrams
answers the same LIKE directly. ``pg_trgm`` ships with PostgreSQL and is a trusted extension
(PostgreSQL 13+), so the database's owner may create it.

SQLite has no such index; its scan of 100,000 headlines is fast enough for the installs it
serves. The index is not part of the model state because only one backend has it.
"""

from django.db import migrations

INDEX = "article_headline_trigrams"


def create_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # The expression matches what Django's icontains generates: UPPER("headline"::text).
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON news_article "
        "USING gin ((UPPER(headline::text)) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0006_article_list_newest_first"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
