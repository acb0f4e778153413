"""Which schema.org type each genre label is published as.

schema.org has NewsArticle subtypes for some of our genres and none for others; where there
is none the story stays a plain ``NewsArticle`` and the label goes into ``genre`` as text, so
a search engine never reads an interview or a press release as the newsroom's own reporting.
Sponsored content is not news at all: it is an ``AdvertiserContentArticle`` (an Article, not a
NewsArticle), so it cannot pass for editorial copy in news surfaces.

The table is written out in docs/structured-data.md; keep the two in step.
"""

from dataclasses import dataclass

from dateline.news.models import Genre


@dataclass(frozen=True)
class SchemaType:
    """A schema.org ``@type``, and the ``genre`` text to add when the type alone does not say
    what kind of story it is."""

    name: str
    genre: str | None = None


GENRE_TYPES: dict[str, SchemaType] = {
    # Our own journalism: reported by the newsroom to its conventions.
    Genre.NEWS: SchemaType("ReportageNewsArticle"),
    Genre.ANALYSIS: SchemaType("AnalysisNewsArticle"),
    Genre.OPINION: SchemaType("OpinionNewsArticle"),
    # No schema.org subtype fits: a plain NewsArticle that names its genre.
    Genre.INTERVIEW: SchemaType("NewsArticle", genre="Interview"),
    Genre.OFFICIAL_STATEMENT: SchemaType("NewsArticle", genre="Official statement"),
    Genre.PRESS_RELEASE: SchemaType("NewsArticle", genre="Press release"),
    Genre.SPONSORED: SchemaType("AdvertiserContentArticle", genre="Sponsored"),
    # Not our reporting, so not Reportage; the agency is named in sourceOrganization.
    Genre.AGENCY: SchemaType("NewsArticle", genre="Agency copy"),
}


def schema_type_for(genre: str) -> SchemaType:
    """The type for ``genre``; a genre added later without a row here is a plain NewsArticle."""
    return GENRE_TYPES.get(genre, SchemaType("NewsArticle"))
