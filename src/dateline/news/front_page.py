"""An edition's home page as editors arrange it: its top stories and its breaking banner.

What the home page shows is decided here, once, for the reader's page and the newsroom's
curation screen alike:

- **Top stories** are the edition's public stories marked as top stories: those given a
  position first (1, 2, 3 …), then the others newest first. An unpositioned top story drops
  off after :data:`TOP_STORY_LIFETIME`; a positioned one stays until an editor removes it, or
  at the latest :data:`PINNED_TOP_STORY_MAX_AGE` after publication. The page shows the first
  :data:`TOP_STORIES`.
- **The breaking banner** shows the newest breaking story whose banner has not ended: it
  ends at ``breaking_until``, or :data:`BREAKING_LIFETIME` after publication when that is
  empty, and never runs longer than :data:`BREAKING_MAX_AGE` after publication.

The two upper bounds keep both lookups a short walk down the edition's newest-first index
(a week or a month of stories) instead of a scan of the whole archive, which grows without end.

The verbs below change those flags in one transaction and send
:data:`~dateline.news.signals.front_page_changed` with the edition's id once it commits,
so a page cache can purge the edition's home page. Positions are kept dense (1…n) so that
"position 3" always means the third story.
"""

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from dateline.news.models import Article, Edition
from dateline.news.signals import front_page_changed

TOP_STORIES = 5
TOP_STORY_LIFETIME = timedelta(days=7)
PINNED_TOP_STORY_MAX_AGE = timedelta(days=30)
BREAKING_LIFETIME = timedelta(hours=24)
BREAKING_MAX_AGE = timedelta(days=7)
MAX_POSITION = 99  # a front page is a handful of stories; bigger numbers are typing mistakes


class FrontPageError(ValidationError):
    """The change cannot be made: the message says why and what to do instead."""


class FrontPageChanged(FrontPageError):
    """Someone else changed the top stories since the editor loaded them."""


# --- What readers see ------------------------------------------------------------------------


def top_stories(public: QuerySet[Article], now: datetime | None = None) -> QuerySet[Article]:
    """``public`` (one edition's public stories) narrowed to its top stories, in page order.

    >>> top_stories(Article.objects.published().filter(edition=en))[:TOP_STORIES]
    """
    moment = now or timezone.now()
    return public.filter(
        Q(is_top_story=True, published_at__gte=moment - PINNED_TOP_STORY_MAX_AGE)
        & (Q(top_position__isnull=False) | Q(published_at__gte=moment - TOP_STORY_LIFETIME))
    ).order_by(F("top_position").asc(nulls_last=True), "-published_at", "-pk")


def breaking_banners(public: QuerySet[Article], now: datetime | None = None) -> QuerySet[Article]:
    """``public`` narrowed to the stories whose breaking banner is on, newest first."""
    moment = now or timezone.now()
    return public.filter(
        Q(is_breaking=True, published_at__gte=moment - BREAKING_MAX_AGE)
        & (
            Q(breaking_until__gt=moment)
            | Q(breaking_until__isnull=True, published_at__gte=moment - BREAKING_LIFETIME)
        )
    ).order_by("-published_at", "-pk")


def banner_ends_at(article: Article) -> datetime | None:
    """When the story's breaking banner ends (or ended); ``None`` for a story not breaking."""
    if not article.is_breaking:
        return None
    if article.published_at is None:
        return article.breaking_until
    latest = article.published_at + BREAKING_MAX_AGE
    if article.breaking_until is not None:
        return min(article.breaking_until, latest)
    return article.published_at + BREAKING_LIFETIME


def arrangement_token(stories: Sequence[Article]) -> str:
    """A short fingerprint of the top stories as an editor saw them (order and positions).

    The curation screen sends it back with a change; a different fingerprint means someone
    else changed the front page meanwhile, and the change is refused rather than applied
    to an order the editor never saw.
    """
    seen = ",".join(f"{story.pk}:{story.top_position or ''}" for story in stories)
    return hashlib.sha256(seen.encode()).hexdigest()[:16]


# --- The editors' verbs ----------------------------------------------------------------------


def _announce(edition_id: int) -> None:
    transaction.on_commit(lambda: front_page_changed.send(sender=Edition, edition_id=edition_id))


def _current(edition: Edition, now: datetime) -> list[Article]:
    public = Article.objects.published(now).filter(edition=edition)
    return list(top_stories(public.select_for_update(), now))


def _positions_message() -> str:
    return gettext("Positions run from 1 to %(max)s.") % {"max": MAX_POSITION}


def _check_unchanged(current: list[Article], expected: str | None) -> None:
    if expected is not None and arrangement_token(current) != expected:
        raise FrontPageChanged(
            gettext(
                "Another editor changed the top stories while you were arranging them. "
                "This is the order now: make your change again."
            )
        )


def _write_positions(stories: Sequence[Article], positions: dict[int, int | None]) -> None:
    # Each changed story's version goes up, so an editor saving an article form opened before
    # the rearrangement meets the edit-conflict page instead of undoing it unseen.
    changed = [story for story in stories if story.top_position != positions[story.pk]]
    for story in changed:
        story.top_position = positions[story.pk]
        story.version += 1
    Article.objects.bulk_update(changed, ["top_position", "version"])


def _dense(ordered: Sequence[int]) -> dict[int, int | None]:
    return {article_id: number for number, article_id in enumerate(ordered, start=1)}


# Fields of a story that place it on the home page; the article screen can change them too.
FRONT_PAGE_FIELDS = frozenset({"is_top_story", "top_position", "is_breaking", "breaking_until"})


def article_edited(article: Article, changed_fields: set[str]) -> None:
    """Called after the article screen saved ``article``: when a public story's place on the
    home page changed there, the edition's home page changed (the story's own signals only
    cover its text and publication)."""
    if article.is_public and changed_fields & FRONT_PAGE_FIELDS:
        _announce(article.edition_id)


def arrange(
    edition: Edition,
    positions: Sequence[tuple[int, int | None]],
    *,
    expected: str | None = None,
    now: datetime | None = None,
) -> list[Article]:
    """Orders the edition's top stories as the editor numbered them; returns the new order.

    ``positions`` pairs each top story shown to the editor with the number typed for it
    (``None``: no fixed place, newest first after the numbered ones). Numbers are compared,
    ties keep the order the stories were listed in, and the result is renumbered 1…n.

    >>> arrange(en, [(12, 2), (15, 1), (9, None)])  # 15 first, then 12, then 9 by date
    """
    moment = now or timezone.now()
    with transaction.atomic():
        current = _current(edition, moment)
        _check_unchanged(current, expected)
        by_id = {story.pk: story for story in current}
        unknown = [article_id for article_id, _ in positions if article_id not in by_id]
        if unknown or len({article_id for article_id, _ in positions}) != len(positions):
            raise FrontPageChanged(
                gettext(
                    "The list of top stories changed while you were arranging it. "
                    "This is the list now: make your change again."
                )
            )
        for _, number in positions:
            if number is not None and not 1 <= number <= MAX_POSITION:
                raise FrontPageError(_positions_message())
        numbered = sorted(
            (number, index, article_id)
            for index, (article_id, number) in enumerate(positions)
            if number is not None
        )
        new_positions: dict[int, int | None] = {article_id: None for article_id in by_id}
        new_positions.update(_dense([article_id for _, _, article_id in numbered]))
        _write_positions(current, new_positions)
        _announce(edition.pk)
    return list(top_stories(Article.objects.published(moment).filter(edition=edition), moment))


def add(
    edition: Edition,
    article_id: int,
    *,
    position: int = 1,
    now: datetime | None = None,
) -> Article:
    """Makes a public story of the edition a top story at ``position`` (1: first).

    Stories numbered ``position`` or later move one place down.
    """
    moment = now or timezone.now()
    if not 1 <= position <= MAX_POSITION:
        raise FrontPageError(_positions_message())
    with transaction.atomic():
        story = (
            Article.objects.published(moment)
            .select_for_update()
            .filter(edition=edition, pk=article_id)
            .first()
        )
        if story is None:
            raise FrontPageError(
                # Translators: the edition's name is data, such as “English” or “Azərbaycan”.
                gettext("Only stories published in the %(edition)s edition can be top stories.")
                % {"edition": edition.name}
            )
        current = _current(edition, moment)
        ordered = [s.pk for s in current if s.top_position is not None and s.pk != story.pk]
        ordered.insert(min(position, len(ordered) + 1) - 1, story.pk)
        others = [s for s in current if s.pk != story.pk]
        new_positions: dict[int, int | None] = {s.pk: None for s in others}
        new_positions.update(_dense(ordered))
        _write_positions(others, new_positions)
        story.is_top_story = True
        story.top_position = new_positions[story.pk]
        story.version += 1
        story.save(update_fields=["is_top_story", "top_position", "version"])
        _announce(edition.pk)
    return story


def remove(edition: Edition, article_id: int, *, now: datetime | None = None) -> Article:
    """Takes a story off the edition's top stories; the numbered ones close up the gap."""
    moment = now or timezone.now()
    with transaction.atomic():
        story = (
            Article.objects.select_for_update()
            .filter(edition=edition, pk=article_id, is_top_story=True)
            .first()
        )
        if story is None:
            raise FrontPageError(gettext("That story is not among this edition's top stories."))
        current = _current(edition, moment)
        others = [s for s in current if s.pk != story.pk]
        new_positions: dict[int, int | None] = {s.pk: None for s in others}
        new_positions.update(_dense([s.pk for s in others if s.top_position is not None]))
        _write_positions(others, new_positions)
        story.is_top_story = False
        story.top_position = None
        story.version += 1
        story.save(update_fields=["is_top_story", "top_position", "version"])
        _announce(edition.pk)
    return story


def end_breaking_banner(
    edition: Edition, article_id: int, *, now: datetime | None = None
) -> Article:
    """Ends the story's breaking banner now. The story stays marked as breaking news (it
    was); only its banner time moves, so the article screen shows when it ended."""
    moment = now or timezone.now()
    with transaction.atomic():
        story = (
            breaking_banners(Article.objects.published(moment).filter(edition=edition), moment)
            .select_for_update()
            .filter(pk=article_id)
            .first()
        )
        if story is None:
            raise FrontPageError(
                gettext("That story has no breaking banner on the home page of this edition.")
            )
        story.breaking_until = moment
        story.version += 1
        story.save(update_fields=["breaking_until", "version"])
        _announce(edition.pk)
    return story
