from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    """Honest view counts and Most read lists. Reads news; the website shows what it counts."""

    name = "dateline.analytics"
    label = "analytics"
    verbose_name = _("Readership")

    def ready(self) -> None:
        from dateline.analytics import beacon_path
        from dateline.news.signals import article_unpublished

        def stop_short_path(sender, article_id: int, **kwargs) -> None:
            beacon_path.forget(article_id)  # its beacons go to the view, which answers 404

        self._stop_short_path = stop_short_path  # signals hold weak references
        article_unpublished.connect(stop_short_path, dispatch_uid="analytics.beacon_path")
