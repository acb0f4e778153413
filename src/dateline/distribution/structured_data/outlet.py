"""The outlet itself: the Organization that publishes, the WebSite of each edition, and the
images that stand for it (logo, default social image)."""

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse

from dateline.distribution.structured_data.addresses import absolute
from dateline.news.models import Edition

# The committed defaults in distribution/static/distribution/, with their sizes so that
# previews can state them (Open Graph consumers lay a card out before fetching the image).
DEFAULT_LOGO = ("distribution/logo.png", 512, 512)
DEFAULT_SOCIAL_IMAGE = ("distribution/social-default.png", 1200, 630)


def organization_id(request: HttpRequest | None) -> str:
    return absolute(request, "/") + "#organization"


def logo(request: HttpRequest | None) -> dict:
    """The publisher's logo as an ImageObject: DATELINE_LOGO_URL, else the default mark."""
    if settings.DATELINE_LOGO_URL:
        return {"@type": "ImageObject", "url": absolute(request, settings.DATELINE_LOGO_URL)}
    path, width, height = DEFAULT_LOGO
    return {
        "@type": "ImageObject",
        "url": absolute(request, static(path)),
        "width": width,
        "height": height,
    }


def social_image(request: HttpRequest | None) -> tuple[str, int | None, int | None]:
    """The image shown when a page has none: DATELINE_SOCIAL_IMAGE_URL (size unknown), else
    the committed 1200x630 default."""
    if settings.DATELINE_SOCIAL_IMAGE_URL:
        return absolute(request, settings.DATELINE_SOCIAL_IMAGE_URL), None, None
    path, width, height = DEFAULT_SOCIAL_IMAGE
    return absolute(request, static(path)), width, height


def publisher(request: HttpRequest | None) -> dict:
    """The outlet as the publisher of a story: name, home and logo."""
    return {
        "@type": "Organization",
        "@id": organization_id(request),
        "name": settings.DATELINE_SITE_NAME,
        "url": absolute(request, "/"),
        "logo": logo(request),
    }


def as_author(request: HttpRequest | None) -> dict:
    """The outlet credited as the author of a story that has no byline."""
    return {
        "@type": "Organization",
        "name": settings.DATELINE_SITE_NAME,
        "url": absolute(request, "/"),
    }


def organization(request: HttpRequest | None) -> dict:
    """The outlet for the home page: the publisher, with its social profiles as ``sameAs``."""
    node = publisher(request)
    profiles = [url for _name, url in settings.DATELINE_SOCIAL_LINKS]
    if profiles:
        node["sameAs"] = profiles
    return node


def website(request: HttpRequest | None, edition: Edition) -> dict:
    """One edition's site: its name, home page, language and search (a ``SearchAction``,
    which lets a search engine offer a search box for the site in its results)."""
    home = absolute(request, edition.get_absolute_url())
    search = absolute(request, reverse("website:search", kwargs={"edition": edition.code}))
    return {
        "@type": "WebSite",
        "@id": home + "#website",
        "name": settings.DATELINE_SITE_NAME,
        "url": home,
        "inLanguage": edition.language,
        "publisher": {"@id": organization_id(request)},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }
