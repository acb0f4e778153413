# Azerbaijani and Russian are what the reader sees.
# ruff: noqa: RUF001
"""A reader moves between the three editions of one story in a real browser: each page in its
language, with its own dateline, and the switcher leading to the same story's translation.

Screenshots of the article in each edition land in tests/artifacts/edition-<code>-article.png
(ignored by git) for a human to look at.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from dateline.lib.transliteration import ascii_slug
from dateline.news.models import Tag
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

PUBLISHED = datetime(2014, 3, 5, 9, 30, tzinfo=ZoneInfo("Asia/Baku"))
EDITIONS = {
    # code: (section, headline, lead, dateline, the print link, the search button)
    "en": ("Economy", "The harbour opens a second terminal", "Ships will queue less.",
           "05 March 2014 [09:30]", "Print version"),
    "az": ("İqtisadiyyat", "Liman ikinci terminalı açır", "Gəmilər daha az gözləyəcək.",
           "05 mart 2014 [09:30]", "Çap versiyası"),
    "ru": ("Экономика", "Порт открывает второй терминал", "Судам придётся меньше ждать.",
           "05 марта 2014 [09:30]", "Версия для печати"),
}  # fmt: skip


@pytest.fixture
def story():
    versions = {}
    for position, (code, (section, headline, lead, _, _)) in enumerate(EDITIONS.items()):
        edition = factories.edition(code, position=position)
        versions[code] = factories.article(
            sec=factories.section(edition, section, slug=ascii_slug(section)),
            headline=headline,
            lead=lead,
            at=PUBLISHED,
            **({"translation_group": versions["en"].translation_group} if versions else {}),
        )
        versions[code].tags.add(Tag.objects.create(name=section, slug=ascii_slug(section)))
    return versions


def test_a_reader_reads_one_story_in_each_edition(live_server, story):
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        watch = PageWatch(page)
        page.goto(live_server.url + story["en"].get_absolute_url())
        for code in ("en", "az", "ru"):
            _section, headline, _lead, dateline, print_link = EDITIONS[code]
            expect(page.locator("html")).to_have_attribute("lang", code)
            expect(page.get_by_role("heading", level=1)).to_have_text(headline)
            expect(page.locator(".dateline time")).to_have_text(dateline)
            expect(page.get_by_role("link", name=print_link)).to_be_visible()
            screenshot(page, f"edition-{code}-article")
            following = {"en": "az", "az": "ru", "ru": None}[code]
            if following:
                # The masthead's switcher leads to this story in the next edition.
                switcher = page.get_by_role(
                    "navigation", name={"en": "Editions", "az": "Versiyalar"}[code]
                )
                switcher.get_by_role("link", name=story[following].edition.name).click()
                expect(page).to_have_url(live_server.url + story[following].get_absolute_url())
        assert not watch.page_errors and not watch.csp_violations, watch
        assert not watch.failed_requests, watch.failed_requests


def test_a_phone_reader_gets_the_russian_page_in_russian(live_server, story):
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(live_server.url + story["ru"].get_absolute_url())
        expect(page.get_by_role("button", name="Подписаться")).to_be_visible()
        screenshot(page, "edition-ru-article-phone")
