"""Upgrading moves the pictures stories had in their own fields into the media library, once
per file, with their descriptions; going back restores the old fields."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.media_helpers import jpeg_bytes

BEFORE = [("news", "0004_article_role_permissions"), ("media", "0002_renditions_per_crop")]
AFTER = [("news", "0005_pictures_from_the_library")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_story(apps, headline: str, **fields):
    Edition = apps.get_model("news", "Edition")
    Section = apps.get_model("news", "Section")
    Article = apps.get_model("news", "Article")
    edition, _ = Edition.objects.get_or_create(
        code="en", defaults={"name": "English", "language": "en", "time_zone": "UTC"}
    )
    section, _ = Section.objects.get_or_create(
        edition=edition, slug="politics", defaults={"name": "Politics"}
    )
    return Article.objects.create(
        edition=edition, section=section, headline=headline, slug="story", **fields
    )


def test_old_pictures_move_into_the_library_once_per_file(old_schema):
    name = default_storage.save("articles/2024/05/minister.jpg", ContentFile(jpeg_bytes(800, 600)))
    described = {
        "image": name,
        "image_alt": "The minister signs the letter",
        "image_caption": "At the ministry on Monday.",
        "image_credit": "Photo: Press service",
    }
    english = old_story(old_schema, "Minister signs", **described)
    translation = old_story(old_schema, "Translated", **described)  # shares the file
    no_alt = old_story(
        old_schema,
        "Talks resume",
        image=default_storage.save("articles/2024/05/talks.png", ContentFile(jpeg_bytes(300, 200))),
    )
    lost = old_story(old_schema, "Lost picture", image="articles/2019/01/gone.jpg")
    plain = old_story(old_schema, "No picture")

    apps = migrate(AFTER)

    Article, Image = apps.get_model("news", "Article"), apps.get_model("media", "Image")
    assert Image.objects.count() == 2
    moved = Article.objects.get(pk=english.pk).picture
    assert Article.objects.get(pk=translation.pk).picture_id == moved.pk
    assert (moved.file.name, moved.width, moved.height) == (name, 800, 600)
    assert moved.alt == "The minister signs the letter"
    assert (moved.caption, moved.credit) == ("At the ministry on Monday.", "Photo: Press service")
    assert Article.objects.get(pk=no_alt.pk).picture.alt == "Talks resume"  # the headline
    assert Article.objects.get(pk=lost.pk).picture_id is None
    assert Article.objects.get(pk=plain.pk).picture_id is None
    assert "image" not in {f.name for f in Article._meta.get_fields()}

    apps = migrate(BEFORE)

    back = apps.get_model("news", "Article").objects.get(pk=english.pk)
    assert (back.image.name, back.image_alt, back.image_credit) == (
        name,
        "The minister signs the letter",
        "Photo: Press service",
    )
