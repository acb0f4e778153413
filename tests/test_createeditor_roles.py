"""``dateline createeditor --role … --desk …`` and ``dateline demo`` make accounts for each
newsroom role, with the desks that decide where an editor may publish."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dateline.editorial.models import Desk
from dateline.news.demo.editor import LOGIN_FILE
from dateline.newsroom.roles import (
    ADMINISTRATORS,
    CHIEF_EDITORS,
    EDITORS,
    REPORTERS,
    Role,
    role_of,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a long and unusual phrase")


@pytest.fixture
def place():
    en, az = factories.edition("en"), factories.edition("az")
    return {"en": en, "az": az, "politics": factories.section(en, name="Politics")}


def createeditor(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "createeditor", *args, "--password-from-env", "EDITOR_PASSWORD", stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def groups_of(username: str) -> set[str]:
    user = get_user_model().objects.get(username=username)
    return set(user.groups.values_list("name", flat=True))


@pytest.mark.parametrize(
    ("role", "groups"),
    [
        ("reporter", {REPORTERS}),
        ("editor", {EDITORS}),
        ("chief", {EDITORS, CHIEF_EDITORS}),
        ("admin", {ADMINISTRATORS}),
    ],
)
def test_each_role_is_its_groups(role, groups):
    createeditor("someone", "--role", role)

    assert groups_of("someone") == groups
    user = get_user_model().objects.get(username="someone")
    assert user.is_staff and not user.is_superuser
    assert role_of(user) == Role(role)


def test_a_reporter_may_submit_but_not_publish():
    createeditor("ayla", "--role", "reporter")

    ayla = get_user_model().objects.get(username="ayla")
    assert ayla.has_perm("news.submit_article") and ayla.has_perm("news.add_article")
    assert not ayla.has_perm("news.publish_article")
    assert not ayla.has_perm("news.unpublish_article")


def test_an_editor_gets_the_desks_named_on_the_command_line(place):
    out, _ = createeditor("farid", "--role", "editor", "--desk", "en/politics", "--desk", "az")

    desks = set(Desk.objects.filter(user__username="farid").values_list("edition", "section"))
    assert desks == {(place["en"].pk, place["politics"].pk), (place["az"].pk, None)}
    assert "Created editor “farid” for English: Politics, Azərbaycanca (all sections)." in out


def test_an_editor_without_a_desk_is_warned_they_can_publish_nowhere():
    _, err = createeditor("nodesk", "--role", "editor")

    assert "no desk yet" in err


def test_an_unknown_desk_is_refused_naming_what_exists(place):
    with pytest.raises(CommandError, match="No section “sport” in the English edition"):
        createeditor("farid", "--desk", "en/sport")
    with pytest.raises(CommandError, match="No edition “fr”; editions: "):
        createeditor("farid", "--desk", "fr")
    assert not get_user_model().objects.filter(username="farid").exists()


def test_chief_and_role_must_agree():
    with pytest.raises(CommandError, match="disagree"):
        createeditor("x", "--chief", "--role", "reporter")


def test_the_demo_makes_one_account_per_role_and_keeps_their_passwords(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = io.StringIO()
    call_command("demo", "--articles", "3", "--seed", "5", stdout=out)

    users = get_user_model().objects
    assert role_of(users.get(username="editor")) == Role.EDITOR
    assert role_of(users.get(username="reporter")) == Role.REPORTER
    assert role_of(users.get(username="desk-editor")) == Role.EDITOR
    assert role_of(users.get(username="chief")) == Role.CHIEF
    # The demo editor publishes in every edition; the desk editor in one section.
    assert Desk.objects.filter(user__username="editor", section=None).count() == 3
    assert Desk.objects.filter(user__username="desk-editor").count() == 1

    stored = (tmp_path / LOGIN_FILE).read_text()
    for name in ("reporter", "desk-editor", "chief"):
        line = next(row for row in stored.splitlines() if row.startswith(f"password for {name}:"))
        assert users.get(username=name).check_password(line.split(":", 1)[1].strip())
    output = out.getvalue()
    assert "Demo team (one account per role): reporter / " in output

    again = io.StringIO()
    call_command("demo", "--if-empty", stdout=again)
    assert (tmp_path / LOGIN_FILE).read_text() == stored
    assert again.getvalue().splitlines()[-2] == output.splitlines()[-2]
