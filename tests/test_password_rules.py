"""Newsroom passwords follow Django's validators: at least 12 characters, not all digits, not a
common password, not like the username — whether the account is made on the command line or
on the People screen, or the password is changed later."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

ADD_PERSON = "/newsroom/auth/user/add/"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-pass1", "too short. It must contain at least 12 characters"),
        ("802345678912345", "entirely numeric"),
        ("password1234", "too common"),
        ("newbie.reporter", "too similar to the username"),
    ],
)
def test_createeditor_refuses_a_weak_password(monkeypatch, password, reason):
    monkeypatch.setenv("NEW_PASSWORD", password)

    with pytest.raises(CommandError, match=reason):
        call_command("createeditor", "newbie.reporter", "--password-from-env", "NEW_PASSWORD")

    assert not get_user_model().objects.filter(username="newbie.reporter").exists()


def test_createeditor_accepts_a_long_password(monkeypatch):
    monkeypatch.setenv("NEW_PASSWORD", "plum orchard at dusk")

    call_command("createeditor", "newbie", "--password-from-env", "NEW_PASSWORD")

    assert get_user_model().objects.get(username="newbie").check_password("plum orchard at dusk")


@pytest.fixture
def people_screen() -> Client:
    client = Client()
    client.force_login(factories.administrator())
    return client


def add_person(client: Client, password: str):
    return client.post(
        ADD_PERSON,
        {
            "username": "newbie",
            "usable_password": "true",
            "password1": password,
            "password2": password,
            "role": "reporter",
            # The desks table below the form, sent empty as a browser does.
            "desks-TOTAL_FORMS": "0",
            "desks-INITIAL_FORMS": "0",
        },
    )


def test_the_people_screen_refuses_a_weak_password(people_screen):
    response = add_person(people_screen, "short-pass1")

    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.text
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_the_people_screen_refuses_an_all_digit_password(people_screen):
    response = add_person(people_screen, "802345678912345")

    assert "This password is entirely numeric." in response.text
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_the_people_screen_accepts_a_strong_password(people_screen):
    response = add_person(people_screen, "plum orchard at dusk")

    assert response.status_code == 302
    assert get_user_model().objects.filter(username="newbie").exists()


def test_changing_ones_own_password_follows_the_same_rules(db):
    client = Client()
    client.force_login(factories.editor())

    response = client.post(
        "/newsroom/password_change/",
        {
            "old_password": "correct horse battery",
            "new_password1": "tiny-pass",
            "new_password2": "tiny-pass",
        },
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.text
