"""The line under the masthead: DATELINE_SITE_TAGLINE as the outlet wrote it, else ours in the
language of the page (an edition may also set its own, ``Edition.tagline``)."""

from django.conf import settings
from django.utils.translation import gettext


def site_tagline() -> str:
    return settings.DATELINE_SITE_TAGLINE or gettext("News from the region and the world")
