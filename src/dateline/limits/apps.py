from django.apps import AppConfig


class LimitsConfig(AppConfig):
    """Rate limits and daily caps for everything the public can post."""

    name = "dateline.limits"
    label = "limits"
    verbose_name = "Rate limits"
