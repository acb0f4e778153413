"""The article screen's workflow part: the buttons each role sees in each state, the status
line, and scheduling in the story's own edition's time zone, labelled as such."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.news import publishing
from dateline.news.models import Article, Status
from tests import factories
from tests.newsroom_forms import ADD_URL, change_url, filled, new_story, page

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)  # 10:00 in Baku, 15:00 in Tokyo
SAVE = {"_continue", "_save"}


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def place():
    en = factories.edition("en")  # Asia/Baku, the default edition
    jp = factories.edition("jp", name="Japan", time_zone="Asia/Tokyo")
    return {
        "en": en,
        "jp": jp,
        "politics": factories.section(en, name="Politics"),
        "tokyo": factories.section(jp, name="Tokyo"),
    }


@pytest.fixture
def users(place):
    return {
        "reporter": factories.reporter(),
        "editor": factories.desk_editor(desks=[(place["en"], None), (place["jp"], None)]),
        "chief": factories.chief_editor(),
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def story_in(state: str, *, by, sec) -> Article:
    story = factories.draft(sec=sec, created_by=by, headline="Budget vote")
    if state != Status.DRAFT:
        publishing.submit_for_review(story)
    if state == Status.SCHEDULED:
        publishing.schedule(story, at=NOW + timedelta(hours=2))
    elif state == Status.PUBLISHED:
        publishing.publish(story)
    return Article.objects.get(pk=story.pk)


@pytest.mark.parametrize(
    ("persona", "state", "expected"),
    [
        ("reporter", Status.DRAFT, {"_submit", *SAVE}),
        ("reporter", Status.IN_REVIEW, set()),
        ("reporter", Status.PUBLISHED, set()),
        ("editor", Status.DRAFT, {"_submit", "_publish", "_schedule", *SAVE}),
        ("editor", Status.IN_REVIEW, {"_return", "_publish", "_schedule", *SAVE}),
        ("editor", Status.SCHEDULED, {"_publish", "_schedule", *SAVE}),
        ("editor", Status.PUBLISHED, SAVE),
        ("chief", Status.IN_REVIEW, {"_return", "_publish", "_schedule", *SAVE}),
        ("chief", Status.SCHEDULED, {"_publish", "_schedule", "_unpublish", *SAVE}),
        ("chief", Status.PUBLISHED, {"_unpublish", *SAVE}),
    ],
)
def test_each_role_sees_the_buttons_of_its_part_in_each_state(
    users, place, persona, state, expected
):
    story = story_in(state, by=users["reporter"], sec=place["politics"])

    assert page(signed_in(users[persona]), change_url(story)).buttons == expected


def test_the_status_is_shown_in_words(users, place):
    story = story_in(Status.IN_REVIEW, by=users["reporter"], sec=place["politics"])

    html = signed_in(users["editor"]).get(change_url(story)).content.decode()

    assert '<span class="status status--review">In review</span>' in html


def test_a_scheduled_story_says_when_it_will_go_live(users, place):
    story = story_in(Status.SCHEDULED, by=users["reporter"], sec=place["politics"])

    html = signed_in(users["editor"]).get(change_url(story)).content.decode()

    assert "Scheduled for 05 March 2014 12:00" in html


class TestEditionTimeZone:
    def test_a_story_is_scheduled_in_its_own_editions_zone_and_labelled_with_it(self, users, place):
        story = story_in(Status.IN_REVIEW, by=users["reporter"], sec=place["tokyo"])
        editor = signed_in(users["editor"])

        html = editor.get(change_url(story)).content.decode()
        assert "Asia/Tokyo, UTC+09:00" in html
        assert "the Japan edition's time zone" in html

        form = filled(
            editor,
            change_url(story),
            published_at_0="2014-03-05",
            published_at_1="18:00:00",
            _schedule="1",
        )
        response = editor.post(change_url(story), form, follow=True)

        scheduled = Article.objects.get(pk=story.pk)
        assert scheduled.status == Status.SCHEDULED
        assert scheduled.published_at == datetime(2014, 3, 5, 9, 0, tzinfo=UTC)  # 18:00 Tokyo
        assert "Scheduled for 05 March 2014 18:00 (Asia/Tokyo, UTC+09:00)" in (
            response.content.decode()
        )

    def test_the_stored_time_reads_back_in_the_editions_zone(self, users, place):
        story = story_in(Status.SCHEDULED, by=users["reporter"], sec=place["tokyo"])

        fields = page(signed_in(users["editor"]), change_url(story)).data

        assert (fields["published_at_0"], fields["published_at_1"]) == ("2014-03-05", "17:00:00")

    def test_the_same_time_typed_on_a_baku_story_means_baku_time(self, users, place):
        story = story_in(Status.IN_REVIEW, by=users["reporter"], sec=place["politics"])
        editor = signed_in(users["editor"])
        assert "Asia/Baku, UTC+04:00" in editor.get(change_url(story)).content.decode()

        form = filled(
            editor, change_url(story), published_at_0="2014-03-05", published_at_1="18:00:00"
        )
        editor.post(change_url(story), {**form, "_schedule": "1"})

        assert Article.objects.get(pk=story.pk).published_at == datetime(
            2014, 3, 5, 14, 0, tzinfo=UTC
        )

    def test_a_new_story_is_read_in_the_zone_of_the_edition_chosen_for_it(self, users, place):
        editor = signed_in(users["editor"])
        form = new_story(
            editor, place["tokyo"], published_at_0="2014-03-05", published_at_1="18:00:00"
        )

        editor.post(ADD_URL, {**form, "_schedule": "1"})

        assert Article.objects.get().published_at == datetime(2014, 3, 5, 9, 0, tzinfo=UTC)

    def test_moving_a_scheduled_time_with_a_plain_save_reschedules_it(self, users, place, clock):
        story = story_in(Status.SCHEDULED, by=users["reporter"], sec=place["politics"])
        editor = signed_in(users["editor"])

        form = filled(editor, change_url(story), published_at_1="16:00:00", _continue="1")
        editor.post(change_url(story), form)

        story = Article.objects.get(pk=story.pk)
        assert story.status == Status.SCHEDULED
        assert story.published_at == datetime(2014, 3, 5, 12, 0, tzinfo=UTC)
        clock.set(datetime(2014, 3, 5, 11, 0, tzinfo=UTC))  # the old time: not yet
        assert publishing.publish_due() == []
        clock.set(datetime(2014, 3, 5, 12, 0, tzinfo=UTC))
        assert publishing.publish_due() == [story.pk]


def test_notes_are_added_in_place_and_listed_on_the_screen(users, place):
    story = story_in(Status.IN_REVIEW, by=users["reporter"], sec=place["politics"])
    editor = signed_in(users["editor"])
    url = f"/newsroom/news/article/{story.pk}/notes/"

    fragment = editor.post(
        url, {"text": "Check the <b>figures</b>."}, HTTP_X_REQUESTED_WITH="fetch"
    )
    empty = editor.post(url, {"text": "  "}, HTTP_X_REQUESTED_WITH="fetch")

    assert fragment.status_code == 200
    assert "Check the &lt;b&gt;figures&lt;/b&gt;." in fragment.content.decode()
    assert empty.status_code == 400
    html = signed_in(users["reporter"]).get(change_url(story)).content.decode()
    assert "Check the &lt;b&gt;figures&lt;/b&gt;." in html
    assert 'form="article-note-form"' in html
