from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    """The picture library: checked uploads, alt text and credits, responsive renditions."""

    name = "dateline.media"
    label = "media"
    verbose_name = _("Media library")

    def ready(self) -> None:
        from django.conf import settings
        from PIL import Image

        from dateline.media import checks  # noqa: F401  (registers the system checks)

        # Pillow's decompression-bomb guard at our own limit: it warns above it and refuses
        # twice it, for every decode in the process (uploads are checked before that).
        Image.MAX_IMAGE_PIXELS = settings.DATELINE_MEDIA_MAX_MEGAPIXELS * 1_000_000
