"""A story as schema.org sees it: the article node and its breadcrumb trail.

Built only from what the article page has already loaded (edition, section, source, and the
prefetched authors and tags), so structured data adds no query to the page.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from dateline.distribution.structured_data import outlet
from dateline.distribution.structured_data.addresses import absolute, iso_time
from dateline.distribution.structured_data.genres import schema_type_for
from dateline.media.renditions import social_rendition
from dateline.news.models import Article, Author, Edition


def author_url(request: HttpRequest | None, person: Author, edition: Edition) -> str:
    return absolute(
        request, reverse("website:author", kwargs={"edition": edition.code, "slug": person.slug})
    )


def news_article(request: HttpRequest | None, article: Article, edition: Edition) -> dict:
    """The article node: ``NewsArticle`` or the subtype its genre maps to (see ``genres``).

    Dates carry the edition's offset; ``dateModified`` is the last public update, or the
    publication time for a story never updated. A story without a byline is credited to
    the outlet, as Google asks for an author on every article.
    """
    if article.published_at is None:
        raise ValueError(
            f"Article {article.pk} is not published: only published stories have structured data."
        )
    kind = schema_type_for(article.genre)
    url = absolute(request, article.get_absolute_url())
    authors: list[dict] = [
        {"@type": "Person", "name": person.name, "url": author_url(request, person, edition)}
        for person in article.authors.all()
    ]
    node: dict = {
        "@type": kind.name,
        "@id": url + "#article",
        "headline": article.headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso_time(article.published_at, edition),
        "dateModified": iso_time(article.updated_at or article.published_at, edition),
        "author": authors or [outlet.as_author(request)],
        "publisher": outlet.publisher(request),
        "image": _image(request, article),
        "inLanguage": edition.language,
        "articleSection": article.section.name,
        "isAccessibleForFree": True,
    }
    if article.lead:
        node["description"] = article.lead
    if kind.genre:
        node["genre"] = kind.genre
    keywords = [label.name for label in article.tags.all()]
    if keywords:
        node["keywords"] = keywords
    if article.source:
        source: dict = {"@type": "Organization", "name": article.source.name}
        if article.source.url:
            source["url"] = article.source.url
        node["sourceOrganization"] = source
    notes = corrections(article, edition, url)
    if notes:
        node["correction"] = notes
    return node


def corrections(article: Article, edition: Edition, url: str) -> list[dict]:
    """The story's public notes as schema.org ``CorrectionComment``s, oldest first.

    Read from ``article.corrections``, which the article page prefetches. Updates are listed
    too: each is a dated public note on the story, and ``dateModified`` moves with it.
    """
    return [
        {
            "@type": "CorrectionComment",
            "@id": f"{url}#correction-{note.pk}",
            "name": note.get_kind_display(),
            "text": note.text,
            "datePublished": iso_time(note.created_at, edition),
        }
        for note in article.corrections.all()
    ]


def _image(request: HttpRequest | None, article: Article) -> dict:
    picture = article.picture if article.picture_id else None
    rendition = social_rendition(picture) if picture else None
    if picture and rendition:
        image: dict = {
            "@type": "ImageObject",
            "url": absolute(request, rendition.file.url),
            "width": rendition.width,
            "height": rendition.height,
        }
        if picture.caption:
            image["caption"] = picture.caption
        if picture.credit:
            image["creditText"] = picture.credit
        return image
    url, width, height = outlet.social_image(request)
    image = {"@type": "ImageObject", "url": url}
    if width and height:
        image.update(width=width, height=height)
    return image


def breadcrumbs(request: HttpRequest | None, article: Article, edition: Edition) -> dict:
    """Site → section → story, each with its absolute URL."""
    trail = [
        (settings.DATELINE_SITE_NAME, edition.get_absolute_url()),
        (article.section.name, article.section.get_absolute_url()),
        (article.headline, article.get_absolute_url()),
    ]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(request, path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }
