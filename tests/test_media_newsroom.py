"""The library in the newsroom: a story's picture is picked by searching the library from the
article screen, shown there, and the library lists pictures with thumbnails."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.media.models import Image
from dateline.news import middleware
from tests import factories
from tests.media_helpers import library_picture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    browser = Client()
    browser.force_login(factories.editor())
    return browser


def test_the_article_screen_searches_the_library_for_its_picture(editor):
    harbour = library_picture(alt="Ferries in Baku harbour", credit="Photo: Caspian Wire")
    library_picture(alt="Parliament in session", rendered=False)
    story = factories.article(picture=harbour)

    page = editor.get(f"/newsroom/news/article/{story.pk}/change/").content.decode()
    assert 'name="picture"' in page and "admin-autocomplete" in page
    assert "/newsroom/media/image/add/?_to_field=id&amp;_popup=1" in page  # upload from here
    assert '<img class="media-thumb"' in page  # the chosen picture, shown

    found = editor.get(
        "/newsroom/autocomplete/",
        {"term": "caspian", "app_label": "news", "model_name": "article", "field_name": "picture"},
    ).json()
    assert [item["text"] for item in found["results"]] == [
        "Ferries in Baku harbour — Photo: Caspian Wire"
    ]


def test_the_library_lists_pictures_with_thumbnails_and_finds_them(editor):
    library_picture(alt="Ferries in Baku harbour")
    library_picture(alt="Parliament in session", rendered=False)

    listing = editor.get("/newsroom/media/image/").content.decode()
    assert listing.count('<img class="media-thumb"') == 1
    assert "Preparing…" in listing  # renditions of the second are still being made
    found = editor.get("/newsroom/media/image/", {"q": "parliament"}).content.decode()
    assert "Parliament in session" in found and "Ferries" not in found


def library_queries(captured: CaptureQueriesContext) -> int:
    return sum(1 for query in captured.captured_queries if '"media_' in query["sql"])


def test_the_library_page_costs_the_same_queries_for_5_and_for_25_pictures(editor, monkeypatch):
    # The scheduler's look for due stories (at most every few seconds) is not the page's cost.
    monkeypatch.setattr(middleware, "CHECK_INTERVAL_SECONDS", 10**9)
    for _ in range(5):
        library_picture(width=400, height=300)
    editor.get("/newsroom/media/image/")
    with CaptureQueriesContext(connection) as few:
        editor.get("/newsroom/media/image/")
    for _ in range(20):
        library_picture(width=400, height=300)
    with CaptureQueriesContext(connection) as many:
        editor.get("/newsroom/media/image/")
    # The library's own queries: sessions and accounts may write now and then (idle timeout).
    assert library_queries(few) == library_queries(many) == 3  # count, pictures, renditions
    assert Image.objects.count() == 25
