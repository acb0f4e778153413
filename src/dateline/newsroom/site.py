from django.conf import settings
from django.contrib import admin
from django.urls import path, reverse


class NewsroomSite(admin.AdminSite):
    """The admin at /newsroom/, titled for the outlet, with the local outbox beside the models."""

    site_header = "Newsroom"
    index_title = "Today in the newsroom"
    site_url = "/"

    def each_context(self, request):
        context = super().each_context(request)
        context["site_title"] = f"{settings.DATELINE_SITE_NAME} newsroom"
        return context

    def get_urls(self):
        from dateline.newsroom import outbox

        return [
            path(
                "outbox/",
                self.admin_view(lambda request: outbox.outbox_index(request, self)),
                name="outbox",
            ),
            path(
                "outbox/<str:name>/",
                self.admin_view(lambda request, name: outbox.outbox_message(request, self, name)),
                name="outbox-message",
            ),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if request.user.is_staff and app_label in (None, "distribution"):
            for app in apps:
                if app["app_label"] == "distribution":
                    app["models"].append(
                        {
                            "name": "Outbox (mail kept locally)",
                            "object_name": "Outbox",
                            "admin_url": reverse("admin:outbox"),
                            "view_only": True,
                            "perms": {"view": True},
                        }
                    )
        return apps
