"""The demo editor: one staff account whose password is kept in the data folder.

The password is made once, written to ``DATA_DIR/demo-editor.txt`` (mode 0600) and
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

from dateline.newsroom import roles

USERNAME = "editor"
LOGIN_FILE = "demo-editor.txt"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str | None  # None: unknown to us (file missing, or changed since)
    created: bool


def password_file(data_dir: Path | None = None) -> Path:
    return Path(data_dir or settings.DATA_DIR) / LOGIN_FILE


def _read_password(path: Path) -> str | None:
    try:
        lines = path.read_text().splitlines()
    except FileNotFoundError:
        return None
    for line in lines:
        if line.startswith("password:"):
            return line.removeprefix("password:").strip() or None
    return None


def _write_password(path: Path, password: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an older file may have been created with a wider mode
    with os.fdopen(fd, "w") as handle:
        handle.write(
            "# The demo newsroom's login, made by `dateline demo`.\n"
            f"user: {USERNAME}\npassword: {password}\n"
        )


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
