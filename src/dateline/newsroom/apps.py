from django.contrib.admin.apps import AdminConfig


class NewsroomConfig(AdminConfig):
    """The Django admin, shaped for editors, at /newsroom/. No domain logic of its own."""

    default_site = "dateline.newsroom.site.NewsroomSite"
    verbose_name = "Newsroom"
