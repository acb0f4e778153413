"""A reader recommends a story in a real browser, without JavaScript help: the form is
usable, the honeypot stays out of sight, the page breaks no CSP rule, and one message
is queued."""

import pytest

from dateline.distribution.models import OutgoingMail
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot
from tests.recommend_helpers import fresh_page_tokens_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_a_reader_recommends_a_story_to_a_friend(live_server):
    story = factories.article(headline="Parliament passes the budget")
    url = live_server.url + story.get_absolute_url()

    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)
        page.goto(url)
        form = page.locator("#recommend form")
        section = page.locator("#recommend")
        trap = page.locator("#recommend-homepage").bounding_box()
        assert trap is not None and trap["x"] + trap["width"] <= 0  # drawn off-screen
        assert page.get_by_role("textbox", name="Leave this field empty").count() == 0
        section.get_by_label("Your name").fill("Ann Reader")
        section.get_by_label("Your e-mail").fill("ann@example.org")
        section.get_by_label("Friend's name").fill("Bo Friend")
        section.get_by_label("Friend's e-mail").fill("bo@example.net")
        section.get_by_label("A short note (optional)").fill("Thought of you.")
        page.wait_for_timeout(3500)  # a person takes longer than the too-fast threshold
        form.get_by_role("button", name="Send").click()
        page.wait_for_load_state()

        assert page.url.endswith(f"{story.get_absolute_url()}?recommended=1#recommend")
        assert page.get_by_role("status").filter(has_text="on its way").is_visible()
        screenshot(page, "recommend-sent")
        assert watch.csp_violations == []
        assert watch.page_errors == []
        assert watch.failed_requests == []
        cookies = page.context.cookies()

    assert cookies == []
    [mail] = OutgoingMail.objects.all()
    assert mail.to == "bo@example.net"
