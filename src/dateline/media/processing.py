"""Pixels only: crops around a focal point, resizing and encoding. No database, no storage.

:mod:`dateline.media.renditions` decides what to make and where to keep it; this module
makes it. Everything here works on one decoded source so that a full set of renditions
costs one decode.

>>> crop_box((4000, 3000), ratio=(1, 1), focal=(0.9, 0.5))
(1000, 0, 4000, 3000)
"""

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

from PIL import Image, ImageCms

# Encoder settings per format. AVIF at speed 8 is about three times faster than the default
# (6) for files within a few per cent of the same size; JPEG is progressive so a slow
# connection shows the whole picture early.
ENCODERS: dict[str, tuple[str, dict]] = {
    "avif": ("AVIF", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
# Big reductions go through Pillow's fast box reduce first; 3 keeps LANCZOS-level quality.
REDUCING_GAP = 3.0

_SRGB = ImageCms.createProfile("sRGB")


def parse_ratio(ratio: str) -> tuple[int, int] | None:
    """``"16:9"`` → ``(16, 9)``; ``""`` (the whole picture) → None.

    >>> parse_ratio("4:3")
    (4, 3)
    """
    if not ratio:
        return None
    wide, _, high = ratio.partition(":")
    if not (wide.isdigit() and high.isdigit()) or int(wide) < 1 or int(high) < 1:
        raise ValueError(f"A crop ratio looks like '16:9', not {ratio!r}.")
    return int(wide), int(high)


def crop_box(
    size: tuple[int, int], *, ratio: tuple[int, int] | None, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside ``size`` whose centre is as close to the focal
    point as the picture's edges allow. Without a ratio, the whole picture."""
    width, height = size
    if ratio is None:
        return 0, 0, width, height
    wide, high = ratio
    box_w = min(width, math.floor(height * wide / high))
    box_h = min(height, math.floor(width * high / wide))
    box_w, box_h = max(1, box_w), max(1, box_h)
    fx, fy = (min(1.0, max(0.0, value)) for value in focal)
    left = min(max(0, round(fx * width - box_w / 2)), width - box_w)
    top = min(max(0, round(fy * height - box_h / 2)), height - box_h)
    return left, top, left + box_w, top + box_h


def cropped_size(
    size: tuple[int, int], ratio: tuple[int, int] | None, focal: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int]:
    left, top, right, bottom = crop_box(size, ratio=ratio, focal=focal)
    return right - left, bottom - top


def planned_widths(available: int, widths: Iterable[int]) -> list[int]:
    """The widths to make from a picture ``available`` pixels wide: never upscaled, the
    largest wanted width replaced by the picture's own when it is smaller.

    >>> planned_widths(1000, (320, 640, 960, 1280, 1920))
    [320, 640, 960, 1000]
    """
    return sorted({min(width, available) for width in widths if width > 0})


@dataclass(frozen=True)
class Encoded:
    ratio: str
    width: int
    height: int
    format: str
    content: bytes


def to_srgb(picture: Image.Image) -> Image.Image:
    """RGB or RGBA in sRGB, which is what browsers assume of a picture without a profile.

    A picture with an embedded profile (Adobe RGB, Display P3, CMYK) is converted, so the
    renditions can drop it and still show the right colours.
    """
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    mode = "RGBA" if has_alpha else "RGB"
    icc = picture.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if picture.mode not in ("RGB", "RGBA", "CMYK", "L"):
                picture = picture.convert(mode)
            converted = ImageCms.profileToProfile(
                picture, source, _SRGB, outputMode="RGBA" if picture.mode == "RGBA" else "RGB"
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: show the numbers as they are
    return picture if picture.mode == mode else picture.convert(mode)


def open_source(data: bytes, largest_needed: tuple[int, int] | None = None) -> Image.Image:
    """The stored original, decoded. A JPEG is decoded at a reduced scale (DCT scaling)
    when ``largest_needed`` fits in a half, a quarter or an eighth of it: several times
    faster for a 24-megapixel photo, and the same pixels after resizing."""
    picture = Image.open(io.BytesIO(data))
    if largest_needed and picture.format == "JPEG":
        picture.draft("RGB", largest_needed)
    picture.load()
    return to_srgb(picture)


def _flatten(picture: Image.Image) -> Image.Image:
    """JPEG has no transparency: transparent areas become white, as on the page."""
    if picture.mode != "RGBA":
        return picture
    background = Image.new("RGB", picture.size, (255, 255, 255))
    background.paste(picture, mask=picture.getchannel("A"))
    return background


def encode(picture: Image.Image, fmt: str) -> bytes:
    pillow_format, params = ENCODERS[fmt]
    if fmt == "jpeg":
        picture = _flatten(picture)
    buffer = io.BytesIO()
    picture.save(buffer, pillow_format, **params)
    return buffer.getvalue()


def render(
    source: Image.Image,
    *,
    ratio: str,
    width: int,
    formats: Iterable[str],
    focal: tuple[float, float],
) -> list[Encoded]:
    """One width of one crop, in each of ``formats``, exactly ``width`` pixels wide.

    The caller never asks for more than the crop holds in the stored original (see
    :func:`planned_widths`); a source decoded at a reduced scale may be a pixel short of
    that after rounding, which the resize makes up."""
    box = crop_box(source.size, ratio=parse_ratio(ratio), focal=focal)
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    out_w = width
    out_h = max(1, round(box_h * out_w / box_w))
    if (out_w, out_h) == (box_w, box_h):
        resized = source.crop(box) if box != (0, 0, *source.size) else source
    else:
        resized = source.resize(
            (out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=REDUCING_GAP
        )
    return [Encoded(ratio, out_w, out_h, fmt, encode(resized, fmt)) for fmt in formats]
