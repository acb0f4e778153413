from django.apps import AppConfig


class MediaConfig(AppConfig):
    """The picture library: checked uploads, alt text and credits, responsive renditions."""

    name = "dateline.media"
    label = "media"
    verbose_name = "Media library"
