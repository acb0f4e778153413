"""Newsroom roles as Django groups: what an editor and a chief editor may do.

The groups are created on demand and only ever gain permissions here, so a
permission an administrator added by hand survives ``dateline demo`` and
``dateline createeditor``. Both commands create accounts through
:func:`create_editor`.
"""

from collections.abc import Mapping, Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q

EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"

# Model name → actions, for the ``news`` app. Editors write and file stories; removing
# stories, sections, bylines and sources is left to chief editors, except for tags,
# which editors tidy up themselves.
# Article actions include the custom "publish" (publish, schedule, unpublish) and "preview".
# Every editor publishes; a reporter role without "publish" would be a group of its own.
EDITOR_PERMISSIONS: Mapping[str, Sequence[str]] = {
    "article": ("add", "change", "view", "publish", "preview"),
    "articleauthor": ("add", "change", "view", "delete"),  # taking a name off a byline
    "section": ("add", "change", "view"),
    "author": ("add", "change", "view"),
    "tag": ("add", "change", "view", "delete"),
    "source": ("add", "change", "view"),
    "edition": ("view",),
}

CHIEF_EDITOR_PERMISSIONS: Mapping[str, Sequence[str]] = {
    **EDITOR_PERMISSIONS,
    "article": ("add", "change", "view", "delete", "publish", "preview"),
    "articleauthor": ("add", "change", "view", "delete"),
    "section": ("add", "change", "view", "delete"),
    "author": ("add", "change", "view", "delete"),
    "source": ("add", "change", "view", "delete"),
    "edition": ("change", "view"),
    # What left the building: mail, and the recommendation audit log and suppression list.
    "distribution.outgoingmail": ("view",),
    "distribution.recommendationattempt": ("view",),
    "distribution.suppressedrecipient": ("view",),
    # Newsletters: subscribers (export, delete on a privacy request) and issues (send).
    "distribution.subscriber": ("view", "change", "delete"),
    # "add" is asking for a breaking alert: see SEND_BREAKING_ALERT below.
    "distribution.newsletterissue": ("view", "change", "add"),
}

# Asking for a breaking alert composes a newsletter issue, so the right is Django's own
# "add newsletter issue" permission (the newsroom has no add form for issues: digests compose
# themselves). Chief editors hold it; an administrator can give it to a trusted editor.
SEND_BREAKING_ALERT = "distribution.add_newsletterissue"


def may_send_breaking_alert(user) -> bool:
    """Holders of :data:`SEND_BREAKING_ALERT`, and chief editors even in a group created
    before the permission was added to it (groups only gain rights when an account is made)."""
    if not getattr(user, "is_active", False):
        return False
    return user.has_perm(SEND_BREAKING_ALERT) or user.groups.filter(name=CHIEF_EDITORS).exists()


class EditorExists(ValueError):
    """An account with that username is already there."""


def _permissions(spec: Mapping[str, Sequence[str]]) -> list[Permission]:
    """Permissions for ``{"model": actions}``; a key may name its app (``"distribution.x"``),
    the default app being ``news``."""
    wanted: set[tuple[str, str]] = set()
    for key, actions in spec.items():
        app_label, _, model = key.rpartition(".")
        wanted |= {(app_label or "news", f"{action}_{model}") for action in actions}
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query)) if wanted else []
    missing = {codename for _, codename in wanted} - {p.codename for p in found}
    if missing:
        raise ImproperlyConfigured(
            f"Permissions {', '.join(sorted(missing))} do not exist yet; "
            "run `dateline migrate` first."
        )
    return found


def ensure_group(name: str, spec: Mapping[str, Sequence[str]]) -> Group:
    """The group ``name``, created if missing and holding at least the permissions in ``spec``."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*_permissions(spec))
    return group


def editors_group() -> Group:
    return ensure_group(EDITORS, EDITOR_PERMISSIONS)


def chief_editors_group() -> Group:
    return ensure_group(CHIEF_EDITORS, CHIEF_EDITOR_PERMISSIONS)


def create_editor(
    username: str, *, password: str, email: str = "", chief: bool = False
) -> AbstractUser:
    """A new staff account in the Editors group (and Chief editors when ``chief``).

    Raises :class:`EditorExists` rather than changing an existing account.
    """
    user_model = get_user_model()
    with transaction.atomic():
        if user_model._default_manager.filter(username=username).exists():
            raise EditorExists(username)
        user = user_model._default_manager.create_user(
            username=username, email=email, password=password, is_staff=True
        )
        groups = [editors_group()]
        if chief:
            groups.append(chief_editors_group())
        user.groups.add(*groups)
    return user
