from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LimitsConfig(AppConfig):
    """Rate limits and daily caps for everything the public can post."""

    name = "dateline.limits"
    label = "limits"
    verbose_name = _("Rate limits")
