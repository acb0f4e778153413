from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dateline.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from dateline.search import indexing

        indexing.connect()  # the index follows the news as it is published and withdrawn
