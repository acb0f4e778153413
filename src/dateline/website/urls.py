from django.urls import path, register_converter

from dateline.website.views import (
    archive,
    articles,
    corrections,
    fronts,
    listings,
    reports,
    robots,
    search,
    shared_draft,
)


class EditionCodeConverter:
    regex = "[a-z]{2,3}(?:-[a-z0-9]{2,8})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(EditionCodeConverter, "edition")

app_name = "website"
urlpatterns = [
    path("", fronts.home, name="root"),
    path("robots.txt", robots.robots_txt, name="robots"),
    path("favicon.ico", robots.favicon, name="favicon"),
    path("shared/<str:token>/", shared_draft.shared_draft, name="shared-draft"),  # preview links
    path("<edition:edition>/", fronts.home, name="home"),
    path("<edition:edition>/news/<int:pk>/", articles.article_by_id, name="article-short"),
    path("<edition:edition>/news/<int:pk>-<str:slug>/", articles.article, name="article"),
    path(
        "<edition:edition>/news/<int:pk>-<str:slug>/print/",
        articles.article_print,
        name="article-print",
    ),
    # Reader error reports (website/views/reports.py)
    path(
        "<edition:edition>/news/<int:pk>-<str:slug>/report/", reports.report, name="article-report"
    ),
    path(
        "<edition:edition>/news/<int:pk>-<str:slug>/report/thanks/",
        reports.thanks,
        name="article-report-thanks",
    ),
    path("<edition:edition>/corrections/", corrections.corrections, name="corrections"),
    path("<edition:edition>/search/", search.search, name="search"),
    path("<edition:edition>/search/opensearch.xml", search.opensearch, name="opensearch"),
    path("<edition:edition>/author/<slug:slug>/", listings.author, name="author"),
    path("<edition:edition>/tag/<slug:slug>/", listings.tag, name="tag"),
    path(
        "<edition:edition>/archive/<str:year>/<str:month>/<str:day>/",
        archive.day,
        name="archive-day",
    ),
    path("<edition:edition>/<slug:section>/", fronts.section, name="section"),
]
