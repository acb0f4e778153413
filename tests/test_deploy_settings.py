"""Production settings pass ``check --deploy``; the secret key lives in the data folder only."""

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings
from django.utils.csp import CSP

from dateline.operations.checks import content_security_policy_is_set

REPO = Path(__file__).resolve().parent.parent
DATELINE = Path(sys.executable).with_name("dateline")


def run_dateline(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``dateline <args>`` in a fresh process whose only Dateline settings are ``env``."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATELINE_", "DJANGO_")) and name != "DATABASE_URL"
    }
    return subprocess.run(
        [str(DATELINE), *args],
        env={**clean, **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def production_env(data_dir: Path) -> dict[str, str]:
    return {
        "DATELINE_ENV": "production",
        "DATELINE_SECRET_KEY": secrets.token_urlsafe(48),  # 64 characters
        "DATELINE_ALLOWED_HOSTS": "news.example.org",
        "DATELINE_PUBLIC_URL": "https://news.example.org",
        "DATELINE_DATA_DIR": str(data_dir),
    }


def test_production_settings_pass_check_deploy_without_a_single_warning(tmp_path):
    env = production_env(tmp_path)
    assert len(env["DATELINE_SECRET_KEY"]) == 64

    result = run_dateline("check", "--deploy", "--fail-level", "WARNING", **env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_with_a_secret_key_in_the_environment_writes_no_key_file(tmp_path):
    run_dateline("check", **production_env(tmp_path))
    assert not (tmp_path / "secret_key").exists()


def test_development_settings_fail_check_deploy_with_security_warnings(tmp_path):
    # Proves the production test above is not vacuous: the same command does object to
    # the embedded default's plain-HTTP settings.
    result = run_dateline(
        "check", "--deploy", "--fail-level", "WARNING", DATELINE_DATA_DIR=str(tmp_path)
    )

    assert result.returncode != 0
    output = result.stdout + result.stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output


def test_an_unknown_environment_name_stops_start_up_naming_the_variable(tmp_path):
    result = run_dateline("check", DATELINE_ENV="prod", DATELINE_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DATELINE_ENV" in result.stderr


# --- Our own Content-Security-Policy check ----------------------------------------------------


def check_ids() -> list[str]:
    return [message.id for message in content_security_policy_is_set(None)]


def test_the_shipped_policy_passes_our_csp_check():
    assert check_ids() == []


@override_settings(SECURE_CSP={})
def test_an_empty_csp_is_error_e001():
    assert check_ids() == ["dateline.E001"]
    [message] = content_security_policy_is_set(None)
    assert message.level == checks.ERROR


@override_settings(SECURE_CSP={})
def test_e001_is_reported_by_the_deploy_checks():
    ids = [m.id for m in checks.run_checks(include_deployment_checks=True, tags=["security"])]
    assert "dateline.E001" in ids


@override_settings(SECURE_CSP={"default-src": [CSP.SELF]})
def test_a_policy_without_object_src_and_frame_ancestors_none_warns_twice():
    messages = content_security_policy_is_set(None)
    assert [m.id for m in messages] == ["dateline.W001", "dateline.W001"]
    assert {m.msg.split(" set ")[1] for m in messages} == {
        "object-src 'none'.",
        "frame-ancestors 'none'.",
    }


def test_a_policy_without_its_middleware_is_error_e002(settings):
    settings.MIDDLEWARE = [
        m
        for m in settings.MIDDLEWARE
        if m != "django.middleware.csp.ContentSecurityPolicyMiddleware"
    ]
    assert check_ids() == ["dateline.E002"]


# --- The secret key ---------------------------------------------------------------------------


def test_the_first_start_creates_a_private_secret_key_and_the_second_reuses_it(tmp_path):
    key_file = tmp_path / "secret_key"
    assert not key_file.exists()

    first = run_dateline("check", DATELINE_DATA_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    assert key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text()
    assert len(key.strip()) >= 50

    second = run_dateline("check", DATELINE_DATA_DIR=str(tmp_path))
    assert second.returncode == 0, second.stderr
    assert key_file.read_text() == key


def test_a_secret_key_file_that_is_too_short_stops_start_up(tmp_path):
    (tmp_path / "secret_key").write_text("short")
    result = run_dateline("check", DATELINE_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "secret_key" in result.stderr


def test_the_default_data_folder_is_ignored_by_git():
    patterns = {
        line.strip()
        for line in (REPO / ".gitignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert patterns & {"data", "data/", "/data", "/data/"}


@pytest.mark.skipif(not (REPO / ".git").exists(), reason="not a git checkout")
def test_git_ignores_a_secret_key_in_the_default_data_folder():
    # check-ignore reads the ignore rules only; it does not touch the index.
    result = subprocess.run(
        ["git", "check-ignore", "--quiet", "--no-index", "data/secret_key"],
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0


def test_a_missing_public_url_is_reported_because_mail_links_need_it(settings):
    from dateline.operations.checks import public_url_is_set

    settings.DATELINE_PUBLIC_URL = ""
    assert [m.id for m in public_url_is_set(None)] == ["dateline.W002"]
    settings.DATELINE_PUBLIC_URL = "https://news.example.org"
    assert public_url_is_set(None) == []
