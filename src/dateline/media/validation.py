"""Checking an uploaded picture and re-encoding it into the library's stored original.

Nothing about the upload is believed: not its name, not the content type the browser sent.
The checks run cheapest first, and each failure is a form error that says what to do:

1. the file size (``DATELINE_MEDIA_MAX_UPLOAD_MB``), before anything is read;
2. the first bytes: SVG and other markup, PDFs, TIFF, HEIC… are named and refused;
3. Pillow reads the header only (formats limited to JPEG, PNG, WebP, AVIF and GIF) and the
   pixel count is checked (``DATELINE_MEDIA_MAX_MEGAPIXELS``) before a single pixel is
   decoded; Pillow's own decompression-bomb guard is a second line behind it;
4. ``verify()`` and a full decode catch truncated and corrupt files;
5. the picture is re-encoded: EXIF orientation applied, and only the ICC colour profile and
   the copyright and artist EXIF tags kept — GPS position, maker notes, XMP, comments and
   anything smuggled after the image data (a polyglot's second life) are gone.

>>> checked = check_upload(request.FILES["file"])      # doctest: +SKIP
>>> checked.name, checked.width, checked.height
('harbour-at-dawn.jpg', 4000, 3000)
"""

import io
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, JpegImagePlugin, UnidentifiedImageError

# Pillow format → (stored format, extension). A GIF's first frame is kept, losslessly, as PNG.
STORED_AS = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
    "AVIF": ("AVIF", "avif"),
    "GIF": ("PNG", "png"),
}
# Translators: the picture formats the library accepts, put in messages as %(accepted)s.
ACCEPTED = gettext_lazy("JPEG, PNG, WebP, AVIF or GIF")
HEAD_BYTES = 4096
# EXIF tags that survive re-encoding: who owns the picture and who took it.
KEPT_EXIF_TAGS = (0x8298, 0x013B)  # Copyright, Artist
# Files that are recognisably something else, by their first bytes: what to tell the editor.
KNOWN_OTHERS = (
    # Translators: these kinds of file complete "This file is %(what)s, not a picture…".
    (b"%PDF", gettext_lazy("a PDF document")),
    (b"II*\x00", gettext_lazy("a TIFF file")),
    (b"MM\x00*", gettext_lazy("a TIFF file")),
    (b"BM", gettext_lazy("a BMP file")),
    (b"8BPS", gettext_lazy("a Photoshop document")),
    (b"PK\x03\x04", gettext_lazy("a ZIP archive (or an Office document)")),
    (b"\x1f\x8b", gettext_lazy("a compressed (gzip) file")),
)
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")
# Stored originals are kept at high quality: renditions are made from them.
WEBP_QUALITY = 90
AVIF_QUALITY = 85


def max_upload_bytes() -> int:
    return settings.DATELINE_MEDIA_MAX_UPLOAD_MB * 1024 * 1024


def max_pixels() -> int:
    return settings.DATELINE_MEDIA_MAX_MEGAPIXELS * 1_000_000


@dataclass(frozen=True)
class CheckedPicture:
    """An upload that passed every check, re-encoded without its location data."""

    content: bytes
    name: str
    width: int
    height: int
    format: str  # as stored: "JPEG", "PNG", "WEBP" or "AVIF"
    source_format: str  # as uploaded; "GIF" is stored as PNG


def _megabytes(size: int) -> str:
    """``size`` in megabytes, to one decimal: the number only (the unit is in the message)."""
    return f"{size / (1024 * 1024):.1f}"


def _check_size(upload: UploadedFile) -> None:
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            _(
                "This file is %(size)s MB; pictures may be at most %(limit)s MB. Export a "
                "smaller JPEG (quality 85 to 90 is plenty) and upload that."
            )
            % {"size": _megabytes(size), "limit": settings.DATELINE_MEDIA_MAX_UPLOAD_MB},
            code="too_big",
        )


def _read_head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _check_not_something_else(head: bytes) -> None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in text or (text.startswith(b"<?xml") and b"svg" in text):
        raise ValidationError(
            _(
                "SVG drawings are not accepted: they can carry scripts that would run on the "
                "site. Export the drawing as PNG (or JPEG) and upload that."
            ),
            code="svg",
        )
    if text.startswith(b"<"):
        raise ValidationError(
            _("This file is text (web page or XML markup), not a picture. Upload a %(accepted)s.")
            % {"accepted": ACCEPTED},
            code="markup",
        )
    for magic, what in KNOWN_OTHERS:
        if head.startswith(magic):
            raise ValidationError(
                _(
                    "This file is %(what)s, not a picture the site can show. "
                    "Export it as %(accepted)s first."
                )
                % {"what": what, "accepted": ACCEPTED},
                code="other_format",
            )
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        raise ValidationError(
            # Translators: the iPhone menu path is Settings > Camera > Formats > Most
            # Compatible; use the names the iPhone shows in your language.
            _(
                "This is a HEIC photo (as iPhones take them), which browsers cannot show. "
                "Export it as JPEG (on iPhone: Settings > Camera > Formats > Most Compatible)."
            ),
            code="heic",
        )


def _bomb_error() -> ValidationError:
    return ValidationError(
        _(
            "This file claims to be a picture of enormous size; the limit is %(limit)s "
            "megapixels. It may be damaged or built to exhaust the server. Resize it and "
            "upload it again."
        )
        % {"limit": settings.DATELINE_MEDIA_MAX_MEGAPIXELS},
        code="too_many_pixels",
    )


def _open(upload: UploadedFile) -> Image.Image:
    """Pillow's view of the header; only the allowed formats are even tried."""
    upload.seek(0)
    try:
        return Image.open(upload, formats=list(STORED_AS))
    except Image.DecompressionBombError:
        raise _bomb_error() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _(
                "This file is not a picture the site can use: upload a %(accepted)s "
                "(the file's name and type do not matter, its content does)."
            )
            % {"accepted": ACCEPTED},
            code="not_a_picture",
        ) from None


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise ValidationError(_("This picture has no pixels."), code="empty")
    if width * height > max_pixels():
        megapixels = width * height / 1_000_000
        raise ValidationError(
            _(
                "This picture is %(width)s x %(height)s pixels (%(megapixels)s megapixels); "
                "the limit is %(limit)s megapixels. Resize it (4000 pixels on the long side "
                "is plenty) and upload it again."
            )
            % {
                "width": width,
                "height": height,
                "megapixels": f"{megapixels:,.0f}",
                "limit": settings.DATELINE_MEDIA_MAX_MEGAPIXELS,
            },
            code="too_many_pixels",
        )


def _damaged() -> ValidationError:
    return ValidationError(
        _(
            "This picture is damaged or incomplete (perhaps the upload or download was cut "
            "off). Open it on your computer to check it, export it again and upload the new "
            "file."
        ),
        code="damaged",
    )


def _decode(upload: UploadedFile) -> tuple[Image.Image, str]:
    """The fully decoded first frame, and the format it came in."""
    with _open(upload) as header:
        _check_pixels(header.size)
        source_format = header.format or ""
        try:
            header.verify()
        except Exception:  # verify() raises whatever the plugin hits: all mean "damaged"
            raise _damaged() from None
    picture = _open(upload)
    try:
        picture.seek(0)
        picture.load()
    except Image.DecompressionBombError:
        raise _bomb_error() from None
    except Exception:  # truncated data, bad Huffman tables, broken chunks…
        raise _damaged() from None
    return picture, source_format


def _kept_exif(picture: Image.Image) -> bytes:
    source = picture.getexif()
    kept = Image.Exif()
    for tag in KEPT_EXIF_TAGS:
        if tag in source:
            kept[tag] = source[tag]
    return kept.tobytes() if len(kept) else b""


def _stored_mode(picture: Image.Image, stored_format: str) -> Image.Image:
    if stored_format == "JPEG":
        return picture if picture.mode in ("RGB", "L", "CMYK") else picture.convert("RGB")
    if picture.mode in ("RGB", "RGBA", "L", "LA"):
        return picture
    has_alpha = "transparency" in picture.info or picture.mode in ("PA", "RGBa", "La")
    return picture.convert("RGBA" if has_alpha else "RGB")


def _encode(original: Image.Image, source_format: str) -> tuple[bytes, str, tuple[int, int]]:
    stored_format, _ = STORED_AS[source_format]
    icc = original.info.get("icc_profile")
    exif = _kept_exif(original)
    upright = ImageOps.exif_transpose(original)
    upright = _stored_mode(upright, stored_format)
    upright.info = {}  # comments, XMP, text chunks: none of it is written back
    params: dict = {}
    if icc:
        params["icc_profile"] = icc
    if exif:
        params["exif"] = exif
    if stored_format == "JPEG":
        # The camera's own quantisation tables: re-encoding loses next to nothing.
        if getattr(original, "quantization", None):
            params["qtables"] = original.quantization  # type: ignore[attr-defined]
            sampling = JpegImagePlugin.get_sampling(original)
            if sampling != -1:
                params["subsampling"] = sampling
        else:
            params["quality"] = 92
        params["optimize"] = True
    elif stored_format == "WEBP":
        params.update(quality=WEBP_QUALITY, method=4)
    elif stored_format == "AVIF":
        params.update(quality=AVIF_QUALITY, speed=8)
    buffer = io.BytesIO()
    upright.save(buffer, stored_format, **params)
    return buffer.getvalue(), stored_format, upright.size


def stored_name(original_name: str, extension: str) -> str:
    """A tidy file name for the stored original: ``IMG 0042 (2).JPEG`` → ``img-0042-2.jpg``."""
    stem = slugify(PurePath(original_name or "").stem)[:60].strip("-_") or "picture"
    return f"{stem}.{extension}"


def check_upload(upload: UploadedFile) -> CheckedPicture:
    """The upload re-encoded for the library, or :class:`ValidationError` saying what is wrong."""
    _check_size(upload)
    _check_not_something_else(_read_head(upload))
    picture, source_format = _decode(upload)
    try:
        content, stored_format, (width, height) = _encode(picture, source_format)
    except Exception:  # an encoder refusing a decoded picture is a damaged picture to the editor
        raise _damaged() from None
    finally:
        picture.close()
    return CheckedPicture(
        content=content,
        name=stored_name(upload.name or "", STORED_AS[source_format][1]),
        width=width,
        height=height,
        format=stored_format,
        source_format=source_format,
    )
