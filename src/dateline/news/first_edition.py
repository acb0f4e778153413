"""A new install starts with one edition, so the site works before anyone configures it.

Created after ``migrate`` when no edition exists, from ``DATELINE_FIRST_EDITION`` (language
code), ``DATELINE_FIRST_EDITION_NAME`` and ``DATELINE_FIRST_EDITION_TIME_ZONE``; an editor
renames it or changes its zone in the newsroom. Nothing happens once any edition exists, so
it never fights an editor's choices.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS


def ensure_first_edition(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Creates the first edition if there is none; returns whether it did."""
    from dateline.news.models import Edition

    editions = Edition.objects.using(using)
    if editions.exists():
        return False
    code = settings.DATELINE_FIRST_EDITION
    editions.create(
        code=code,
        name=settings.DATELINE_FIRST_EDITION_NAME,
        language=code,
        time_zone=settings.DATELINE_FIRST_EDITION_TIME_ZONE,
        is_default=True,
    )
    return True
