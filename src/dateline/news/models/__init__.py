"""The newsroom's content model.

Dependency direction inside the package: ``editions`` ← ``taxonomy`` / ``people`` ←
``articles`` ← ``corrections`` ← ``reports``. Publication state is read through
``Article.objects.published()`` and changed only by :mod:`dateline.news.publishing`.
"""

from dateline.news.models.articles import Article, ArticleAuthor, Genre, Status
from dateline.news.models.corrections import Correction, CorrectionKind
from dateline.news.models.editions import Edition
from dateline.news.models.people import Author
from dateline.news.models.reports import ReaderReport, ReportStatus
from dateline.news.models.taxonomy import RESERVED_SECTION_SLUGS, Section, Source, Tag

__all__ = [
    "RESERVED_SECTION_SLUGS",
    "Article",
    "ArticleAuthor",
    "Author",
    "Correction",
    "CorrectionKind",
    "Edition",
    "Genre",
    "ReaderReport",
    "ReportStatus",
    "Section",
    "Source",
    "Status",
    "Tag",
]
