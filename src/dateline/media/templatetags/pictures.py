"""``{% picture %}``: a library picture as a responsive ``<picture>`` element.

::

    {% load pictures %}
    {% picture article.picture sizes="(min-width: 42rem) 40rem, 100vw" loading="eager"
               fetchpriority="high" %}     (on one line: Django tags do not span lines)
    {% picture story.picture ratio="4:3" sizes="8rem" alt="" class="story-item__img" %}

``ratio`` crops around the picture's focal point (the whole picture when left out);
``loading`` is ``lazy`` unless the picture is above the fold, where ``eager`` with
``fetchpriority="high"`` lets the browser fetch it first. Renditions missing at render time
are made there and then (once); pages listing many pictures fetch them with
:func:`dateline.media.renditions.with_pictures` so the tag queries nothing.
"""

from django import template
from django.utils.safestring import SafeString

from dateline.media.markup import picture_html
from dateline.media.models import Image

register = template.Library()


@register.simple_tag
def picture(
    image: Image | None,
    *,
    sizes: str = "100vw",
    ratio: str = "",
    loading: str = "lazy",
    fetchpriority: str = "",
    alt: str | None = None,
    **attributes: str,
) -> SafeString | str:
    if image is None:
        return ""
    return picture_html(
        image,
        sizes=sizes,
        ratio=ratio,
        alt=alt,
        loading=loading,
        fetchpriority=fetchpriority,
        css_class=attributes.get("class", ""),
    )
