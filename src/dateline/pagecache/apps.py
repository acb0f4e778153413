from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "dateline.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from dateline.pagecache import keys, purging

        keys.watch_loads()  # pages are filed under every story, tag and author they load
        purging.connect()  # and purged when the news changes
