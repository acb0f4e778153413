"""Every save of a story from the newsroom is kept as a numbered revision: who saved it, when,
what changed; the history lists them and compares any two."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from dateline.editorial import revisions
from dateline.editorial.models import Revision
from dateline.news.models import Article, ArticleAuthor
from tests import factories
from tests.revision_helpers import FormData, edit, open_story, save, signed_in

pytestmark = pytest.mark.django_db

NOW = datetime(2014, 3, 5, 6, 0, tzinfo=UTC)
ADD_URL = "/newsroom/news/article/add/"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    # Accounts are made for every test; the strength of their hash is not under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch):
    return factories.Clock(monkeypatch, NOW)


@pytest.fixture
def desk(clock):
    en = factories.edition("en")
    return {
        "edition": en,
        "politics": factories.section(en, name="Politics"),
        "economy": factories.section(en, name="Economy"),
        "aysel": factories.author("Aysel Mammadova"),
        "rauf": factories.author("Rauf Aliyev"),
    }


@pytest.fixture
def editor(desk):
    return factories.editor()


@pytest.fixture
def newsroom(editor):
    return signed_in(editor)


def history_of(story: Article) -> list[Revision]:
    return list(Revision.objects.filter(article=story).order_by("number"))


def write_story(newsroom, desk) -> Article:
    form = FormData(newsroom.get(ADD_URL).content.decode(), "article_form").data
    form.update(
        {
            "edition": str(desk["edition"].pk),
            "section": str(desk["politics"].pk),
            "headline": "Parliament passes the budget",
            "slug": "parliament-passes-the-budget",
            "lead": "The vote was 80 to 20.",
            "body": "<p>The budget passed on Wednesday.</p>",
            "articleauthor_set-0-author": str(desk["aysel"].pk),
            "articleauthor_set-0-position": "0",
            "articleauthor_set-1-author": str(desk["rauf"].pk),
            "articleauthor_set-1-position": "1",
            "articleauthor_set-TOTAL_FORMS": "2",
            "tags": [str(factories.tag("Budget").pk)],
            "_continue": "1",
        }
    )
    response = newsroom.post(ADD_URL, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Article.objects.get(slug="parliament-passes-the-budget")


def test_writing_a_story_records_revision_1_with_every_field_and_the_byline_in_order(
    newsroom, desk, editor
):
    story = write_story(newsroom, desk)

    [first] = history_of(story)
    assert first.number == 1
    assert first.created_by == editor
    assert first.created_at == NOW
    assert first.snapshot["headline"] == "Parliament passes the budget"
    assert first.snapshot["lead"] == "The vote was 80 to 20."
    assert first.snapshot["body"] == "<p>The budget passed on Wednesday.</p>"
    assert first.snapshot["section"] == desk["politics"].pk
    assert first.snapshot["byline"] == [desk["aysel"].pk, desk["rauf"].pk]
    assert first.snapshot["_labels"]["byline"] == ["Aysel Mammadova", "Rauf Aliyev"]
    assert first.snapshot["_labels"]["tags"] == ["Budget"]


def test_each_save_is_the_next_revision_naming_what_changed(newsroom, desk, clock):
    story = write_story(newsroom, desk)
    clock.advance(minutes=5)

    edit(newsroom, story, headline="Parliament passes the budget, 80 to 20")
    clock.advance(minutes=5)
    form = open_story(newsroom, story)
    # The byline swapped: Rauf first.
    save(
        newsroom,
        story,
        form,
        **{"articleauthor_set-0-position": "1", "articleauthor_set-1-position": "0"},
        section=str(desk["economy"].pk),
    )

    _, second, third = history_of(story)
    assert second.changed_fields == ["headline"]
    assert second.created_at == datetime(2014, 3, 5, 6, 5, tzinfo=UTC)
    assert third.changed_fields == ["section", "byline"]
    assert third.snapshot["byline"] == [desk["rauf"].pk, desk["aysel"].pk]


def test_a_save_with_no_change_is_still_recorded_as_saved_without_changes(newsroom, desk):
    story = write_story(newsroom, desk)

    edit(newsroom, story)

    assert history_of(story)[-1].changed_fields == []
    page = newsroom.get(f"/newsroom/news/article/{story.pk}/change/").content.decode()
    assert "Saved without changes" in page


def test_a_story_from_before_revisions_gets_its_old_state_as_revision_1_on_its_next_save(
    newsroom, desk, editor
):
    story = factories.article(sec=desk["politics"], headline="Old story", authors=[desk["rauf"]])
    assert history_of(story) == []

    edit(newsroom, story, headline="Old story, new headline")

    baseline, change = history_of(story)
    assert baseline.snapshot["headline"] == "Old story"
    assert baseline.created_by is None
    assert change.number == 2
    assert change.created_by == editor
    assert change.changed_fields == ["headline"]
    compared = newsroom.get(
        f"/newsroom/news/article/{story.pk}/revisions/compare/?a=1&b=2"
    ).content.decode()
    assert "Old story<ins>, new headline</ins>" in compared


def test_the_article_screen_lists_recent_revisions_with_who_and_what_changed(newsroom, desk, clock):
    story = write_story(newsroom, desk)
    clock.advance(minutes=1)
    edit(newsroom, story, lead="The vote was 81 to 19.")

    page = newsroom.get(f"/newsroom/news/article/{story.pk}/change/").content.decode()

    assert 'id="revisions"' in page
    assert "Created" in page
    assert "Lead" in page
    assert f"/newsroom/news/article/{story.pk}/revisions/compare/?a=1&amp;b=2" in page
    assert "All 2 revisions" in page


def test_the_history_page_lets_the_editor_pick_any_two_revisions_to_compare(newsroom, desk):
    story = write_story(newsroom, desk)
    for n in range(3):
        edit(newsroom, story, lead=f"The vote was {81 + n} to {19 - n}.")

    page = newsroom.get(f"/newsroom/news/article/{story.pk}/revisions/").content.decode()

    for number in (1, 2, 3, 4):
        assert f'name="a" value="{number}"' in page
        assert f'name="b" value="{number}"' in page
    compared = newsroom.get(
        f"/newsroom/news/article/{story.pk}/revisions/compare/?a=4&b=1"
    ).content.decode()
    assert "Revision 1 → 4" in compared
    assert "The vote was <del>80</del><ins>83</ins> to <del>20</del><ins>17</ins>." in compared


def test_the_history_pages_through_a_long_history(newsroom, desk, editor):
    story = write_story(newsroom, desk)
    for _ in range(60):
        revisions.record(story, user=editor)

    first_page = newsroom.get(f"/newsroom/news/article/{story.pk}/revisions/").content.decode()
    second_page = newsroom.get(
        f"/newsroom/news/article/{story.pk}/revisions/?page=2"
    ).content.decode()

    assert 'name="b" value="61"' in first_page
    assert 'name="b" value="1"' not in first_page
    assert 'name="b" value="1"' in second_page
    assert "Page 2 of 2" in second_page


def test_story_html_in_the_history_is_shown_as_text_never_rendered(newsroom, desk):
    story = write_story(newsroom, desk)
    edit(newsroom, story, headline="Budget <img src=x onerror=alert(1)> passes")

    compared = newsroom.get(
        f"/newsroom/news/article/{story.pk}/revisions/compare/?a=1&b=2"
    ).content.decode()
    history = newsroom.get(f"/newsroom/news/article/{story.pk}/revisions/").content.decode()

    assert "<img src=x" not in compared
    assert "&lt;img" in compared
    assert "<img src=x" not in history


def test_comparing_unknown_revisions_is_not_found_and_a_missing_choice_asks_again(newsroom, desk):
    story = write_story(newsroom, desk)
    base = f"/newsroom/news/article/{story.pk}/revisions/compare/"

    assert newsroom.get(base + "?a=1&b=9").status_code == 404
    response = newsroom.get(base + "?a=1", follow=True)
    assert "Pick two revisions to compare." in response.content.decode()


def test_people_outside_the_newsroom_cannot_read_the_history(desk):
    story = factories.article(sec=desk["politics"])
    reader = Client()

    response = reader.get(f"/newsroom/news/article/{story.pk}/revisions/")

    assert response.status_code == 302
    assert "/newsroom/login/" in response["Location"]


def test_a_reporter_cannot_read_the_history_of_someone_elses_draft(desk):
    story = factories.draft(sec=desk["politics"])
    reporter = signed_in(factories.reporter())

    assert reporter.get(f"/newsroom/news/article/{story.pk}/revisions/").status_code == 404


def test_byline_rows_are_kept_exactly_as_ordered_in_the_snapshot(desk, editor):
    story = factories.article(sec=desk["politics"], authors=[desk["rauf"], desk["aysel"]])
    ArticleAuthor.objects.filter(article=story, author=desk["rauf"]).update(position=5)

    kept = revisions.record(story, user=editor)

    assert kept.snapshot["byline"] == [desk["aysel"].pk, desk["rauf"].pk]
