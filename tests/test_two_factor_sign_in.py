"""Signing in with two-factor: the password, then a real six-digit code from the account's
authenticator key; wrong and replayed codes are refused, and a backup code works once."""

from datetime import UTC, datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client

from dateline.accounts import two_factor
from dateline.accounts.models import EventKind, SignInEvent
from tests import factories
from tests.two_factor_helpers import (
    CODE_STEP,
    LOGIN,
    authenticator,
    code,
    enter_code,
    sign_in_with_password,
    wrong_code,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return factories.editor()


@pytest.fixture
def phone(editor):
    """The editor's authenticator app."""
    return authenticator(editor)


def test_an_account_without_an_authenticator_signs_in_with_the_password_alone(editor):
    client = Client()

    response = sign_in_with_password(client, "editor")

    assert response.status_code == 302
    assert response["Location"] == "/newsroom/"
    assert client.get("/newsroom/").status_code == 200


def test_the_right_password_leads_to_the_code_step_and_not_into_the_newsroom(phone):
    client = Client()

    response = sign_in_with_password(client, "editor")

    assert response.status_code == 302
    assert response["Location"] == CODE_STEP
    page = client.get(CODE_STEP)
    assert "Enter your code" in page.text
    assert "Signing in as <strong>editor</strong>" in page.text
    # Nothing of the newsroom opens until the code is in, whatever the address.
    for url in ("/newsroom/", "/newsroom/news/article/", "/newsroom/news/article/add/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(LOGIN), url


def test_the_current_code_signs_in_and_goes_where_the_editor_was_going(phone):
    client = Client()
    sign_in_with_password(client, "editor", next_url="/newsroom/news/article/")

    response = enter_code(client, code(phone))

    assert response.status_code == 302
    assert response["Location"] == "/newsroom/news/article/"
    assert client.get("/newsroom/news/article/").status_code == 200
    event = SignInEvent.objects.get(kind=EventKind.SIGNED_IN)
    assert event.username == "editor"
    assert event.detail == {"second_step": "authenticator app"}


def test_a_code_typed_with_a_space_in_the_middle_is_accepted(phone):
    client = Client()
    sign_in_with_password(client, "editor")
    value = code(phone)

    response = enter_code(client, f"{value[:3]} {value[3:]}")

    assert response["Location"] == "/newsroom/"


def test_a_wrong_code_is_refused_and_counted_as_a_failed_sign_in(phone):
    client = Client()
    sign_in_with_password(client, "editor")

    response = enter_code(client, wrong_code(phone))

    assert response.status_code == 200
    assert "That code is not right" in response.text
    assert client.get("/newsroom/").status_code == 302
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 1
    assert SignInEvent.objects.filter(kind=EventKind.CODE_FAILED, username="editor").exists()


def test_right_after_a_wrong_code_even_the_right_one_must_wait(phone, monkeypatch):
    clock = factories.Clock(monkeypatch, datetime.now(UTC))
    client = Client()
    sign_in_with_password(client, "editor")
    enter_code(client, wrong_code(phone))

    too_soon = enter_code(client, code(phone))
    assert "wait 1 second before trying again" in too_soon.text
    assert client.get("/newsroom/").status_code == 302

    clock.advance(seconds=2)
    assert enter_code(client, code(phone))["Location"] == "/newsroom/"


def test_a_code_that_was_used_once_is_refused_the_second_time(phone, monkeypatch):
    clock = factories.Clock(monkeypatch, datetime.now(UTC))
    first = Client()
    sign_in_with_password(first, "editor")
    used = code(phone)
    assert enter_code(first, used)["Location"] == "/newsroom/"

    second = Client()
    sign_in_with_password(second, "editor")
    replay = enter_code(second, used)

    assert replay.status_code == 200
    assert "That code is not right" in replay.text
    assert second.get("/newsroom/").status_code == 302
    # The app's next code still works (after the pause a wrong code costs): only the used
    # one was refused.
    clock.advance(seconds=2)
    assert enter_code(second, code(phone, steps_ahead=1))["Location"] == "/newsroom/"


def test_a_backup_code_signs_in_once(phone, editor):
    codes = two_factor.new_backup_codes(editor)
    first = Client()
    sign_in_with_password(first, "editor")

    response = enter_code(first, codes[0].upper())

    assert response["Location"] == "/newsroom/"
    assert first.get("/newsroom/").status_code == 200
    assert two_factor.backup_codes_left(editor) == len(codes) - 1
    assert SignInEvent.objects.get(kind=EventKind.SIGNED_IN).detail == {
        "second_step": "backup code"
    }

    second = Client()
    sign_in_with_password(second, "editor")
    again = enter_code(second, codes[0])
    assert "That code is not right" in again.text
    assert second.get("/newsroom/").status_code == 302


def test_a_backup_code_typed_as_shown_with_a_dash_works(phone, editor):
    [shown, *_] = two_factor.new_backup_codes(editor)
    client = Client()
    sign_in_with_password(client, "editor")

    response = enter_code(client, f"{shown[:4]}-{shown[4:]}")

    assert response["Location"] == "/newsroom/"


def test_the_last_backup_codes_bring_a_warning_to_make_new_ones(phone, editor):
    codes = two_factor.new_backup_codes(editor)
    for used in codes[:-3]:
        assert two_factor.check(editor, used).device is not None
    client = Client()
    sign_in_with_password(client, "editor")

    enter_code(client, codes[-1])

    assert "You have 2 backup codes left" in client.get("/newsroom/").text


def test_the_code_step_expires_after_five_minutes(phone, monkeypatch):
    clock = factories.Clock(monkeypatch, datetime.now(UTC))
    client = Client()
    sign_in_with_password(client, "editor")
    clock.advance(minutes=5, seconds=1)

    response = enter_code(client, code(phone))

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.get("/newsroom/").status_code == 302


def test_the_code_step_without_a_password_first_sends_to_the_sign_in_page(phone):
    response = enter_code(Client(), code(phone))

    assert response.status_code == 302
    assert response["Location"] == LOGIN


def test_cancelling_the_code_step_forgets_who_typed_the_password(phone):
    client = Client()
    sign_in_with_password(client, "editor")

    client.post(CODE_STEP, {"cancel": "1"})

    assert enter_code(client, code(phone))["Location"] == LOGIN


def test_a_session_signed_in_before_two_factor_was_turned_on_is_asked_for_a_code(editor):
    other_browser = Client()
    other_browser.force_login(editor)
    assert other_browser.get("/newsroom/").status_code == 200

    phone = authenticator(editor)  # turned on in another browser

    assert other_browser.get("/newsroom/")["Location"].startswith(LOGIN)
    assert other_browser.get(LOGIN)["Location"] == CODE_STEP
    assert enter_code(other_browser, code(phone))["Location"] == "/newsroom/"
    assert other_browser.get("/newsroom/").status_code == 200


def test_a_code_for_another_account_does_not_sign_in(phone):
    colleague = factories.editor("colleague")
    colleague_phone = authenticator(colleague)
    client = Client()
    sign_in_with_password(client, "editor")

    response = enter_code(client, code(colleague_phone))

    assert "That code is not right" in response.text


def test_the_next_address_cannot_lead_off_the_site(phone):
    client = Client()
    sign_in_with_password(client, "editor", next_url="https://evil.example/")

    response = enter_code(client, code(phone))

    assert response["Location"] == "/newsroom/"


def test_a_pending_code_step_is_not_a_session_anyone_can_borrow(phone):
    # The session key changes when the password is accepted, so a key planted before
    # (session fixation) is not the one that goes on to the code step.
    client = Client()
    client.get(LOGIN)
    client.session.save()
    planted = client.session.session_key

    sign_in_with_password(client, "editor")

    assert client.session.session_key != planted


def test_failed_codes_are_kept_apart_from_failed_passwords_in_the_log(phone):
    client = Client()
    sign_in_with_password(client, "editor", "not the password")
    sign_in_with_password(client, "editor")
    enter_code(client, wrong_code(phone))

    kinds = list(SignInEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [EventKind.FAILED, EventKind.CODE_FAILED]


def test_the_code_step_waits_up_to_five_minutes_for_the_code(phone, monkeypatch):
    clock = factories.Clock(monkeypatch, datetime.now(UTC))
    client = Client()
    sign_in_with_password(client, "editor")
    clock.advance(minutes=4, seconds=50)

    assert enter_code(client, code(phone))["Location"] == "/newsroom/"
