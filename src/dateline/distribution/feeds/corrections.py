"""The corrections and updates feed of an edition: ``/en/corrections/feeds/rss.xml``.

One entry per public note (correction, clarification or update), newest first, linking to
the note at the end of its story. It keeps :class:`StoryFeed`'s HTTP policy (conditional
GET, caching, WebSub links) and says only what it lists: notes, not stories — so the list
and the item fields are its own. Which notes are public is
:func:`dateline.news.correcting.public_corrections`: a story unpublished later takes its
notes out of the feed.
"""

import hashlib
from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape, linebreaks
from django.utils.http import quote_etag
from django.utils.translation import gettext as _

from dateline.distribution.feeds.addresses import FeedFormat, declared_hub
from dateline.distribution.feeds.base import FEED_SIZE, StoryFeed
from dateline.news.correcting import public_corrections
from dateline.news.models import Correction, Edition
from dateline.pagecache import keys as page_keys


def corrections_page(edition: Edition) -> str:
    return reverse("website:corrections", kwargs={"edition": edition.code})


def corrections_feed_path(edition: Edition, fmt: FeedFormat) -> str:
    return reverse(
        "distribution:corrections-feed", kwargs={"edition": edition.code, "file": fmt.file}
    )


class CorrectionsFeed(StoryFeed):
    """Items are :class:`~dateline.news.models.Correction` notes (typed ``Any`` where the base
    class speaks of articles)."""

    def get_object(self, request: HttpRequest, edition: str) -> Edition:
        return Edition.objects.get(code=edition)

    def list_key(self, edition: Edition) -> str:
        return page_keys.corrections(edition.pk)

    def title(self, edition: Edition) -> str:
        return _("%(site_name)s — corrections and updates (%(edition)s)") % {
            "site_name": self.site_name,
            "edition": edition.name,
        }

    def link(self, edition: Edition) -> str:
        return self.absolute(corrections_page(edition))

    def description(self, edition: Edition) -> str:
        return _(
            "Corrections, clarifications and updates to stories published by %(site_name)s "
            "in %(edition)s, newest first."
        ) % {"site_name": self.site_name, "edition": edition.name}

    def latest(self, edition: Edition) -> list[Any]:
        notes = list(
            public_corrections()
            .filter(edition=edition)
            .select_related("article__section")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )
        for note in notes:
            note.article.edition = edition  # the story's URL needs the code: no query per item
        return notes

    def validators(self) -> tuple[str, int | None]:
        """The ETag covers each note's wording and its story's last change (a note may be
        reworded, a headline may change); Last-Modified is the newest note's date."""
        notes = cast(list[Correction], self.entries)
        fingerprint = hashlib.sha256(
            "|".join(
                [
                    "corrections",
                    self.fmt.key,
                    self.origin,
                    declared_hub(),
                    *(
                        f"{n.pk}:{n.kind}:{n.text}:{n.article.modified_at.timestamp()}"
                        for n in notes
                    ),
                ]
            ).encode()
        ).hexdigest()[:32]
        newest = max((n.created_at for n in notes), default=None)
        return quote_etag(fingerprint), int(newest.timestamp()) if newest else None

    # --- Item fields: a note, pointing at its place at the end of the story ------------------

    def item_title(self, item: Any) -> str:
        note: Correction = item
        # Translators: a corrections feed entry: the kind of note, then the story's headline
        return _("%(kind)s: %(headline)s") % {
            "kind": note.get_kind_display(),
            "headline": note.article.headline,
        }

    def item_description(self, item: Any) -> str:
        return linebreaks(escape(item.text))

    def item_link(self, item: Any) -> str:
        return self.absolute(f"{item.article.get_absolute_url()}#correction-{item.pk}")

    def item_guid(self, item: Any) -> str:
        # The story's id-only address survives a change of slug; the fragment names the note.
        short = reverse(
            "website:article-short", kwargs={"edition": self.edition.code, "pk": item.article_id}
        )
        return self.absolute(f"{short}#correction-{item.pk}")

    def item_pubdate(self, item: Any) -> datetime:
        return self.edition.local(item.created_at).replace(microsecond=0)

    def item_updateddate(self, item: Any) -> datetime:
        return self.item_pubdate(item)

    def item_author_name(self, item: Any) -> str | None:
        return settings.DATELINE_SITE_NAME  # a note speaks for the outlet, not for one editor

    def item_categories(self, item: Any) -> list[str]:
        return [item.get_kind_display(), item.article.section.name]

    def item_extra_kwargs(self, item: Any) -> dict[str, Any]:
        return {"authors": [], "summary": item.text, "content_html": None}
