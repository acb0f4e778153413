"""Stories published the way the newsroom publishes them, with the search index following.

Tests run inside a transaction, so the on-commit signals that keep the index up to date
would never fire; :class:`Desk` runs them, as a real commit does.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from dateline.news.models import Article, Edition, Section
from dateline.search.searching import Filters, Results, search_edition
from tests import factories


@dataclass
class Desk:
    committing: Callable  # django_capture_on_commit_callbacks
    english: Section
    azerbaijani: Section
    russian: Section

    def publish(self, *, sec: Section | None = None, **fields) -> Article:
        with self.committing(execute=True):
            return factories.article(sec=sec or self.english, **fields)

    def after_commit(self, action: Callable[[], object]) -> object:
        with self.committing(execute=True):
            return action()


@pytest.fixture
def newsdesk(db, django_capture_on_commit_callbacks) -> Desk:
    return Desk(
        committing=django_capture_on_commit_callbacks,
        english=factories.section(factories.edition("en"), "Politics"),
        azerbaijani=factories.section(factories.edition("az"), "Siyasət", slug="siyaset"),
        russian=factories.section(factories.edition("ru"), "Политика", slug="politika"),
    )


def found(text: str, edition: str = "en", **options) -> list[str]:
    """Headlines a reader of ``edition`` finds for ``text``, in the order shown."""
    return [r.article.headline for r in search(text, edition, **options).results]


def search(text: str, edition: str = "en", *, filters: Filters | None = None, **options) -> Results:
    return search_edition(Edition.objects.get(code=edition), text, filters=filters, **options)
