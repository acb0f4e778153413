"""The People screen: an administrator adds colleagues, gives each a role and an editor their
desks, without being able to make anyone (themselves included) a superuser."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from dateline.editorial.models import Desk
from dateline.newsroom.roles import CHIEF_EDITORS, EDITORS, Role, role_of
from tests import factories
from tests.newsroom_forms import filled

pytestmark = pytest.mark.django_db

PEOPLE = "/newsroom/auth/user/"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def place():
    en, az = factories.edition("en"), factories.edition("az")
    return {
        "en": en,
        "az": az,
        "politics": factories.section(en, name="Politics"),
        "siyaset": factories.section(az, name="Siyasət", slug="siyaset"),
    }


@pytest.fixture
def administrator() -> Client:
    client = Client()
    client.force_login(factories.newsroom_administrator())
    return client


def person(username: str):
    return get_user_model().objects.get(username=username)


def add_person(client: Client, username: str, role: str):
    return client.post(
        f"{PEOPLE}add/",
        {
            "username": username,
            "email": f"{username}@example.org",
            "role": role,
            "usable_password": "true",
            "password1": "a long and unusual phrase",
            "password2": "a long and unusual phrase",
            "desks-TOTAL_FORMS": "0",
            "desks-INITIAL_FORMS": "0",
        },
    )


def test_an_administrator_adds_an_editor_and_gives_them_a_desk(administrator, place):
    response = add_person(administrator, "leyla", "editor")
    assert response.status_code == 302, response.content.decode()[:2000]
    leyla = person("leyla")
    assert leyla.is_staff and not leyla.is_superuser
    assert role_of(leyla) == Role.EDITOR

    url = f"{PEOPLE}{leyla.pk}/change/"
    form = filled(
        administrator,
        url,
        **{"desks-0-edition": place["en"].pk, "desks-0-section": place["politics"].pk},
    )
    administrator.post(url, form)

    assert list(Desk.objects.filter(user=leyla).values_list("edition", "section")) == [
        (place["en"].pk, place["politics"].pk)
    ]
    listing = administrator.get(PEOPLE).content.decode()
    assert "English: Politics" in listing
    assert "Editor" in listing


def test_a_desk_section_must_belong_to_the_desks_edition(administrator, place):
    leyla = factories.desk_editor("leyla", desks=[])
    url = f"{PEOPLE}{leyla.pk}/change/"
    form = filled(
        administrator,
        url,
        **{"desks-0-edition": place["en"].pk, "desks-0-section": place["siyaset"].pk},
    )

    response = administrator.post(url, form)

    assert response.status_code == 200
    assert "belongs to the Azərbaycanca edition" in response.content.decode()
    assert not Desk.objects.filter(user=leyla).exists()


def test_changing_the_role_swaps_role_groups_and_keeps_other_groups(administrator):
    leyla = factories.desk_editor("leyla", desks=[])
    night_shift = Group.objects.create(name="Night shift")
    leyla.groups.add(night_shift)
    url = f"{PEOPLE}{leyla.pk}/change/"

    administrator.post(url, filled(administrator, url, role="chief"))

    names = set(person("leyla").groups.values_list("name", flat=True))
    assert names == {EDITORS, CHIEF_EDITORS, "Night shift"}


def test_an_administrator_cannot_make_anyone_a_superuser_by_a_forged_field(administrator):
    leyla = factories.desk_editor("leyla", desks=[])
    url = f"{PEOPLE}{leyla.pk}/change/"
    chiefs = factories.chief_editor().groups.get(name=CHIEF_EDITORS)

    administrator.post(
        url,
        filled(
            administrator,
            url,
            is_superuser="on",
            groups=str(chiefs.pk),
            role="editor",
        ),
    )

    leyla = person("leyla")
    assert not leyla.is_superuser
    assert role_of(leyla) == Role.EDITOR


def test_taking_the_role_away_takes_the_rights_away(administrator):
    leyla = factories.desk_editor("leyla", desks=[])
    url = f"{PEOPLE}{leyla.pk}/change/"

    administrator.post(url, filled(administrator, url, role=""))

    leyla = person("leyla")
    assert role_of(leyla) is None
    assert not leyla.has_perm("news.change_article")
