"""What happens around a picture being added, changed or removed, in one place.

The newsroom's screen calls these after saving; nothing hangs off ``post_save``. Renditions
are made by a task enqueued when the transaction commits, so a rolled-back upload never
leaves a task behind, and the editor's request does not wait for the encoders.
"""

from collections.abc import Iterable

from django.db import transaction

from dateline.media import renditions
from dateline.media.models import Image
from dateline.media.validation import CheckedPicture


def describe_upload(image: Image, checked: CheckedPicture, original_name: str) -> None:
    """Fills the fields an upload decides (dimensions come from the file on save)."""
    image.file_size = len(checked.content)
    image.original_name = (original_name or "")[:200]


def picture_saved(
    image: Image, changed: Iterable[str], *, created: bool, replaced: str = ""
) -> None:
    """After the newsroom saved ``image``: out with renditions made from what changed (and
    with the ``replaced`` original's file), and a task to make the new ones."""
    changed = set(changed)
    if not created:
        if "file" in changed:
            renditions.discard(image)
            if replaced and replaced != image.file.name:
                storage = Image._meta.get_field("file").storage
                transaction.on_commit(lambda: storage.delete(replaced))
        elif {"focal_x", "focal_y"} & changed:
            renditions.discard(image, crops_only=True)
    if created or {"file", "focal_x", "focal_y"} & changed:
        schedule_renditions(image.pk)


def schedule_renditions(image_id: int) -> None:
    from dateline.media.tasks import make_renditions

    transaction.on_commit(lambda: make_renditions.enqueue(image_id))


def remove_files(images: Iterable[Image]) -> None:
    """Deletes the files of pictures being deleted, once the deletion has committed."""
    names: list[str] = []
    for image in images:
        names += [r.file.name for r in image.renditions.all() if r.file.name]
        if image.file.name:
            names.append(image.file.name)
    if not names:
        return
    storage = Image._meta.get_field("file").storage

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)
