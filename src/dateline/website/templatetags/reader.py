"""Template helpers for reader pages."""

from datetime import datetime

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext

from dateline.lib import public_url
from dateline.lib.sanitize import clean_body_html
from dateline.media.body import responsive_body

register = template.Library()


def _edition_codes(context) -> set[str]:
    return {edition.code for edition in context.get("editions") or ()}


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` as a full URL: on DATELINE_PUBLIC_URL when set (so a proxy's internal host
    name never leaks into canonical links), else on the host the request came to; an
    edition with its own domain on that domain (``lib/public_url.py``)."""
    return public_url.absolute(path, context.get("request"), _edition_codes(context))


@register.simple_tag(takes_context=True)
def edition_href(context, path: str) -> str:
    """A link to a page of any edition: the path itself, unless editions live on domains of
    their own (``DATELINE_EDITION_DOMAINS``) — then the full address, since another edition's
    page may be on another domain."""
    if not settings.DATELINE_EDITION_DOMAINS:
        return path
    return absolute_url(context, path)


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


@register.filter
def byline_links(authors, edition_code: str) -> SafeString:
    """The authors' names as links to their pages, as a list in the active language:
    ``A``, ``A and B``, ``A, B and C``. The article page puts it in its "By …" sentence."""
    links: list[str] = [
        format_html(
            '<a href="{}" rel="author">{}</a>',
            reverse("website:author", kwargs={"edition": edition_code, "slug": person.slug}),
            person.name,
        )
        for person in authors
    ]
    # Translators: joins the last two authors of a byline: "By Anna, Ilham and Oleg".
    return mark_safe(get_text_list(links, gettext("and")))  # the links are escaped
