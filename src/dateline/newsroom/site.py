from django.conf import settings
from django.contrib import admin


class NewsroomSite(admin.AdminSite):
    site_header = "Newsroom"
    index_title = "Today in the newsroom"

    @property
    def site_title(self) -> str:  # type: ignore[override]
        return f"{settings.DATELINE_SITE_NAME} newsroom"

    site_url = "/"
