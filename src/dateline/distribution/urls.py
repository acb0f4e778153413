"""Addresses of distribution's reader-facing endpoints (included from ``dateline.urls``)."""

from django.urls import include, path

from dateline.distribution.feeds.corrections import CorrectionsFeed
from dateline.distribution.recommend import views as recommend

app_name = "distribution"
urlpatterns = [
    path("<slug:edition>/news/<int:pk>/recommend/", recommend.recommend, name="recommend"),
    path("recommendations/stop/<str:token>/", recommend.stop, name="recommend-stop"),
    path("", include("dateline.distribution.newsletters.urls")),  # newsletters
    # Before the feeds' section pattern, which would take "corrections" for a section slug.
    path(
        "<slug:edition>/corrections/feeds/<str:file>",
        CorrectionsFeed.as_view(),
        name="corrections-feed",
    ),
    path("", include("dateline.distribution.feeds.urls")),  # RSS, Atom, JSON Feed
    path("", include("dateline.distribution.sitemaps.urls")),  # sitemap index, Google News
]
