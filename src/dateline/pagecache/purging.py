"""The purge graph: which cached pages a change to the news reaches.

Each domain signal (sent after the change has committed) is turned into surrogate keys
(:mod:`.keys`) and purged from the page cache — this process's memory at once, other
processes within :data:`.store.POLL_SECONDS` — and from a CDN when one is configured
(:mod:`.cdn`). What each change reaches:

==================  =======================================================================
published           the story's own pages; the heads of every list it joins (its edition's
                    newest, its section's, each tag's and author's, its archive day); the
                    sitemaps; its translations' pages (their language switchers)
updated             every page that showed it; if more than its text changed (section,
                    tags, byline, time, picture…), also the heads of the lists it may join
unpublished         every page that showed it; the sitemaps; its translations' pages
corrected           (an update) and the edition's corrections page and feed
scheduled           the heads of the lists it will join (they then stay fresh only until then)
front page changed  the edition's home pages (top stories, breaking banner)
deleted             every page that showed it; the sitemaps
edition, section    every page of the edition (its navigation)
tag, author saved   every page that shows its name
archive changed     every page (demo content or an import wrote many stories at once)
==================  =======================================================================
"""

import logging
from collections.abc import Callable, Iterable

from django.db import DatabaseError, transaction
from django.dispatch import Signal

from dateline.news import schedule_horizon
from dateline.news.models import Article
from dateline.news.signals import (
    archive_changed,
    article_published,
    article_scheduled,
    article_unpublished,
    article_updated,
    front_page_changed,
)
from dateline.pagecache import cdn, keys
from dateline.pagecache.store import page_cache

logger = logging.getLogger(__name__)

TEXT_FIELDS = frozenset({"headline", "lead", "body"})


def purge(page_keys: Iterable[str]) -> int:
    """Purges ``page_keys`` everywhere; answers how many cached pages were marked here."""
    page_keys = frozenset(page_keys)
    marked = 0
    cache = page_cache()
    if cache is not None:
        marked = cache.purge(page_keys)
    cdn.purge(page_keys)
    return marked


def story_keys(story: Article) -> set[str]:
    """The keys of the story's own pages and of pages that link to its language versions."""
    found = {keys.article(story.pk), keys.SITEMAPS}
    if story.translation_group:
        found.add(keys.translations(story.translation_group))
    if story.corrections.exists():
        found.add(keys.corrections(story.edition_id))
    return found


def list_keys(story: Article) -> set[str]:
    """The heads of every list the story is (or is about to be) on."""
    found = {
        keys.edition_latest(story.edition_id),
        keys.section_latest(story.section_id),
    }
    edition = story.edition_id
    found.update(keys.tag_latest(edition, pk) for pk in story.tags.values_list("pk", flat=True))
    found.update(
        keys.author_latest(edition, pk) for pk in story.authors.values_list("pk", flat=True)
    )
    if story.published_at is not None:
        day = story.edition.local(story.published_at).date()
        found.add(keys.archive_day(story.edition_id, day))
    return found


def _story(article_id: int) -> Article | None:
    return Article.objects.select_related("edition").filter(pk=article_id).first()


def on_published(sender, article_id: int, **kwargs) -> None:
    story = _story(article_id)
    if story is not None:
        purge(story_keys(story) | list_keys(story))


def on_updated(sender, article_id: int, fields: Iterable[str] = (), **kwargs) -> None:
    story = _story(article_id)
    if story is None:
        return
    reached = story_keys(story)
    if frozenset(fields) - TEXT_FIELDS:
        # Not only its words: it may have moved into another section, tag, byline or day.
        # (An update without fields is a correction note: its pages and the log only.)
        reached |= list_keys(story)
    purge(reached)


def on_unpublished(sender, article_id: int, **kwargs) -> None:
    story = _story(article_id)
    if story is not None:
        purge(story_keys(story))
    else:  # deleted: the pages that showed it are filed under its key all the same
        purge({keys.article(article_id), keys.SITEMAPS})


def _after_commit(page_keys: set[str]) -> None:
    # Purged before the commit, a page rendered in between would be stored from old rows.
    transaction.on_commit(lambda: purge(page_keys))


def on_edition_changed(sender, instance, **kwargs) -> None:
    """An edition or section renamed, added or removed: every page of the edition."""
    edition_id = instance.pk if sender.__name__ == "Edition" else instance.edition_id
    _after_commit({keys.edition(edition_id), keys.SITEMAPS})


def on_tag_changed(sender, instance, **kwargs) -> None:
    _after_commit({keys.tag(instance.pk), keys.SITEMAPS})


def on_author_changed(sender, instance, **kwargs) -> None:
    _after_commit({keys.author(instance.pk), keys.SITEMAPS})


def on_scheduled(sender, article_id: int, **kwargs) -> None:
    """The lists it will join render again now, so that they know not to stay fresh past
    its time (pagecache/middleware.py caps freshness at the next scheduled story)."""
    schedule_horizon.forget()
    story = _story(article_id)
    if story is not None:
        purge(list_keys(story))


def on_front_page_changed(sender, edition_id: int, **kwargs) -> None:
    purge({keys.front_page(edition_id)})


def on_archive_changed(sender, **kwargs) -> None:
    purge({keys.EVERYTHING})


def _safely(receiver: Callable[..., None]) -> Callable[..., None]:
    """A purge that fails (a CDN down, Redis gone) is logged: the change itself has
    committed, and cached pages still go stale by age."""

    def guarded(sender, **kwargs) -> None:
        try:
            receiver(sender, **kwargs)
        except (DatabaseError, OSError) as error:
            logger.warning("Page cache purge after %s failed: %s", receiver.__name__, error)

    guarded.__name__ = receiver.__name__
    return guarded


_receivers: list[Callable[..., None]] = []


def connect() -> None:
    domain: list[tuple[Signal, Callable[..., None]]] = [
        (article_published, on_published),
        (article_updated, on_updated),
        (article_unpublished, on_unpublished),
        (article_scheduled, on_scheduled),
        (front_page_changed, on_front_page_changed),
        (archive_changed, on_archive_changed),
    ]
    for signal, receiver in domain:
        guarded = _safely(receiver)
        _receivers.append(guarded)
        signal.connect(guarded, dispatch_uid=f"pagecache.{receiver.__name__}")
    # Names shown on many pages. These are not stories, so no domain verb changes them:
    # the newsroom saves them directly, and saving is what the cache must hear about.
    from django.db.models.signals import post_delete, post_save

    from dateline.news.models import Author, Edition, Section, Tag

    named: list[tuple[type, Callable[..., None]]] = [
        (Edition, on_edition_changed),
        (Section, on_edition_changed),
        (Tag, on_tag_changed),
        (Author, on_author_changed),
    ]
    for model, receiver in named:
        guarded = _safely(receiver)
        _receivers.append(guarded)
        for signal in (post_save, post_delete):
            signal.connect(
                guarded, sender=model, dispatch_uid=f"pagecache.{model.__name__}.{id(signal)}"
            )
