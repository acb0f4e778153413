"""The Editions screen offers the front-page link only to people who may use it."""

import pytest

from tests import factories
from tests.revision_helpers import signed_in

pytestmark = pytest.mark.django_db


def test_an_administrator_is_not_offered_a_front_page_they_may_not_arrange():
    factories.edition("en")
    page = signed_in(factories.newsroom_administrator()).get("/newsroom/news/edition/")
    assert page.status_code == 200
    assert "Arrange top stories" not in page.text


def test_a_chief_editor_is_offered_each_edition_s_front_page():
    factories.edition("en")
    page = signed_in(factories.chief_editor()).get("/newsroom/news/edition/")
    assert page.status_code == 200
    assert "/newsroom/front-page/en/" in page.text
