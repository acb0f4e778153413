from django.apps import AppConfig


class NewsConfig(AppConfig):
    """Editions, sections, authors and articles, and the only code that publishes them."""

    name = "dateline.news"
    label = "news"
    verbose_name = "News"
