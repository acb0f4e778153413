from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """Editions, sections, authors and articles, and the only code that publishes them."""

    name = "dateline.news"
    label = "news"
    verbose_name = _("News")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_after_migrate, sender=self)


def _after_migrate(using: str, **kwargs) -> None:
    from dateline.lib.planner_statistics import refresh_planner_statistics
    from dateline.news.first_edition import ensure_first_edition

    ensure_first_edition(using)
    refresh_planner_statistics(using)
