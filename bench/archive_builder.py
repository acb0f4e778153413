"""A news archive of any size for bench/coldrender.py, written in bulk and kept for reuse.

The layout is the one that makes deep pages real: one English edition with four sections,
so that at 1,000,000 stories a section holds 225,000 of them (page 10,000 exists at 20 a
page), plus a Russian edition holding a translation of every tenth story. Story ``n`` is
published ``n + 1`` minutes before the archive's moment, in section ``n % 4``, by author
``n % 30`` and under tag ``n % 50``; the newest five are top stories, every 20th of the
newest thousand and every 1,000th after them carry a correction, and the newest 50 have
readers (Most read). Bodies and leads are fixed, already-clean HTML, so writing rows
directly (tests/newsroom_archive.py ``insert_rows``) skips no sanitising.

The archive's moment is kept in the data itself: the newest story is a minute older than
it, so a run days later reads the pages as they were when the archive was built (the
benchmark freezes ``timezone.now`` there) and the 48-hour news sitemap is never empty.
"""

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from tests.newsroom_archive import insert_rows

from dateline.analytics.models import ArticleViews
from dateline.news.models import (
    Article,
    ArticleAuthor,
    Author,
    Correction,
    Edition,
    Section,
    Status,
    Tag,
)

SECTIONS = ("Politics", "Business", "Sport", "Culture")
AUTHORS = 30
TAGS = 50
TRANSLATION_EVERY = 10  # story n with n % 10 == 9 is the Russian version of story n - 1
TOP_STORIES = 5
CHUNK = 50_000  # rows built in Python at a time, so a million stories need little memory


def archive_moment() -> datetime | None:
    """The moment the archive was built (a minute after its newest story), or None if empty."""
    newest = Article.objects.aggregate(newest=Max("published_at"))["newest"]
    return newest + timedelta(minutes=1) if newest else None


def _editions() -> tuple[Edition, Edition]:
    english, _ = Edition.objects.update_or_create(
        code="en",
        defaults={"name": "English", "language": "en", "time_zone": "Asia/Baku",
                  "position": 0, "is_default": True},
    )  # fmt: skip
    russian, _ = Edition.objects.update_or_create(
        code="ru",
        defaults={"name": "Русский", "language": "ru", "time_zone": "Europe/Moscow",
                  "position": 1, "is_default": False},
    )  # fmt: skip
    return english, russian


def _sections(edition: Edition) -> list[Section]:
    return [
        Section.objects.get_or_create(
            edition=edition, slug=name.lower(), defaults={"name": name, "position": n}
        )[0]
        for n, name in enumerate(SECTIONS)
    ]


def build_archive(count: int) -> datetime:
    """Writes ``count`` stories with their bylines, tags, corrections and readers into an
    empty database; returns the archive's moment."""
    moment = timezone.now().replace(second=0, microsecond=0)
    english, russian = _editions()
    sections = {english.pk: _sections(english), russian.pk: _sections(russian)}
    authors = Author.objects.bulk_create(
        Author(name=f"Staff Writer {n}", slug=f"staff-writer-{n}") for n in range(AUTHORS)
    )
    tags = Tag.objects.bulk_create(Tag(name=f"Topic {n}", slug=f"topic-{n}") for n in range(TAGS))
    template = Article(
        lead="A short lead that sums up the story.",
        body="<p>First paragraph.</p><blockquote><p>A quoted letter.</p></blockquote>",
        status=Status.PUBLISHED,
    )
    with transaction.atomic():
        for start in range(0, count, CHUNK):
            numbers = range(start, min(count, start + CHUNK))
            insert_rows(template, (_story(n, moment, english, russian, sections) for n in numbers))
            insert_rows(
                ArticleAuthor(position=0),
                ({"article_id": n + 1, "author_id": authors[n % AUTHORS].pk} for n in numbers),
            )
            insert_rows(
                Article.tags.through(),
                ({"article_id": n + 1, "tag_id": tags[n % TAGS].pk} for n in numbers),
            )
        Correction.objects.bulk_create(_corrections(count, moment, english, russian))
        hour = moment.replace(minute=0)
        ArticleViews.objects.bulk_create(
            ArticleViews(article_id=n + 1, hour=hour - timedelta(hours=back), views=100 + n % 37)
            for n in range(min(count, 50))
            for back in (0, 1)
        )
    return moment


def _story(n: int, moment: datetime, english: Edition, russian: Edition, sections) -> dict:
    translated = n % TRANSLATION_EVERY == TRANSLATION_EVERY - 1
    edition = russian if translated else english
    return {
        "id": n + 1,
        "edition_id": edition.pk,
        "section_id": sections[edition.pk][n % len(SECTIONS)].pk,
        "headline": f"Story {n}: the regional budget debate goes on",
        "slug": f"story-{n}",
        "published_at": moment - timedelta(minutes=n + 1),
        "created_at": moment - timedelta(minutes=n + 2),
        "is_top_story": n < TOP_STORIES,
        # A translation shares its original's group (the story just before it).
        "translation_group": uuid.UUID(int=n if translated else n + 1),
    }


def _corrections(
    count: int, moment: datetime, english: Edition, russian: Edition
) -> Iterator[Correction]:
    for n in range(count):
        if (n < 1_000 and n % 20 == 0) or n % 1_000 == 500:
            translated = n % TRANSLATION_EVERY == TRANSLATION_EVERY - 1
            yield Correction(
                article_id=n + 1,
                edition_id=(russian if translated else english).pk,
                text=f"An earlier version of story {n} gave the wrong figure.",
                created_at=moment - timedelta(minutes=n // 2),
            )


def refresh_statistics() -> None:
    """Planner statistics after the bulk load: sampled ``ANALYZE`` (and a checkpoint) on
    SQLite, ``VACUUM ANALYZE`` on PostgreSQL (which also sets the visibility map for
    index-only scans)."""
    from dateline.lib.planner_statistics import refresh_planner_statistics

    with connection.cursor() as cursor:
        if refresh_planner_statistics():
            # Fold the load's write-ahead log into the database file, so reads do not
            # consult a log of a million rows.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("VACUUM ANALYZE")
