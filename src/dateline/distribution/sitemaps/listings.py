"""Sitemaps of an edition's listing pages: its front and sections, its tags, its authors.

A listing page changes when a story arrives on it, so each one is dated by its newest public
story, and pages with no public story are left out (they would be empty for readers too).
Tags and authors are counted per edition: a tag page exists under every edition, but only
the editions that filed a story under it have something to show.
"""

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Any

from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from dateline.distribution.sitemaps.buckets import URLS_PER_SITEMAP
from dateline.distribution.sitemaps.news import NEWS_WINDOW
from dateline.distribution.sitemaps.xml import url_entry
from dateline.news.models import Article, Edition, Section


def newest_story(stories) -> Subquery:
    """The publication time of the newest of ``stories`` (a subquery: one index probe)."""
    return Subquery(stories.order_by("-published_at", "-pk").values("published_at")[:1])


def section_urls(edition: Edition, absolute: Callable[[str], str]) -> Iterator[str]:
    public = Article.objects.published()
    front = public.filter(edition=edition).order_by("-published_at", "-pk")
    newest = front.values_list("published_at", flat=True).first()
    if newest is None:
        return
    yield url_entry(absolute(reverse("website:home", kwargs={"edition": edition.code})), newest)
    sections = (
        Section.objects.filter(edition=edition)
        .annotate(newest=newest_story(public.filter(section=OuterRef("pk"))))
        .filter(newest__isnull=False)
        .order_by("position", "pk")
        .values_list("slug", "newest")
    )
    for slug, lastmod in sections:
        path = reverse("website:section", kwargs={"edition": edition.code, "section": slug})
        yield url_entry(absolute(path), lastmod)


def _labelled_urls(
    edition: Edition, absolute: Callable[[str], str], field: str, route: str
) -> Iterator[str]:
    """Tag or author pages (``field`` is ``tags`` or ``authors``) that have a public story in
    ``edition``; past the per-file limit, the ones with the latest stories are kept."""
    rows = (
        Article.objects.published()
        .filter(edition=edition, **{f"{field}__isnull": False})
        .values(f"{field}__slug")
        .annotate(newest=Max("published_at"))
        .order_by("-newest", f"{field}__slug")
        .values_list(f"{field}__slug", "newest")
    )[:URLS_PER_SITEMAP]
    for slug, lastmod in rows.iterator(chunk_size=2_000):
        path = reverse(route, kwargs={"edition": edition.code, "slug": slug})
        yield url_entry(absolute(path), lastmod)


def tag_urls(edition: Edition, absolute: Callable[[str], str]) -> Iterator[str]:
    return _labelled_urls(edition, absolute, "tags", "website:tag")


def author_urls(edition: Edition, absolute: Callable[[str], str]) -> Iterator[str]:
    return _labelled_urls(edition, absolute, "authors", "website:author")


def newest_per_kind(now: datetime | None = None) -> list[Mapping[str, Any]]:
    """Every edition (``pk``, ``code``) with its newest public story overall, with a tag,
    with a byline and in the news window — the ``lastmod`` of its listing and news
    sitemaps — in one query."""
    now = now or timezone.now()
    public = Article.objects.published(now).filter(edition=OuterRef("pk"))
    editions = Edition.objects.order_by("position", "pk").annotate(
        newest=newest_story(public),
        newest_tagged=newest_story(public.filter(tags__isnull=False)),
        newest_bylined=newest_story(public.filter(authors__isnull=False)),
        newest_news=newest_story(public.filter(published_at__gt=now - NEWS_WINDOW)),
    )
    return list(
        editions.values("pk", "code", "newest", "newest_tagged", "newest_bylined", "newest_news")
    )
