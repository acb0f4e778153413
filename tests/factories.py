"""Factories for test data: each returns a saved object with sensible defaults."""

import itertools
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from dateline.news import publishing
from dateline.news.models import Article, ArticleAuthor, Author, Edition, Section, Source, Tag

_counter = itertools.count(1)


def edition(code: str = "en", **fields) -> Edition:
    defaults = {"name": {"en": "English", "az": "Azərbaycanca", "ru": "Русский"}.get(code, code),
                "language": code, "time_zone": "Asia/Baku", "is_default": code == "en"}
    defaults.update(fields)
    obj, _ = Edition.objects.get_or_create(code=code, defaults=defaults)
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
        body=fields.pop("body", "<p>First paragraph.</p><blockquote><p>“A quote.”</p></blockquote>"),
        **fields,
    )
    for position, person in enumerate(authors or []):
        ArticleAuthor.objects.create(article=story, author=person, position=position)
    if published:
        story = publishing.publish(story, at=at or timezone.now() - timedelta(minutes=1))
    return story


def editor(username: str = "editor", password: str = "correct horse battery"):
    user = get_user_model().objects.create_user(username, password=password, is_staff=True, is_superuser=True)
    return user
