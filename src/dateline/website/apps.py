from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """What readers see: fronts, articles, print versions, archives. Reads news, writes nothing."""

    name = "dateline.website"
    label = "website"
    verbose_name = "Reader site"
