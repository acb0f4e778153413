"""Sitemap addresses, all at the site root: a sitemap only vouches for URLs under its own
folder, so ``/sitemap-en-articles-0.xml`` may list every page of the site."""

from django.urls import path

from dateline.distribution.sitemaps import views

urlpatterns = [
    path("sitemap.xml", views.index, name="sitemap-index"),
    path("sitemap-news.xml", views.news_index, name="sitemap-news-index"),
    path(
        "sitemap-<slug:edition>-articles-<int:number>.xml",
        views.articles,
        name="sitemap-articles",
    ),
    path("sitemap-<slug:edition>-news.xml", views.news, name="sitemap-news"),
    path("sitemap-<slug:edition>-sections.xml", views.sections, name="sitemap-sections"),
    path("sitemap-<slug:edition>-tags.xml", views.tags, name="sitemap-tags"),
    path("sitemap-<slug:edition>-authors.xml", views.authors, name="sitemap-authors"),
]
