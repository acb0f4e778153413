"""Five wrong passwords (or codes) for one username from one address lock that pair out for
15 minutes: a clear page with HTTP 429, even for the right password, and a line in the log."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client

from dateline.accounts.models import EventKind, SignInEvent
from tests import factories
from tests.two_factor_helpers import (
    authenticator,
    code,
    enter_code,
    sign_in_with_password,
    wrong_code,
)

pytestmark = pytest.mark.django_db

WRONG = "not the password"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return factories.editor()


def fail(client: Client, times: int, username: str = "editor", **extra) -> list:
    return [sign_in_with_password(client, username, WRONG, **extra) for _ in range(times)]


def test_four_wrong_passwords_still_leave_a_fifth_try(editor):
    client = Client()
    responses = fail(client, 4)

    assert all(r.status_code == 200 for r in responses)
    assert "Please enter the correct username and password" in responses[-1].text
    assert sign_in_with_password(client, "editor")["Location"] == "/newsroom/"


def test_the_fifth_wrong_password_locks_the_account_out_with_a_clear_page(editor):
    client = Client()
    *_, fifth = fail(client, 5)

    assert fifth.status_code == 429
    assert "Too many failed sign-ins" in fifth.text
    assert "after 5 wrong passwords or codes in a row" in fifth.text
    assert "You can try again at" in fifth.text
    assert 14 * 60 < int(fifth["Retry-After"]) <= 15 * 60
    assert " style=" not in fifth.text and "<script>" not in fifth.text


def test_during_the_lockout_even_the_right_password_is_refused(editor):
    client = Client()
    fail(client, 5)

    response = sign_in_with_password(client, "editor")

    assert response.status_code == 429
    assert client.get("/newsroom/").status_code == 302


def test_tries_during_the_lockout_do_not_make_it_longer(editor):
    client = Client()
    fail(client, 5)
    first_until = AccessAttempt.objects.get(username="editor").attempt_time

    fail(client, 3)

    assert AccessAttempt.objects.get(username="editor").attempt_time == first_until


def test_fifteen_minutes_later_the_right_password_works_again(editor):
    client = Client()
    fail(client, 5)
    # The lockout counts from the last failure.
    last = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last - timedelta(minutes=15, seconds=1))

    assert sign_in_with_password(client, "editor")["Location"] == "/newsroom/"
    # A full sign-in clears the count: one new mistake does not lock out again.
    assert sign_in_with_password(Client(), "editor", WRONG).status_code == 200


def test_the_same_username_from_another_address_is_not_locked_out(editor):
    fail(Client(), 5)

    response = sign_in_with_password(Client(), "editor", REMOTE_ADDR="198.51.100.7")

    assert response["Location"] == "/newsroom/"


def test_another_username_from_the_same_address_is_not_locked_out(editor):
    factories.editor("colleague")
    fail(Client(), 5)

    assert sign_in_with_password(Client(), "colleague")["Location"] == "/newsroom/"


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(editor):
    client = Client()
    fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.1")

    response = sign_in_with_password(client, "editor", HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_reader_address_counts_on_its_own(editor, settings):
    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.1"]
    fail(Client(), 5, HTTP_X_FORWARDED_FOR="203.0.113.1")

    locked = sign_in_with_password(Client(), "editor", HTTP_X_FORWARDED_FOR="203.0.113.1")
    other = sign_in_with_password(Client(), "editor", HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert locked.status_code == 429
    assert other["Location"] == "/newsroom/"
    assert AccessAttempt.objects.get().ip_address == "203.0.113.1"


def test_wrong_two_factor_codes_count_towards_the_same_lockout(editor, monkeypatch):
    from dateline.accounts import two_factor

    device = authenticator(editor)
    # Pauses between wrong codes are django-otp's; here only the count matters.
    monkeypatch.setattr(two_factor.TOTPDevice, "get_throttle_factor", lambda self: 0)
    client = Client()
    fail(client, 2)
    sign_in_with_password(client, "editor")
    responses = [enter_code(client, wrong_code(device)) for _ in range(3)]

    assert [r.status_code for r in responses] == [200, 200, 429]
    # The lock ended this sign-in, and holds for a new one too.
    assert enter_code(client, code(device))["Location"] == "/newsroom/login/"
    assert client.get("/newsroom/").status_code == 302
    assert sign_in_with_password(Client(), "editor").status_code == 429


def test_the_code_step_refuses_to_check_a_code_while_locked_out(editor):
    device = authenticator(editor)
    client = Client()
    sign_in_with_password(client, "editor")  # right password: on to the code step
    fail(Client(), 5)  # meanwhile someone else, from the same address, locks the name out

    response = enter_code(client, code(device))

    assert response.status_code == 429
    assert client.get("/newsroom/").status_code == 302
    assert SignInEvent.objects.filter(kind=EventKind.REFUSED, username="editor").exists()


def test_failures_and_the_lockout_are_in_the_sign_in_log(editor):
    client = Client()
    fail(client, 5)
    sign_in_with_password(client, "editor")

    kinds = list(
        SignInEvent.objects.filter(username="editor").order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == [EventKind.FAILED] * 5 + [EventKind.LOCKED_OUT, EventKind.REFUSED]
    locked = SignInEvent.objects.get(kind=EventKind.LOCKED_OUT)
    assert locked.ip == "127.0.0.1"
    assert locked.user == editor
    assert locked.detail == {"failures": 5, "minutes": 15}


def test_unknown_usernames_are_locked_out_too_and_logged_by_name(db):
    *_, fifth = fail(Client(), 5, username="ghost")

    assert fifth.status_code == 429
    assert SignInEvent.objects.filter(username="ghost", kind=EventKind.LOCKED_OUT).exists()


def test_an_administrator_lifts_a_lockout_by_deleting_the_attempt(editor):
    fail(Client(), 5)
    admin = Client()
    admin.force_login(factories.administrator())
    attempt = AccessAttempt.objects.get(username="editor")

    response = admin.post(f"/newsroom/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert sign_in_with_password(Client(), "editor")["Location"] == "/newsroom/"


def test_the_limits_follow_the_settings(editor, settings):
    settings.AXES_FAILURE_LIMIT = 2

    *_, second = fail(Client(), 2)

    assert second.status_code == 429
