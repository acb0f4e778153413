"""Pictures inside an article body, served like every other picture: ``<picture>``, srcset,
width and height, lazy loading.

The body editor inserts ``<figure><img src=… data-image-id="N" …><figcaption>…`` and the body
is sanitised before it gets here. Each ``<img>`` that belongs to the library — by its
``data-image-id``, or by a ``src`` that is a library file — is replaced by the picture's
responsive markup; captions and everything else are left as written. Anything else (an image
the library does not know) stays as it is.

One query for the whole body, however many pictures it holds; none when it holds none.

>>> responsive_body('<figure><img src="/media/library/a.jpg" data-image-id="7" alt="Q"></figure>')
'<figure><picture><source type="image/avif" …><img … alt="Q" loading="lazy" …></picture></figure>'
"""

import html
import re
from urllib.parse import unquote

from django.conf import settings

from dateline.media import renditions
from dateline.media.markup import picture_html

# The article column: 40rem wide from 42rem up, the full width (less padding) below.
BODY_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"
# The sanitiser writes every attribute value in double quotes, with quotes inside escaped.
_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
IMG_TAG = re.compile(rf'<img((?:\s+{_NAME}(?:\s*=\s*"[^"]*")?)*)\s*/?>')
ATTRIBUTE = re.compile(rf'({_NAME})(?:\s*=\s*"([^"]*)")?')


def _attributes(raw: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value or "") for name, value in ATTRIBUTE.findall(raw)}


def _image_id(raw: str) -> int | None:
    """``"42"`` → 42; anything but a plain, database-sized number → None."""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else None


def _library_name(src: str) -> str | None:
    """``/media/library/2026/11/a.jpg`` → ``library/2026/11/a.jpg``; None for other URLs."""
    media_url = settings.MEDIA_URL
    if not src.startswith(media_url) or ".." in src:
        return None
    return unquote(src[len(media_url) :].split("?", 1)[0]) or None


def responsive_body(body: str) -> str:
    """``body`` (already sanitised) with its library pictures made responsive."""
    found = [(match, _attributes(match.group(1))) for match in IMG_TAG.finditer(body)]
    if not found:
        return body
    ids = {pk for _, a in found if (pk := _image_id(a.get("data-image-id", ""))) is not None}
    names = {name for _, a in found if (name := _library_name(a.get("src", "")))}
    by_id = renditions.load(ids=ids, names=names)
    by_name = {image.file.name: image for image in by_id.values()}
    pieces: list[str] = []
    position = 0
    for match, attributes in found:
        image = by_id.get(_image_id(attributes.get("data-image-id", "")) or 0)
        if image is None:
            image = by_name.get(_library_name(attributes.get("src", "")) or "")
        if image is None:
            continue
        alt = attributes.get("alt")  # None: the library's own alt text
        pieces += [body[position : match.start()], picture_html(image, sizes=BODY_SIZES, alt=alt)]
        position = match.end()
    pieces.append(body[position:])
    return "".join(pieces)
