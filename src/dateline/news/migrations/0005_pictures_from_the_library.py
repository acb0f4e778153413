"""Stories take their picture from the media library.

Each distinct file in the old ``Article.image`` becomes one ``media.Image`` (translations that
shared a file share the library picture), described with the story's old alt text, caption
and credit; the story points at it through ``picture``. The old fields then go. A file that
is no longer in storage is skipped: its story was already showing a broken picture.

The files are not re-encoded here (a migration must not depend on the upload checks of the
day); renditions are made the first time a page shows each picture. Going backwards copies
the picture back into the old fields.
"""

from django.db import migrations


def _dimensions(storage, name: str) -> tuple[int, int] | None:
    from PIL import Image as Pillow

    try:
        with storage.open(name, "rb") as handle, Pillow.open(handle) as picture:
            return picture.size
    except (OSError, ValueError, SyntaxError):
        return None


def move_to_library(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    Image = apps.get_model("media", "Image")
    storage = Image._meta.get_field("file").storage
    library: dict[str, int] = {}
    stories = (
        Article.objects.exclude(image="")
        .filter(picture__isnull=True)
        .order_by("pk")
        .only("pk", "headline", "image", "image_alt", "image_caption", "image_credit")
    )
    for story in stories.iterator(chunk_size=500):
        name = story.image.name
        if name not in library:
            size = _dimensions(storage, name) if storage.exists(name) else None
            if size is None:
                continue
            image = Image(
                alt=(story.image_alt or story.headline)[:250],
                caption=story.image_caption,
                credit=story.image_credit,
                width=size[0],
                height=size[1],
                original_name=name.rsplit("/", 1)[-1][:200],
            )
            image.file.name = name  # the same file, now the library's
            try:
                image.file_size = storage.size(name)
            except (OSError, NotImplementedError):
                image.file_size = 0
            image.save()
            library[name] = image.pk
        Article.objects.filter(pk=story.pk).update(picture_id=library[name])
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: PostgreSQL refuses to alter a table (the fields
        # removed below) while deferred constraint checks on it are pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def move_back(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    for story in Article.objects.filter(picture__isnull=False).select_related("picture"):
        Article.objects.filter(pk=story.pk).update(
            image=story.picture.file.name,
            image_alt=story.picture.alt,
            image_caption=story.picture.caption,
            image_credit=story.picture.credit,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_article_role_permissions"),
        ("media", "0002_renditions_per_crop"),
    ]

    operations = [
        migrations.RunPython(move_to_library, move_back),
        migrations.RemoveField(model_name="article", name="image"),
        migrations.RemoveField(model_name="article", name="image_alt"),
        migrations.RemoveField(model_name="article", name="image_caption"),
        migrations.RemoveField(model_name="article", name="image_credit"),
    ]
