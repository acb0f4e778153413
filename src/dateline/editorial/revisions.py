"""Revisions: the story as it stood after every save from the newsroom, and restoring one.

A revision's ``snapshot`` is plain JSON, so it survives later changes to the story and to the
things it points at: related objects are kept as ids (what a restore writes back) together
with their names at the time (what the history and the diff show, even after a tag or an
author was deleted)::

    {"headline": "Budget passes", "section": 3, "tags": [7, 2], "byline": [5, 1], …,
     "_labels": {"section": "Politics", "tags": ["Economy", "Elections"],
                 "byline": ["Aysel Mammadova", "Rauf Aliyev"], …}}

Revisions are numbered per story from 1. A story written before revisions were kept gets a
revision 1 holding its old state on its next save (:func:`ensure_baseline`), so its first
change can be compared with something.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dateline.editorial import audit
from dateline.editorial.models import AuditAction, Revision
from dateline.media.models import Image
from dateline.news import publishing
from dateline.news.models import Article, ArticleAuthor, Author, Edition, Section, Source, Tag

# Every field an editor changes on the article screen, in the order the history lists them.
SNAPSHOT_FIELDS: tuple[str, ...] = (
    "headline",
    "slug",
    "lead",
    "body",
    "edition",
    "section",
    "genre",
    "source",
    "tags",
    "byline",
    "picture",
    "is_breaking",
    "breaking_until",
    "is_top_story",
    "top_position",
    "published_at",
    "embargo_until",
)

# Fields holding ids of other records: their names go into ``_labels``.
_RELATED = {"edition": Edition, "section": Section, "source": Source, "picture": Image}
_TIMES = ("breaking_until", "published_at", "embargo_until")
# Plain values copied as they are.
_PLAIN = (
    "headline", "slug", "lead", "body", "genre", "is_breaking", "is_top_story", "top_position",
)  # fmt: skip

# Publication time and status belong to the publishing buttons (news.publishing): restoring an
# old revision brings back what the story said and how it was labelled, never whether or when
# it is public.
RESTORED_FIELDS: tuple[str, ...] = tuple(f for f in SNAPSHOT_FIELDS if f != "published_at")

# How the newsroom names each field in the history, the diff and the conflict page.
FIELD_LABELS: dict[str, Promise] = {
    "headline": _("Headline"),
    # Translators: the readable part of a story's URL.
    "slug": _("Slug"),
    # Translators: the one or two sentences under a story's headline.
    "lead": _("Lead"),
    # Translators: the text of a story.
    "body": _("Body"),
    # Translators: a language edition of the site (English, Azerbaijani, Russian).
    "edition": _("Edition"),
    "section": _("Section"),
    "genre": _("Genre"),
    # Translators: the agency or outlet credited after the dateline.
    "source": _("Source"),
    "tags": _("Tags"),
    "byline": _("Byline"),
    "picture": _("Picture"),
    "is_breaking": _("Breaking news"),
    "breaking_until": _("Breaking banner until"),
    "is_top_story": _("Top story"),
    "top_position": _("Position on the front page"),
    "published_at": _("Publication time"),
    "embargo_until": _("Embargoed until"),
}

LABELS = "_labels"
BASELINE = "_baseline"  # set on the revision 1 recorded for a story older than its history


def snapshot(
    article: Article,
    *,
    tags: Iterable[Tag] | None = None,
    byline: Sequence[Author] | None = None,
) -> dict[str, Any]:
    """The JSON record of ``article``'s edited fields.

    ``tags`` and ``byline`` (authors in byline order) default to what the database holds; pass
    them for a story whose form has not been saved (the text of a conflicting save).
    """
    data: dict[str, Any] = {name: getattr(article, name) for name in _PLAIN}
    labels: dict[str, Any] = {}
    for name in _RELATED:
        related_id = getattr(article, f"{name}_id")
        data[name] = related_id
        if related_id is not None:
            related = getattr(article, name, None)
            labels[name] = str(related) if related is not None else ""
    for name in _TIMES:
        moment: datetime | None = getattr(article, name)
        # In UTC: the same moment must give the same text whatever zone the form used.
        data[name] = moment.astimezone(UTC).isoformat() if moment else None
    if tags is None:
        tags = article.tags.order_by("name", "pk") if article.pk else []
    tag_list = sorted(tags, key=lambda t: (t.name, t.pk))
    data["tags"] = [t.pk for t in tag_list]
    labels["tags"] = [t.name for t in tag_list]
    if byline is None:
        byline = (
            [
                credit.author
                for credit in ArticleAuthor.objects.filter(article=article)
                .select_related("author")
                .order_by("position", "pk")
            ]
            if article.pk
            else []
        )
    data["byline"] = [person.pk for person in byline]
    labels["byline"] = [person.name for person in byline]
    data[LABELS] = labels
    return data


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The fields whose values differ, in :data:`SNAPSHOT_FIELDS` order."""
    return [name for name in SNAPSHOT_FIELDS if before.get(name) != after.get(name)]


def latest(article_id: int) -> Revision | None:
    return Revision.objects.filter(article_id=article_id).order_by("-number").first()


def record(article: Article, *, user: Any = None, restored_from: int | None = None) -> Revision:
    """Records ``article`` as saved just now (its m2m and byline included) as the next revision.

    Call it inside the transaction that saved the story, after the story's row was written:
    that write holds the row lock, so two saves cannot take the same number.
    """
    current = snapshot(article)
    previous = latest(article.pk)
    return Revision.objects.create(
        article=article,
        number=previous.number + 1 if previous else 1,
        created_at=timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
        snapshot=current,
        changed_fields=changed_fields(previous.snapshot, current) if previous else [],
        restored_from=restored_from,
    )


def ensure_baseline(article_id: int) -> Revision | None:
    """Gives a story written before revisions were kept a revision 1 with its stored state.

    Call it before saving new values; returns the revision it created, or ``None`` when the
    story already has a history.
    """
    if Revision.objects.filter(article_id=article_id).exists():
        return None
    stored = Article.objects.select_related("edition", "section", "source", "picture").get(
        pk=article_id
    )
    data = snapshot(stored)
    data[BASELINE] = True
    return Revision.objects.create(
        article=stored,
        number=1,
        created_at=stored.modified_at,
        created_by=None,
        snapshot=data,
        changed_fields=[],
    )


def revision_count(article_id: int) -> int:
    return Revision.objects.filter(article_id=article_id).aggregate(n=Max("number"))["n"] or 0


@dataclass
class Restored:
    """What :func:`restore` did: the new revision, and what it could not bring back."""

    revision: Revision
    skipped: list[str] = field(default_factory=list)


def restore(
    article_id: int, number: int, *, user: Any = None, request: HttpRequest | None = None
) -> Restored:
    """Writes revision ``number``'s snapshot back to the story, as a new revision.

    The story's edit version goes up, so an editor who opened the story before the restore
    gets an edit conflict instead of silently undoing it. Things deleted since (a tag, an
    author, a section) cannot come back; they are left out and named in ``skipped``.
    A live story whose headline, lead or body changed counts as updated for readers.

    Raises :class:`Revision.DoesNotExist` for an unknown number.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        source = Revision.objects.get(article_id=article_id, number=number)
        wanted = source.snapshot
        names = wanted.get(LABELS, {})
        skipped: list[str] = []

        for name in _PLAIN:
            if name in wanted:
                setattr(article, name, wanted[name])
        for name in _TIMES:
            if name in RESTORED_FIELDS and name in wanted:
                value = wanted[name]
                setattr(article, name, datetime.fromisoformat(value) if value else None)
        skipped += _restore_placement(article, wanted, names)
        for name, model in (("source", Source), ("picture", Image)):
            wanted_id = wanted.get(name)
            if wanted_id is None or model._default_manager.filter(pk=wanted_id).exists():
                setattr(article, f"{name}_id", wanted_id)
            else:
                skipped.append(_deleted_message(name, names.get(name, wanted_id)))

        article.version += 1
        article.save()

        tag_ids = list(wanted.get("tags", []))
        existing_tags = set(Tag.objects.filter(pk__in=tag_ids).values_list("pk", flat=True))
        article.tags.set([pk for pk in tag_ids if pk in existing_tags])
        skipped += [
            gettext("tag “%(name)s” (deleted)") % {"name": label}
            for pk, label in zip(tag_ids, names.get("tags", tag_ids), strict=False)
            if pk not in existing_tags
        ]
        skipped += _restore_byline(article, wanted.get("byline", []), names.get("byline", []))

        revision = record(article, user=user, restored_from=number)
        publishing.record_edit(article, set(revision.changed_fields), user=user, request=request)
        audit.record(
            AuditAction.RESTORED,
            article=article,
            user=user,
            request=request,
            restored_from=number,
            revision=revision.number,
        )
    return Restored(revision=revision, skipped=skipped)


def _deleted_message(name: str, label: Any) -> str:
    """What a restore says about a source or picture deleted since the revision."""
    if name == "picture":
        return gettext("picture “%(name)s” (deleted)") % {"name": label}
    return gettext("source “%(name)s” (deleted)") % {"name": label}


def _restore_placement(article: Article, wanted: dict, names: dict) -> list[str]:
    """Edition and section go back together, only when both still fit."""
    edition_id, section_id = wanted.get("edition"), wanted.get("section")
    if (edition_id, section_id) == (article.edition_id, article.section_id):
        return []
    if edition_id is None or section_id is None:
        return [gettext("section (none was recorded)")]
    section = Section.objects.filter(pk=section_id, edition_id=edition_id).first()
    if section is None:
        return [
            gettext("section “%(name)s” (deleted or moved)")
            % {"name": names.get("section", section_id)}
        ]
    taken = (
        Article.objects.filter(translation_group=article.translation_group, edition_id=edition_id)
        .exclude(pk=article.pk)
        .exists()
    )
    if taken:
        return [
            gettext("edition “%(name)s” (the story has a version there)")
            % {"name": names.get("edition", edition_id)}
        ]
    article.edition_id = edition_id
    article.section = section
    return []


def _restore_byline(article: Article, author_ids: list[int], labels: list[str]) -> list[str]:
    """Rows of authors who stay are updated in place, so their ids (which an open form names)
    survive a restore that did not change them."""
    existing = set(Author.objects.filter(pk__in=author_ids).values_list("pk", flat=True))
    wanted = [pk for pk in author_ids if pk in existing]
    rows = {row.author_id: row for row in ArticleAuthor.objects.filter(article=article)}
    ArticleAuthor.objects.filter(article=article).exclude(author_id__in=wanted).delete()
    for position, pk in enumerate(wanted):
        row = rows.get(pk)
        if row is None:
            ArticleAuthor.objects.create(article=article, author_id=pk, position=position)
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    return [
        gettext("author “%(name)s” (deleted)") % {"name": label}
        for pk, label in zip(author_ids, labels or author_ids, strict=False)
        if pk not in existing
    ]
