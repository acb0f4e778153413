"""A new install works before anyone configures it: one edition, natural with one."""

import pytest

from dateline.news.first_edition import ensure_first_edition
from dateline.news.models import Edition
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_migrated_database_starts_with_one_default_edition_from_the_settings(settings):
    [edition] = Edition.objects.all()

    assert edition.code == settings.DATELINE_FIRST_EDITION == "en"
    assert edition.name == "English"
    assert edition.is_default
    assert edition.time_zone == settings.DATELINE_FIRST_EDITION_TIME_ZONE


def test_a_one_edition_site_serves_its_front_page_without_a_language_switcher(client):
    page = client.get("/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "No stories have been published yet." in html
    assert 'class="editions"' not in html


def test_a_second_edition_brings_the_language_switcher(client):
    factories.edition("az")

    html = client.get("/").content.decode()

    assert 'class="editions"' in html
    assert 'hreflang="az"' in html


def test_the_first_edition_is_created_only_when_there_is_none():
    assert ensure_first_edition() is False
    Edition.objects.all().delete()

    assert ensure_first_edition() is True
    assert ensure_first_edition() is False
    assert Edition.objects.count() == 1


def test_a_site_without_any_edition_welcomes_its_owner_to_the_newsroom(client):
    Edition.objects.all().delete()

    page = client.get("/")

    assert page.status_code == 200
    assert "/newsroom/" in page.content.decode()
    assert client.get("/en/").status_code == 404
