"""Which translations a story has, and which of them lag behind their original.

A story and its translations share ``Article.translation_group``. The *original* is the
version written first. A translation is *outdated* when the original's text (headline, lead
or body) changed after the translation was last saved: the desk translating it should look
at the original's history and carry the change over.

Answered for a whole list of stories in two queries, whatever their number (the newsroom's
story list shows it for every row).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db.models import Max

from dateline.editorial.models import Revision
from dateline.news.models import Article, Status

TEXT_FIELDS = frozenset({"headline", "lead", "body"})


@dataclass(frozen=True)
class Version:
    """One version of a story, as the translation panel and the story list show it."""

    article_id: int
    edition_id: int
    edition_code: str
    headline: str
    status: str
    is_original: bool
    last_saved: datetime
    outdated_since: datetime | None  # when the original's text changed, if after this was saved

    @property
    def is_outdated(self) -> bool:
        return self.outdated_since is not None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)


def versions_of(groups: Iterable[UUID]) -> dict[UUID, list[Version]]:
    """Every version of each story in ``groups``, originals first, then by edition."""
    rows = list(
        Article.objects.filter(translation_group__in=set(groups))
        .order_by("edition__position", "edition_id")
        .values_list(
            "pk",
            "translation_group",
            "edition_id",
            "edition__code",
            "headline",
            "status",
            "created_at",
        )
    )
    by_group: dict[UUID, list[tuple]] = defaultdict(list)
    for row in rows:
        by_group[row[1]].append(row)
    originals = {
        group: min(members, key=lambda row: (row[6], row[0]))[0]
        for group, members in by_group.items()
    }
    saved, text_changed = _history([row[0] for row in rows], set(originals.values()))
    found: dict[UUID, list[Version]] = {}
    for group, members in by_group.items():
        original = originals[group]
        changed = text_changed.get(original)
        versions = []
        for pk, _group, edition_id, edition_code, headline, status, created_at in members:
            last_saved = saved.get(pk, created_at)
            is_original = pk == original
            lagging = not is_original and changed is not None and changed > last_saved
            versions.append(
                Version(
                    article_id=pk,
                    edition_id=edition_id,
                    edition_code=edition_code,
                    headline=headline,
                    status=status,
                    is_original=is_original,
                    last_saved=last_saved,
                    outdated_since=changed if lagging else None,
                )
            )
        versions.sort(key=lambda v: not v.is_original)  # stable: editions stay in order
        found[group] = versions
    return found


def _history(
    article_ids: list[int], original_ids: set[int]
) -> tuple[dict[int, datetime], dict[int, datetime]]:
    """When each story was last saved, and when each original's text last changed."""
    saved = dict(
        Revision.objects.filter(article_id__in=article_ids)
        .values("article_id")
        .annotate(last=Max("created_at"))
        .order_by()
        .values_list("article_id", "last")
    )
    text_changed: dict[int, datetime] = {}
    for article_id, created_at, changed_fields in (
        Revision.objects.filter(article_id__in=original_ids)
        .order_by("article_id", "-created_at")
        .values_list("article_id", "created_at", "changed_fields")
    ):
        if article_id not in text_changed and TEXT_FIELDS.intersection(changed_fields or ()):
            text_changed[article_id] = created_at
    return saved, text_changed
