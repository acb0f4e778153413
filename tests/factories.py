"""Factories for test data: each returns a saved object with sensible defaults."""

import itertools
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from dateline.news import publishing
from dateline.news.models import Article, ArticleAuthor, Author, Edition, Section, Source, Tag

_counter = itertools.count(1)


def edition(code: str = "en", **fields) -> Edition:
    defaults = {
        "name": {"en": "English", "az": "Azərbaycanca", "ru": "Русский"}.get(code, code),
        "language": code,
        "time_zone": "Asia/Baku",
        "is_default": code == "en",
    }
    defaults.update(fields)
    # update_or_create: a fresh database already holds the install's first edition ("en").
    obj, _ = Edition.objects.update_or_create(code=code, defaults=defaults)
    return obj


def section(ed: Edition | None = None, name: str = "Politics", **fields) -> Section:
    ed = ed or edition()
    slug = fields.pop("slug", name.lower())
    obj, _ = Section.objects.get_or_create(edition=ed, slug=slug, defaults={"name": name, **fields})
    return obj


def author(name: str | None = None) -> Author:
    n = next(_counter)
    name = name or f"Reporter {n}"
    return Author.objects.create(name=name, slug=f"reporter-{n}")


def tag(name: str = "Elections") -> Tag:
    obj, _ = Tag.objects.get_or_create(slug=name.lower().replace(" ", "-"), defaults={"name": name})
    return obj


def source(name: str = "Caspian Wire") -> Source:
    obj, _ = Source.objects.get_or_create(name=name)
    return obj


def article(
    *,
    sec: Section | None = None,
    headline: str | None = None,
    published: bool = True,
    at: datetime | None = None,
    authors: list[Author] | None = None,
    **fields,
) -> Article:
    """A story; published ``at`` (default: a minute ago) unless ``published=False`` (a draft)."""
    sec = sec or section()
    n = next(_counter)
    headline = headline or f"Parliament debates the budget, part {n}"
    story = Article.objects.create(
        edition=sec.edition,
        section=sec,
        headline=headline,
        slug=fields.pop("slug", f"story-{n}"),
        lead=fields.pop("lead", "A short lead that sums up the story."),
        body=fields.pop(
            "body", "<p>First paragraph.</p><blockquote><p>“A quote.”</p></blockquote>"
        ),
        **fields,
    )
    for position, person in enumerate(authors or []):
        ArticleAuthor.objects.create(article=story, author=person, position=position)
    if published:
        story = publishing.publish(story, at=at or timezone.now() - timedelta(minutes=1))
    return story


def editor(username: str = "editor", password: str = "correct horse battery", chief: bool = False):
    """An editor persona with the Editors group's rights (not a superuser) who may work in every
    edition and section, as if they had a desk on each, including editions made later; with
    ``chief``, a chief editor. For an editor limited to one desk, see :func:`desk_editor`."""
    from django.contrib.auth.models import Permission

    from dateline.newsroom.roles import create_editor

    user = create_editor(username, password=password, chief=chief)
    if not chief:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="news", codename="edit_any_desk")
        )
    return user


def desk_editor(
    username: str = "desk-editor",
    *,
    desks: list[tuple[Edition, Section | None]],
    password: str = "correct horse battery",
):
    """An editor who may edit and publish only in ``desks``: ``[(edition, section or None)]``."""
    from dateline.newsroom.roles import Role, create_editor

    return create_editor(username, password=password, role=Role.EDITOR, desks=desks)


def reporter(username: str = "reporter", password: str = "correct horse battery"):
    """A reporter persona: writes drafts and submits them, never publishes."""
    from dateline.newsroom.roles import Role, create_editor

    return create_editor(username, password=password, role=Role.REPORTER)


def chief_editor(username: str = "chief", password: str = "correct horse battery"):
    """A chief editor persona: everything editorial, everywhere."""
    from dateline.newsroom.roles import Role, create_editor

    return create_editor(username, password=password, role=Role.CHIEF)


def newsroom_administrator(username: str = "people", password: str = "correct horse battery"):
    """An administrator persona (people and settings, not stories); not a superuser."""
    from dateline.newsroom.roles import Role, create_editor

    return create_editor(username, password=password, role=Role.ADMIN)


def administrator(username: str = "admin", password: str = "correct horse battery"):
    return get_user_model().objects.create_superuser(username, password=password)


# --- Reader-site suite: time, hidden stories, translations and volume ---------------------


class Clock:
    """What ``timezone.now()`` answers while a test runs; only the test moves it.

    >>> clock = Clock(monkeypatch, datetime(2014, 3, 5, 5, 30, tzinfo=UTC))
    >>> clock.advance(seconds=1)
    """

    def __init__(self, monkeypatch, at: datetime) -> None:
        self.now = at
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def set(self, at: datetime) -> None:
        self.now = at

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def draft(**fields) -> Article:
    """A story that was written but never published."""
    return article(published=False, **fields)


def unpublished(**fields) -> Article:
    """A story that was live once and has been taken off the site."""
    return publishing.unpublish(article(**fields))


def translation(of: Article, ed: Edition, **fields) -> Article:
    """``of`` in another edition: same translation group, a section of ``ed``."""
    sec = fields.pop("sec", None) or section(ed, name=of.section.name, slug=of.section.slug)
    return article(sec=sec, translation_group=of.translation_group, **fields)


def many_articles(
    count: int,
    *,
    sec: Section | None = None,
    newest: datetime | None = None,
    authors: list[Author] | None = None,
    tags: list[Tag] | None = None,
) -> list[Article]:
    """``count`` published stories a minute apart (newest first), each credited to every one
    of ``authors`` and filed under every one of ``tags``.

    Written with ``bulk_create`` so that hundreds of stories cost a handful of queries; the
    body is fixed, already-clean HTML, so skipping ``Article.save`` skips no sanitising.
    """
    sec = sec or section()
    newest = newest or timezone.now() - timedelta(minutes=1)
    numbers = [next(_counter) for _ in range(count)]
    stories = Article.objects.bulk_create(
        Article(
            edition=sec.edition,
            section=sec,
            headline=f"Regional news digest number {n}",
            slug=f"digest-{n}",
            lead="A short lead that sums up the story.",
            body="<p>First paragraph.</p>",
            status="published",
            published_at=newest - timedelta(minutes=i),
        )
        for i, n in enumerate(numbers)
    )
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=story, author=person, position=position)
        for story in stories
        for position, person in enumerate(authors or [])
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article_id=story.pk, tag_id=label.pk)
        for story in stories
        for label in tags or []
    )
    return stories
