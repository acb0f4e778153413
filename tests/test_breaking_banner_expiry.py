"""The breaking-news banner shows until it expires: at the time editors set ("breaking banner
until"), or 24 hours after publication when they set none; an editor can end it early from the
front-page screen, and it is gone on the readers' next request."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.editorial.models import AuditAction, AuditEntry
from dateline.news.models import Article
from dateline.news.signals import front_page_changed
from tests import factories
from tests.newsroom_forms import change_url, filled

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)  # 12:00 in Baku
SCREEN = "/newsroom/front-page/en/"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def politics():
    return factories.section(factories.edition("en", time_zone="Asia/Baku"), name="Politics")


def banner(client: Client) -> str | None:
    """The headline in the home page's breaking banner, or None without a banner."""
    html = client.get("/en/").content.decode()
    if '<aside class="breaking"' not in html:
        return None
    aside = html[html.index('<aside class="breaking"') :]
    aside = aside[: aside.index("</aside>")]
    return aside.split("</a>")[0].rsplit(">", 1)[1]


def breaking(politics, headline="Earthquake felt in the capital", **fields) -> Article:
    return factories.article(
        sec=politics, headline=headline, is_breaking=True, at=NOW - timedelta(hours=1), **fields
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_without_an_end_time_the_banner_shows_for_24_hours_after_publication(
    client, clock, politics
):
    breaking(politics)

    assert banner(client) == "Earthquake felt in the capital"
    clock.set(NOW + timedelta(hours=22, minutes=59))
    assert banner(client) == "Earthquake felt in the capital"
    clock.set(NOW + timedelta(hours=23, minutes=1))
    assert banner(client) is None


def test_an_end_time_keeps_the_banner_beyond_24_hours_and_ends_it_then(client, clock, politics):
    breaking(politics, breaking_until=NOW + timedelta(days=3))

    clock.set(NOW + timedelta(days=2))
    assert banner(client) == "Earthquake felt in the capital"
    clock.set(NOW + timedelta(days=3))
    assert banner(client) is None


def test_a_banner_never_runs_longer_than_a_week_after_publication(client, clock, politics):
    breaking(politics, breaking_until=NOW + timedelta(days=30))

    clock.set(NOW + timedelta(days=6, hours=22))
    assert banner(client) == "Earthquake felt in the capital"
    clock.set(NOW + timedelta(days=6, hours=23, minutes=1))  # published an hour before NOW
    assert banner(client) is None


def test_an_end_time_in_the_past_ends_the_banner_within_the_first_24_hours(client, politics):
    breaking(politics, breaking_until=NOW - timedelta(minutes=5))

    assert banner(client) is None


def test_when_the_newest_banner_expires_an_older_one_still_running_shows(client, clock, politics):
    breaking(politics, "Long storm warning", breaking_until=NOW + timedelta(days=2))
    factories.article(
        sec=politics,
        headline="Short alert",
        is_breaking=True,
        at=NOW - timedelta(minutes=10),
        breaking_until=NOW + timedelta(hours=1),
    )

    assert banner(client) == "Short alert"
    clock.advance(hours=2)
    assert banner(client) == "Long storm warning"


def test_an_editor_sets_the_end_time_on_the_article_screen_in_the_editions_time(
    client, clock, politics
):
    story = breaking(politics)
    editor = signed_in(factories.editor())
    form = filled(
        editor,
        change_url(story),
        breaking_until_0="2014-03-08",
        breaking_until_1="18:00",  # Baku time, UTC+4
        _continue="Save and keep editing",
    )

    response = editor.post(change_url(story), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(pk=story.pk).breaking_until == datetime(
        2014, 3, 8, 14, 0, tzinfo=UTC
    )
    clock.set(datetime(2014, 3, 8, 13, 59, tzinfo=UTC))
    assert banner(client) == "Earthquake felt in the capital"
    clock.set(datetime(2014, 3, 8, 14, 0, tzinfo=UTC))
    assert banner(client) is None


def test_changing_the_banner_on_the_article_screen_announces_the_front_page_change(
    politics, django_capture_on_commit_callbacks
):
    story = breaking(politics)
    editor = signed_in(factories.editor())
    heard: list[int] = []

    def receiver(sender, edition_id, **kwargs):
        heard.append(edition_id)

    front_page_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            editor.post(
                change_url(story),
                filled(editor, change_url(story), _continue="Save and keep editing"),
            )
        assert heard == []  # saved without touching its place on the home page
        with django_capture_on_commit_callbacks(execute=True):
            editor.post(
                change_url(story),
                filled(
                    editor,
                    change_url(story),
                    breaking_until_0="2014-03-06",
                    breaking_until_1="13:00",
                    _continue="Save and keep editing",
                ),
            )
    finally:
        front_page_changed.disconnect(receiver)
    assert heard == [politics.edition_id]


def test_an_editor_ends_the_banner_from_the_front_page_screen(client, politics):
    story = breaking(politics, breaking_until=NOW + timedelta(days=1))
    editor = signed_in(factories.desk_editor("english-editor", desks=[(politics.edition, None)]))
    screen = editor.get(SCREEN).text
    assert "Earthquake felt in the capital" in screen and "End breaking banner" in screen

    response = editor.post(SCREEN, {"end_breaking": story.pk}, follow=True)

    assert "The breaking banner for “Earthquake felt in the capital” has ended." in response.text
    assert banner(client) is None
    ended = Article.objects.get(pk=story.pk)
    assert ended.is_breaking is True  # it was breaking news; only its banner ended
    assert ended.breaking_until == NOW
    entry = AuditEntry.objects.get(action=AuditAction.FRONT_PAGE)
    assert entry.article_id == story.pk and entry.detail["change"] == "breaking banner ended"
    assert "No breaking banner is showing." in editor.get(SCREEN).text


def test_ending_a_banner_that_is_not_showing_says_so(client, clock, politics):
    story = breaking(politics)
    clock.advance(days=2)
    editor = signed_in(factories.editor())

    response = editor.post(SCREEN, {"end_breaking": story.pk}, follow=True)

    assert "That story has no breaking banner on the home page of this edition." in response.text
    assert Article.objects.get(pk=story.pk).breaking_until is None


def test_a_reporter_cannot_end_a_banner_even_with_a_forged_post(client, politics):
    story = breaking(politics)
    reporter = signed_in(factories.reporter())

    assert reporter.post(SCREEN, {"end_breaking": story.pk}).status_code == 403
    assert banner(client) == "Earthquake felt in the capital"
