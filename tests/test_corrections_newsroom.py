"""A chief editor adds a correction, clarification or update to a published story from its
screen: it is dated, marks the story as updated, is audited, and accepts and links the reader
error reports it resolves. Unpublished stories and people without the right are refused, also
when the request is forged."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.editorial.models import AuditAction, AuditEntry
from dateline.news import publishing
from dateline.news.models import Article, Correction, ReaderReport, ReportStatus
from dateline.news.signals import article_updated
from tests import factories

pytestmark = pytest.mark.django_db

PUBLISHED_AT = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)  # 09:30 in Baku
NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)  # 12:00 in Baku, the next day
TEXT = "An earlier version said the budget was 21 billion manat. It is 12 billion."


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def politics():
    return factories.section(factories.edition("en", time_zone="Asia/Baku"), name="Politics")


@pytest.fixture
def story(politics):
    return factories.article(sec=politics, headline="Parliament passes the budget", at=PUBLISHED_AT)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def chief() -> Client:
    return signed_in(factories.chief_editor("chief"))


def add_url(article: Article) -> str:
    return f"/newsroom/news/article/{article.pk}/correction/"


def change_url(article: Article) -> str:
    return f"/newsroom/news/article/{article.pk}/change/"


def report(article: Article, text: str, **fields) -> ReaderReport:
    return ReaderReport.objects.create(article=article, quoted_text=text, ip_hash="x", **fields)


def test_a_chief_editor_adds_a_dated_correction_that_marks_the_story_updated(
    chief, story, django_capture_on_commit_callbacks
):
    screen = chief.get(change_url(story)).text
    assert "Corrections and updates" in screen and "No corrections or updates yet." in screen
    assert f'href="{add_url(story)}"' in screen
    assert chief.get(add_url(story)).status_code == 200
    heard: list[int] = []

    def receiver(sender, article_id, **kwargs):
        heard.append(article_id)

    article_updated.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = chief.post(add_url(story), {"kind": "correction", "text": TEXT})
    finally:
        article_updated.disconnect(receiver)

    assert response.status_code == 302 and response["Location"] == change_url(story)
    note = Correction.objects.get()
    assert (note.article, note.edition, note.kind, note.text) == (
        story,
        story.edition,
        "correction",
        TEXT,
    )
    assert note.created_at == NOW and note.created_by.username == "chief"
    assert Article.objects.get(pk=story.pk).updated_at == NOW
    assert heard == [story.pk]
    entry = AuditEntry.objects.get(action=AuditAction.CORRECTED)
    assert entry.article_id == story.pk and entry.username == "chief"
    assert entry.detail == {"correction": note.pk, "kind": "correction", "resolved_reports": []}
    after = chief.get(change_url(story)).text
    assert "Correction</strong>, 06 March 2014 12:00 by chief" in after  # the edition's time


@pytest.mark.parametrize("kind", ["clarification", "update"])
def test_clarifications_and_updates_are_added_the_same_way(chief, story, kind):
    chief.post(add_url(story), {"kind": kind, "text": "The vote was held on Wednesday."})

    assert Correction.objects.get().kind == kind


def test_a_note_needs_words(chief, story):
    response = chief.post(add_url(story), {"kind": "correction", "text": "   "})

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Correction.objects.exists()
    assert Article.objects.get(pk=story.pk).updated_at is None


def test_an_unpublished_story_refuses_a_note_with_a_clear_message(chief, politics):
    draft = factories.draft(sec=politics, headline="Still a draft")
    gone = factories.unpublished(sec=politics, headline="Taken down")
    scheduled = factories.article(sec=politics, at=NOW + timedelta(hours=3))

    for article in (draft, gone, scheduled):
        for response in (
            chief.get(add_url(article), follow=True),
            chief.post(add_url(article), {"kind": "correction", "text": TEXT}, follow=True),
        ):
            assert "Corrections, clarifications and updates are notes on published stories" in (
                response.text
            )
    assert not Correction.objects.exists()
    screen = chief.get(change_url(draft)).text
    assert "can be added once the story is published." in screen
    assert f'href="{add_url(draft)}"' not in screen


@pytest.mark.parametrize("persona", ["reporter", "administrator"])
def test_without_the_right_to_add_corrections_even_a_forged_post_is_refused(
    story, persona, politics
):
    user = {
        "editor": lambda: factories.editor(),
        "reporter": lambda: factories.reporter(),
        "administrator": lambda: factories.newsroom_administrator(),
    }[persona]()
    client = signed_in(user)

    assert client.get(add_url(story)).status_code == 403
    assert client.post(add_url(story), {"kind": "correction", "text": TEXT}).status_code == 403
    assert not Correction.objects.exists()


def test_an_editor_adds_notes_only_on_their_own_desk(story, politics):
    economy = factories.section(politics.edition, name="Economy")
    elsewhere = factories.article(sec=economy, headline="Bank rates unchanged", at=PUBLISHED_AT)
    user = factories.desk_editor("politics-editor", desks=[(politics.edition, politics)])
    client = signed_in(user)

    assert client.post(add_url(elsewhere), {"kind": "update", "text": TEXT}).status_code == 403
    assert client.post(add_url(story), {"kind": "update", "text": TEXT}).status_code == 302
    assert list(Correction.objects.values_list("article", flat=True)) == [story.pk]


def test_an_anonymous_post_is_sent_to_sign_in(story):
    response = Client().post(add_url(story), {"kind": "correction", "text": TEXT})

    assert response.status_code == 302 and response["Location"].startswith("/newsroom/login/")
    assert not Correction.objects.exists()


def test_ticked_reader_reports_are_accepted_and_linked_to_the_note(chief, story, politics):
    wrong = report(story, "21 billion manat")
    also = report(story, "the budget of 21 billion", status=ReportStatus.ACCEPTED)
    unrelated = report(story, "typo in the headline")
    rejected = report(story, "I do not like this", status=ReportStatus.REJECTED)
    other_story = report(factories.article(sec=politics), "other story's report")
    form = chief.get(add_url(story)).text
    assert "21 billion manat" in form and "typo in the headline" in form
    assert "I do not like this" not in form and "other story" not in form

    chief.post(
        add_url(story),
        {"kind": "correction", "text": TEXT, "resolves": [wrong.pk, also.pk]},
    )

    note = Correction.objects.get()
    wrong.refresh_from_db()
    assert (wrong.status, wrong.correction, wrong.handled_by.username) == (
        ReportStatus.ACCEPTED,
        note,
        "chief",
    )
    assert ReaderReport.objects.get(pk=also.pk).correction == note
    assert ReaderReport.objects.get(pk=unrelated.pk).status == ReportStatus.NEW
    assert ReaderReport.objects.get(pk=unrelated.pk).correction is None
    assert ReaderReport.objects.get(pk=rejected.pk).correction is None
    assert ReaderReport.objects.get(pk=other_story.pk).correction is None
    entry = AuditEntry.objects.get(action=AuditAction.CORRECTED)
    assert sorted(entry.detail["resolved_reports"]) == sorted([wrong.pk, also.pk])
    report_screen = chief.get(f"/newsroom/news/readerreport/{wrong.pk}/change/").text
    assert "resolved by" in report_screen.lower()
    assert "Correction of 06 March 2014 12:00" in report_screen
    assert "It is 12 billion." in report_screen


def test_a_forged_report_id_from_another_story_is_not_linked(chief, story, politics):
    other_story = report(factories.article(sec=politics), "other story's report")

    response = chief.post(
        add_url(story), {"kind": "correction", "text": TEXT, "resolves": [other_story.pk]}
    )

    assert response.status_code == 200  # the form refuses a choice it did not offer
    assert not Correction.objects.exists()
    assert ReaderReport.objects.get(pk=other_story.pk).status == ReportStatus.NEW


def test_a_chief_editor_rewording_a_note_updates_the_story_again_and_is_audited(
    chief, story, clock
):
    chief.post(add_url(story), {"kind": "correction", "text": TEXT})
    note = Correction.objects.get()
    clock.advance(hours=1)

    response = chief.post(
        f"/newsroom/news/correction/{note.pk}/change/",
        {"kind": "correction", "text": TEXT + " We apologise for the error."},
    )

    assert response.status_code == 302
    assert Correction.objects.get().text.endswith("We apologise for the error.")
    assert Article.objects.get(pk=story.pk).updated_at == NOW + timedelta(hours=1)
    edited = AuditEntry.objects.filter(action=AuditAction.CORRECTED).latest("pk")
    assert edited.detail["edited"] == ["text"]


def test_notes_cannot_be_added_from_the_notes_list_only_from_the_story(chief, story):
    assert chief.get("/newsroom/news/correction/add/").status_code == 403


def test_unpublishing_a_story_leaves_its_notes_for_the_newsroom_to_see(chief, story):
    chief.post(add_url(story), {"kind": "correction", "text": TEXT})

    publishing.unpublish(story)

    screen = chief.get(change_url(story)).text
    assert TEXT.split(".")[0] in screen
    assert "The story is not on the site, so readers do not see these notes now." in screen
