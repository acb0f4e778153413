"""Housekeeping for sign-in records. Tasks take no objects and are safe to run twice."""

from importlib import import_module

from django.conf import settings
from django.tasks import task

from dateline.accounts import events


@task()
def tidy_sign_in_records() -> int:
    """Deletes sign-in events older than ``DATELINE_SIGN_IN_LOG_DAYS`` and sessions past their
    expiry (which Django never deletes by itself); returns how many events went."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    return events.forget_before(events.retention_start())
