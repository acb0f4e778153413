"""The outlet's identity (name, logo, links) for every template; no database access."""

from django.conf import settings
from django.http import HttpRequest

from dateline.lib.taglines import site_tagline


def site(request: HttpRequest) -> dict:
    return {
        "site_name": settings.DATELINE_SITE_NAME,
        "site_tagline": site_tagline(),
        "site_logo_url": settings.DATELINE_LOGO_URL,
        "site_contact_email": settings.DATELINE_CONTACT_EMAIL,
        "site_social_links": settings.DATELINE_SOCIAL_LINKS,
    }
