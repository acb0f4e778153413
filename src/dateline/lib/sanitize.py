"""Article HTML is cleaned with nh3 (the Ammonia sanitiser) against explicit allowlists.

nh3's defaults would keep ``<img src>`` pointing at any host (a tracking pixel in a
story), so images are limited to our own media URL, and every link leaves with
``rel="noopener noreferrer"``. No ``style`` or ``class`` attributes survive: the site's
stylesheet decides how a story looks.

>>> clean_body_html('<p onclick="x()">Hi <script>alert(1)</script></p>')
'<p>Hi </p>'
"""

import nh3
from django.conf import settings

BODY_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "blockquote", "q", "cite", "em", "strong", "b", "i",
        "u", "s", "sub", "sup", "small", "mark", "abbr", "a", "ul", "ol", "li", "figure",
        "figcaption", "img", "hr", "pre", "code", "table", "thead", "tbody", "tr", "th",
        "td", "caption", "dl", "dt", "dd",
    }
)  # fmt: skip

BODY_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    # data-image-id names the picture-library entry a body image came from, so reader pages
    # can serve its renditions; it is checked to be a number below.
    "img": {"src", "alt", "width", "height", "loading", "data-image-id"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "reversed", "type"},  # type: the editor's "a, b, c" or "i, ii, iii" lists
}

URL_SCHEMES = frozenset({"http", "https", "mailto"})


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        # Only images we host: a relative path under MEDIA_URL, never another host.
        media_url = settings.MEDIA_URL
        if value.startswith(media_url) and not value.startswith("//") and ".." not in value:
            return value
        return None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) <= 5 else None
    if attribute == "title" and not value.strip():
        return None  # the editor's link dialog leaves title="" when nobody fills it in
    if attribute == "data-image-id":
        return value if value.isascii() and value.isdigit() and len(value) <= 18 else None
    if tag == "ol" and attribute == "type":
        return value if value in {"1", "a", "A", "i", "I"} else None
    if tag == "img" and attribute == "loading":
        return value if value in {"lazy", "eager"} else None
    return value


# Passes after the first; in practice markup settles after one more.
MAX_EXTRA_PASSES = 4


def clean_body_html(html: str) -> str:
    """Returns ``html`` with everything outside the allowlists removed.

    Cleaning is repeated until the output no longer changes: removing a tag can leave a
    tree that an HTML parser would build differently (``<p><select><p>`` comes out as
    ``<p><p></p></p>``, which a browser reads as three paragraphs). Stopping at a fixed point
    stores exactly what a browser will build, and makes saving a story twice a no-op.

    >>> clean_body_html("<p><select><p>")
    '<p></p><p></p><p></p>'
    """
    if not html:
        return ""
    cleaned = _clean_once(html)
    for _ in range(MAX_EXTRA_PASSES):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean_once(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(BODY_TAGS),
        # Word's clipboard wraps document settings in <xml>: text no reader should see.
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "xml"},
        attributes={tag: set(names) for tag, names in BODY_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(html: str) -> str:
    """The text of ``html`` without any markup, for leads and meta descriptions."""
    return nh3.clean(html, tags=set(), strip_comments=True)
