"""Feed addresses (included from ``distribution/urls.py``; names ``distribution:feeds:<kind>``).

``feeds`` and ``feed`` are reserved section slugs, so ``/<edition>/feeds/…`` never shadows a
section, and the files below end in ``.xml`` / ``.json``, never in ``/`` like reader pages.
"""

from django.urls import path, register_converter

from dateline.distribution.feeds.listings import (
    AuthorFeed,
    EditionFeed,
    SectionFeed,
    SiteFeed,
    TagFeed,
)


class FeedFileConverter:
    regex = r"rss\.xml|atom\.xml|feed\.json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFileConverter, "feedfile")

app_name = "feeds"
urlpatterns = [
    path("feeds/<feedfile:file>", SiteFeed.as_view(), name="site"),
    path("<slug:edition>/feeds/<feedfile:file>", EditionFeed.as_view(), name="edition"),
    path(
        "<slug:edition>/author/<slug:slug>/feeds/<feedfile:file>",
        AuthorFeed.as_view(),
        name="author",
    ),
    path("<slug:edition>/tag/<slug:slug>/feeds/<feedfile:file>", TagFeed.as_view(), name="tag"),
    path(
        "<slug:edition>/<slug:section>/feeds/<feedfile:file>", SectionFeed.as_view(), name="section"
    ),
]
