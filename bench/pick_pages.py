"""Prints the paths bench/pages.sh measures, one per line: article, home, section.

Run with DATELINE_DATA_DIR pointing at a migrated data folder with published stories::

    $ .venv/bin/python bench/pick_pages.py
    /en/news/5123-talks-on-water-rights-resume/
    /en/
    /en/politics/

The article is a recent published story with a body (what most readers open); the home
page is the ``en`` edition's when there is one, else the default edition's; the section
is the one the article is filed under, so all three pages come from one edition.
"""

import os
import sys

import django


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
    django.setup()
    from dateline.news.models import Article, Edition

    edition = Edition.objects.filter(code="en").first() or Edition.objects.default()
    if edition is None:
        print("No edition in the database: run `dateline demo` first.", file=sys.stderr)
        return 1
    stories = Article.objects.published().filter(edition=edition).exclude(body="")
    # Not the very latest: a story a hundred places down is a more typical page.
    story = stories.latest_first().select_related("section", "edition")[100:101].first()
    story = story or stories.latest_first().select_related("section", "edition").first()
    if story is None:
        print(f"No published story in edition {edition.code!r}.", file=sys.stderr)
        return 1
    print(story.get_absolute_url())
    print(edition.get_absolute_url())
    print(story.section.get_absolute_url())
    return 0


if __name__ == "__main__":
    sys.exit(main())
