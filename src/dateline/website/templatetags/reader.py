"""Template helpers for reader pages."""

from datetime import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from dateline.lib.public_url import site_root
from dateline.lib.sanitize import clean_body_html
from dateline.media.body import responsive_body

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` as a full URL: on DATELINE_PUBLIC_URL when set (so a proxy's internal host
    name never leaks into canonical links), else on the host the request came to."""
    request = context.get("request")
    if request is None:
        return settings.DATELINE_PUBLIC_URL + path
    return site_root(request) + path


@register.filter
def clean_body(html: str) -> SafeString:
    """Article HTML, cleaned again on the way out.

    ``Article.save`` already cleans the body, but ``QuerySet.update()``, bulk imports and
    raw SQL bypass ``save``; cleaning at render time too means no stored path can put
    markup on a page that nh3 would not allow. It costs well under a millisecond.

    Pictures from the media library then become responsive ``<picture>`` elements (our own
    markup, built after cleaning), in one query for the whole body.
    """
    return mark_safe(responsive_body(clean_body_html(html)))


@register.filter
def machine_time(moment: datetime | None) -> str:
    """``moment`` for a ``datetime`` attribute, in the active zone, to the second.

    Django's ``date:"c"`` keeps microseconds, which HTML's datetime syntax does not allow.
    """
    if moment is None:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")
