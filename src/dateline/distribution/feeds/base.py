"""The feed base class: what every Dateline feed does, whatever it lists.

A subclass says which edition it belongs to, what it is called, where its page is and
which public stories it lists (``edition_for``, ``title``, ``link``, ``stories``); this
class owns the rest — the latest 50 stories in a fixed number of queries, item fields,
and the HTTP policy:

- ``ETag`` and ``Last-Modified`` (the newest story's publication or update time), so a
  reader polling every few minutes gets ``304 Not Modified`` until something changes;
- ``Cache-Control: public, max-age`` (``DATELINE_FEED_CACHE_SECONDS``) and no cookies, so a
  CDN may keep it;
- the format's content type, and ``Link: rel=hub / rel=self`` when a WebSub hub is set.

A feed object serves one request (``as_view`` builds a new one each time), so per-request
state may live on ``self``.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import escape
from django.utils.http import http_date, quote_etag
from django.utils.translation import override

from dateline.distribution.feeds.addresses import (
    BY_FILE,
    RSS,
    FeedFormat,
    declared_hub,
    public_origin,
)
from dateline.distribution.feeds.generators import AtomFeed, JsonFeed, RssFeed
from dateline.lib import public_url
from dateline.lib.languages import interface_language
from dateline.lib.sanitize import clean_body_html
from dateline.news.models import Article, Author, Edition
from dateline.pagecache import keys as page_keys
from dateline.pagecache import policy

FEED_SIZE = 50
GENERATORS: dict[str, type[RssFeed] | type[AtomFeed] | type[JsonFeed]] = {
    "rss": RssFeed,
    "atom": AtomFeed,
    "json": JsonFeed,
}


class StoryFeed(Feed):
    fmt: FeedFormat = RSS
    feed_type: type[RssFeed] | type[AtomFeed] | type[JsonFeed]
    request: HttpRequest
    origin: str
    edition: Edition
    entries: list[Article]

    @classmethod
    def as_view(cls) -> Callable[..., HttpResponseBase]:
        def serve(request: HttpRequest, file: str, **kwargs: str) -> HttpResponseBase:
            fmt = BY_FILE.get(file)
            if fmt is None:
                raise Http404("No such feed format.")
            return cls(fmt)(request, **kwargs)

        serve.__name__ = serve.__qualname__ = f"{cls.__name__}_view"
        return serve

    def __init__(self, fmt: FeedFormat = RSS) -> None:
        self.fmt = fmt
        self.feed_type = GENERATORS[fmt.key]

    # --- What a subclass fills in -------------------------------------------------------------

    def stories(self, obj: Any) -> QuerySet[Article]:
        """The public stories this feed lists, filtered from ``Article.objects.published()``."""
        raise NotImplementedError("A feed must say which stories it lists: define stories().")

    def edition_for(self, obj: Any) -> Edition:
        """The edition whose language and time zone the feed uses."""
        return obj

    def list_key(self, obj: Any) -> str:
        """The page-cache key of the list this feed is the head of (see pagecache/keys.py)."""
        return page_keys.edition_latest(self.edition.pk)

    # --- The HTTP policy ------------------------------------------------------------------------

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        self.origin = public_origin(request)
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("No such feed.") from None
        self.edition = self.edition_for(obj)
        self.language = self.edition.language
        self.entries = self.latest(obj)
        etag, last_modified = self.validators()
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            # Titles, descriptions and labels in the feed's own language (its <language>),
            # whatever the request's: the site feed has no edition in its URL, and caches
            # share one copy of each feed.
            with override(interface_language(self.language)):
                feed = self.get_feed(obj, request)
            response = HttpResponse(content_type=self.feed_type.content_type)
            feed.write(response, "utf-8")
        if etag:
            response.headers["ETag"] = etag
        if last_modified is not None:
            response.headers["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=settings.DATELINE_FEED_CACHE_SECONDS)
        page_keys.add(page_keys.edition(self.edition.pk), self.list_key(obj))
        policy.mark(response)
        hub = declared_hub()
        if hub:
            response.headers["Link"] = f'<{hub}>; rel="hub", <{self.self_url()}>; rel="self"'
        return response

    def latest(self, obj: Any) -> list[Article]:
        entries = list(
            self.stories(obj)
            .select_related("section", "edition")
            .prefetch_related(
                Prefetch("authors", queryset=Author.objects.order_by("articleauthor__position"))
            )
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )
        return entries

    def validators(self) -> tuple[str, int | None]:
        """The ETag (what the feed holds) and Last-Modified (newest publication or update).

        The ETag covers every listed story's id and last change, so a story leaving the
        feed (unpublished) changes it even though no newer time appears.
        """
        fingerprint = hashlib.sha256(
            "|".join(
                [
                    self.fmt.key,
                    self.origin,
                    declared_hub(),
                    str(settings.DATELINE_FEED_FULL_TEXT),
                    *(f"{a.pk}:{a.modified_at.timestamp()}" for a in self.entries),
                ]
            ).encode()
        ).hexdigest()[:32]
        times = [self.changed_at(a) for a in self.entries]
        newest = max(times) if times else None
        return quote_etag(fingerprint), int(newest.timestamp()) if newest else None

    @staticmethod
    def changed_at(article: Article) -> datetime:
        published = article.published_at or article.modified_at  # never None when published()
        return max(published, article.updated_at or published)

    @property
    def site_name(self) -> str:
        return settings.DATELINE_SITE_NAME

    def absolute(self, path: str) -> str:
        """On the public origin, an edition with its own domain on that domain."""
        return public_url.absolute(path, self.request)

    def self_url(self) -> str:
        return self.absolute(self.request.path)

    # --- Feed-level fields --------------------------------------------------------------------

    def items(self, obj: Any) -> list[Article]:
        return self.entries

    def feed_url(self, obj: Any) -> str:
        return self.self_url()

    def author_name(self, obj: Any) -> str:
        return settings.DATELINE_SITE_NAME

    def feed_extra_kwargs(self, obj: Any) -> dict[str, Any]:
        return {"hub_url": declared_hub()}

    # --- Item fields ----------------------------------------------------------------------------

    def item_title(self, item: Article) -> str:
        return item.headline

    def item_description(self, item: Article) -> str:
        # RSS and Atom descriptions are HTML: the plain-text lead is escaped, never trusted.
        # The full text, when on, goes in content:encoded / <content> / content_html.
        return escape(item.lead or item.headline)

    def item_link(self, item: Article) -> str:
        return self.absolute(item.get_absolute_url())

    def item_guid(self, item: Article) -> str:
        # The id-only address survives a change of slug, so readers never see a story twice.
        return self.absolute(
            reverse("website:article-short", kwargs={"edition": item.edition.code, "pk": item.pk})
        )

    def item_guid_is_permalink(self, item: Article) -> bool:
        return True

    def item_pubdate(self, item: Article) -> datetime | None:
        # In the edition's zone, so readers see the dateline's own offset (+04:00 in Baku).
        if item.published_at is None:
            return None
        return self.edition.local(item.published_at).replace(microsecond=0)

    def item_updateddate(self, item: Article) -> datetime:
        return self.edition.local(self.changed_at(item)).replace(microsecond=0)

    def item_author_name(self, item: Article) -> str | None:
        return ", ".join(person.name for person in item.authors.all()) or None

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, item.get_genre_display()]

    def item_extra_kwargs(self, item: Article) -> dict[str, Any]:
        authors = [
            (
                person.name,
                self.absolute(
                    reverse(
                        "website:author", kwargs={"edition": item.edition.code, "slug": person.slug}
                    )
                ),
            )
            for person in item.authors.all()
        ]
        return {
            "authors": authors,
            "summary": item.lead,
            "content_html": self.full_text(item) if settings.DATELINE_FEED_FULL_TEXT else None,
        }

    def full_text(self, item: Article) -> str:
        # Bodies are cleaned on save; cleaning again covers rows written around save().
        return clean_body_html(item.body)
