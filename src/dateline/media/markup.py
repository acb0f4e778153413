"""The ``<picture>`` element for a library picture: AVIF and WebP sources, a JPEG ``<img>``.

Used by the ``{% picture %}`` tag and by the article body's pictures, so the two never
disagree. ``width``/``height`` are the picture's proportions, so the browser reserves the
space before the file arrives (no layout shift); the browser then picks a file by ``sizes``.

>>> picture_html(image, sizes="100vw", loading="eager", fetchpriority="high")  # doctest: +SKIP
'<picture><source type="image/avif" srcset="….avif 320w, …" sizes="100vw">…<img …></picture>'
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from dateline.media import processing, renditions
from dateline.media.models import Image, Rendition

LOADING = {"lazy", "eager"}
FETCH_PRIORITY = {"high", "low", "auto", ""}


def srcset(rows: list[Rendition]) -> str:
    return ", ".join(f"{row.file.url} {row.width}w" for row in rows)


def picture_html(
    image: Image,
    *,
    sizes: str,
    ratio: str = "",
    alt: str | None = None,
    loading: str = "lazy",
    fetchpriority: str = "",
    css_class: str = "",
) -> SafeString:
    """``alt=None`` uses the picture's own alt text; pass ``""`` for a decorative copy (a
    thumbnail beside a headline that already says it all). ``css_class`` goes on the
    ``<img>``, which is what a stylesheet sizes."""
    if loading not in LOADING:
        raise ValueError(f"loading is 'lazy' or 'eager', not {loading!r}.")
    if fetchpriority not in FETCH_PRIORITY:
        raise ValueError(f"fetchpriority is 'high', 'low' or 'auto', not {fetchpriority!r}.")
    sources = renditions.picture_sources(image, renditions.family_for(ratio))
    fallback, largest = sources.fallback(), sources.largest
    text = image.alt if alt is None else alt
    if fallback is None or largest is None:  # a picture whose file cannot be read
        return format_html(
            '<img src="{}" alt="{}" loading="{}"{}>',
            image.file.url,
            text,
            loading,
            format_html(' class="{}"', css_class) if css_class else "",
        )
    offers = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        (
            (processing.MIME_TYPES[fmt], srcset(sources.by_format[fmt]), sizes)
            for fmt in ("avif", "webp")
            if sources.by_format.get(fmt)
        ),
    )
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' loading="{}" decoding="async"{}{}></picture>',
        offers,
        fallback.file.url,
        srcset(sources.by_format.get("jpeg", [])),
        sizes,
        largest.width,
        largest.height,
        text,
        loading,
        format_html(' fetchpriority="{}"', fetchpriority) if fetchpriority else "",
        format_html(' class="{}"', css_class) if css_class else "",
    )
