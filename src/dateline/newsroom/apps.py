from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class NewsroomConfig(AppConfig):
    """The Django admin, shaped for editors, at /newsroom/. No domain logic of its own."""

    name = "dateline.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"


class NewsroomAdminConfig(AdminConfig):
    """Django's admin app with the newsroom's site class as the default site."""

    default_site = "dateline.newsroom.site.NewsroomSite"
