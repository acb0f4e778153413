# ruff: noqa: RUF001
"""The newsroom shows each story's translations, flags the ones the original has moved past,
and starts a missing one pre-filled and linked."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dateline.editorial import revisions
from dateline.editorial.models import Revision
from dateline.news.models import Article, Status
from tests import factories
from tests.newsroom_forms import change_url, filled, page

pytestmark = pytest.mark.django_db

LIST_URL = "/newsroom/news/article/"


@pytest.fixture
def desk():
    en = factories.edition("en")
    az = factories.edition("az", position=1)
    ru = factories.edition("ru", position=2)
    sections = {
        code: factories.section(edition, name=name, slug="politics")
        for code, edition, name in (("en", en, "Politics"), ("az", az, "Siyasət"),
                                    ("ru", ru, "Политика"))
    }  # fmt: skip
    original = factories.article(
        sec=sections["en"], headline="Parliament passes the budget", slug="parliament-budget"
    )
    original.tags.add(factories.tag("Budget"))
    revisions.record(original)
    return {"editions": {"en": en, "az": az, "ru": ru}, "sections": sections, "original": original}


@pytest.fixture
def editor_client() -> Client:
    client = Client()
    client.force_login(factories.editor())
    return client


def start_link(html: str, edition_name: str) -> str:
    found = re.search(rf'<a class="button" href="([^"]+)">[^<]*{edition_name}[^<]*</a>', html)
    assert found, f"no link to start the {edition_name} translation"
    return found.group(1).replace("&amp;", "&")


def test_the_story_screen_offers_to_start_each_missing_translation(desk, editor_client):
    html = editor_client.get(change_url(desk["original"])).content.decode()
    assert 'id="translations"' in html
    assert start_link(html, "Azərbaycanca")
    assert start_link(html, "Русский")


def test_a_started_translation_is_prefilled_and_saved_as_a_linked_draft(desk, editor_client):
    original = desk["original"]
    html = editor_client.get(change_url(original)).content.decode()
    url = start_link(html, "Русский")
    form = page(editor_client, url).data
    assert form["headline"] == original.headline  # the text to translate over
    assert form["body"] == original.body
    assert form["edition"] == str(desk["editions"]["ru"].pk)
    assert form["section"] == str(desk["sections"]["ru"].pk)  # the section of the same slug
    assert form["tags"] == [str(tag.pk) for tag in original.tags.all()]

    data = filled(
        editor_client, url, headline="Парламент принял бюджет", slug="parlament-prinyal-byudzhet"
    )
    response = editor_client.post(url, {**data, "_continue": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    translation = Article.objects.get(edition=desk["editions"]["ru"])
    assert translation.translation_group == original.translation_group
    assert translation.status == Status.DRAFT
    assert translation.headline == "Парламент принял бюджет"
    # Both screens now show the pair; nobody can see the draft on the site.
    html = editor_client.get(change_url(original)).content.decode()
    assert "Парламент принял бюджет" in html
    assert Client().get(f"/ru/news/{translation.pk}-{translation.slug}/").status_code == 404


def test_an_edition_cannot_get_a_second_version(desk, editor_client):
    original = desk["original"]
    factories.translation(original, desk["editions"]["az"], headline="Parlament büdcəni qəbul etdi")
    az = desk["editions"]["az"]
    url = f"/newsroom/news/article/add/?translation_of={original.pk}&edition={az.pk}"
    data = filled(editor_client, url, slug="ikinci")
    response = editor_client.post(url, {**data, "_continue": "1"})
    assert response.status_code == 200
    assert "already has its Azərbaycanca version" in response.content.decode()
    assert Article.objects.filter(edition=desk["editions"]["az"]).count() == 1


def test_a_translation_is_outdated_once_the_original_text_changes_after_it(desk, editor_client):
    original = desk["original"]
    translation = factories.translation(
        original, desk["editions"]["az"], headline="Büdcə qəbul edildi"
    )
    revisions.record(translation)
    assert "(outdated)" not in editor_client.get(LIST_URL).content.decode()

    # The original's lead is rewritten an hour later, through the newsroom.
    Revision.objects.filter(article=translation).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    data = filled(editor_client, change_url(original), lead="Deputies changed their minds.")
    assert editor_client.post(change_url(original), {**data, "_continue": "1"}).status_code == 302

    listing = editor_client.get(LIST_URL).content.decode()
    assert "az (outdated)" in listing
    screen = editor_client.get(change_url(original)).content.decode()
    assert "translations__outdated" in screen
    assert "Outdated: the original changed on" in screen

    # Saving the translation again (it was brought up to date) clears the flag.
    data = filled(editor_client, change_url(translation), lead="Deputatlar fikirlərini dəyişdi.")
    assert (
        editor_client.post(change_url(translation), {**data, "_continue": "1"}).status_code == 302
    )
    assert "(outdated)" not in editor_client.get(LIST_URL).content.decode()


def test_a_change_of_labels_alone_does_not_make_translations_outdated(desk, editor_client):
    original = desk["original"]
    translation = factories.translation(original, desk["editions"]["ru"], headline="Бюджет")
    revisions.record(translation)
    Revision.objects.filter(article=translation).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    data = filled(editor_client, change_url(original), genre="analysis")  # the text stays
    assert editor_client.post(change_url(original), {**data, "_continue": "1"}).status_code == 302
    assert Article.objects.get(pk=original.pk).genre == "analysis"
    assert "(outdated)" not in editor_client.get(LIST_URL).content.decode()


def test_a_reporter_cannot_copy_or_read_a_colleagues_draft_through_translations(desk):
    colleague = factories.reporter("colleague")
    draft = factories.article(
        sec=desk["sections"]["en"], headline="Secret budget leak, marker 7f3a", published=False,
        created_by=colleague,
    )  # fmt: skip
    live = factories.translation(draft, desk["editions"]["az"], headline="Canlı xəbər")
    reporter = Client()
    reporter.force_login(factories.reporter("reporter"))
    url = (
        f"/newsroom/news/article/add/?translation_of={draft.pk}&edition={desk['editions']['ru'].pk}"
    )
    form = page(reporter, url).data
    assert form.get("headline", "") == ""  # nothing of the draft is copied
    screen = reporter.get(change_url(live))
    assert screen.status_code == 200
    html = screen.content.decode()
    assert "marker 7f3a" not in html  # the draft's headline is not shown either
    assert "a version you cannot open" in html


def test_the_list_asks_the_same_number_of_queries_for_more_translated_stories(
    desk, editor_client, django_assert_max_num_queries
):
    def grow(count: int) -> None:
        for _ in range(count):
            story = factories.article(sec=desk["sections"]["en"])
            factories.translation(story, desk["editions"]["az"])

    grow(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert editor_client.get(LIST_URL).status_code == 200
    grow(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert editor_client.get(LIST_URL).status_code == 200


def test_the_screen_speaks_the_editors_language(desk, editor_client):
    editor_client.cookies["newsroom_language"] = "ru"
    html = editor_client.get(change_url(desk["original"])).content.decode()
    assert "Переводы" in html
    assert "Начать перевод: Русский" in html
    assert '<html lang="ru"' in html


def test_an_editor_switches_the_newsroom_language_from_its_menu(desk, editor_client):
    screen = change_url(desk["original"])
    html = editor_client.get(screen, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="newsroom-language"' in html
    response = editor_client.post(
        "/newsroom/language/", {"language": "az", "next": screen}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302 and response["Location"] == screen
    cookie = response.cookies["newsroom_language"]
    assert cookie.value == "az" and cookie["path"] == "/newsroom/"
    html = editor_client.get(screen, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="az"' in html and "Tərcümələr" in html
    # Readers' pages do not follow an editor's choice: the edition decides.
    page = Client(HTTP_ACCEPT_LANGUAGE="az").get(desk["original"].get_absolute_url())
    assert '<html lang="en"' in page.content.decode()


def test_the_browsers_language_picks_the_newsroom_language_until_one_is_chosen(desk, editor_client):
    html = editor_client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").content.decode()
    assert '<html lang="ru"' in html
