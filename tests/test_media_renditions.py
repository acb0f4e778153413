"""Renditions: AVIF, WebP and JPEG at several widths, never upscaled, cropped around the focal
point when a ratio is asked for, made once and kept (rows and files), by a task after upload
or on first use, and safe when two makers race."""

import io
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as Pillow

from dateline.media import renditions
from dateline.media.models import Image, Rendition
from dateline.media.tasks import make_renditions
from tests import factories
from tests.media_helpers import jpeg_bytes, library_picture
from tests.threads import closing_connection, in_own_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in (root / "renditions").rglob("*") if p.is_file()}


def decoded(rendition: Rendition) -> Pillow.Image:
    with rendition.file.open("rb") as handle:
        picture = Pillow.open(io.BytesIO(handle.read()))
        picture.load()
    return picture


def test_a_big_picture_gets_every_width_in_three_formats(settings):
    image = library_picture(width=2400, height=1600, rendered=False)

    made = renditions.ensure(image, [renditions.WHOLE])

    assert sorted({spec.width for spec in made}) == [320, 640, 960, 1280, 1920]
    for spec, rendition in made.items():
        picture = decoded(rendition)
        assert picture.format == {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}[spec.format]
        assert picture.size == (spec.width, round(spec.width * 2 / 3))
        assert rendition.file_size == rendition.file.size
        assert not picture.getexif()  # nothing of the original's metadata travels


def test_a_small_picture_is_never_upscaled():
    image = library_picture(width=700, height=500, rendered=False)
    made = renditions.ensure(image, [renditions.WHOLE, renditions.SOCIAL])
    assert sorted({(s.ratio, s.width) for s in made}) == [("", 320), ("", 640), ("", 700)]
    assert renditions.social_rendition(image).width == 700  # the picture itself, not 1200


def test_a_crop_keeps_the_focal_point_in_view():
    """The test scene has a red sun in its right third: a square crop around a focal point on
    the sun shows it; around a focal point on the left, it does not."""
    on_sun = library_picture(width=1200, height=600, focal_x=0.83, focal_y=0.33, rendered=False)
    on_left = library_picture(width=1200, height=600, focal_x=0.1, focal_y=0.5, rendered=False)
    square = renditions.Family("1:1", (300,), ("jpeg",))

    def reds(image: Image) -> int:
        (rendition,) = renditions.ensure(image, [square]).values()
        picture = decoded(rendition)
        assert picture.size == (300, 300)
        return sum(1 for r, g, b in picture.get_flattened_data() if r > 180 and g < 80 and b < 80)

    assert reds(on_sun) > 1000
    assert reds(on_left) == 0


def test_renditions_are_made_once_and_the_task_is_safe_to_run_twice(isolated_files):
    image = library_picture(rendered=False)

    first = make_renditions.call(image.pk)
    files = files_under(isolated_files / "media")
    rows = set(Rendition.objects.values_list("pk", "file"))
    second = make_renditions.call(image.pk)

    # A 960-pixel picture: three widths in three formats for each of the whole picture, the
    # 16:9 and the 4:3 crops; its 1200-pixel JPEG for previews is the whole 960 one.
    assert first == second == len(rows) == len(files) == 27
    assert set(Rendition.objects.values_list("pk", "file")) == rows
    assert files_under(isolated_files / "media") == files


def test_the_task_skips_a_picture_deleted_meanwhile():
    assert make_renditions.call(987_654) == 0


def test_a_maker_that_loses_the_race_keeps_the_winners_files_and_deletes_its_own(
    isolated_files,
):
    image = library_picture(rendered=False)
    specs = renditions.planned(image, renditions.THUMBNAIL)
    winner = renditions.generate(image, specs)

    # A second process that looked before the first one saved makes the same renditions.
    loser = renditions.generate(Image.objects.get(pk=image.pk), specs)

    assert {s: r.pk for s, r in loser.items()} == {s: r.pk for s, r in winner.items()}
    assert Rendition.objects.count() == len(specs)
    assert files_under(isolated_files / "media") == {r.file.name for r in winner.values()}


@pytest.mark.django_db(transaction=True)
def test_two_makers_at_once_leave_one_rendition_per_size(database_like_production, isolated_files):
    image = in_own_thread(lambda: library_picture(rendered=False))
    start = threading.Barrier(2)

    def make() -> int:
        start.wait()
        return len(renditions.ensure(Image.objects.get(pk=image.pk), [renditions.THUMBNAIL]))

    with ThreadPoolExecutor(2) as pool:
        made = [pool.submit(closing_connection, make) for _ in range(2)]
        counts = [future.result(timeout=60) for future in made]

    specs = renditions.planned(image, renditions.THUMBNAIL)
    rows = in_own_thread(lambda: list(Rendition.objects.values_list("file", flat=True)))
    assert counts == [len(specs)] * 2 and len(rows) == len(specs)
    assert files_under(isolated_files / "media") == set(rows)


def test_a_page_makes_missing_renditions_on_first_use_and_reuses_them(client):
    story = factories.article(picture=library_picture(rendered=False))
    assert not Rendition.objects.exists()

    first = client.get(story.get_absolute_url()).content.decode()
    made = Rendition.objects.count()
    second = client.get(story.get_absolute_url()).content.decode()

    assert made > 0 and Rendition.objects.count() == made
    assert '<source type="image/avif"' in first and first == second


def test_moving_the_focal_point_replaces_only_the_crops_under_new_names(
    django_capture_on_commit_callbacks,
):
    image = library_picture()
    before = dict(Rendition.objects.values_list("file", "ratio"))
    editor = Client()
    editor.force_login(factories.editor(chief=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/newsroom/media/image/{image.pk}/change/",
            {"alt": image.alt, "caption": "", "credit": "", "focal_x": "0.9", "focal_y": "0.2"},
        )
    assert response.status_code == 302
    make_renditions.call(image.pk)  # what the queued task does

    after = dict(Rendition.objects.values_list("file", "ratio"))
    kept = {name for name, ratio in before.items() if ratio == ""}
    assert kept <= after.keys()  # the whole picture did not change
    crops_before = {name for name, ratio in before.items() if ratio}
    crops_after = {name for name, ratio in after.items() if ratio}
    assert crops_after and not crops_before & crops_after  # new URLs: no stale cached crop
    assert len(after) == len(before)


def test_a_picture_whose_file_is_gone_still_renders_the_page(client):
    image = library_picture(rendered=False)
    image.file.storage.delete(image.file.name)
    story = factories.article(picture=image)

    page = client.get(story.get_absolute_url())

    assert page.status_code == 200
    assert f'alt="{image.alt}"' in page.content.decode()


def test_deleting_a_picture_removes_its_files(isolated_files, django_capture_on_commit_callbacks):
    image = library_picture()
    original = isolated_files / "media" / image.file.name
    assert original.exists() and files_under(isolated_files / "media")
    chief = Client()
    chief.force_login(factories.editor(chief=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = chief.post(f"/newsroom/media/image/{image.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not original.exists() and not files_under(isolated_files / "media")


def test_a_picture_a_story_uses_cannot_be_deleted(isolated_files):
    image = library_picture()
    factories.article(picture=image)
    chief = Client()
    chief.force_login(factories.editor(chief=True))

    response = chief.post(f"/newsroom/media/image/{image.pk}/delete/", {"post": "yes"})

    assert "would require deleting the following protected" in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()
    assert (isolated_files / "media" / image.file.name).exists()


def test_replacing_the_file_removes_the_old_one_and_all_its_renditions(
    isolated_files, django_capture_on_commit_callbacks
):
    image = library_picture()
    old_original, old_renditions = image.file.name, files_under(isolated_files / "media")
    editor = Client()
    editor.force_login(factories.editor())

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            f"/newsroom/media/image/{image.pk}/change/",
            {
                "file": SimpleUploadedFile("new.jpg", jpeg_bytes(1200, 800), "image/jpeg"),
                "alt": image.alt,
                "focal_x": "0.5",
                "focal_y": "0.5",
            },
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height, image.original_name) == (1200, 800, "new.jpg")
    assert not (isolated_files / "media" / old_original).exists()
    assert not Rendition.objects.exists() and not files_under(isolated_files / "media")
    make_renditions.call(image.pk)
    assert not old_renditions & files_under(isolated_files / "media")
