"""A reader subscribes in a real browser, confirms from the e-mail that arrived at a real SMTP
server, receives a breaking alert, and leaves with one click — no cookie at any step."""

import urllib.request

import pytest
from django.test import override_settings

from dateline.distribution.newsletters import sending
from dateline.distribution.newsletters.composing import compose_alert
from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot
from tests.newsletter_helpers import links
from tests.smtp import run_worker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.smtp,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

READER = "leyla@example.org"


def received(smtp_server, to: str):
    return [m for m in smtp_server.sink.messages() if m["To"] == to]


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_reader_subscribes_confirms_and_unsubscribes_with_one_click(
    live_server, smtp_server, settings
):
    settings.DATELINE_NEWSLETTER_RATE = 0
    edition = factories.edition("en")
    story = factories.article(
        sec=factories.section(edition), headline="Bridge reopens after repairs", is_breaking=True
    )

    # 1. The subscribe box in the footer of the home page.
    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)
        page.goto(live_server.url + "/en/")
        box = page.locator("form.subscribe")
        box.get_by_label("Your e-mail").fill(READER)
        box.get_by_label("Breaking news alerts").check()
        page.wait_for_timeout(3500)  # a person takes a moment; the form token is not too young
        box.get_by_role("button", name="Subscribe").click()
        page.wait_for_load_state()
        assert page.get_by_role("status").filter(has_text="check your inbox").is_visible()
        assert watch.csp_violations == [] and watch.page_errors == []
        assert page.context.cookies() == []

    run_worker()
    [confirmation] = received(smtp_server, READER)
    [confirm_url] = links(text_of(confirmation), "/newsletters/confirm/")
    assert Subscriber.objects.get(email=READER).status == SubscriberStatus.PENDING

    # 2. The link from the e-mail: a page with a button (opening the link changes nothing).
    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)
        page.goto(confirm_url)
        page.get_by_role("button", name="Confirm my subscription").click()
        page.wait_for_load_state()
        assert page.get_by_role("status").filter(has_text="is subscribed").is_visible()
        screenshot(page, "newsletter-confirmed")
        assert watch.csp_violations == [] and watch.page_errors == []

    subscriber = Subscriber.objects.get(email=READER)
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.breaking_alerts

    # 3. A breaking alert arrives with RFC 8058 headers.
    with override_settings(DATELINE_PUBLIC_URL=live_server.url):
        issue = compose_alert(story, base_url=live_server.url)
        assert sending.start_sending(issue.pk)
        run_worker()
    [alert] = [m for m in received(smtp_server, READER) if "Bridge reopens" in m["Subject"]]
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = alert["List-Unsubscribe"].strip("<> ")
    assert one_click.startswith(live_server.url + "/newsletters/unsubscribe/")

    # 4. The mail provider's one-click POST: no cookie, no CSRF token, just the form field.
    request = urllib.request.Request(  # noqa: S310 (the loopback test server)
        one_click, data=b"List-Unsubscribe=One-Click", method="POST"
    )
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 (loopback test server)
        assert answer.status == 200
        assert "Set-Cookie" not in answer.headers

    assert Subscriber.objects.get(email=READER).status == SubscriberStatus.UNSUBSCRIBED
