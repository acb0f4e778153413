"""An editor reviews a reporter's story in a real browser: sees it is in review, leaves an
internal note without losing what they typed in the story, and returns it with a reason.

The page is watched as every newsroom page is (tests/browser.py): no CSP violation, no console
or script error. A screenshot of the review screen lands in tests/artifacts/.
"""

import pytest
from playwright.sync_api import expect

from dateline.editorial.models import Note
from dateline.news import publishing
from dateline.news.models import Article, Status
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a long newsroom passphrase"
HEADLINE = "Water tariffs to rise in the spring"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def story_in_review() -> int:
    edition = factories.edition("en")
    sec = factories.section(edition, "Economy")
    reporter = factories.reporter(password=PASSWORD)
    factories.desk_editor("desk-editor", desks=[(edition, None)], password=PASSWORD)
    story = factories.draft(sec=sec, headline=HEADLINE, created_by=reporter)
    publishing.submit_for_review(story, user=reporter)
    return story.pk


def test_an_editor_notes_and_returns_a_story_in_review(live_server, story_in_review):
    pk = story_in_review
    change = f"{live_server.url}/newsroom/news/article/{pk}/change/"
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
        watch = PageWatch(page)
        page.goto(f"{live_server.url}/newsroom/login/?next=/newsroom/news/article/{pk}/change/")
        page.get_by_label("Username").fill("desk-editor")
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        assert page.url == change

        expect(page.locator(".workflow-state .status")).to_have_text("In review")
        expect(page.locator(".schedule-zone")).to_contain_text("Asia/Baku, UTC+04:00")
        expect(page.get_by_role("button", name="Return to reporter")).to_be_visible()
        expect(page.get_by_role("button", name="Save and unpublish")).to_have_count(0)

        # A note goes in without leaving the page: the headline being edited stays as typed.
        page.get_by_label("Headline").fill(f"{HEADLINE}, by 12 percent")
        page.get_by_label("Add a note").fill("Which districts? Ask the utility.")
        page.get_by_role("button", name="Add note").click()
        expect(page.locator(".note-list .note")).to_contain_text("Which districts?")
        assert page.url == change
        expect(page.get_by_label("Headline")).to_have_value(f"{HEADLINE}, by 12 percent")
        expect(page.get_by_label("Add a note")).to_have_value("")
        screenshot(page, "newsroom-article-review")

        page.get_by_label("What the story needs").fill("Name the districts and the new tariff.")
        with page.expect_navigation():
            page.get_by_role("button", name="Return to reporter").click()
        expect(page.locator("ul.messagelist")).to_contain_text("Returned to the reporter")

        page.wait_for_timeout(200)
        assert watch.csp_violations == []
        assert watch.console_errors == []
        assert watch.page_errors == []

    story = Article.objects.get(pk=pk)
    assert story.status == Status.DRAFT
    assert story.headline == f"{HEADLINE}, by 12 percent"
    assert list(Note.objects.filter(article=story).values_list("text", flat=True)) == [
        "Which districts? Ask the utility.",
        "Returned to the reporter: Name the districts and the new tariff.",
    ]
