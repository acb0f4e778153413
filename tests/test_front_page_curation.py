"""Editors arrange an edition's top stories on the front-page screen — typed positions, one-step
moves, adding from a search, removing — and readers see that order on the next request.

Personas: an editor of the whole English edition, an editor of its Politics desk only, an
editor of the Azerbaijani edition, a reporter, a chief editor, and an anonymous visitor.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.editorial.models import AuditAction, AuditEntry
from dateline.news import front_page, publishing
from dateline.news.models import Article
from dateline.news.signals import front_page_changed
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 6, 8, 0, tzinfo=UTC)
SCREEN = "/newsroom/front-page/en/"


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
        "sport": factories.section(en, name="Sport"),
        "siyaset": factories.section(az, name="Siyasət", slug="siyaset"),
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(place) -> Client:
    return signed_in(factories.desk_editor("english-editor", desks=[(place["en"], None)]))


def story(place, headline: str, *, hours_ago: float = 1, where: str = "politics", **fields):
    return factories.article(
        sec=place[where], headline=headline, at=NOW - timedelta(hours=hours_ago), **fields
    )


@pytest.fixture
def three(place):
    """Three top stories, none numbered yet: the home page shows them newest first."""
    return [
        story(place, "Budget passes", hours_ago=3, is_top_story=True),
        story(place, "Cup final tonight", hours_ago=2, is_top_story=True, where="sport"),
        story(place, "Minister resigns", hours_ago=1, is_top_story=True),
    ]


def top_headlines(client: Client, path: str = "/en/") -> list[str]:
    html = client.get(path).content.decode()
    section = html[html.index('<section class="top-stories"') :]
    section = section[: section.index("</section>")]
    return re.findall(r'__headline"><a href="[^"]+">([^<]+)</a>', section)


def screen_form(client: Client) -> dict:
    """What the screen's order form would send as it stands: each row and its position."""
    html = client.get(SCREEN).content.decode()
    rows = re.findall(r'name="story" value="(\d+)"', html)
    data: dict = {"story": rows, "token": re.search(r'name="token" value="(\w+)"', html)[1]}
    for pk in rows:
        value = re.search(rf'name="position-{pk}" value="(\d*)"', html)[1]
        data[f"position-{pk}"] = value
    return data


def positions(*stories: Article) -> list[int | None]:
    return [Article.objects.get(pk=s.pk).top_position for s in stories]


# --- Order ---------------------------------------------------------------------------------


def test_numbered_top_stories_come_first_then_the_others_newest_first(client, place, three):
    budget, _, _ = three
    Article.objects.filter(pk=budget.pk).update(top_position=1)

    assert top_headlines(client) == ["Budget passes", "Minister resigns", "Cup final tonight"]


def test_typed_positions_are_saved_and_the_home_page_shows_them_on_the_next_request(
    client, editor, three
):
    budget, cup, minister = three
    assert top_headlines(client) == ["Minister resigns", "Cup final tonight", "Budget passes"]
    form = screen_form(editor)
    form.update(
        {f"position-{cup.pk}": "1", f"position-{budget.pk}": "2", f"position-{minister.pk}": "3"}
    )

    response = editor.post(SCREEN, form, follow=True)

    assert "Saved. The home page shows the new order now." in response.text
    assert top_headlines(client) == ["Cup final tonight", "Budget passes", "Minister resigns"]
    assert positions(cup, budget, minister) == [1, 2, 3]


def test_gaps_and_ties_are_renumbered_from_one_keeping_the_listed_order(editor, three):
    budget, cup, minister = three  # listed newest first: minister, cup, budget
    form = screen_form(editor)
    form.update(
        {f"position-{minister.pk}": "7", f"position-{cup.pk}": "7", f"position-{budget.pk}": ""}
    )

    editor.post(SCREEN, form)

    assert positions(minister, cup, budget) == [1, 2, None]


def test_a_position_that_is_not_a_number_is_refused_and_nothing_changes(editor, three):
    budget, cup, minister = three
    form = screen_form(editor)
    form.update({f"position-{budget.pk}": "first", f"position-{cup.pk}": "1"})

    response = editor.post(SCREEN, form, follow=True)

    assert "“first” is not a position: type a whole number." in response.text
    assert positions(budget, cup, minister) == [None, None, None]


def test_moving_a_story_up_without_javascript_swaps_it_with_the_one_above(client, editor, three):
    budget, cup, minister = three
    form = screen_form(editor)

    editor.post(SCREEN, {**form, "move": f"{budget.pk}:up"})

    assert top_headlines(client) == ["Minister resigns", "Budget passes", "Cup final tonight"]
    assert positions(minister, budget, cup) == [1, 2, 3]


def test_a_numbered_story_stays_after_a_week_while_an_unnumbered_one_drops_off(
    client, place, clock
):
    story(place, "Long-running inquiry", is_top_story=True, top_position=1)
    story(place, "Yesterday's top story", is_top_story=True)

    clock.advance(days=8)

    assert top_headlines(client) == ["Long-running inquiry"]


def test_a_numbered_story_leaves_the_home_page_a_month_after_publication(client, place, clock):
    story(place, "Long-running inquiry", is_top_story=True, top_position=1)
    story(place, "Fresh story", hours_ago=0.5, is_top_story=True)

    clock.advance(days=29, hours=22)
    assert top_headlines(client) == ["Long-running inquiry"]
    clock.advance(hours=2)
    assert top_headlines(client)[0] != "Long-running inquiry"


def test_only_the_first_five_top_stories_reach_the_home_page(client, editor, place):
    for n in range(7):
        story(place, f"Top story {n}", hours_ago=n + 1, is_top_story=True, top_position=n + 1)

    assert top_headlines(client) == [f"Top story {n}" for n in range(5)]
    screen = editor.get(SCREEN).text
    assert screen.count("On the home page, place") == 5
    assert screen.count("Not shown: only the first 5 appear") == 2


# --- Adding and removing -------------------------------------------------------------------


def test_an_editor_finds_a_published_story_and_adds_it_at_the_chosen_place(
    client, editor, place, three
):
    found = story(place, "Flood warning for the coast", hours_ago=5)
    story(place, "Unrelated story", hours_ago=6)

    results = editor.get(SCREEN, {"q": "flood"}).text
    assert "Flood warning for the coast" in results and "Unrelated story" not in results
    assert "Flood warning for the coast" in editor.get(SCREEN, {"q": str(found.pk)}).text

    response = editor.post(SCREEN, {"add": found.pk, "add_position": "1"}, follow=True)

    assert "“Flood warning for the coast” is now top story number 1." in response.text
    assert top_headlines(client)[0] == "Flood warning for the coast"


def test_adding_at_a_place_moves_the_numbered_stories_below_it_down(editor, place, three):
    budget, cup, minister = three
    for number, s in enumerate(three, start=1):
        Article.objects.filter(pk=s.pk).update(top_position=number)
    newcomer = story(place, "Late news", hours_ago=0.5)

    editor.post(SCREEN, {"add": newcomer.pk, "add_position": "2"})

    assert positions(budget, newcomer, cup, minister) == [1, 2, 3, 4]


def test_a_draft_or_another_editions_story_cannot_be_made_a_top_story(client, editor, place):
    draft = factories.draft(sec=place["politics"], headline="Unfinished draft")
    azeri = story(place, "Azərbaycan xəbəri", where="siyaset")

    for candidate in (draft, azeri):
        response = editor.post(SCREEN, {"add": candidate.pk}, follow=True)
        assert "Only stories published in the English edition can be top stories." in (
            response.text
        )
        assert Article.objects.get(pk=candidate.pk).is_top_story is False
    assert "Unfinished draft" not in editor.get(SCREEN, {"q": "Unfinished"}).text
    assert "Unfinished draft" not in client.get("/en/").text


def test_removing_a_story_takes_it_off_the_home_page_and_closes_the_gap(client, editor, three):
    budget, cup, minister = three
    for number, s in enumerate(three, start=1):
        Article.objects.filter(pk=s.pk).update(top_position=number)

    response = editor.post(SCREEN, {"remove": cup.pk}, follow=True)

    assert "“Cup final tonight” is no longer a top story." in response.text
    assert top_headlines(client) == ["Budget passes", "Minister resigns"]
    assert positions(budget, minister) == [1, 2]
    assert Article.objects.get(pk=cup.pk).is_top_story is False


def test_a_change_made_on_a_stale_screen_is_refused_and_shows_the_current_order(
    editor, place, three
):
    budget, _, _ = three
    stale = screen_form(editor)
    other = signed_in(factories.chief_editor("chief"))
    other.post(SCREEN, {"add": story(place, "Breaking development").pk})

    stale.update({f"position-{budget.pk}": "1"})
    response = editor.post(SCREEN, stale, follow=True)

    assert "Another editor changed the top stories while you were arranging them." in (
        response.text
    )
    assert Article.objects.get(pk=budget.pk).top_position is None
    assert "Breaking development" in response.text


# --- Who may ---------------------------------------------------------------------------------


def test_a_chief_editor_arranges_any_edition(place, three):
    chief = signed_in(factories.chief_editor("chief"))
    assert chief.get(SCREEN).status_code == 200
    assert chief.get("/newsroom/front-page/az/").status_code == 200


@pytest.mark.parametrize(
    "persona", ["reporter", "politics desk editor", "azerbaijani editor", "administrator"]
)
def test_only_editors_of_the_whole_edition_may_open_or_post_to_the_screen(place, three, persona):
    user = {
        "reporter": lambda: factories.reporter("reporter"),
        "politics desk editor": lambda: factories.desk_editor(
            "politics-editor", desks=[(place["en"], place["politics"])]
        ),
        "azerbaijani editor": lambda: factories.desk_editor(
            "az-editor", desks=[(place["az"], None)]
        ),
        "administrator": lambda: factories.newsroom_administrator("people"),
    }[persona]()
    client = signed_in(user)
    budget, cup, minister = three

    assert client.get(SCREEN).status_code == 403
    forged = [
        {"story": [budget.pk], f"position-{budget.pk}": "1"},
        {"remove": cup.pk},
        {"add": minister.pk, "add_position": "1"},
    ]
    for data in forged:
        assert client.post(SCREEN, data).status_code == 403
    assert positions(budget, cup, minister) == [None, None, None]
    assert Article.objects.filter(is_top_story=True).count() == 3
    assert not AuditEntry.objects.filter(action=AuditAction.FRONT_PAGE).exists()


def test_an_anonymous_post_is_sent_to_sign_in_and_changes_nothing(place, three):
    _, cup, _ = three

    response = Client().post(SCREEN, {"remove": cup.pk})

    assert response.status_code == 302
    assert response["Location"].startswith("/newsroom/login/")
    assert Article.objects.get(pk=cup.pk).is_top_story is True


def test_the_newsroom_index_and_the_editions_screen_link_to_the_front_page(editor, place):
    assert 'href="/newsroom/front-page/"' in editor.get("/newsroom/").text
    assert editor.get("/newsroom/front-page/").url == SCREEN  # the only edition they arrange
    chief = signed_in(factories.chief_editor("chief"))
    editions = chief.get("/newsroom/news/edition/").text
    assert 'href="/newsroom/front-page/az/"' in editions
    choice = chief.get("/newsroom/front-page/").text  # a chief arranges every edition: a choice
    assert (
        'href="/newsroom/front-page/en/"' in choice and 'href="/newsroom/front-page/az/"' in choice
    )
    assert (
        'href="/newsroom/front-page/"' not in signed_in(factories.reporter()).get("/newsroom/").text
    )


# --- Records, signal, cost -------------------------------------------------------------------


def test_every_change_is_audited_with_who_what_and_where(editor, three):
    budget, cup, _ = three
    form = screen_form(editor)
    form[f"position-{cup.pk}"] = "1"
    editor.post(SCREEN, form, REMOTE_ADDR="203.0.113.9")
    editor.post(SCREEN, {"remove": budget.pk}, REMOTE_ADDR="203.0.113.9")

    reordered, removed = AuditEntry.objects.filter(action=AuditAction.FRONT_PAGE).order_by("pk")
    assert reordered.username == "english-editor"
    assert reordered.detail["edition"] == "en"
    assert reordered.detail["change"] == "reordered"
    assert reordered.detail["order"][0] == cup.pk
    assert str(reordered.ip) == "203.0.113.9"
    assert removed.article_id == budget.pk and removed.detail["change"] == "removed"


def test_a_change_announces_the_edition_once_it_is_committed(
    editor, place, three, django_capture_on_commit_callbacks
):
    heard: list[int] = []

    def receiver(sender, edition_id, **kwargs):
        heard.append(edition_id)

    front_page_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            front_page.remove(place["en"], three[0].pk)
        assert heard == []  # not before the commit
        for callback in callbacks:
            callback()
    finally:
        front_page_changed.disconnect(receiver)
    assert heard == [place["en"].pk]


def test_the_home_page_costs_the_same_queries_with_two_or_twenty_top_stories(client, place):
    for n in range(2):
        story(place, f"Top {n}", hours_ago=n + 1, is_top_story=True, top_position=n + 1)
    client.get("/en/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get("/en/")
    for n in range(2, 20):
        story(place, f"Top {n}", hours_ago=n + 1, is_top_story=True, top_position=n + 1)
    story(place, "Breaking", is_breaking=True)
    with CaptureQueriesContext(connection) as many:
        client.get("/en/")

    assert len(many) == len(few)


def test_unpublishing_a_top_story_takes_it_off_the_home_page_and_the_screen(client, editor, three):
    _, cup, _ = three
    Article.objects.filter(pk=cup.pk).update(top_position=1)

    publishing.unpublish(cup)

    assert "Cup final tonight" not in top_headlines(client)
    assert f'name="story" value="{cup.pk}"' not in editor.get(SCREEN).text
