"""An editor shares a draft with a colleague who has no login: a signed link that expires (48 h
by default), is revocable, and keeps the draft out of search engines, caches, feeds and
sitemaps."""

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from dateline.editorial import sharing
from dateline.editorial.models import AuditEntry, DraftShare
from dateline.news.models import Article
from tests import factories
from tests.revision_helpers import change_url, edit, signed_in

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)
SHARE_LINK = re.compile(r"http://testserver(/shared/[^/\s\"<]+/)")


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def desk(clock):
    en = factories.edition("en")
    return {"edition": en, "politics": factories.section(en, name="Politics")}


@pytest.fixture
def draft(desk) -> Article:
    return factories.draft(
        sec=desk["politics"],
        headline="Secret budget plan",
        lead="Ministers meet tonight.",
        body="<p>The plan cuts spending by a tenth.</p>",
        authors=[factories.author("Aysel Mammadova")],
    )


@pytest.fixture
def editor(desk):
    return factories.editor()


@pytest.fixture
def newsroom(editor):
    return signed_in(editor)


def share(newsroom, story: Article, **form) -> str:
    """Presses "Create a preview link"; returns the link's path, read from the story's page."""
    response = newsroom.post(f"/newsroom/news/article/{story.pk}/preview-links/", form)
    assert response.status_code == 302
    page = newsroom.get(change_url(story)).content.decode()
    found = SHARE_LINK.search(page)
    assert found, "no preview link on the article screen"
    return found.group(1)


def colleague() -> Client:
    """Someone with no newsroom account, in a fresh browser."""
    return Client()


def test_a_colleague_without_a_login_reads_the_draft_from_the_link(newsroom, draft):
    link = share(newsroom, draft)

    response = colleague().get(link)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Secret budget plan" in page
    assert "The plan cuts spending by a tenth." in page
    assert "Aysel Mammadova" in page
    assert "this link works until" in page


def test_the_shared_page_is_never_indexed_cached_or_given_a_cookie(newsroom, draft):
    link = share(newsroom, draft)

    response = colleague().get(link)

    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in response.content.decode()
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_the_link_shows_the_story_as_it_stands_now(newsroom, draft):
    link = share(newsroom, draft)

    edit(newsroom, draft, headline="Budget plan, revised")

    assert "Budget plan, revised" in colleague().get(link).content.decode()


def test_a_link_works_for_48_hours_by_default_then_answers_gone(newsroom, draft, clock):
    link = share(newsroom, draft)
    made = DraftShare.objects.get()
    assert made.expires_at == NOW + timedelta(hours=48)

    clock.advance(hours=47, minutes=59)
    assert colleague().get(link).status_code == 200

    clock.advance(minutes=1)
    response = colleague().get(link)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This preview link has expired" in page
    assert "Secret budget plan" not in page
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_the_default_lifetime_comes_from_the_setting(newsroom, draft, settings):
    settings.DATELINE_DRAFT_SHARE_HOURS = 6

    share(newsroom, draft)

    assert DraftShare.objects.get().expires_at == NOW + timedelta(hours=6)


def test_the_editor_may_choose_a_longer_or_shorter_life(newsroom, draft):
    share(newsroom, draft, share_hours="168")

    assert DraftShare.objects.get().expires_at == NOW + timedelta(days=7)


def test_a_life_beyond_thirty_days_is_refused(newsroom, draft):
    response = newsroom.post(
        f"/newsroom/news/article/{draft.pk}/preview-links/", {"share_hours": "100000"}, follow=True
    )

    assert "between 1 and 720 hours" in response.content.decode()
    assert not DraftShare.objects.exists()


def test_a_revoked_link_stops_working_at_once_and_both_steps_are_audited(newsroom, draft, editor):
    link = share(newsroom, draft)
    made = DraftShare.objects.get()

    newsroom.post(f"/newsroom/news/article/{draft.pk}/preview-links/{made.pk}/revoke/")

    response = colleague().get(link)
    assert response.status_code == 410
    assert "This preview link was withdrawn" in response.content.decode()
    assert [(e.action, e.user) for e in AuditEntry.objects.order_by("pk")][-2:] == [
        ("shared", editor),
        ("share_revoked", editor),
    ]
    page = newsroom.get(change_url(draft)).content.decode()
    assert "Revoked" in page
    assert link not in page


def test_an_altered_or_made_up_token_is_not_found(newsroom, draft):
    link = share(newsroom, draft)
    key, signature = link.removeprefix("/shared/").removesuffix("/").split(":")
    tampered = f"/shared/{key[:-1]}{'0' if key[-1] != '0' else '1'}:{signature}/"

    assert colleague().get(tampered).status_code == 404
    assert colleague().get("/shared/anything/").status_code == 404
    assert colleague().get(f"/shared/{key}/").status_code == 404


def test_a_link_to_a_deleted_story_is_not_found(newsroom, draft):
    link = share(newsroom, draft)

    Article.objects.filter(pk=draft.pk).delete()

    assert colleague().get(link).status_code == 404


def test_the_shared_draft_stays_out_of_lists_feeds_and_sitemaps(newsroom, draft):
    link = share(newsroom, draft)
    reader = colleague()
    assert reader.get(link).status_code == 200

    for url in ("/en/", "/en/politics/", "/en/feeds/rss.xml", "/feeds/rss.xml", "/sitemap.xml"):
        response = reader.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        assert "Secret budget plan" not in text, url
        assert "/shared/" not in text, url
    assert reader.get(draft.get_absolute_url()).status_code == 404


def test_an_editor_outside_the_storys_desk_cannot_share_or_revoke(newsroom, draft):
    share(newsroom, draft)
    made = DraftShare.objects.get()
    outsider = signed_in(factories.desk_editor(desks=[(factories.edition("az"), None)]))

    created = outsider.post(f"/newsroom/news/article/{draft.pk}/preview-links/")
    revoked = outsider.post(f"/newsroom/news/article/{draft.pk}/preview-links/{made.pk}/revoke/")

    assert created.status_code == 403
    assert revoked.status_code == 403
    assert DraftShare.objects.count() == 1
    assert DraftShare.objects.get().revoked_at is None


def test_a_reporter_cannot_share_someone_elses_draft(draft):
    reporter = signed_in(factories.reporter())

    response = reporter.post(f"/newsroom/news/article/{draft.pk}/preview-links/")

    assert response.status_code == 404  # someone else's draft is not even listed for them
    assert not DraftShare.objects.exists()


def test_only_a_post_creates_a_link(newsroom, draft):
    assert newsroom.get(f"/newsroom/news/article/{draft.pk}/preview-links/").status_code == 405
    assert not DraftShare.objects.exists()


def test_a_signed_out_visitor_cannot_create_links(draft):
    response = colleague().post(f"/newsroom/news/article/{draft.pk}/preview-links/")

    assert response.status_code == 302
    assert not DraftShare.objects.exists()


def test_links_are_signed_with_the_share_key():
    made = DraftShare(expires_at=NOW)

    token = sharing.token_for(made)

    assert token.startswith(made.key.hex + ":")
    assert sharing.path_for(made) == f"/shared/{token}/"


@pytest.mark.parametrize("hours", ["0", "721", "two days"])
def test_a_lifetime_setting_dateline_cannot_use_stops_start_up_naming_it(hours, tmp_path):
    env = {**os.environ, "DATELINE_DRAFT_SHARE_HOURS": hours, "DATELINE_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import dateline.settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "DATELINE_DRAFT_SHARE_HOURS" in result.stderr
