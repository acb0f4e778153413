"""Restoring revision N puts its text, labels, byline and picture back as a new revision; only
someone who may change the story can do it, and a live story shows readers it was updated."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from dateline.editorial.models import AuditEntry, Revision
from dateline.news.models import Article, Status, Tag
from tests import factories
from tests.revision_helpers import edit, signed_in

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def desk(clock):
    en = factories.edition("en")
    return {
        "edition": en,
        "politics": factories.section(en, name="Politics"),
        "aysel": factories.author("Aysel Mammadova"),
        "rauf": factories.author("Rauf Aliyev"),
    }


@pytest.fixture
def editor(desk):
    return factories.editor()


@pytest.fixture
def newsroom(editor):
    return signed_in(editor)


@pytest.fixture
def story(newsroom, desk, clock):
    """A live story with three revisions: the original, a new headline, a rewritten lead."""
    story = factories.article(
        sec=desk["politics"],
        headline="Parliament passes the budget",
        lead="The vote was 80 to 20.",
        body="<p>The budget passed on Wednesday.</p>",
        authors=[desk["aysel"], desk["rauf"]],
    )
    story.tags.add(factories.tag("Budget"))
    clock.advance(minutes=10)
    edit(newsroom, story, headline="Budget passes after a long night")
    clock.advance(minutes=10)
    edit(
        newsroom,
        story,
        lead="Deputies voted 80 to 20 after twelve hours.",
        body="<p>The budget passed on Thursday morning.</p>",
        tags=[],
    )
    clock.advance(minutes=10)
    return Article.objects.get(pk=story.pk)


def restore_url(story: Article, number: int) -> str:
    return f"/newsroom/news/article/{story.pk}/revisions/{number}/restore/"


def test_restoring_a_revision_brings_back_its_text_and_labels_as_a_new_revision(
    newsroom, story, editor
):
    response = newsroom.post(restore_url(story, 1), follow=True)

    assert "Revision 1 restored: it is now revision 4." in response.content.decode()
    story.refresh_from_db()
    assert story.headline == "Parliament passes the budget"
    assert story.lead == "The vote was 80 to 20."
    assert story.body == "<p>The budget passed on Wednesday.</p>"
    assert list(story.tags.values_list("name", flat=True)) == ["Budget"]
    newest = Revision.objects.filter(article=story).order_by("-number").first()
    assert newest is not None
    assert newest.number == 4
    assert newest.restored_from == 1
    assert newest.created_by == editor
    assert set(newest.changed_fields) == {"headline", "lead", "body", "tags"}
    # Nothing was lost: the versions replaced are still in the history.
    assert Revision.objects.get(article=story, number=3).snapshot["lead"].startswith("Deputies")


def test_restoring_keeps_the_byline_order_of_the_revision(newsroom, story, desk):
    edit(
        newsroom,
        story,
        **{"articleauthor_set-0-position": "1", "articleauthor_set-1-position": "0"},
    )
    assert [a.name for a in _byline(story)] == ["Rauf Aliyev", "Aysel Mammadova"]

    newsroom.post(restore_url(story, 3))

    assert [a.name for a in _byline(story)] == ["Aysel Mammadova", "Rauf Aliyev"]


def _byline(story):
    return [c.author for c in story.articleauthor_set.select_related("author").order_by("position")]


def test_restoring_a_live_story_shows_readers_it_was_updated_and_is_audited(
    newsroom, story, clock, editor
):
    newsroom.post(restore_url(story, 1))

    story.refresh_from_db()
    assert story.updated_at == clock.now
    entry = AuditEntry.objects.get(action="restored")
    assert entry.user == editor
    assert entry.article == story
    assert entry.detail["restored_from"] == 1
    page = Client().get(story.get_absolute_url()).content.decode()
    assert "Parliament passes the budget" in page
    assert "Updated" in page


def test_restoring_never_changes_whether_or_when_the_story_is_public(newsroom, story):
    published_at = story.published_at

    newsroom.post(restore_url(story, 1))

    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert story.published_at == published_at


def test_the_restore_button_first_shows_what_the_story_would_become(newsroom, story):
    response = newsroom.get(restore_url(story, 1))

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "<del>Budget</del><ins>Parliament</ins> passes "
        "<del>after a long night</del><ins>the budget</ins>"
    ) in page
    assert "The budget passed on <del>Thursday morning</del><ins>Wednesday</ins>." in page
    assert "Restore revision 1" in page
    assert Article.objects.get(pk=story.pk).headline == "Budget passes after a long night"


def test_a_deleted_tag_is_left_out_and_the_editor_is_told(newsroom, story):
    Tag.objects.filter(name="Budget").delete()

    response = newsroom.post(restore_url(story, 1), follow=True)

    page = response.content.decode()
    assert "Could not bring back: tag “Budget” (deleted)." in page
    story.refresh_from_db()
    assert story.headline == "Parliament passes the budget"
    assert story.tags.count() == 0


def test_restoring_an_unknown_revision_is_not_found(newsroom, story):
    assert newsroom.post(restore_url(story, 99)).status_code == 404


def test_an_editor_outside_the_storys_desk_may_compare_but_not_restore(story):
    elsewhere = factories.edition("az")
    outsider = signed_in(factories.desk_editor(desks=[(elsewhere, None)]))

    history = outsider.get(f"/newsroom/news/article/{story.pk}/revisions/")
    direct_post = outsider.post(restore_url(story, 1))

    assert history.status_code == 200
    assert "Restore…" not in history.content.decode()
    assert direct_post.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Budget passes after a long night"
    assert not Revision.objects.filter(article=story, restored_from__isnull=False).exists()


def test_a_reporter_cannot_restore_a_published_story(story):
    reporter = signed_in(factories.reporter())

    assert reporter.post(restore_url(story, 1)).status_code == 403
    assert Article.objects.get(pk=story.pk).headline == "Budget passes after a long night"


def test_restore_answers_only_to_a_signed_in_newsroom(story):
    response = Client().post(restore_url(story, 1))

    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).headline == "Budget passes after a long night"
