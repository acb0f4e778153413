"""Setting up two-factor in the newsroom: a QR code and the secret in text, confirmed with a
code from the app; backup codes shown once; turning it off needs the password."""

import base64
import re
from urllib.parse import unquote

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline.accounts import two_factor
from dateline.accounts.models import EventKind, SignInEvent
from tests import factories
from tests.two_factor_helpers import (
    ENROL,
    SECURITY,
    authenticator,
    code,
    enter_code,
    sign_in_with_password,
    wrong_code,
)

pytestmark = pytest.mark.django_db

BACKUP_CODES = "/newsroom/account/two-factor/backup-codes/"
TURN_OFF = "/newsroom/account/two-factor/turn-off/"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return factories.editor()


@pytest.fixture
def browser(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def shown_codes(page: str) -> list[str]:
    return [a + b for a, b in re.findall(r"<code>([a-z2-7]{4})-([a-z2-7]{4})</code>", page)]


def test_the_set_up_page_shows_a_qr_code_and_the_secret_in_text(browser, editor):
    page = browser.get(ENROL)

    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    # The secret as typed into an app by hand: base32 of the device key, in groups of four.
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'<code class="two-factor__secret">([A-Z2-7 ]+)</code>', page.text)
    assert shown and shown.group(1).replace(" ", "") == secret
    # The QR code is an inline SVG image: allowed by img-src data:, no script, no style="".
    uri = re.search(r'<img src="(data:image/svg\+xml[^"]+)"', page.text).group(1)
    svg = unquote(uri.split(",", 1)[1])
    assert svg.startswith("<svg") and "<script" not in svg
    assert "img-src 'self' data:" in page["Content-Security-Policy"]
    assert " style=" not in page.text and "<script>" not in page.text


def test_reloading_the_set_up_page_keeps_the_same_secret(browser, editor):
    browser.get(ENROL)
    browser.get(ENROL)

    assert TOTPDevice.objects.filter(user=editor).count() == 1


def test_the_code_from_the_app_turns_two_factor_on_and_shows_backup_codes_once(browser, editor):
    browser.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)

    response = browser.post(ENROL, {"code": code(device)})

    assert response.status_code == 200
    assert "Two-factor sign-in is now <strong>on</strong>" in response.text
    codes = shown_codes(response.text)
    assert len(codes) == 10
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(codes)
    assert "no-store" in response["Cache-Control"]
    assert two_factor.has_two_factor(editor)
    assert SignInEvent.objects.filter(kind=EventKind.TWO_FACTOR_ON, user=editor).exists()
    # This session counts as having entered a code: the newsroom stays open.
    assert browser.get("/newsroom/").status_code == 200
    # The codes are not shown again anywhere.
    overview = browser.get(SECURITY)
    assert "10</strong> unused backup codes" in overview.text
    assert not any(c[:4] in overview.text for c in codes)
    assert browser.get(ENROL)["Location"] == SECURITY


def test_a_wrong_code_does_not_turn_two_factor_on(browser, editor):
    browser.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)

    response = browser.post(ENROL, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert not two_factor.has_two_factor(editor)
    assert shown_codes(response.text) == []


def test_after_setting_up_the_next_sign_in_asks_for_a_code(browser, editor):
    browser.get(ENROL)
    device = TOTPDevice.objects.get(user=editor)
    browser.post(ENROL, {"code": code(device)})

    fresh = Client()
    response = sign_in_with_password(fresh, "editor")

    assert response["Location"] == "/newsroom/login/code/"
    assert enter_code(fresh, code(device, steps_ahead=1))["Location"] == "/newsroom/"


def test_new_backup_codes_replace_the_old_ones(browser, editor):
    device = authenticator(editor)
    old = two_factor.new_backup_codes(editor)
    client = Client()
    sign_in_with_password(client, "editor")
    enter_code(client, code(device))

    response = client.post(BACKUP_CODES)

    new = shown_codes(response.text)
    assert len(new) == 10 and not set(new) & set(old)
    assert two_factor.check(editor, new[0]).device is not None
    assert two_factor.check(editor, old[0]).device is None
    assert SignInEvent.objects.filter(kind=EventKind.BACKUP_CODES).exists()


def test_backup_codes_are_made_only_by_a_post(editor):
    device = authenticator(editor)
    client = Client()
    sign_in_with_password(client, "editor")
    enter_code(client, code(device))

    assert client.get(BACKUP_CODES).status_code == 405
    assert not StaticToken.objects.exists()


def test_turning_two_factor_off_needs_the_password(editor):
    device = authenticator(editor)
    two_factor.new_backup_codes(editor)
    client = Client()
    sign_in_with_password(client, "editor")
    enter_code(client, code(device))

    refused = client.post(TURN_OFF, {"password": "not my password"})
    assert "That is not your password" in refused.text
    assert two_factor.has_two_factor(editor)

    response = client.post(TURN_OFF, {"password": "correct horse battery"})
    assert response["Location"] == SECURITY
    assert not two_factor.has_two_factor(editor)
    assert not StaticToken.objects.exists()
    assert SignInEvent.objects.filter(kind=EventKind.TWO_FACTOR_OFF, user=editor).exists()
    assert sign_in_with_password(Client(), "editor")["Location"] == "/newsroom/"


def test_a_session_without_the_code_cannot_reach_the_two_factor_pages(editor):
    # Someone holding only the password of an account with two-factor (or an old session)
    # can neither turn it off nor make backup codes.
    authenticator(editor)
    client = Client()
    client.force_login(editor)

    for url in (TURN_OFF, BACKUP_CODES, SECURITY, ENROL):
        response = client.post(url, {"password": "correct horse battery"})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/newsroom/login/"), url
    assert two_factor.has_two_factor(editor)
    assert not StaticToken.objects.exists()


def test_an_account_that_is_not_staff_cannot_set_up_two_factor():
    from django.contrib.auth import get_user_model

    reader = get_user_model().objects.create_user("reader", password="correct horse battery")
    client = Client()
    client.force_login(reader)

    assert client.get(ENROL).status_code == 302
    assert not TOTPDevice.objects.exists()


def test_the_newsroom_links_to_the_two_factor_page(browser):
    assert f'href="{SECURITY}"' in browser.get("/newsroom/").text
