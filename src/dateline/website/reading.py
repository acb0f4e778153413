"""What every reader page needs: the edition being read, its sections, the other editions.

Fetched in two queries whatever the page, so page query counts stay fixed.
"""

from dataclasses import dataclass, field

from django.http import Http404, HttpRequest

from dateline.lib.languages import activate_edition_language
from dateline.news.models import Article, Edition, Section
from dateline.pagecache import keys as page_keys


class NoEditionYet(Http404):
    """A fresh install: nobody has created an edition in the newsroom yet."""


@dataclass
class Reading:
    edition: Edition
    editions: list[Edition]
    sections: list[Section] = field(default_factory=list)

    def context(self, **extra) -> dict:
        return {
            "edition": self.edition,
            "editions": self.editions,
            "sections": self.sections,
            **extra,
        }


def open_edition(code: str | None) -> Reading:
    """The edition with ``code`` (or the default edition when ``code`` is None), or 404."""
    editions = list(Edition.objects.order_by("position", "pk"))
    if not editions:
        raise NoEditionYet("No edition has been set up yet.")
    if code is None:
        edition: Edition | None = next((e for e in editions if e.is_default), editions[0])
    else:
        edition = next((e for e in editions if e.code == code), None)
    if edition is None:
        raise Http404("No such edition.")
    activate_edition_language(edition.language)
    page_keys.add(page_keys.edition(edition.pk))  # its masthead and navigation are on the page
    sections = list(Section.objects.filter(edition=edition).order_by("position", "pk"))
    for section in sections:
        section.edition = edition  # spare a query per link in the navigation
    return Reading(edition=edition, editions=editions, sections=sections)


def published_in(reading: Reading):
    """The edition's public stories, with what a list item shows, in a fixed number of queries."""
    # section__edition: a story's section link needs the edition's code (a query per story).
    return (
        Article.objects.published()
        .filter(edition=reading.edition)
        .select_related("section__edition", "edition")
    )


def cursor_param(request: HttpRequest) -> str | None:
    return request.GET.get("before") or None
