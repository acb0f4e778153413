from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """Honest view counts and Most read lists. Reads news; the website shows what it counts."""

    name = "dateline.analytics"
    label = "analytics"
    verbose_name = "Readership"
