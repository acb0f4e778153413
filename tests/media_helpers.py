"""Pictures for tests: real files made with Pillow (including hostile ones) and library rows.

``library_picture()`` saves a picture straight into the library (as an import would), with
its standard renditions made unless ``rendered=False``; the upload path and its checks are
exercised through the newsroom's form in ``test_media_upload_*.py``.
"""

import io
import struct
import zlib

from django.core.files.base import ContentFile
from PIL import Image as Pillow
from PIL import ImageDraw

from dateline.media import renditions
from dateline.media.models import Image

GPS_IFD = 0x8825
COPYRIGHT, ARTIST, ORIENTATION, MAKE, MAKER_NOTE, EXIF_IFD = (
    0x8298,
    0x013B,
    0x0112,
    0x010F,
    0x927C,
    0x8769,
)
# Baku's Maiden Tower, as a camera would write it: degrees, minutes, seconds.
LATITUDE = (40.0, 21.0, 58.0)
LONGITUDE = (49.0, 50.0, 15.0)
XMP_WITH_LOCATION = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="40,21.97N" exif:GPSLongitude="49,50.25E"/></rdf:RDF></x:xmpmeta>'
)


def scene(width: int = 800, height: int = 600, *, mode: str = "RGB") -> Pillow.Image:
    """A picture with a recognisable layout: sky above, ground below, a red sun on the right
    third (so crops around a focal point can be checked by colour)."""
    picture = Pillow.new("RGB", (width, height), (70, 130, 200))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(60, 140, 60))
    radius = max(2, min(width, height) // 10)
    cx, cy = width * 5 // 6, height // 3
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=(220, 30, 30))
    return picture.convert(mode) if mode != "RGB" else picture


def exif_with_location(orientation: int = 1) -> Pillow.Exif:
    exif = Pillow.Exif()
    exif[COPYRIGHT] = "(c) Caspian Photo Agency"
    exif[ARTIST] = "Leyla Aliyeva"
    exif[MAKE] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: LATITUDE, 3: "E", 4: LONGITUDE})
    exif.get_ifd(EXIF_IFD)[MAKER_NOTE] = b"SECRET-SERIAL-0042"
    return exif


def jpeg_bytes(
    width: int = 800,
    height: int = 600,
    *,
    exif: Pillow.Exif | None = None,
    xmp: bytes = b"",
    icc: bytes | None = None,
    quality: int = 90,
) -> bytes:
    params: dict = {"quality": quality}
    if exif is not None:
        params["exif"] = exif.tobytes()
    if xmp:
        params["xmp"] = xmp
    if icc:
        params["icc_profile"] = icc
    buffer = io.BytesIO()
    scene(width, height).save(buffer, "JPEG", **params)
    return buffer.getvalue()


def encoded(fmt: str, width: int = 800, height: int = 600, **params) -> bytes:
    buffer = io.BytesIO()
    picture = scene(width, height)
    if fmt == "GIF":
        frames = [picture, scene(width, height).transpose(Pillow.Transpose.FLIP_LEFT_RIGHT)]
        frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200)
    else:
        picture.save(buffer, fmt, **params)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels: a decompression bomb's
    first bytes (a real one would inflate to gigabytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 64)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script>alert(document.cookie)</script><rect width="100" height="100"/></svg>'
)


def library_picture(
    *,
    width: int = 960,
    height: int = 720,
    alt: str = "Ferries in Baku harbour at dawn",
    rendered: bool = True,
    **fields,
) -> Image:
    data = jpeg_bytes(width, height)
    image = Image(alt=alt, file_size=len(data), **fields)
    image.file = ContentFile(data, name="harbour.jpg")  # dimensions are read on assignment
    image.save()
    if rendered:
        renditions.ensure(image, renditions.STANDARD)
    return image
