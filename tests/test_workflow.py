"""A story's life through the publishing verbs: draft → in review → (returned) → scheduled or
published → updated → unpublished, each step allowed only from the right state."""

from datetime import UTC, datetime, timedelta

import pytest

from dateline.editorial.models import AuditEntry, Note
from dateline.news import publishing
from dateline.news.models import Article, Status
from dateline.news.signals import article_published, article_unpublished
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def reporter():
    return factories.reporter()


@pytest.fixture
def editor():
    return factories.editor()


@pytest.fixture
def draft(reporter):
    return factories.draft(created_by=reporter, headline="Parliament passes the budget")


def reload(story: Article) -> Article:
    return Article.objects.get(pk=story.pk)


def actions(story: Article) -> list[tuple[str, str]]:
    return [
        (entry.action, entry.username)
        for entry in AuditEntry.objects.filter(article=story).order_by("at", "pk")
    ]


def test_a_draft_submitted_for_review_waits_in_review_and_stays_off_the_site(
    draft, reporter, client
):
    publishing.submit_for_review(draft, user=reporter)

    assert reload(draft).status == Status.IN_REVIEW
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft not in Article.objects.published()


def test_only_a_draft_can_be_submitted(draft):
    publishing.publish(draft)

    with pytest.raises(publishing.PublishingError, match="Only a draft can be submitted"):
        publishing.submit_for_review(draft)
    assert reload(draft).status == Status.PUBLISHED


def test_a_story_without_a_headline_cannot_be_submitted(reporter):
    story = factories.draft(created_by=reporter, headline=" ")

    with pytest.raises(publishing.PublishingError, match="needs a headline"):
        publishing.submit_for_review(story)
    assert reload(story).status == Status.DRAFT


def test_returning_a_story_needs_a_reason_which_the_reporter_reads_as_a_note(draft, editor):
    publishing.submit_for_review(draft)

    with pytest.raises(publishing.PublishingError, match="Say what the story needs"):
        publishing.return_to_draft(draft, reason="  ", user=editor)
    assert reload(draft).status == Status.IN_REVIEW

    publishing.return_to_draft(draft, reason="Name the second source.", user=editor)

    assert reload(draft).status == Status.DRAFT
    note = Note.objects.get(article=draft)
    assert note.text == "Returned to the reporter: Name the second source."
    assert note.author == editor
    entry = AuditEntry.objects.get(article=draft, action="returned")
    assert entry.detail["reason"] == "Name the second source."


def test_only_a_story_in_review_can_be_returned(draft):
    with pytest.raises(publishing.PublishingError, match="Only a story in review"):
        publishing.return_to_draft(draft, reason="Why not")


def test_publishing_from_review_puts_the_story_live_and_announces_it_after_commit(
    draft, editor, client, django_capture_on_commit_callbacks
):
    publishing.submit_for_review(draft)
    heard: list[int] = []

    def listener(sender, article_id, **kwargs):
        heard.append(article_id)

    article_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publishing.publish(draft, user=editor)
    finally:
        article_published.disconnect(listener)

    story = reload(draft)
    assert story.status == Status.PUBLISHED
    assert story.published_at == NOW
    assert heard == [draft.pk]
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_a_live_story_cannot_be_scheduled_again_without_being_unpublished(draft):
    publishing.publish(draft)

    with pytest.raises(publishing.PublishingError, match="already on the site"):
        publishing.schedule(draft, at=NOW + timedelta(hours=1))
    assert reload(draft).status == Status.PUBLISHED


def test_unpublishing_a_scheduled_story_keeps_it_off_the_site_when_its_time_comes(
    draft, clock, client
):
    publishing.schedule(draft, at=NOW + timedelta(hours=1))
    publishing.unpublish(draft)

    clock.advance(hours=2)

    assert publishing.publish_due() == []
    assert reload(draft).status == Status.UNPUBLISHED
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_unpublishing_a_story_in_review_changes_nothing(draft):
    publishing.submit_for_review(draft)

    publishing.unpublish(draft)

    assert reload(draft).status == Status.IN_REVIEW
    assert not AuditEntry.objects.filter(action="unpublished").exists()


def test_the_whole_life_of_a_story_is_in_the_audit_log_in_order(
    draft, reporter, editor, clock, django_capture_on_commit_callbacks
):
    chief = factories.chief_editor()
    publishing.record_creation(draft, user=reporter)
    publishing.submit_for_review(draft, user=reporter)
    clock.advance(minutes=5)
    publishing.return_to_draft(draft, reason="Add the vote count.", user=editor)
    clock.advance(minutes=5)
    publishing.submit_for_review(draft, user=reporter)
    clock.advance(minutes=5)
    publishing.schedule(draft, at=NOW + timedelta(hours=1), user=editor)
    clock.set(NOW + timedelta(hours=1, seconds=1))
    assert publishing.publish_due() == [draft.pk]
    clock.advance(minutes=5)
    story = reload(draft)
    story.headline = "Parliament passes the budget, 80 to 20"
    story.save()
    publishing.record_edit(story, {"headline"}, user=editor)
    clock.advance(minutes=5)
    heard: list[int] = []

    def listener(sender, article_id, **kwargs):
        heard.append(article_id)

    article_unpublished.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publishing.unpublish(story, user=chief)
    finally:
        article_unpublished.disconnect(listener)

    assert heard == [draft.pk]
    assert reload(draft).updated_at == NOW + timedelta(hours=1, minutes=5, seconds=1)
    assert actions(draft) == [
        ("created", "reporter"),
        ("submitted", "reporter"),
        ("returned", "editor"),
        ("submitted", "reporter"),
        ("scheduled", "editor"),
        ("published", ""),  # the scheduler
        ("updated", "editor"),
        ("unpublished", "chief"),
    ]
