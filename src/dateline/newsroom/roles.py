"""Newsroom roles as Django groups, and the rules that say who may do what to which story.

Four roles, each a group (a chief editor is in both editor groups):

- **Reporter** writes drafts and submits them for review. A reporter edits only their own
  drafts (including stories returned to them) and never publishes.
- **Editor** edits, returns, schedules and publishes — but only stories in the editions and
  sections of their desks (:class:`dateline.editorial.models.Desk`; a desk without a section
  covers the whole edition), and add corrections to live stories there. Editors cannot
  unpublish.
- **Chief editor** does everything editorial everywhere: unpublishing, rewording published
  corrections, deleting stories, the audit log.
- **Administrator** looks after people (accounts, groups, desks) and settings (editions,
  sections), not stories.

The groups are created on demand and only ever gain permissions here, so a permission an
administrator added by hand survives ``dateline demo``, ``dateline createeditor`` and role
changes on the People screen; all three go through :func:`assign_role`.

Permissions say *what* a role may do; desks say *where*. Every screen asks the ``may_*``
functions below with the story in hand, so a forged POST meets the same rule as a button.
"""

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from dateline.news.models import Article, Edition, Section, Status
from dateline.news.models.articles import published_condition

REPORTERS = "Reporters"
EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"
ADMINISTRATORS = "Administrators"


class Role(StrEnum):
    REPORTER = "reporter"
    EDITOR = "editor"
    CHIEF = "chief"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """The role's name in the active language."""
        return str(ROLE_LABELS[self])


# Translated when shown (lazily: choices built at import use these as they are).
ROLE_LABELS: Mapping[Role, str | Promise] = {
    Role.REPORTER: gettext_lazy("Reporter"),
    Role.EDITOR: gettext_lazy("Editor"),
    Role.CHIEF: gettext_lazy("Chief editor"),
    Role.ADMIN: gettext_lazy("Administrator"),
}

# Model name → actions; a key may name its app ("editorial.note"), the default being ``news``.
# Article actions beyond Django's four: "submit" (for review), "publish" (publish, schedule,
# return to the reporter), "unpublish", "preview" and "edit_any_desk" (no desk needed).
REPORTER_PERMISSIONS: Mapping[str, Sequence[str]] = {
    "article": ("add", "change", "view", "submit", "preview"),
    "articleauthor": ("add", "change", "view", "delete"),  # the byline of their own drafts
    "section": ("view",),
    "author": ("add", "view"),
    "tag": ("add", "view"),
    "source": ("view",),
    "edition": ("view",),
    "editorial.note": ("add", "view"),
    "editorial.revision": ("view",),
    "media.image": ("add", "view"),
}

# Editors write and file stories; removing stories, sections, bylines and sources is left to
# chief editors, except for tags, which editors tidy up themselves.
EDITOR_PERMISSIONS: Mapping[str, Sequence[str]] = {
    "article": ("add", "change", "view", "submit", "publish", "preview"),
    "articleauthor": ("add", "change", "view", "delete"),  # taking a name off a byline
    "section": ("add", "change", "view"),
    "author": ("add", "change", "view"),
    "tag": ("add", "change", "view", "delete"),
    "source": ("add", "change", "view"),
    "edition": ("view",),
    "editorial.note": ("add", "view"),
    "editorial.revision": ("view",),
    "editorial.draftshare": ("add", "change", "view"),
    "media.image": ("add", "change", "view"),
    # Adding a correction, clarification or update to a live story in their desks; rewording
    # a note already published is left to chief editors.
    "correction": ("add", "view"),
}

CHIEF_EDITOR_PERMISSIONS: Mapping[str, Sequence[str]] = {
    **EDITOR_PERMISSIONS,
    "article": (
        "add",
        "change",
        "view",
        "delete",
        "submit",
        "publish",
        "unpublish",
        "preview",
        "edit_any_desk",
    ),
    "articleauthor": ("add", "change", "view", "delete"),
    "section": ("add", "change", "view", "delete"),
    "author": ("add", "change", "view", "delete"),
    "source": ("add", "change", "view", "delete"),
    "edition": ("change", "view"),
    "correction": ("add", "change", "view"),
    "editorial.auditentry": ("view",),
    "editorial.note": ("add", "view", "delete"),
    "media.image": ("add", "change", "view", "delete"),
    # What left the building: mail, and the recommendation audit log and suppression list.
    "distribution.outgoingmail": ("view",),
    "distribution.recommendationattempt": ("view",),
    "distribution.suppressedrecipient": ("view",),
    # Newsletters: subscribers (export, delete on a privacy request) and issues (send).
    "distribution.subscriber": ("view", "change", "delete"),
    # "add" is asking for a breaking alert: see SEND_BREAKING_ALERT below.
    "distribution.newsletterissue": ("view", "change", "add"),
}

# People and settings; an administrator who should also edit is given a second role's group.
ADMINISTRATOR_PERMISSIONS: Mapping[str, Sequence[str]] = {
    "auth.user": ("add", "change", "view", "delete"),
    "auth.group": ("add", "change", "view"),
    "editorial.desk": ("add", "change", "view", "delete"),
    "edition": ("add", "change", "view"),
    "section": ("add", "change", "view", "delete"),
    "accounts.securitypolicy": ("change", "view"),  # also the sign-in log, 2FA resets
}

GROUP_PERMISSIONS: Mapping[str, Mapping[str, Sequence[str]]] = {
    REPORTERS: REPORTER_PERMISSIONS,
    EDITORS: EDITOR_PERMISSIONS,
    CHIEF_EDITORS: CHIEF_EDITOR_PERMISSIONS,
    ADMINISTRATORS: ADMINISTRATOR_PERMISSIONS,
}

ROLE_GROUPS: Mapping[Role, tuple[str, ...]] = {
    Role.REPORTER: (REPORTERS,),
    Role.EDITOR: (EDITORS,),
    Role.CHIEF: (EDITORS, CHIEF_EDITORS),
    Role.ADMIN: (ADMINISTRATORS,),
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
    the default app being ``news``. An action with an underscore is a whole codename
    (``"edit_any_desk"``), others are joined to the model (``"publish"`` → ``publish_article``)."""
    wanted: set[tuple[str, str]] = set()
    for key, actions in spec.items():
        app_label, _, model = key.rpartition(".")
        wanted |= {
            (app_label or "news", action if "_" in action else f"{action}_{model}")
            for action in actions
        }
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


def ensure_group(name: str, spec: Mapping[str, Sequence[str]] | None = None) -> Group:
    """The group ``name``, created if missing and holding at least the permissions in ``spec``
    (by default the role's own, from :data:`GROUP_PERMISSIONS`)."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*_permissions(spec if spec is not None else GROUP_PERMISSIONS[name]))
    return group


def refresh_existing_groups(using: str = "default") -> list[str]:
    """Gives every existing role group the permissions this release defines for it.

    Run after ``migrate``, so an upgrade that adds a right (say, unpublishing for chief editors)
    reaches the accounts already in the group without anyone re-assigning roles. Groups that do
    not exist yet are left to be created when the first account gets the role.
    """
    refreshed = []
    for group in Group.objects.using(using).filter(name__in=GROUP_PERMISSIONS):
        group.permissions.add(*_permissions(GROUP_PERMISSIONS[group.name]))
        refreshed.append(group.name)
    return refreshed


def reporters_group() -> Group:
    return ensure_group(REPORTERS)


def editors_group() -> Group:
    return ensure_group(EDITORS)


def chief_editors_group() -> Group:
    return ensure_group(CHIEF_EDITORS)


def administrators_group() -> Group:
    return ensure_group(ADMINISTRATORS)


def role_of(user) -> Role | None:
    """The highest newsroom role among the user's groups (chief before editor before
    reporter; administrator last, as it carries no editorial rights)."""
    names = {group.name for group in user.groups.all()}
    for role in (Role.CHIEF, Role.EDITOR, Role.REPORTER, Role.ADMIN):
        if set(ROLE_GROUPS[role]) <= names:
            return role
    return None


def assign_role(user, role: Role | str) -> None:
    """Puts ``user`` in exactly the groups of ``role`` among the role groups, leaving any other
    group alone, and makes the account staff so it can sign in to the newsroom."""
    role = Role(role)
    wanted = [ensure_group(name) for name in ROLE_GROUPS[role]]
    others = Group.objects.filter(name__in=GROUP_PERMISSIONS).exclude(pk__in=[g.pk for g in wanted])
    user.groups.remove(*others)
    user.groups.add(*wanted)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    _forget_cached_rights(user)


def parse_desk(spec: str) -> tuple[Edition, Section | None]:
    """``"en"`` → the English edition; ``"en/politics"`` → its Politics section.

    Raises :class:`ValueError` with a message naming what exists when nothing matches.
    """
    code, _, slug = spec.strip().strip("/").partition("/")
    edition = Edition.objects.filter(code=code).first()
    if edition is None:
        known = ", ".join(Edition.objects.values_list("code", flat=True)) or "none yet"
        raise ValueError(f"No edition “{code}”; editions: {known}.")
    if not slug:
        return edition, None
    section = edition.sections.filter(slug=slug).first()
    if section is None:
        known = ", ".join(edition.sections.values_list("slug", flat=True)) or "none yet"
        raise ValueError(f"No section “{slug}” in the {edition.name} edition; sections: {known}.")
    return edition, section


def add_desk(user, edition: Edition, section: Section | None = None) -> None:
    """Gives ``user`` a desk (idempotent)."""
    from dateline.editorial.models import Desk

    Desk.objects.get_or_create(user=user, edition=edition, section=section)
    _forget_cached_rights(user)


def create_editor(
    username: str,
    *,
    password: str,
    email: str = "",
    chief: bool = False,
    role: Role | str | None = None,
    desks: Iterable[tuple[Edition, Section | None]] = (),
) -> AbstractUser:
    """A new staff account with ``role`` (default: editor, or chief editor when ``chief``),
    and a desk for each ``(edition, section)`` in ``desks``.

    Raises :class:`EditorExists` rather than changing an existing account.
    """
    user_model = get_user_model()
    with transaction.atomic():
        if user_model._default_manager.filter(username=username).exists():
            raise EditorExists(username)
        user = user_model._default_manager.create_user(
            username=username, email=email, password=password, is_staff=True
        )
        assign_role(user, role or (Role.CHIEF if chief else Role.EDITOR))
        for edition, section in desks:
            add_desk(user, edition, section)
    return user


# --- Who may do what to which story ------------------------------------------------------


def _forget_cached_rights(user) -> None:
    for attribute in ("_dateline_desks", "_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        user.__dict__.pop(attribute, None)


def works_everywhere(user) -> bool:
    """Chief editors (and superusers) need no desk."""
    return bool(user.is_active and user.has_perm("news.edit_any_desk"))


def desks(user) -> list[tuple[int, int | None]]:
    """``(edition_id, section_id or None)`` for each of the user's desks, read once per
    request (the user object of a request lives as long as the request)."""
    cached = user.__dict__.get("_dateline_desks")
    if cached is None:
        from dateline.editorial.models import Desk

        cached = list(Desk.objects.filter(user_id=user.pk).values_list("edition_id", "section_id"))
        user.__dict__["_dateline_desks"] = cached
    return cached


def covers(user, edition_id: int | None, section_id: int | None) -> bool:
    """Whether one of the user's desks covers that edition and section."""
    if works_everywhere(user):
        return True
    return any(
        desk_edition == edition_id and desk_section in (None, section_id)
        for desk_edition, desk_section in desks(user)
    )


def covers_story(user, article: Article) -> bool:
    return covers(user, article.edition_id, article.section_id)


def desk_editions(user) -> Q:
    """A filter on editions the user may file stories in (all for chief editors)."""
    if works_everywhere(user):
        return Q()
    return Q(pk__in={edition for edition, _ in desks(user)})


def desk_sections(user) -> Q:
    """A filter on sections the user may file stories in (all for chief editors)."""
    if works_everywhere(user):
        return Q()
    whole = {edition for edition, section in desks(user) if section is None}
    single = {section for _, section in desks(user) if section is not None}
    return Q(edition_id__in=whole) | Q(pk__in=single)


def is_desk_bound(user) -> bool:
    """Editors choose editions and sections among their desks' only; reporters write for
    any desk (an editor of that desk takes the story from review), chief editors anywhere."""
    return user.has_perm("news.publish_article") and not works_everywhere(user)


def visible_stories(user, queryset):
    """What the newsroom lists for ``user``: everything for editors and chief editors (read
    only outside their desks), and for reporters their own stories plus what is live."""
    if user.has_perm("news.publish_article"):
        return queryset
    return queryset.filter(Q(created_by_id=user.pk) | published_condition())


def may_see(user, article: Article) -> bool:
    if user.has_perm("news.publish_article"):
        return user.has_perm("news.view_article") or user.has_perm("news.change_article")
    return user.has_perm("news.view_article") and (
        article.created_by_id == user.pk or article.is_public
    )


def may_edit(user, article: Article) -> bool:
    """Editors change any story of their desks; anyone with the right to change articles
    changes their own drafts, including those returned to them."""
    if not user.has_perm("news.change_article"):
        return False
    if user.has_perm("news.publish_article") and covers_story(user, article):
        return True
    return article.status == Status.DRAFT and (
        article.pk is None or article.created_by_id == user.pk
    )


def may_submit(user, article: Article) -> bool:
    return (
        user.has_perm("news.submit_article")
        and article.status == Status.DRAFT
        and may_edit(user, article)
    )


def may_return(user, article: Article) -> bool:
    return (
        user.has_perm("news.publish_article")
        and article.status == Status.IN_REVIEW
        and covers_story(user, article)
    )


def may_publish(user, article: Article) -> bool:
    return user.has_perm("news.publish_article") and covers_story(user, article)


def may_unpublish(user, article: Article) -> bool:
    return user.has_perm("news.unpublish_article") and covers_story(user, article)


def may_delete(user, article: Article) -> bool:
    return user.has_perm("news.delete_article") and covers_story(user, article)


def may_preview(user, article: Article) -> bool:
    return user.has_perm("news.preview_article") and may_see(user, article)
