from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "dateline.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from dateline.search import indexing

        indexing.connect()  # the index follows the news as it is published and withdrawn
