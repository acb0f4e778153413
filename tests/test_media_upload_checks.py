"""An editor uploads pictures through the newsroom's library form, and every hostile or broken
file gets a clear error instead of a stored file (or a server error): the checks look at the
bytes, never at the name or the content type the browser claims."""

import io
import re
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tasks_db.models import DBTaskResult
from PIL import Image as Pillow
from PIL import ImageCms

from dateline.media.models import Image
from tests import factories
from tests.media_helpers import (
    ARTIST,
    COPYRIGHT,
    GPS_IFD,
    MAKE,
    MAKER_NOTE,
    ORIENTATION,
    SVG,
    XMP_WITH_LOCATION,
    encoded,
    exif_with_location,
    jpeg_bytes,
    png_claiming,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/newsroom/media/image/add/"
ALT = "Firefighters carry a child out of the flooded school in Quba"


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    browser = Client()
    browser.force_login(factories.editor())
    return browser


def upload(browser, data: bytes, name: str = "photo.jpg", content_type="image/jpeg", **fields):
    form = {
        "file": SimpleUploadedFile(name, data, content_type=content_type),
        "alt": ALT,
        "caption": "",
        "credit": "Photo: Caspian Wire",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }
    return browser.post(ADD_URL, form)


def refused(response) -> str:
    """The error shown under the file field; fails if the upload was accepted."""
    assert response.status_code == 200, "the upload was accepted"
    errors = response.context["adminform"].form.errors
    assert not Image.objects.exists()
    return " ".join(errors.get("file", []) + errors.get("alt", []))


def stored(image: Image) -> Pillow.Image:
    with image.file.open("rb") as handle:
        picture = Pillow.open(io.BytesIO(handle.read()))
        picture.load()
        return picture


def stored_bytes(image: Image) -> bytes:
    with image.file.open("rb") as handle:
        return handle.read()


def test_a_phone_photo_loses_its_location_and_camera_notes_but_keeps_copyright_and_colour(
    editor, django_capture_on_commit_callbacks
):
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    # Taken with the phone on its side: 800 x 600 pixels, to be shown 600 x 800.
    photo = jpeg_bytes(
        800, 600, exif=exif_with_location(orientation=6), xmp=XMP_WITH_LOCATION, icc=icc
    )
    assert b"40,21.97N" in photo and b"SECRET-SERIAL" in photo

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor, photo, name="IMG_0042.JPG")

    assert response.status_code == 302
    image = Image.objects.get()
    picture = stored(image)
    exif = picture.getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert GPS_IFD not in exif and MAKE not in exif and ORIENTATION not in exif
    assert MAKER_NOTE not in exif.get_ifd(0x8769)
    assert exif[COPYRIGHT] == "(c) Caspian Photo Agency" and exif[ARTIST] == "Leyla Aliyeva"
    raw = stored_bytes(image)
    assert b"40,21.97N" not in raw and b"SECRET-SERIAL" not in raw and b"xmpmeta" not in raw
    assert picture.info.get("icc_profile") == icc
    # The orientation is applied to the pixels, so every browser shows it upright.
    assert (image.width, image.height) == picture.size == (600, 800)
    assert picture.format == "JPEG" and image.file.name.endswith("/img_0042.jpg")
    assert image.original_name == "IMG_0042.JPG" and image.file_size == len(raw)
    assert image.alt == ALT and image.credit == "Photo: Caspian Wire"
    assert image.uploaded_by.username == "editor"
    # Renditions are made in the background, queued once the upload is saved.
    queued = DBTaskResult.objects.filter(task_path__endswith="make_renditions")
    assert [row.args_kwargs["args"] for row in queued] == [[image.pk]]


def test_a_png_claiming_ten_gigapixels_is_refused_before_it_is_decoded(editor):
    message = refused(upload(editor, png_claiming(100_000, 100_000), name="map.png"))
    assert "enormous size" in message and "50 megapixels" in message


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's own word
def test_a_picture_over_the_pixel_limit_is_refused_with_its_size(editor):
    message = refused(upload(editor, png_claiming(8_000, 8_000), name="poster.png"))
    assert "8000 x 8000 pixels (64 megapixels)" in message
    assert "the limit is 50 megapixels" in message


def test_the_pixel_limit_is_a_setting(editor, settings):
    settings.DATELINE_MEDIA_MAX_MEGAPIXELS = 1
    message = refused(upload(editor, jpeg_bytes(1600, 1000)))
    assert "1600 x 1000 pixels (2 megapixels); the limit is 1 megapixels" in message


def test_a_file_over_the_size_limit_is_refused_before_anything_is_read(editor, settings):
    settings.DATELINE_MEDIA_MAX_UPLOAD_MB = 1
    # Not even a picture: the size alone decides, so nothing of it is parsed.
    message = refused(upload(editor, b"\xff\xd8\xff" + b"\x00" * (1024 * 1024 + 10)))
    assert "This file is 1.0 MB; pictures may be at most 1 MB" in message


def test_an_svg_named_jpg_is_refused_for_what_it_is(editor):
    message = refused(upload(editor, SVG, name="logo.jpg", content_type="image/jpeg"))
    assert "SVG drawings are not accepted" in message and "Export the drawing as PNG" in message


def test_a_web_page_pretending_to_be_a_picture_is_refused(editor):
    page = b"<!doctype html><html><body><img src=x onerror=alert(1)>" + jpeg_bytes(40, 30)
    message = refused(upload(editor, page, name="photo.jpg"))
    assert "text (web page or XML markup), not a picture" in message


def test_a_truncated_photo_is_refused_as_damaged(editor):
    whole = jpeg_bytes(1200, 900)
    message = refused(upload(editor, whole[: len(whole) // 2]))
    assert "damaged or incomplete" in message


def test_a_png_with_a_broken_checksum_is_refused_as_damaged(editor):
    data = bytearray(encoded("PNG", 300, 200))
    data[-20] ^= 0xFF  # a byte of the image data: its chunk's checksum no longer matches
    assert "damaged or incomplete" in refused(upload(editor, bytes(data), name="chart.png"))


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (encoded("TIFF"), "a TIFF file"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "a HEIC photo"),
        (b"GIF87a-not-really", "not a picture the site can use"),
        (b"just some text that is not a picture at all", "not a picture the site can use"),
    ],
)
def test_other_kinds_of_file_are_named_and_refused(editor, data, what):
    assert what in refused(upload(editor, data, name="picture.jpg"))


def test_a_polyglot_keeps_only_its_picture(editor):
    """A JPEG that is also a web page and a ZIP archive (bytes after the picture's end):
    the stored file is re-encoded from the pixels, so nothing after them survives."""
    payload = b"<script>alert(document.domain)</script>"
    archive = b"PK\x03\x04" + struct.pack("<5H3I2H", 20, 0, 0, 0, 0, 0, 0, 0, 8, 0) + b"evil.php"
    polyglot = jpeg_bytes(640, 480) + payload + archive

    response = upload(editor, polyglot, name="holiday.jpg")

    assert response.status_code == 302
    raw = stored_bytes(Image.objects.get())
    assert payload not in raw and b"evil.php" not in raw and b"PK\x03\x04" not in raw
    assert raw.endswith(b"\xff\xd9")  # the JPEG ends where its pixels end


@pytest.mark.parametrize(
    ("fmt", "stored_format", "extension"),
    [("PNG", "PNG", "png"), ("WEBP", "WEBP", "webp"), ("AVIF", "AVIF", "avif")],
)
def test_png_webp_and_avif_are_kept_in_their_format(editor, fmt, stored_format, extension):
    response = upload(editor, encoded(fmt, 640, 400), name=f"scan.{extension}")
    assert response.status_code == 302
    image = Image.objects.get()
    assert stored(image).format == stored_format
    assert (image.width, image.height) == (640, 400)
    assert image.file.name.endswith(f".{extension}")


def test_an_animated_gif_becomes_its_first_frame_as_png(editor):
    response = upload(editor, encoded("GIF", 320, 240), name="reaction.gif")
    assert response.status_code == 302
    picture = stored(Image.objects.get())
    assert picture.format == "PNG" and not getattr(picture, "is_animated", False)
    # The first frame has the red sun on the right; the second was mirrored.
    assert picture.convert("RGB").getpixel((267, 80))[0] > 180


def test_alt_text_is_required(editor):
    message = refused(upload(editor, jpeg_bytes(), alt=""))
    assert "This field is required" in message


def test_a_file_name_is_not_accepted_as_alt_text(editor):
    message = refused(upload(editor, jpeg_bytes(), alt="DSC_1234.JPG"))
    assert "looks like a file name" in message


def test_the_focal_point_stays_between_0_and_1(editor):
    response = upload(editor, jpeg_bytes(), focal_x="1.5")
    assert response.status_code == 200
    assert "less than or equal to 1" in " ".join(
        response.context["adminform"].form.errors["focal_x"]
    )


def test_a_reader_cannot_upload_and_a_direct_post_is_refused(client):
    response = client.post(ADD_URL, {"file": SimpleUploadedFile("x.jpg", jpeg_bytes()), "alt": ALT})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Image.objects.exists()


def test_staff_without_the_library_permission_cannot_upload(db):
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.create_user("clerk", password="x" * 20, is_staff=True)
    browser = Client()
    browser.force_login(clerk)
    assert upload(browser, jpeg_bytes()).status_code == 403
    assert not Image.objects.exists()


def test_the_upload_form_offers_only_the_accepted_types(editor):
    page = editor.get(ADD_URL).content.decode()
    assert re.search(r'accept="image/jpeg,image/png,image/webp,image/avif,image/gif"', page)
