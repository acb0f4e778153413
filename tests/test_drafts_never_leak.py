"""No reader sees a story before its time: drafts, scheduled and unpublished stories stay hidden.

Every hidden story carries a marker word in its headline, slug, lead and body; an anonymous
sweep of every public page must find the marker nowhere. A scheduled story appears at exactly
its publication time, whether or not anything has flipped its status yet, and is announced
(``article_published``) exactly once however many schedulers notice it.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.news import publishing
from dateline.news.models import Article, Status
from dateline.news.models.articles import ArticleQuerySet
from dateline.news.signals import article_published
from dateline.news.tasks import publish_scheduled_article
from dateline.search import indexing
from dateline.search.engines import get_engine
from tests import factories

MARKER = "quillfeather"  # a word no page contains by chance
PUBLISH_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)  # 09:30 in Baku
ONE_SECOND = timedelta(seconds=1)


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, PUBLISH_AT - timedelta(hours=2))


@pytest.fixture
def reader():
    """A new anonymous browser; its first request runs the scheduling middleware."""
    return Client()


def hidden_fields(kind: str, **fields) -> dict:
    return {
        "headline": f"The {MARKER} {kind} story",
        "slug": f"{MARKER}-{kind}",
        "lead": f"A lead that mentions {MARKER}.",
        "body": f"<p>A body that mentions {MARKER}.</p>",
        "is_breaking": True,
        "is_top_story": True,
        **fields,
    }


@pytest.fixture
def desk(db, clock):
    """A live story, and beside it in the same section, byline and tag: a draft, a draft with
    a past publication time, a scheduled story, an unpublished one, and a draft translation."""
    politics = factories.section()
    writer = factories.author()
    label = factories.tag("Elections")
    live = factories.article(
        sec=politics,
        headline="Parliament passes the budget",
        authors=[writer],
        at=PUBLISH_AT - timedelta(hours=3),
    )
    hidden = {
        "draft": factories.draft(sec=politics, authors=[writer], **hidden_fields("draft")),
        "dated draft": factories.draft(
            sec=politics,
            authors=[writer],
            **hidden_fields("dated-draft", published_at=PUBLISH_AT - timedelta(minutes=30)),
        ),
        "scheduled": factories.article(
            sec=politics, authors=[writer], at=PUBLISH_AT, **hidden_fields("scheduled")
        ),
        "unpublished": factories.unpublished(
            sec=politics,
            authors=[writer],
            at=PUBLISH_AT - timedelta(hours=2, minutes=30),
            **hidden_fields("unpublished"),
        ),
        "translation": factories.draft(
            sec=factories.section(factories.edition("az"), name="Siyasət", slug="siyaset"),
            translation_group=live.translation_group,
            **hidden_fields("translation"),
        ),
    }
    for story in [live, *hidden.values()]:
        story.tags.add(label)
    # The search index as publishing leaves it — and then holding the hidden stories too, as a
    # stale or broken index would: search must still show none of them.
    indexing.rebuild()
    get_engine().store([story.pk for story in hidden.values()])
    assert live.status == Status.PUBLISHED
    assert hidden["scheduled"].status == Status.SCHEDULED
    return {"live": live, "hidden": hidden, "writer": writer, "label": label}


def public_urls(desk) -> list[str]:
    live = desk["live"]
    return [
        "/",
        "/en/",
        "/az/",
        "/en/politics/",
        "/az/siyaset/",
        live.get_absolute_url(),
        live.get_print_url(),
        f"/en/news/{live.pk}/",
        f"/en/author/{desk['writer'].slug}/",
        f"/az/author/{desk['writer'].slug}/",
        f"/en/tag/{desk['label'].slug}/",
        "/en/archive/2014/03/05/",
        "/robots.txt",
        # A word of the hidden stories (their leads "mention") and one of the live lead ("sums"):
        # a search for the marker itself would echo it back in the search box.
        "/en/search/?q=mentions",
        "/az/search/?q=mentions&sort=newest",
        "/en/search/?q=sums",
        "/en/search/?q=sums&sort=newest",
    ]


def story_urls(story: Article) -> list[str]:
    code = story.edition.code
    return [
        story.get_absolute_url(),
        story.get_print_url(),
        f"/{code}/news/{story.pk}/",
        f"/{code}/news/{story.pk}-{story.slug}/",
        f"/{code}/news/{story.pk}-another-slug/",
    ]


def shows(response, text: str) -> bool:
    return text.lower() in (response.content.decode() + response.get("Location", "")).lower()


def test_an_anonymous_sweep_of_every_public_page_never_finds_the_marker(clock, desk, reader):
    clock.set(PUBLISH_AT - ONE_SECOND)
    for url in public_urls(desk):
        response = reader.get(url)
        assert response.status_code in (200, 301), url
        assert not shows(response, MARKER), url


def test_the_sweep_does_find_the_live_story_so_it_is_looking_in_the_right_places(
    clock, desk, reader
):
    clock.set(PUBLISH_AT - ONE_SECOND)
    live = desk["live"]

    pages_with_the_headline = {
        url for url in public_urls(desk) if shows(reader.get(url), "Parliament passes the budget")
    }

    assert pages_with_the_headline == {
        "/",
        "/en/",
        "/en/politics/",
        live.get_absolute_url(),
        live.get_print_url(),
        f"/en/author/{desk['writer'].slug}/",
        f"/en/tag/{desk['label'].slug}/",
        "/en/archive/2014/03/05/",
        "/en/search/?q=sums",
        "/en/search/?q=sums&sort=newest",
    }


@pytest.mark.parametrize(
    "kind", ["draft", "dated draft", "scheduled", "unpublished", "translation"]
)
def test_a_hidden_story_answers_404_at_every_url_it_would_have(clock, desk, reader, kind):
    clock.set(PUBLISH_AT - ONE_SECOND)
    for url in story_urls(desk["hidden"][kind]):
        response = reader.get(url)
        assert response.status_code == 404, url
        assert not shows(response, MARKER), url


def test_a_guessed_preview_url_shows_an_anonymous_reader_nothing(clock, desk, reader):
    for story in desk["hidden"].values():
        response = reader.get(f"/newsroom/news/article/{story.pk}/preview/", follow=True)
        assert not shows(response, MARKER)


def test_a_live_story_links_no_hidden_translation(clock, desk, reader):
    response = reader.get(desk["live"].get_absolute_url())
    assert 'rel="alternate" hreflang' not in response.content.decode()
    assert "/az/news/" not in response.content.decode()


def visible_to_readers(reader, story: Article) -> dict[str, bool]:
    headline = story.headline
    return {
        "home": shows(reader.get("/en/"), headline),
        "section": shows(reader.get("/en/politics/"), headline),
        "archive": shows(reader.get("/en/archive/2014/03/05/"), headline),
        "tag": shows(reader.get("/en/tag/elections/"), headline),
        "author": shows(reader.get(f"/en/author/{story.authors.get().slug}/"), headline),
        "page": reader.get(story.get_absolute_url()).status_code == 200,
        "print": reader.get(story.get_print_url()).status_code == 200,
        "short url": reader.get(f"/en/news/{story.pk}/").status_code == 301,
    }


def test_a_scheduled_story_is_invisible_one_second_before_its_time(clock, desk, reader):
    scheduled = desk["hidden"]["scheduled"]
    clock.set(PUBLISH_AT - ONE_SECOND)

    seen = visible_to_readers(reader, scheduled)

    assert not any(seen.values()), seen
    assert Article.objects.get(pk=scheduled.pk).status == Status.SCHEDULED


def test_a_scheduled_story_is_visible_at_exactly_its_time_though_nothing_flipped_its_status(
    clock, desk, reader, monkeypatch
):
    scheduled = desk["hidden"]["scheduled"]
    monkeypatch.setattr(publishing, "publish_due", lambda now=None: [])  # no worker, no flip
    clock.set(PUBLISH_AT)

    seen = visible_to_readers(reader, scheduled)

    assert all(seen.values()), seen
    assert Article.objects.get(pk=scheduled.pk).status == Status.SCHEDULED


def test_published_counts_a_due_scheduled_story_from_its_exact_time(clock, desk):
    scheduled = desk["hidden"]["scheduled"]
    assert not Article.objects.published(PUBLISH_AT - ONE_SECOND).filter(pk=scheduled.pk)
    assert Article.objects.published(PUBLISH_AT).filter(pk=scheduled.pk)


@pytest.fixture
def announcements():
    """The ids ``article_published`` was sent for, in order."""
    received: list[int] = []

    def receiver(sender, article_id, **kwargs):
        received.append(article_id)

    article_published.connect(receiver, weak=False)
    yield received
    article_published.disconnect(receiver)


def test_the_first_request_once_a_story_is_due_publishes_it(
    clock, desk, announcements, django_capture_on_commit_callbacks
):
    scheduled = desk["hidden"]["scheduled"]
    clock.set(PUBLISH_AT)

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().get("/en/politics/")

    assert response.status_code == 200
    assert Article.objects.get(pk=scheduled.pk).status == Status.PUBLISHED
    assert announcements == [scheduled.pk]


def test_a_request_one_second_early_leaves_the_story_scheduled(
    clock, desk, announcements, django_capture_on_commit_callbacks
):
    scheduled = desk["hidden"]["scheduled"]
    clock.set(PUBLISH_AT - ONE_SECOND)

    with django_capture_on_commit_callbacks(execute=True):
        Client().get("/en/")

    assert Article.objects.get(pk=scheduled.pk).status == Status.SCHEDULED
    assert announcements == []


def test_many_readers_and_the_worker_together_announce_a_due_story_once(
    clock, desk, announcements, django_capture_on_commit_callbacks
):
    scheduled = desk["hidden"]["scheduled"]
    clock.set(PUBLISH_AT + ONE_SECOND)

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            Client().get("/en/")
        worker_published = publish_scheduled_article.call(scheduled.pk)

    assert worker_published is False
    assert announcements == [scheduled.pk]


def test_publish_due_called_twice_publishes_the_story_exactly_once(
    clock, desk, announcements, django_capture_on_commit_callbacks
):
    scheduled = desk["hidden"]["scheduled"]
    clock.set(PUBLISH_AT)

    with django_capture_on_commit_callbacks(execute=True):
        first = publishing.publish_due()
        second = publishing.publish_due()

    assert first == [scheduled.pk]
    assert second == []
    assert announcements == [scheduled.pk]


def test_a_scheduler_with_a_stale_list_of_due_stories_announces_nothing(
    clock, desk, announcements, django_capture_on_commit_callbacks, monkeypatch
):
    scheduled = desk["hidden"]["scheduled"]
    clock.set(PUBLISH_AT)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish_due()
    # A second scheduler that listed the story before the first one published it.
    monkeypatch.setattr(ArticleQuerySet, "due", lambda self, now=None: self.filter(pk=scheduled.pk))

    with django_capture_on_commit_callbacks(execute=True):
        late = publishing.publish_due()

    assert late == []
    assert announcements == [scheduled.pk]


def test_publish_due_leaves_drafts_and_unpublished_stories_alone(
    clock, desk, django_capture_on_commit_callbacks
):
    clock.set(PUBLISH_AT + timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        published = publishing.publish_due()

    assert published == [desk["hidden"]["scheduled"].pk]
    statuses = {kind: Article.objects.get(pk=s.pk).status for kind, s in desk["hidden"].items()}
    assert statuses == {
        "draft": Status.DRAFT,
        "dated draft": Status.DRAFT,
        "scheduled": Status.PUBLISHED,
        "unpublished": Status.UNPUBLISHED,
        "translation": Status.DRAFT,
    }
