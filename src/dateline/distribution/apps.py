from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """How stories and messages leave the site: outgoing mail now; feeds and newsletters later."""

    name = "dateline.distribution"
    label = "distribution"
    verbose_name = "Distribution"
