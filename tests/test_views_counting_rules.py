"""A view counts once per real reader: not robots, not previews, not prefetches, not reloads."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from dateline.analytics.readership import total_views
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 5, 30, tzinfo=UTC)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def story(clock):
    return factories.article(at=NOW - timedelta(hours=1))


def beacon(story_id: int, *, agent: str = FIREFOX, ip: str = "198.51.100.7", **headers):
    reader = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=ip)
    return reader.post(reverse("analytics:view-beacon", args=[story_id]), **headers)


def test_a_readers_beacon_counts_one_view_and_answers_204_without_a_cookie(story):
    response = beacon(story.pk)

    assert response.status_code == 204
    assert response.cookies == {}
    assert total_views(story.pk) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/130.0.0.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_a_crawler_is_not_counted(story, agent):
    assert beacon(story.pk, agent=agent).status_code == 204
    assert total_views(story.pk) == 0


@pytest.mark.parametrize(
    "agent",
    [
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "TelegramBot (like TwitterBot)",
        "WhatsApp/2.23.20.0 A",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5",
    ],
)
def test_a_link_preview_is_not_counted(story, agent):
    assert beacon(story.pk, agent=agent).status_code == 204
    assert total_views(story.pk) == 0


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
    ],
)
def test_a_prefetch_or_prerender_is_not_counted(story, header):
    assert beacon(story.pk, **header).status_code == 204
    assert total_views(story.pk) == 0


@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_anything_but_a_post_is_refused_and_counts_nothing(story, method):
    reader = Client(HTTP_USER_AGENT=FIREFOX)
    response = getattr(reader, method)(reverse("analytics:view-beacon", args=[story.pk]))

    assert response.status_code == 405
    assert total_views(story.pk) == 0


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
    ],
)
def test_a_beacon_posted_from_another_site_is_refused(story, header):
    assert beacon(story.pk, **header).status_code == 403
    assert total_views(story.pk) == 0


def test_a_beacon_from_our_own_page_in_a_browser_counts(story):
    response = beacon(story.pk, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver")

    assert response.status_code == 204
    assert total_views(story.pk) == 1


def test_a_draft_or_unknown_story_answers_404_and_counts_nothing(clock):
    draft = factories.draft()
    gone = factories.unpublished()

    for story_id in (draft.pk, gone.pk, 999_999):
        assert beacon(story_id).status_code == 404
    assert total_views(draft.pk) == total_views(gone.pk) == 0


def test_a_hundred_reloads_by_one_reader_count_once(story):
    for _ in range(100):
        beacon(story.pk)

    assert total_views(story.pk) == 1


def test_another_reader_counts_again(story):
    beacon(story.pk)
    beacon(story.pk, ip="203.0.113.9")
    beacon(story.pk, agent=CHROME)

    assert total_views(story.pk) == 3


def test_the_same_reader_counts_again_after_thirty_minutes(story, clock):
    beacon(story.pk)
    clock.advance(minutes=29)
    beacon(story.pk)
    assert total_views(story.pk) == 1

    clock.advance(minutes=2)
    beacon(story.pk)
    assert total_views(story.pk) == 2


def test_the_same_reader_counts_again_the_next_day_with_a_new_salt(story, clock, settings):
    settings.DATELINE_VIEW_DEDUPE_MINUTES = 48 * 60  # only the salt can tell the days apart
    beacon(story.pk)
    clock.advance(hours=5)
    beacon(story.pk)
    assert total_views(story.pk) == 1

    clock.set(NOW + timedelta(days=1))
    beacon(story.pk)
    assert total_views(story.pk) == 2


def test_the_same_reader_on_another_story_counts_there(story, clock):
    other = factories.article(at=NOW - timedelta(hours=2))
    beacon(story.pk)
    beacon(other.pk)

    assert (total_views(story.pk), total_views(other.pk)) == (1, 1)


def test_no_ip_address_is_stored(story):
    from dateline.analytics.models import RecentReader

    beacon(story.pk, ip="198.51.100.7")

    keys = list(RecentReader.objects.values_list("key", flat=True))
    assert len(keys) == 1
    assert "198.51.100.7" not in keys[0]
