from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """What readers see: fronts, articles, print versions, archives. Reads news, writes nothing."""

    name = "dateline.website"
    label = "website"
    verbose_name = _("Reader site")
