"""The demo newsroom's accounts, whose passwords are kept in the data folder.

The demo editor (``editor``, with a desk on every edition) comes first; beside it the demo
team has one account per other role: a reporter, an editor with a single desk (the default
edition's first section) and a chief editor.

Each password is made once, written to ``DATA_DIR/demo-editor.txt`` (mode 0600) and
printed by every later ``dateline demo`` run, so ``make run`` can always show how to
sign in. It is never reset: if someone changed it in the newsroom, the file no
longer matches and the login line says so instead of printing a wrong password.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser

from dateline.news.models import Edition
from dateline.newsroom import roles

USERNAME = "editor"
LOGIN_FILE = "demo-editor.txt"
# The rest of the demo team: username → role. The editor's desk is chosen when it is made.
TEAM = (
    ("reporter", roles.Role.REPORTER),
    ("desk-editor", roles.Role.EDITOR),
    ("chief", roles.Role.CHIEF),
)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str | None  # None: unknown to us (file missing, or changed since)
    created: bool


def password_file(data_dir: Path | None = None) -> Path:
    return Path(data_dir or settings.DATA_DIR) / LOGIN_FILE


def _read_passwords(path: Path) -> dict[str, str]:
    """Username → password: ``password:`` is the demo editor's, ``password for NAME:`` the
    team's."""
    try:
        lines = path.read_text().splitlines()
    except FileNotFoundError:
        return {}
    found: dict[str, str] = {}
    for line in lines:
        label, _, value = line.partition(":")
        value = value.strip()
        if label == "password" and value:
            found.setdefault(USERNAME, value)
        elif label.startswith("password for ") and value:
            found.setdefault(label.removeprefix("password for ").strip(), value)
    return found


def _read_password(path: Path) -> str | None:
    return _read_passwords(path).get(USERNAME)


def _write_passwords(path: Path, passwords: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an older file may have been created with a wider mode
    lines = ["# The demo newsroom's logins, made by `dateline demo`."]
    if USERNAME in passwords:
        lines += [f"user: {USERNAME}", f"password: {passwords[USERNAME]}"]
    lines += [
        f"password for {name}: {value}" for name, value in passwords.items() if name != USERNAME
    ]
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def _write_password(path: Path, password: str) -> None:
    _write_passwords(path, {**_read_passwords(path), USERNAME: password})


def ensure_demo_editor(data_dir: Path | None = None) -> tuple[AbstractBaseUser, DemoLogin]:
    """The demo editor account, created on first use, and what we know of its login."""
    path = password_file(data_dir)
    stored = _read_password(path)
    existing = get_user_model()._default_manager.filter(username=USERNAME).first()
    if existing is None:
        # A stored password outlives a database reset, so the printed login stays the same.
        password = stored or secrets.token_urlsafe(12)
        if stored is None:
            _write_password(path, password)
        user = roles.create_editor(USERNAME, password=password, email="editor@example.org")
        return user, DemoLogin(USERNAME, password, created=True)
    existing.groups.add(roles.editors_group())
    known = stored if stored is not None and existing.check_password(stored) else None
    return existing, DemoLogin(USERNAME, known, created=False)


@dataclass(frozen=True)
class TeamLogin:
    login: DemoLogin
    role: str  # "Reporter", "Editor (English: Politics)", …


def ensure_demo_team(data_dir: Path | None = None) -> list[TeamLogin]:
    """Desks for the demo editor on every edition, and the rest of the team (:data:`TEAM`),
    created on first use. Run after the editions exist."""
    path = password_file(data_dir)
    stored = _read_passwords(path)
    user_model = get_user_model()
    editor = user_model._default_manager.filter(username=USERNAME).first()
    editions = list(Edition.objects.order_by("-is_default", "position", "pk"))
    if editor is not None:
        for edition in editions:
            roles.add_desk(editor, edition)
    home = editions[0] if editions else None
    desk_section = home.sections.order_by("position", "pk").first() if home else None
    team: list[TeamLogin] = []
    new_passwords: dict[str, str] = {}
    for username, role in TEAM:
        label = role.label
        desks = []
        if role == roles.Role.EDITOR and home is not None:
            desks = [(home, desk_section)]
            where = f"{home.name}: {desk_section.name}" if desk_section else home.name
            label = f"{label} ({where})"
        existing = user_model._default_manager.filter(username=username).first()
        if existing is None:
            password = stored.get(username) or secrets.token_urlsafe(12)
            new_passwords[username] = password
            roles.create_editor(
                username, password=password, email=f"{username}@example.org", role=role,
                desks=desks,
            )  # fmt: skip
            team.append(TeamLogin(DemoLogin(username, password, created=True), label))
            continue
        known = stored.get(username)
        if known is not None and not existing.check_password(known):
            known = None
        team.append(TeamLogin(DemoLogin(username, known, created=False), label))
    if any(stored.get(name) != value for name, value in new_passwords.items()):
        _write_passwords(path, {**stored, **new_passwords})
    return team
