"""Who may do what in the newsroom, role by role and action by action — checked with the
requests a browser would send and with forged ones the buttons never offered.

Personas: two reporters, an editor of the English Politics desk, an editor of the whole English
edition, a chief editor, an administrator (people and settings), and readers.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from dateline.editorial.models import AuditEntry, Note
from dateline.news import publishing
from dateline.news.models import Article, Status
from tests import factories
from tests.newsroom_forms import ADD_URL, change_url, filled, new_story, page

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def place():
    en, az = factories.edition("en"), factories.edition("az")
    return {
        "en": en,
        "az": az,
        "politics": factories.section(en, name="Politics"),
        "economy": factories.section(en, name="Economy"),
        "siyaset": factories.section(az, name="Siyasət", slug="siyaset"),
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(place):
    return {
        "reporter": factories.reporter("reporter"),
        "other reporter": factories.reporter("other-reporter"),
        "politics editor": factories.desk_editor(
            "politics-editor", desks=[(place["en"], place["politics"])]
        ),
        "english editor": factories.desk_editor("english-editor", desks=[(place["en"], None)]),
        "chief": factories.chief_editor("chief"),
        "administrator": factories.newsroom_administrator("people-admin"),
    }


@pytest.fixture
def as_(people):
    """``as_["reporter"]`` is a browser signed in as that persona."""
    return {name: signed_in(user) for name, user in people.items()}


def story(place, people, *, where="politics", by="reporter", status=Status.DRAFT, **fields):
    """A story in ``where`` written by ``by``, brought to ``status`` through the verbs."""
    sec = place[where]
    made = factories.article(
        sec=sec, published=False, created_by=people[by], headline=f"A {where} story", **fields
    )
    if status in (Status.IN_REVIEW, Status.PUBLISHED, Status.UNPUBLISHED):
        publishing.submit_for_review(made)
    if status in (Status.PUBLISHED, Status.UNPUBLISHED):
        publishing.publish(made)
    if status == Status.UNPUBLISHED:
        publishing.unpublish(made)
    if status == Status.SCHEDULED:
        publishing.schedule(made, at=NOW + timedelta(hours=3))
    return Article.objects.get(pk=made.pk)


def status_of(obj: Article) -> str:
    return Article.objects.get(pk=obj.pk).status


def post_button(client: Client, obj: Article, button: str, *, form_from: Client, **fields):
    """Presses ``button`` on the story's screen with the form ``form_from`` was shown."""
    data = filled(form_from, change_url(obj), **{button: "1"}, **fields)
    return client.post(change_url(obj), data)


# --- Reporters ------------------------------------------------------------------------------


class TestReporter:
    def test_a_reporter_writes_a_draft_and_submits_it_for_review(self, as_, place):
        response = as_["reporter"].post(
            ADD_URL, new_story(as_["reporter"], place["politics"], _save="1")
        )
        assert response.status_code == 302
        draft = Article.objects.get()
        assert draft.status == Status.DRAFT
        assert draft.created_by.username == "reporter"

        buttons = page(as_["reporter"], change_url(draft)).buttons
        assert "_submit" in buttons
        assert not buttons & {"_publish", "_schedule", "_unpublish", "_return"}

        post_button(as_["reporter"], draft, "_submit", form_from=as_["reporter"])
        assert status_of(draft) == Status.IN_REVIEW

    def test_a_reporter_cannot_publish_with_a_forged_publish_button(self, as_, place, people):
        draft = story(place, people)

        response = post_button(as_["reporter"], draft, "_publish", form_from=as_["reporter"])

        assert response.status_code == 302
        assert status_of(draft) == Status.DRAFT
        follow = as_["reporter"].get(response["Location"])
        assert "you may not publish this story" in follow.content.decode()
        assert Client().get(draft.get_absolute_url()).status_code == 404

    def test_a_reporter_cannot_publish_a_new_story_in_the_same_request(self, as_, place):
        as_["reporter"].post(ADD_URL, new_story(as_["reporter"], place["politics"], _publish="1"))

        assert Article.objects.get().status == Status.DRAFT

    @pytest.mark.parametrize("button", ["_schedule", "_unpublish", "_return"])
    def test_a_reporter_cannot_press_any_other_editors_button(self, as_, place, people, button):
        draft = story(place, people, published_at=NOW + timedelta(hours=2))

        post_button(as_["reporter"], draft, button, form_from=as_["reporter"], return_reason="x")

        assert status_of(draft) == Status.DRAFT

    @pytest.mark.parametrize("state", [Status.IN_REVIEW, Status.PUBLISHED, Status.SCHEDULED])
    def test_a_reporter_cannot_change_their_story_once_it_left_their_hands(
        self, as_, place, people, state
    ):
        obj = story(place, people, status=state)
        data = filled(as_["chief"], change_url(obj), headline="Rewritten by the reporter")

        response = as_["reporter"].post(change_url(obj), data)

        assert response.status_code == 403
        assert Article.objects.get(pk=obj.pk).headline == "A politics story"

    def test_a_returned_story_is_the_reporters_to_edit_again(self, as_, place, people):
        obj = story(place, people, status=Status.IN_REVIEW)
        publishing.return_to_draft(obj, reason="Needs a second source.")

        data = filled(as_["reporter"], change_url(obj), headline="With a second source")
        as_["reporter"].post(change_url(obj), data)

        assert Article.objects.get(pk=obj.pk).headline == "With a second source"

    def test_a_reporter_cannot_open_or_change_another_reporters_draft(self, as_, place, people):
        theirs = story(place, people, by="other reporter")
        data = filled(as_["chief"], change_url(theirs), headline="Taken over")

        opened = as_["reporter"].get(change_url(theirs))
        changed = as_["reporter"].post(change_url(theirs), data)
        previewed = as_["reporter"].get(f"/newsroom/news/article/{theirs.pk}/preview/")
        listed = as_["reporter"].get("/newsroom/news/article/")

        assert opened.status_code == 302  # the admin's "does not exist" redirect
        assert changed.status_code in (302, 403)
        assert Article.objects.get(pk=theirs.pk).headline == "A politics story"
        assert previewed.status_code == 403
        assert "A politics story" not in listed.content.decode()

    def test_a_reporter_sees_live_stories_but_cannot_change_them(self, as_, place, people):
        live = story(place, people, by="other reporter", status=Status.PUBLISHED)

        response = as_["reporter"].get(change_url(live))

        assert response.status_code == 200
        assert not page(as_["reporter"], change_url(live)).buttons

    def test_a_reporter_cannot_delete_a_story(self, as_, place, people):
        draft = story(place, people)

        response = as_["reporter"].post(
            f"/newsroom/news/article/{draft.pk}/delete/", {"post": "yes"}
        )

        assert response.status_code == 403
        assert Article.objects.filter(pk=draft.pk).exists()


# --- Editors and their desks ----------------------------------------------------------------


class TestDeskEditor:
    def test_an_editor_publishes_a_story_of_their_desk(self, as_, place, people):
        obj = story(place, people, status=Status.IN_REVIEW)

        post_button(as_["politics editor"], obj, "_publish", form_from=as_["politics editor"])

        assert status_of(obj) == Status.PUBLISHED
        assert Client().get(obj.get_absolute_url()).status_code == 200

    def test_an_editor_cannot_publish_outside_their_desk_even_by_a_forged_post(
        self, as_, place, people
    ):
        obj = story(place, people, where="economy", status=Status.IN_REVIEW)
        screen = page(as_["politics editor"], change_url(obj))

        response = post_button(as_["politics editor"], obj, "_publish", form_from=as_["chief"])

        assert not screen.buttons  # read only: no save, no publish
        assert response.status_code == 403
        assert status_of(obj) == Status.IN_REVIEW

    def test_an_editor_cannot_publish_another_edition(self, as_, place, people):
        obj = story(place, people, where="siyaset", status=Status.IN_REVIEW)

        response = post_button(as_["english editor"], obj, "_publish", form_from=as_["chief"])

        assert response.status_code == 403
        assert status_of(obj) == Status.IN_REVIEW

    def test_a_whole_edition_desk_covers_every_section_of_it(self, as_, place, people):
        obj = story(place, people, where="economy", status=Status.IN_REVIEW)

        post_button(as_["english editor"], obj, "_publish", form_from=as_["english editor"])

        assert status_of(obj) == Status.PUBLISHED

    def test_an_editor_cannot_file_a_new_story_outside_their_desk(self, as_, place):
        form = new_story(as_["politics editor"], place["economy"], _publish="1")

        response = as_["politics editor"].post(ADD_URL, form)

        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert not Article.objects.exists()

    def test_an_editor_cannot_move_a_story_out_of_their_desk(self, as_, place, people):
        obj = story(place, people, status=Status.IN_REVIEW)
        data = filled(as_["politics editor"], change_url(obj), section=place["economy"].pk)

        response = as_["politics editor"].post(change_url(obj), data)

        assert response.status_code == 200
        assert Article.objects.get(pk=obj.pk).section == place["politics"]

    def test_an_editor_cannot_unpublish_not_even_by_a_forged_post(self, as_, place, people):
        live = story(place, people, status=Status.PUBLISHED)

        buttons = page(as_["politics editor"], change_url(live)).buttons
        post_button(as_["politics editor"], live, "_unpublish", form_from=as_["chief"])

        assert "_unpublish" not in buttons
        assert status_of(live) == Status.PUBLISHED

    def test_an_editor_has_no_unpublish_action_on_the_list(self, as_, place, people):
        live = story(place, people, status=Status.PUBLISHED)

        as_["politics editor"].post(
            "/newsroom/news/article/",
            {"action": "unpublish_selected", "_selected_action": [live.pk]},
        )

        assert status_of(live) == Status.PUBLISHED

    def test_the_publish_action_skips_stories_outside_the_desk(self, as_, place, people):
        mine = story(place, people, status=Status.IN_REVIEW)
        not_mine = story(place, people, where="economy", status=Status.IN_REVIEW)

        as_["politics editor"].post(
            "/newsroom/news/article/",
            {"action": "publish_selected", "_selected_action": [mine.pk, not_mine.pk]},
        )

        assert status_of(mine) == Status.PUBLISHED
        assert status_of(not_mine) == Status.IN_REVIEW

    def test_an_editor_returns_a_story_to_its_reporter_with_a_reason(self, as_, place, people):
        obj = story(place, people, status=Status.IN_REVIEW)

        post_button(
            as_["politics editor"],
            obj,
            "_return",
            form_from=as_["politics editor"],
            return_reason="Check the vote count with the clerk.",
        )

        assert status_of(obj) == Status.DRAFT
        note = Note.objects.get(article=obj)
        assert "Check the vote count with the clerk." in note.text
        assert note.author == people["politics editor"]

    def test_returning_without_a_reason_is_refused_and_nothing_changes(self, as_, place, people):
        obj = story(place, people, status=Status.IN_REVIEW)

        response = post_button(
            as_["politics editor"], obj, "_return", form_from=as_["politics editor"]
        )

        assert response.status_code == 200
        assert "Say what the story needs" in response.content.decode()
        assert status_of(obj) == Status.IN_REVIEW

    def test_an_editor_cannot_delete_a_story(self, as_, place, people):
        obj = story(place, people)

        response = as_["politics editor"].post(
            f"/newsroom/news/article/{obj.pk}/delete/", {"post": "yes"}
        )

        assert response.status_code == 403
        assert Article.objects.filter(pk=obj.pk).exists()

    def test_an_editor_adds_but_may_not_reword_corrections_or_read_the_audit_log(self, people):
        editor = people["politics editor"]
        assert editor.has_perm("news.add_correction")
        assert not editor.has_perm("news.change_correction")
        assert not editor.has_perm("editorial.view_auditentry")
        assert not editor.has_perm("news.unpublish_article")


# --- Chief editors --------------------------------------------------------------------------


class TestChiefEditor:
    def test_a_chief_publishes_and_unpublishes_in_any_edition(self, as_, place, people):
        obj = story(place, people, where="siyaset", status=Status.IN_REVIEW)

        post_button(as_["chief"], obj, "_publish", form_from=as_["chief"])
        assert status_of(obj) == Status.PUBLISHED

        post_button(as_["chief"], obj, "_unpublish", form_from=as_["chief"])
        assert status_of(obj) == Status.UNPUBLISHED
        assert Client().get(obj.get_absolute_url()).status_code == 404

    def test_a_chief_holds_the_corrections_and_audit_log_rights(self, people):
        chief = people["chief"]
        for permission in (
            "news.add_correction", "news.change_correction", "news.view_correction",
            "editorial.view_auditentry", "news.unpublish_article", "news.delete_article",
        ):  # fmt: skip
            assert chief.has_perm(permission), permission

    def test_only_a_chief_opens_the_audit_log(self, as_, place, people):
        story(place, people, status=Status.PUBLISHED)

        assert as_["chief"].get("/newsroom/editorial/auditentry/").status_code == 200
        for persona in ("reporter", "politics editor", "administrator"):
            response = as_[persona].get("/newsroom/editorial/auditentry/")
            assert response.status_code == 403, persona

    def test_a_chief_deletes_a_story_and_the_audit_log_keeps_its_headline(self, as_, place, people):
        obj = story(place, people)

        as_["chief"].post(f"/newsroom/news/article/{obj.pk}/delete/", {"post": "yes"})

        assert not Article.objects.filter(pk=obj.pk).exists()
        entry = AuditEntry.objects.get(action="deleted")
        assert entry.article_headline == "A politics story"
        assert entry.username == "chief"


# --- Administrators -------------------------------------------------------------------------


class TestAdministrator:
    def test_an_administrator_manages_people_but_not_stories(self, as_, place, people):
        obj = story(place, people)

        assert as_["administrator"].get("/newsroom/auth/user/").status_code == 200
        assert as_["administrator"].get(ADD_URL).status_code == 403
        assert as_["administrator"].get(change_url(obj)).status_code == 403
        data = filled(as_["chief"], change_url(obj), _publish="1")
        assert as_["administrator"].post(change_url(obj), data).status_code == 403
        assert status_of(obj) == Status.DRAFT

    @pytest.mark.parametrize("persona", ["reporter", "politics editor", "chief"])
    def test_editorial_roles_cannot_open_the_people_screen(self, as_, persona):
        assert as_[persona].get("/newsroom/auth/user/").status_code == 403
        assert as_[persona].get("/newsroom/auth/user/add/").status_code == 403

    def test_an_administrator_cannot_change_a_superuser(self, as_):
        root = factories.administrator("root")

        opened = as_["administrator"].get(f"/newsroom/auth/user/{root.pk}/change/")
        password = as_["administrator"].post(
            f"/newsroom/auth/user/{root.pk}/password/",
            {"password1": "a takeover phrase 42", "password2": "a takeover phrase 42"},
        )

        assert opened.status_code in (200, 403)
        assert "_save" not in page_buttons(opened)
        assert password.status_code == 403
        root.refresh_from_db()
        assert root.check_password("correct horse battery")


def page_buttons(response) -> set[str]:
    if response.status_code != 200:
        return set()
    from tests.newsroom_forms import FormFields

    return FormFields(response.content.decode()).buttons


# --- Preview and notes ------------------------------------------------------------------------


class TestPreviewAndNotes:
    def test_the_writer_and_editors_preview_a_draft(self, as_, place, people):
        draft = story(place, people)
        url = f"/newsroom/news/article/{draft.pk}/preview/"

        for persona in ("reporter", "politics editor", "chief"):
            assert as_[persona].get(url).status_code == 200, persona
        assert as_["administrator"].get(url).status_code == 403

    def test_notes_are_added_by_those_who_work_on_the_story(self, as_, place, people):
        draft = story(place, people)
        url = f"/newsroom/news/article/{draft.pk}/notes/"

        assert as_["reporter"].post(url, {"text": "Photo to follow."}).status_code == 302
        assert as_["politics editor"].post(url, {"text": "Fine by me."}).status_code == 302
        assert as_["other reporter"].post(url, {"text": "Forged"}).status_code == 404
        assert as_["administrator"].post(url, {"text": "Forged"}).status_code in (403, 404)
        assert Client().post(url, {"text": "Forged"}).status_code == 302  # to the login page
        assert list(Note.objects.values_list("text", flat=True)) == [
            "Photo to follow.",
            "Fine by me.",
        ]

    def test_notes_show_on_the_story_screen_and_never_to_readers(self, as_, place, people):
        live = story(place, people, status=Status.PUBLISHED)
        as_["chief"].post(f"/newsroom/news/article/{live.pk}/notes/", {"text": "Lawyer checked."})

        screen = as_["politics editor"].get(change_url(live)).content.decode()
        reader = Client().get(live.get_absolute_url()).content.decode()

        assert "Lawyer checked." in screen
        assert "Lawyer checked." not in reader


def test_a_staff_account_without_a_role_can_do_nothing_with_stories(place, people):
    nobody = get_user_model().objects.create_user("nobody", password="x", is_staff=True)
    obj = story(place, people)
    client = signed_in(nobody)

    assert client.get("/newsroom/news/article/").status_code == 403
    assert client.get(change_url(obj)).status_code == 403
    assert client.post(f"/newsroom/news/article/{obj.pk}/notes/", {"text": "x"}).status_code in (
        403,
        404,
    )
