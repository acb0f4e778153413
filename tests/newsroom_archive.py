"""A newsroom with a large archive, built in seconds: for the scale tests and bench/newsroom.py.

:func:`build_newsroom` makes three editions with eight sections each, a chief editor, an
editor and a reporter (each with a byline), and :func:`add_stories` adds stories in bulk with
the mix a working newsroom has: mostly published, and in every hundred one draft, one in
review, one scheduled (every fifth of those overdue) and one unpublished. Every story has a
byline, every 500th has a new reader error report, and the newest stories have readers.

Stories are written in bulk (:func:`insert_rows`, a leaner ``bulk_create``): the body is
fixed, already-clean HTML, so skipping ``Article.save`` skips no sanitising, and no publishing
signal fires for what is history. Call it inside a transaction: on SQLite that is one commit
instead of one per batch.

>>> newsroom = build_newsroom()
>>> with transaction.atomic():
...     add_stories(newsroom, 100_000)
"""

import functools
import itertools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from dateline.analytics.models import ArticleViews
from dateline.news.models import (
    Article,
    ArticleAuthor,
    Author,
    Edition,
    ReaderReport,
    Section,
    Status,
)
from dateline.newsroom.roles import Role, create_editor
from dateline.search import indexing

BATCH = 5_000
SECTIONS = ("Politics", "Business", "Sport", "Culture", "World", "Science", "Health", "Opinion")
# One story in SEARCH_EVERY has this word in its headline, so a search has hits at any size.
SEARCH_WORD = "pipeline"
SEARCH_EVERY = 1_000
PASSWORD = "correct horse battery"


@dataclass
class Newsroom:
    editions: list[Edition]
    sections: list[Section]
    chief: object
    editor: object
    reporter: object
    authors: list[Author]
    now: datetime = field(default_factory=timezone.now)
    stories: int = 0


def build_newsroom(now: datetime | None = None) -> Newsroom:
    """Editions, sections, the three personas with bylines, and 27 more authors."""
    editions = []
    for position, (code, name, zone) in enumerate(
        [("en", "English", "Europe/London"), ("az", "Azərbaycanca", "Asia/Baku"),
         ("ru", "Русский", "Europe/Moscow")]
    ):  # fmt: skip
        edition, _ = Edition.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "language": code,
                "time_zone": zone,
                "position": position,
                "is_default": code == "en",
            },
        )
        editions.append(edition)
    sections = [
        Section.objects.get_or_create(
            edition=edition, slug=name.lower(), defaults={"name": name, "position": n}
        )[0]
        for edition in editions
        for n, name in enumerate(SECTIONS)
    ]
    chief = create_editor("chief", password=PASSWORD, role=Role.CHIEF)
    # The editor's desk is the English edition; the reporter writes for any desk.
    editor = create_editor(
        "editor", password=PASSWORD, role=Role.EDITOR, desks=[(editions[0], None)]
    )
    reporter = create_editor("reporter", password=PASSWORD, role=Role.REPORTER)
    authors = [
        Author.objects.create(name=f"{user.username.title()} Writer", slug=user.username, user=user)
        for user in (chief, editor, reporter)
    ]
    authors += Author.objects.bulk_create(
        Author(name=f"Staff Writer {n}", slug=f"staff-writer-{n}") for n in range(27)
    )
    return Newsroom(editions, sections, chief, editor, reporter, authors, now or timezone.now())


def _status(n: int) -> str:
    return {0: Status.DRAFT, 1: Status.IN_REVIEW, 2: Status.SCHEDULED, 3: Status.UNPUBLISHED}.get(
        n % 100, Status.PUBLISHED
    )


def _published_at(newsroom: Newsroom, n: int, status: str) -> datetime | None:
    if status in (Status.DRAFT, Status.IN_REVIEW):
        return None
    if status == Status.SCHEDULED:
        # Every fifth scheduled story is overdue: its time passed and no worker flipped it.
        hours = -1 if (n // 100) % 5 == 0 else 1 + n // 100
        return newsroom.now + timedelta(hours=hours)
    return newsroom.now - timedelta(minutes=n + 1)


def add_stories(newsroom: Newsroom, count: int) -> None:
    """Adds ``count`` stories after those already added, spread over editions and sections."""
    # The reporter writes the first story, a draft, so even the smallest archive has one.
    users = [newsroom.reporter, newsroom.editor, newsroom.chief]
    numbers = range(newsroom.stories, newsroom.stories + count)
    first_id = (Article.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
    rows = []
    for n in numbers:
        section = newsroom.sections[n % len(newsroom.sections)]
        status = _status(n)
        word = f" {SEARCH_WORD}" if n % SEARCH_EVERY == 7 else ""
        rows.append(
            {
                "id": first_id + n - newsroom.stories,
                "edition_id": section.edition_id,
                "section_id": section.pk,
                "headline": f"Story {n}: the regional{word} budget debate goes on",
                "slug": f"story-{n}",
                "status": status,
                "published_at": _published_at(newsroom, n, status),
                "created_by_id": users[n % len(users)].pk,
                "created_at": newsroom.now - timedelta(minutes=n + 1),
                "translation_group": uuid.UUID(int=n + 1),
            }
        )
    insert_rows(
        Article(lead="A short lead that sums up the story.", body="<p>First paragraph.</p>"), rows
    )
    insert_rows(
        ArticleAuthor(position=0),
        (
            {"article_id": row["id"], "author_id": newsroom.authors[n % len(newsroom.authors)].pk}
            for n, row in zip(numbers, rows, strict=True)
        ),
    )
    ReaderReport.objects.bulk_create(
        ReaderReport(article_id=row["id"], quoted_text=f"Wrong figure in story {n}", ip_hash="x")
        for n, row in zip(numbers, rows, strict=True)
        if n % 500 == 4
    )
    newsroom.stories += count
    _add_readers(newsroom)
    # The newsroom finds live stories through the search index, which a bulk write does not
    # reach (no signal): the stories a search can find are indexed, the rest left out, as
    # indexing every row would only slow the building.
    indexing.refresh(row["id"] for row in rows if SEARCH_WORD in row["headline"])


def insert_rows(template: models.Model, rows: Iterable[dict[str, Any]]) -> None:
    """Inserts one row per dict: the dict's values over the ``template`` instance's.

    ``bulk_create`` builds a model instance per row and prepares every field of it, which
    costs about half a millisecond a row on a busy machine; here the template's values are
    prepared once and only the columns that vary are prepared per row, so 100,000 stories
    take seconds. Every column of the model is written, so a field added later is filled
    from its default like any ``save()`` would.
    """
    model = type(template)
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    iterator = itertools.chain([first], iterator)
    # Without an id in the rows, the database numbers them.
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key or field.attname in first
    ]
    fixed = {
        field.attname: field.get_db_prep_save(field.pre_save(template, add=True), connection)
        for field in fields
    }
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    copy_sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    position = {field.attname: n for n, field in enumerate(fields)}
    template_row = [fixed[field.attname] for field in fields]
    # Numbers and text go to the driver as they are; times and UUIDs need the backend's form.
    preparers = {
        field.attname: functools.partial(field.get_db_prep_save, connection=connection)
        for field in fields
        if isinstance(field, models.DateTimeField | models.UUIDField)
    }
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(iterator, BATCH)):
            values = []
            for row in batch:
                prepared = list(template_row)
                for name, value in row.items():
                    prepare = preparers.get(name)
                    prepared[position[name]] = value if prepare is None else prepare(value)
                values.append(prepared)
            if connection.vendor == "postgresql":
                # COPY streams the rows in one statement; an INSERT per row costs a round
                # of the server's statement machinery each.
                with cursor.copy(copy_sql) as copy:
                    for value in values:
                        copy.write_row(value)
            else:
                cursor.executemany(sql, values)
    # Later inserts through the ORM must not reuse the ids written here (PostgreSQL keeps a
    # sequence; SQLite's AUTOINCREMENT follows the largest id by itself).
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(statement)


def _add_readers(newsroom: Newsroom) -> None:
    """Views in the last hours for the newest published stories of each edition."""
    hour = newsroom.now.replace(minute=0, second=0, microsecond=0)
    ArticleViews.objects.filter(hour__gte=hour - timedelta(hours=2)).delete()
    newest = itertools.chain.from_iterable(
        Article.objects.filter(edition=edition, status=Status.PUBLISHED)
        .order_by("-published_at")
        .values_list("pk", flat=True)[:50]
        for edition in newsroom.editions
    )
    ArticleViews.objects.bulk_create(
        ArticleViews(article_id=pk, hour=hour - timedelta(hours=back), views=100 + pk % 37)
        for pk in newest
        for back in (0, 1)
    )
