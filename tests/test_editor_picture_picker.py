"""The body editor's picture picker: a page of the picture library as JSON, newest first,
searchable, for writers only, at the same cost on every page, and holding nothing but
pictures."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.newsroom.picture_picker import PAGE_SIZE
from tests import factories
from tests.editor_helpers import library_picture

pytestmark = pytest.mark.django_db

URL = "/newsroom/news/article/pictures/"
START = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)


def pictures(count: int, **fields) -> list:
    """``count`` pictures uploaded a minute apart, oldest first."""
    return [
        library_picture(f"Picture {n}", at=START + timedelta(minutes=n), **fields)
        for n in range(count)
    ]


def answer(client, **query) -> dict:
    response = client.get(URL, query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def editor(client):
    user = factories.editor()
    client.force_login(user)
    return user


def test_pictures_come_newest_first_with_what_the_editor_inserts(client, editor):
    older = library_picture(
        "Ferries in Baku harbour", caption="Morning ferries.", credit="Photo: Leyla Aliyeva",
        at=START,
    )  # fmt: skip
    newer = library_picture("Deputies vote", credit="Caspian Wire", at=START + timedelta(hours=1))

    found = answer(client)["pictures"]

    assert [p["id"] for p in found] == [newer.pk, older.pk]
    assert found[1] == {
        "id": older.pk,
        "url": older.file.url,
        "thumbnail": older.file.url,
        "width": 640,
        "height": 480,
        "alt": "Ferries in Baku harbour",
        "caption": "Morning ferries.",
        "credit": "Photo: Leyla Aliyeva",
    }
    assert found[1]["url"].startswith("/media/library/")


def test_search_matches_every_word_in_alt_text_caption_or_credit(client, editor):
    tower = library_picture("The Maiden Tower at dusk", credit="Photo: Leyla Aliyeva")
    harbour = library_picture("Ferries", caption="Baku harbour at dawn", credit="Caspian Wire")
    library_picture("Deputies vote", credit="Caspian Wire")

    def ids(q: str) -> set[int]:
        return {p["id"] for p in answer(client, q=q)["pictures"]}

    assert ids("tower") == {tower.pk}
    assert ids("HARBOUR") == {harbour.pk}  # caption, any case
    assert ids("leyla") == {tower.pk}  # credit
    assert ids("caspian ferries") == {harbour.pk}  # every word must match somewhere
    assert ids("tower harbour") == set()
    assert ids("   ") == ids("")


def test_pages_follow_on_without_gaps_or_repeats(client, editor):
    made = pictures(PAGE_SIZE + 5)
    first = answer(client)
    second = answer(client, after=first["next"])

    seen = [p["id"] for p in first["pictures"] + second["pictures"]]
    assert seen == [p.pk for p in reversed(made)]
    assert len(first["pictures"]) == PAGE_SIZE
    assert second["next"] is None


def test_pictures_uploaded_in_the_same_instant_are_each_listed_once(client, editor):
    made = [library_picture(f"Burst {n}", at=START) for n in range(PAGE_SIZE + 2)]
    first = answer(client)
    second = answer(client, after=first["next"])
    seen = [p["id"] for p in first["pictures"] + second["pictures"]]
    assert sorted(seen) == sorted(p.pk for p in made)
    assert len(set(seen)) == len(seen)


def test_a_forged_page_cursor_is_a_clear_error_not_a_crash(client, editor):
    response = client.get(URL, {"after": "not-a-cursor"})
    assert response.status_code == 400
    assert "out of date" in response.json()["error"]


def test_the_cost_does_not_grow_with_the_library_or_the_page(client, editor):
    pictures(3)
    answer(client)  # warm up the session and permission caches
    with CaptureQueriesContext(connection) as few:
        answer(client, q="picture")
    pictures(PAGE_SIZE * 2, colour=(10, 120, 60))
    with CaptureQueriesContext(connection) as many:
        page = answer(client, q="picture")
    with CaptureQueriesContext(connection) as later:
        answer(client, q="picture", after=page["next"])

    assert len(few) == len(many) == len(later)
    assert len(many) <= 8  # session, user, time zone, two-factor, permissions, the page


def test_the_answer_holds_pictures_and_nothing_about_stories(client, editor):
    picture = library_picture("Cabinet meeting")
    factories.article(
        published=False,
        headline="Secret reshuffle draft",
        lead="Not for readers yet.",
        picture=picture,
    )

    raw = client.get(URL).content.decode()

    assert "Secret reshuffle" not in raw
    assert "Not for readers" not in raw
    assert set(answer(client)["pictures"][0]) == {
        "id", "url", "thumbnail", "width", "height", "alt", "caption", "credit",
    }  # fmt: skip


@pytest.mark.parametrize(
    "persona", ["reporter", "editor", "chief_editor"], ids=["reporter", "editor", "chief"]
)
def test_everyone_who_writes_stories_may_pick_pictures(client, persona):
    library_picture("Cabinet meeting")
    client.force_login(getattr(factories, persona)())
    assert len(answer(client)["pictures"]) == 1


def test_people_who_do_not_write_stories_are_refused(client):
    library_picture("Cabinet meeting")
    client.force_login(factories.newsroom_administrator())
    assert client.get(URL).status_code == 403

    staff = get_user_model().objects.create_user("intern", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 403


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client):
    library_picture("Cabinet meeting")
    response = client.get(URL)
    assert response.status_code == 302
    assert "/newsroom/login/" in response["Location"]
    assert "Cabinet" not in response.content.decode()


def test_only_reading_is_allowed(client, editor):
    assert client.post(URL).status_code == 405
