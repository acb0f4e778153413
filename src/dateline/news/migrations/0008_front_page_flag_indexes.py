"""Partial indexes for the home page's top stories and breaking banner.

Both lookups filter a flag that a handful of stories carry; without these indexes they walk
the edition's newest-first index over the weeks those lookups may reach back, thousands of
stories on a busy site.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_headline_search_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("is_top_story", True)),
                fields=["edition", "-published_at", "-id"],
                name="article_top_stories",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("is_breaking", True)),
                fields=["edition", "-published_at", "-id"],
                name="article_breaking",
            ),
        ),
    ]
