"""An embargo time blocks publishing before it — from the newsroom's buttons, from the verbs
themselves, and from the scheduler — and a scheduled story cannot slip out when its embargo
moves later."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.editorial.models import AuditEntry
from dateline.news import publishing
from dateline.news.models import Article, Status
from tests import factories
from tests.newsroom_forms import change_url, filled

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)  # 10:00 in Baku
EMBARGO = NOW + timedelta(hours=2)  # 12:00 in Baku


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def embargoed():
    sec = factories.section(factories.edition("en"))
    return factories.draft(sec=sec, headline="Central bank rate decision", embargo_until=EMBARGO)


@pytest.fixture
def editor() -> Client:
    client = Client()
    client.force_login(factories.editor())
    return client


def reload(story: Article) -> Article:
    return Article.objects.get(pk=story.pk)


class TestVerbs:
    def test_publishing_before_the_embargo_is_refused_with_the_time_in_the_editions_zone(
        self, embargoed
    ):
        with pytest.raises(publishing.PublishingError) as refused:
            publishing.publish(embargoed)

        assert "embargoed until 05 March 2014 12:00 (Asia/Baku)" in str(refused.value)
        assert reload(embargoed).status == Status.DRAFT
        assert not AuditEntry.objects.filter(action="published").exists()

    def test_scheduling_before_the_embargo_is_refused(self, embargoed):
        with pytest.raises(publishing.PublishingError, match="embargoed until"):
            publishing.schedule(embargoed, at=EMBARGO - timedelta(minutes=1))
        assert reload(embargoed).status == Status.DRAFT

    def test_scheduling_at_the_embargo_time_is_allowed(self, embargoed, clock):
        publishing.schedule(embargoed, at=EMBARGO)

        assert reload(embargoed).status == Status.SCHEDULED
        clock.set(EMBARGO)
        assert publishing.publish_due() == [embargoed.pk]

    def test_a_backdated_publication_time_before_the_embargo_is_refused(self, embargoed, clock):
        clock.set(EMBARGO + timedelta(hours=1))

        with pytest.raises(publishing.PublishingError, match="embargoed until"):
            publishing.publish(embargoed, at=EMBARGO - timedelta(hours=1))

    def test_once_the_embargo_has_passed_the_story_publishes(self, embargoed, clock):
        clock.set(EMBARGO + timedelta(seconds=1))

        publishing.publish(embargoed)

        assert reload(embargoed).status == Status.PUBLISHED

    def test_the_scheduler_holds_a_story_whose_embargo_was_moved_past_its_time(
        self, embargoed, clock
    ):
        publishing.schedule(embargoed, at=EMBARGO)
        later = EMBARGO + timedelta(hours=3)
        Article.objects.filter(pk=embargoed.pk).update(embargo_until=later)

        clock.set(EMBARGO + timedelta(minutes=1))
        assert publishing.publish_due() == []
        assert reload(embargoed).status == Status.SCHEDULED

        clock.set(later)
        assert publishing.publish_due() == [embargoed.pk]


class TestNewsroom:
    def test_save_and_publish_under_embargo_is_refused_and_nothing_is_saved(
        self, editor, embargoed
    ):
        form = filled(editor, change_url(embargoed), headline="Rates rise", _publish="1")

        response = editor.post(change_url(embargoed), form)

        assert response.status_code == 200
        page = response.content.decode()
        assert "The story is embargoed until 05 March 2014 12:00 (Asia/Baku, UTC+04:00)" in page
        story = reload(embargoed)
        assert story.status == Status.DRAFT
        assert story.headline == "Central bank rate decision"

    def test_scheduling_for_the_embargo_time_from_the_newsroom_works(self, editor, embargoed):
        form = filled(
            editor,
            change_url(embargoed),
            published_at_0="2014-03-05",
            published_at_1="12:00:00",
            _schedule="1",
        )

        editor.post(change_url(embargoed), form)

        story = reload(embargoed)
        assert story.status == Status.SCHEDULED
        assert story.published_at == EMBARGO

    def test_moving_the_embargo_past_a_scheduled_time_is_refused(self, editor, embargoed):
        publishing.schedule(embargoed, at=EMBARGO)
        form = filled(editor, change_url(embargoed), embargo_until_1="15:00:00")

        response = editor.post(change_url(embargoed), form)

        assert response.status_code == 200
        assert "embargoed until 05 March 2014 15:00" in response.content.decode()
        story = reload(embargoed)
        assert story.embargo_until == EMBARGO
        assert story.status == Status.SCHEDULED
        assert story.published_at == EMBARGO

    def test_moving_a_scheduled_time_before_the_embargo_is_refused(self, editor, embargoed):
        publishing.schedule(embargoed, at=EMBARGO)
        form = filled(editor, change_url(embargoed), published_at_1="11:00:00")

        response = editor.post(change_url(embargoed), form)

        assert response.status_code == 200
        assert reload(embargoed).published_at == EMBARGO

    def test_an_embargo_cannot_be_put_on_a_story_that_is_already_live(self, editor):
        live = factories.article(headline="Already out")
        form = filled(
            editor, change_url(live), embargo_until_0="2014-03-05", embargo_until_1="18:00:00"
        )

        response = editor.post(change_url(live), form)

        assert response.status_code == 200
        assert "already on the site" in response.content.decode()
        assert reload(live).embargo_until is None

    def test_the_story_screen_says_the_story_is_embargoed(self, editor, embargoed):
        page = editor.get(change_url(embargoed)).content.decode()

        assert "Embargoed until 05 March 2014 12:00" in page

    def test_readers_never_see_an_embargoed_story_early(self, embargoed, clock):
        with pytest.raises(publishing.PublishingError):
            publishing.publish(embargoed)
        clock.set(EMBARGO - timedelta(seconds=1))

        reader = Client()
        assert reader.get(embargoed.get_absolute_url()).status_code == 404
        assert "Central bank rate decision" not in reader.get("/en/").content.decode()
