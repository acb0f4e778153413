"""Background work for the picture library. Tasks take ids and are safe to run twice."""

from django.tasks import task

from dateline.media import renditions
from dateline.media.models import Image


@task()
def make_renditions(image_id: int) -> int:
    """Makes the standard renditions of a new or changed picture; returns how many exist.

    Running it again makes nothing new; a picture deleted meanwhile is simply skipped.
    """
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return len(renditions.ensure(image, renditions.STANDARD))
