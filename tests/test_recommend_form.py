"""The "Recommend news to friend" form: on every article, without JavaScript or cookies;
a good submission is queued and answered with a redirect, a bad one is shown again with
errors next to the fields and the reader's input kept."""

import time

import pytest

from dateline.distribution.models import Outcome, OutgoingMail, RecommendationAttempt
from dateline.distribution.recommend import tokens
from tests import factories
from tests.recommend_helpers import (  # noqa: F401 (fixtures)
    VALID,
    fresh_page_tokens_fixture,
    recommend,
    recommend_url,
    token_issued,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    return factories.article(headline="Parliament passes the budget")


def test_every_article_page_shows_the_form_with_the_four_fields_and_a_note(client, story):
    page = client.get(story.get_absolute_url())
    assert page.status_code == 200
    html = page.text
    assert 'id="recommend"' in html
    assert f'action="{recommend_url(story)}#recommend"' in html
    for label in ("Your name", "Your e-mail", "Friend&#x27;s name", "Friend&#x27;s e-mail"):
        assert label in html
    assert 'name="note"' in html
    assert 'name="token"' in html


def test_the_honeypot_is_hidden_by_a_class_not_an_inline_style(client, story):
    html = client.get(story.get_absolute_url()).text
    assert '<div class="recommend__trap" aria-hidden="true">' in html
    assert 'name="homepage"' in html
    assert 'tabindex="-1"' in html
    assert "style=" not in html


def test_the_article_page_sets_no_cookie_and_has_no_csrf_token(client, story):
    page = client.get(story.get_absolute_url())
    assert "Set-Cookie" not in page.headers
    assert not page.cookies
    assert "csrfmiddlewaretoken" not in page.text


def test_a_good_recommendation_is_queued_and_redirects_back_with_a_message(client, story):
    response = recommend(client, story)

    assert response.status_code == 303
    assert response["Location"] == f"{story.get_absolute_url()}?recommended=1#recommend"
    [mail] = OutgoingMail.objects.all()
    assert mail.to == "bo@example.net"
    [entry] = RecommendationAttempt.objects.all()
    assert entry.outcome == Outcome.QUEUED
    assert entry.mail == mail
    assert entry.article == story
    assert entry.sender == "ann@example.org"
    assert entry.recipient == "bo@example.net"
    assert "203.0.113.7" not in entry.ip_hash

    thanks = client.get(response["Location"])
    assert "your recommendation is on its way" in thanks.text
    assert "Set-Cookie" not in thanks.headers


def test_a_form_with_errors_is_shown_again_with_the_input_kept(client, story):
    response = recommend(client, story, friend_email="not an address", note="Read this")

    assert response.status_code == 400
    assert "Please enter" in response.text
    assert 'value="Ann Reader"' in response.text
    assert 'value="ann@example.org"' in response.text
    assert "Read this</textarea>" in response.text
    assert "Parliament passes the budget" in response.text
    assert 'class="recommend__field recommend__field--error"' in response.text
    assert not OutgoingMail.objects.exists()
    assert RecommendationAttempt.objects.get().outcome == Outcome.INVALID


def test_the_page_shown_again_has_a_fresh_token_that_works(client, story, monkeypatch):
    posted = token_issued(story.pk, seconds_ago=1)
    first = recommend(client, story, token=posted)
    assert first.status_code == 400
    assert "That was quick" in first.text
    fresh = first.context["recommend_form"].data["token"]
    assert fresh != posted
    assert f'value="{fresh}"' in first.text

    later = time.time() + 10
    monkeypatch.setattr(tokens, "clock", lambda: later)
    tokens.check_form_token(fresh, story.pk)  # raises when rejected


def test_a_missing_field_is_an_error_next_to_it(client, story):
    response = recommend(client, story, friend_name="")
    assert response.status_code == 400
    assert 'id="recommend-friend_name-error"' in response.text
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://["},
        {"Origin": "http://testserver.evil.example"},
    ],
)
def test_a_post_from_another_site_is_forbidden(client, story, headers):
    response = recommend(client, story, headers=headers)
    assert response.status_code == 403
    assert not OutgoingMail.objects.exists()


def test_a_post_with_this_sites_origin_is_accepted(client, story):
    response = recommend(client, story, headers={"Origin": "http://testserver"})
    assert response.status_code == 303
    assert OutgoingMail.objects.count() == 1


def test_a_get_is_not_allowed(client, story):
    assert client.get(recommend_url(story)).status_code == 405


@pytest.mark.parametrize("kind", ["draft", "unpublished", "scheduled"])
def test_a_story_readers_cannot_see_cannot_be_recommended(client, kind):
    from datetime import timedelta

    from django.utils import timezone

    from dateline.news import publishing

    if kind == "draft":
        hidden = factories.draft()
    elif kind == "unpublished":
        hidden = factories.unpublished()
    else:
        hidden = publishing.publish(factories.draft(), at=timezone.now() + timedelta(hours=2))
    response = recommend(client, hidden)
    assert response.status_code == 404
    assert not OutgoingMail.objects.exists()


def test_a_story_in_another_edition_is_not_found(client, story):
    factories.edition("az")
    response = client.post(f"/az/news/{story.pk}/recommend/", VALID)
    assert response.status_code == 404
