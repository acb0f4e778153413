"""Two-factor sign-in in a real browser, with the newsroom's strict Content-Security-Policy:
an editor sets up an authenticator from the page (the QR code is an image the policy allows,
the key is typed as an app would), saves backup codes, signs out, and signs in again with the
password and a code. Then five wrong passwords show the lockout page.

No page may report a CSP violation, a console error or an uncaught script error. Screenshots
land in tests/artifacts/ for a human to look at.
"""

import base64
import time
from urllib.parse import urlsplit

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page

from tests import factories
from tests.browser import PageWatch, chromium, requires_chromium, screenshot

pytestmark = [
    pytest.mark.browser,
    requires_chromium,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a long newsroom passphrase"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def app_code(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed in by hand."""
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def submit(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def sign_in_with_password(page: Page, base: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/newsroom/")
    page.fill("#id_username", "nigar")
    page.fill("#id_password", password)
    submit(page, "#login-form input[type=submit]")


def test_setting_up_and_signing_in_with_two_factor_in_a_browser(live_server):
    factories.edition("en")
    factories.editor("nigar", password=PASSWORD)
    base = live_server.url

    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)

        sign_in_with_password(page, base)
        assert urlsplit(page.url).path == "/newsroom/"
        page.click("text=Two-factor sign-in")
        page.wait_for_load_state()
        page.click("text=Set up two-factor sign-in")
        page.wait_for_load_state()
        qr = page.locator(".two-factor__qr img")
        assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
        secret = page.inner_text(".two-factor__secret")
        screenshot(page, "two-factor-set-up")

        page.fill("#id_code", app_code(secret))
        submit(page, "text=Turn on two-factor sign-in")
        codes = page.locator(".two-factor__codes code").all_inner_texts()
        assert len(codes) == 10
        screenshot(page, "two-factor-backup-codes")

        page.click("#logout-form button")
        page.wait_for_load_state()
        sign_in_with_password(page, base)
        assert urlsplit(page.url).path == "/newsroom/login/code/"
        screenshot(page, "two-factor-code-step")
        page.fill("#id_code", app_code(secret, steps_ahead=1))
        submit(page, "#code-form input[type=submit]")
        assert urlsplit(page.url).path == "/newsroom/"
        assert "Today in the newsroom" in page.content()

        page.wait_for_timeout(200)  # a late CSP report still travels through the binding
        assert watch.csp_violations == []
        assert watch.console_errors == []
        assert watch.page_errors == []


def test_the_lockout_page_in_a_browser(live_server):
    factories.edition("en")
    factories.editor("nigar", password=PASSWORD)
    base = live_server.url

    with chromium() as browser:
        page = browser.new_page()
        watch = PageWatch(page)
        for _ in range(5):
            sign_in_with_password(page, base, "wrong password")

        assert "Too many failed sign-ins" in page.content()
        assert "You can try again at" in page.inner_text("#content-main")
        screenshot(page, "sign-in-lockout")
        page.wait_for_timeout(200)
        assert watch.csp_violations == []
        assert watch.page_errors == []
