"""What a page looks like when it is shared: Open Graph and Twitter card values.

One ``Preview`` per page, rendered by ``distribution/includes/social_meta.html``. Every URL
in it is absolute, and every page has an image (the outlet's default when it has none).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.utils.text import Truncator

from dateline.distribution.structured_data import outlet
from dateline.distribution.structured_data.addresses import absolute, iso_time
from dateline.distribution.structured_data.articles import author_url
from dateline.lib.taglines import site_tagline
from dateline.media.renditions import social_rendition
from dateline.news.models import Article, Edition

DESCRIPTION_LENGTH = 200


@dataclass
class Preview:
    kind: str  # og:type: "website", "article" or "profile"
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    locale: str
    site_name: str = field(default_factory=lambda: settings.DATELINE_SITE_NAME)
    image_width: int | None = None
    image_height: int | None = None
    locale_alternates: list[str] = field(default_factory=list)
    twitter_site: str = field(default_factory=lambda: settings.DATELINE_TWITTER_SITE)
    # article:* properties, on story pages only
    published_time: str = ""
    modified_time: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


def og_locale(language: str) -> str:
    """Open Graph writes locales with an underscore: ``en-GB`` → ``en_GB``."""
    return language.replace("-", "_")


def _description(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)


def page_preview(
    request: HttpRequest | None,
    edition: Edition,
    *,
    title: str,
    description: str,
    path: str,
    kind: str = "website",
    image_path: str = "",
    image_alt: str = "",
    image_size: tuple[int, int] | None = None,
) -> Preview:
    """A front, listing or archive page; ``image_path`` (e.g. an author's photo) if it has
    its own picture, with its ``image_size`` in pixels when known."""
    preview = Preview(
        kind=kind,
        title=title,
        description=_description(description or site_tagline()),
        url=absolute(request, path),
        image="",
        image_alt=image_alt or title,
        locale=og_locale(edition.language),
    )
    if image_path:
        preview.image = absolute(request, image_path)
        if image_size:
            preview.image_width, preview.image_height = image_size
    else:
        preview.image, preview.image_width, preview.image_height = outlet.social_image(request)
        preview.image_alt = settings.DATELINE_SITE_NAME
    return preview


def article_preview(
    request: HttpRequest | None,
    article: Article,
    edition: Edition,
    translations: list[Article] | None = None,
) -> Preview:
    if article.published_at is None:
        raise ValueError(
            f"Article {article.pk} is not published: only published stories are shared."
        )
    # The picture as a 1200-pixel JPEG: every network's previews read JPEG.
    picture = article.picture if article.picture_id else None
    rendition = social_rendition(picture) if picture else None
    preview = page_preview(
        request,
        edition,
        kind="article",
        title=article.headline,
        description=article.lead or article.headline,
        path=article.get_absolute_url(),
        image_path=rendition.file.url if rendition else "",
        image_alt=(picture.alt if picture and rendition else "") or article.headline,
        image_size=(rendition.width, rendition.height) if rendition else None,
    )
    preview.locale_alternates = [og_locale(other.edition.language) for other in translations or []]
    preview.published_time = iso_time(article.published_at, edition)
    preview.modified_time = iso_time(article.updated_at or article.published_at, edition)
    preview.section = article.section.name
    preview.tags = [label.name for label in article.tags.all()]
    preview.authors = [author_url(request, person, edition) for person in article.authors.all()]
    return preview
