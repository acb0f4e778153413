"""Writes demo stories in bulk: every story in English, Azerbaijani and Russian.

Published demo stories are inserted with ``status=PUBLISHED`` directly, the way an
import of an existing archive would be: they are history, not news breaking now, so
no ``article_published`` signal fires, no task is queued and no page is purged. That
is what lets ``--articles 100000`` finish in well under two minutes on SQLite. The
one scheduled story per edition goes through :func:`publishing.schedule`, exactly as
an editor's would, so the worker has something real to do.

Because ``bulk_create`` skips :meth:`Article.save`, bodies are sanitised here with the
same :func:`clean_body_html`.

>>> report = generate(240, seed=7)          # doctest: +SKIP
>>> report.published, report.stories
(240, 80)
"""

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from dateline.lib.sanitize import clean_body_html
from dateline.lib.transliteration import ascii_slug
from dateline.media.models import Image
from dateline.news import publishing
from dateline.news.demo.content import STORIES
from dateline.news.demo.pictures import ensure_pictures
from dateline.news.demo.story import StoryTemplate
from dateline.news.demo.structure import Newsroom, ensure_newsroom
from dateline.news.demo.vocabulary import Pools, story_contexts
from dateline.news.models import Article, ArticleAuthor, Author, Genre, Source, Status, Tag

# A story short of translations (when N is not a multiple of three) keeps these first.
LANGUAGE_ORDER = ("en", "az", "ru")
STORIES_PER_CHUNK = 500
TOP_STORIES = 3
DRAFT_STORIES = 2
PICTURE_SHARE = 0.6  # of stories with a picture from the library (news/demo/pictures.py)
# Minutes after the Azerbaijani version that the others go out: az first, then ru, then en.
_TRANSLATION_DELAY = {"az": (0, 0), "ru": (1, 8), "en": (4, 19)}
_LEAD_TIME = timedelta(minutes=20)  # the newest story is this old, so no version is in the future
_HEADLINE_GENRES = {Genre.NEWS, Genre.ANALYSIS, Genre.OFFICIAL_STATEMENT, Genre.INTERVIEW}
_BREAKING_GENRES = {Genre.NEWS, Genre.AGENCY}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoReport:
    seed: int
    stories: int
    published: int
    drafts: int
    scheduled: int


@dataclass
class _Story:
    articles: list[Article]
    authors: list[Author]
    tags: list[Tag]


class _Desk:
    """Turns templates into unsaved articles, one story (all its languages) at a time."""

    def __init__(
        self,
        newsroom: Newsroom,
        rng: random.Random,
        created_by,
        pictures: dict[str, list[Image]] | None = None,
    ) -> None:
        self.newsroom = newsroom
        self.rng = rng
        self.pictures = pictures or {}
        self.pools = Pools(rng)
        self.created_by = created_by
        self.zone = newsroom.editions["en"].zone
        self.weights = [template.weight for template in STORIES]

    def pick(self, count: int) -> list[StoryTemplate]:
        return self.rng.choices(STORIES, weights=self.weights, k=count)

    def picture_for(self, section: str, group: uuid.UUID, *, wanted: bool) -> Image | None:
        """One of the section's demo pictures for :data:`PICTURE_SHARE` of the stories (and
        every top story); chosen from the story's id, so the stories' own randomness, and
        with it what a seed gives, is unchanged."""
        pool = self.pictures.get(section)
        if not pool or not (wanted or group.int % 100 < PICTURE_SHARE * 100):
            return None
        return pool[(group.int >> 8) % len(pool)]

    def source_for(self, genre: str) -> Source | None:
        if genre == Genre.AGENCY:
            return self.rng.choice(self.newsroom.agencies)
        if genre in (Genre.PRESS_RELEASE, Genre.SPONSORED):
            return None
        roll = self.rng.random()
        if roll < 0.85:
            return self.newsroom.staff
        return self.rng.choice(self.newsroom.agencies) if roll < 0.93 else None

    def write(
        self,
        template: StoryTemplate,
        languages: Sequence[str],
        *,
        moment: datetime,
        status: str,
        published: bool,
        breaking: bool = False,
        top: bool = False,
    ) -> _Story:
        rng = self.rng
        source = self.source_for(template.genre)
        credit = source.name if source else settings.DATELINE_SITE_NAME
        contexts = story_contexts(rng, self.pools, moment.astimezone(self.zone), credit)
        for slot, items in template.pools.items():
            rng.choice(items).put(slot, contexts)
        group = uuid.UUID(int=rng.getrandbits(128), version=4)
        picture = self.picture_for(template.section, group, wanted=top)
        written = moment - timedelta(minutes=rng.randint(15, 240))
        articles = []
        for lang in languages:
            context, text = contexts[lang], template.texts[lang]
            headline = text.headline.format_map(context)[:200]
            low, high = _TRANSLATION_DELAY[lang]
            articles.append(
                Article(
                    edition=self.newsroom.editions[lang],
                    section=self.newsroom.sections[lang, template.section],
                    headline=headline,
                    slug=ascii_slug(headline) or "story",
                    lead=text.lead.format_map(context)[:600],
                    body=clean_body_html(text.body.format_map(context)),
                    source=source,
                    genre=template.genre,
                    status=status,
                    published_at=moment + timedelta(minutes=rng.randint(low, high))
                    if published
                    else None,
                    is_breaking=breaking,
                    is_top_story=top,
                    picture=picture,
                    translation_group=group,
                    created_at=written,
                    created_by=self.created_by,
                )
            )
        byline = rng.choices((1, 2, 3), weights=(65, 25, 10))[0]
        tag_count = rng.choices((0, 1, 2, 3, 4), weights=(15, 30, 30, 15, 10))[0]
        return _Story(
            articles=articles,
            authors=rng.sample(self.newsroom.authors, byline),
            tags=rng.sample(self.newsroom.tags[template.section], tag_count),
        )


def _save(stories: Sequence[_Story]) -> None:
    articles = [article for story in stories for article in story.articles]
    Article.objects.bulk_create(articles)
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article_id=article.pk, author_id=author.pk, position=position)
        for story in stories
        for article in story.articles
        for position, author in enumerate(story.authors)
    )
    tagging = Article.tags.through
    tagging.objects.bulk_create(
        tagging(article_id=article.pk, tag_id=tag.pk)
        for story in stories
        for article in story.articles
        for tag in story.tags
    )


def _language_plan(articles: int) -> list[tuple[str, ...]]:
    """Languages of each story, oldest first: ``7`` → ``[("en",), full, full]``."""
    full, rest = divmod(articles, len(LANGUAGE_ORDER))
    return ([LANGUAGE_ORDER[:rest]] if rest else []) + [LANGUAGE_ORDER] * full


def _publication_times(rng: random.Random, count: int, now: datetime) -> list[datetime]:
    """``count`` times before ``now``, oldest first, denser towards the present.

    Squaring a uniform draw puts half of the stories in the most recent quarter of
    the span; the span grows with the archive (a week for a demo, a year at most).
    """
    span = timedelta(days=min(365, max(7, count // 10)))
    newest = now - _LEAD_TIME
    return [
        newest - span * age
        for age in sorted((rng.random() ** 2 for _ in range(count)), reverse=True)
    ]


def _flagged(
    templates: Sequence[StoryTemplate], plan: Sequence[tuple[str, ...]]
) -> tuple[int | None, set[int]]:
    """The index of the breaking story and of the top stories: the newest that qualify."""
    breaking: int | None = None
    top: set[int] = set()
    for index in range(len(templates) - 1, -1, -1):
        genre = templates[index].genre
        if (
            breaking is None
            and genre in _BREAKING_GENRES
            and len(plan[index]) == len(LANGUAGE_ORDER)
        ):
            breaking = index
        elif len(top) < TOP_STORIES and genre in _HEADLINE_GENRES:
            top.add(index)
        if breaking is not None and len(top) == TOP_STORIES:
            break
    return breaking, top


def generate(
    articles: int,
    *,
    seed: int,
    created_by: AbstractBaseUser | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> DemoReport:
    """Adds ``articles`` published articles, counted across languages, plus newsroom work.

    The newsroom work is :data:`DRAFT_STORIES` draft stories and one story scheduled
    about two hours ahead, each in every edition. The same ``seed`` on an empty
    database gives the same stories.
    """
    rng = random.Random(seed)
    now = now or timezone.now()
    plan = _language_plan(articles)
    with transaction.atomic():
        newsroom = ensure_newsroom()
        desk = _Desk(newsroom, rng, created_by, pictures=ensure_pictures())
        templates = desk.pick(len(plan))
        times = _publication_times(rng, len(plan), now)
        breaking, top = _flagged(templates, plan)
        editions = list(newsroom.editions.values())
        if breaking is not None:
            # Exactly one breaking story per edition, and a fresh set of top stories.
            Article.objects.filter(edition__in=editions, is_breaking=True).update(is_breaking=False)
        if top:
            Article.objects.filter(edition__in=editions, is_top_story=True).update(
                is_top_story=False
            )

        done = 0
        for start in range(0, len(plan), STORIES_PER_CHUNK):
            chunk = [
                desk.write(
                    templates[index],
                    plan[index],
                    moment=times[index],
                    status=Status.PUBLISHED,
                    published=True,
                    breaking=index == breaking,
                    top=index in top,
                )
                for index in range(start, min(start + STORIES_PER_CHUNK, len(plan)))
            ]
            _save(chunk)
            done += sum(len(story.articles) for story in chunk)
            if progress:
                progress(done, articles)

        drafts = [
            desk.write(template, LANGUAGE_ORDER, moment=now, status=Status.DRAFT, published=False)
            for template in desk.pick(DRAFT_STORIES)
        ]
        scheduled = desk.write(
            desk.pick(1)[0], LANGUAGE_ORDER, moment=now, status=Status.DRAFT, published=False
        )
        _save([*drafts, scheduled])
        at = (now + timedelta(hours=2)).replace(second=0, microsecond=0)
        for article in scheduled.articles:
            publishing.schedule(article, at=at)

    return DemoReport(
        seed=seed,
        stories=len(plan),
        published=articles,
        drafts=sum(len(story.articles) for story in drafts),
        scheduled=len(scheduled.articles),
    )
