"""Shared fixtures: personas (reader, editor), factories, and isolated data folders."""

import pytest


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Each test writes media and mail into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OUTBOX_DIR = tmp_path / "outbox"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return tmp_path
