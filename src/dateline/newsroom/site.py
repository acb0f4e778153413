from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.i18n import JavaScriptCatalog, set_language


class NewsroomSite(admin.AdminSite):
    """The admin at /newsroom/, titled for the outlet, with the local outbox beside the models."""

    site_header = gettext_lazy("Newsroom")
    index_title = gettext_lazy("Today in the newsroom")
    site_url = "/"
    index_template = "newsroom/dashboard.html"  # the dashboard, then the list of screens

    def index(self, request, extra_context=None):
        """The start page: the dashboard (newsroom/dashboard.py) above the admin's app list."""
        from dateline.newsroom import dashboard

        context = {"dashboard": dashboard.build(request, self), **(extra_context or {})}
        return super().index(request, context)

    def each_context(self, request):
        context = super().each_context(request)
        # Translators: the browser tab's title, after the page's; site is the outlet's name.
        context["site_title"] = _("%(site)s newsroom") % {"site": settings.DATELINE_SITE_NAME}
        return context

    def has_permission(self, request):
        """Staff, and — for an account with an authenticator app — a code entered this session."""
        from dateline.accounts import two_factor

        return super().has_permission(request) and two_factor.session_passes(request)

    def login(self, request, extra_context=None):
        """The password, then the two-factor code for accounts that have an authenticator."""
        from dateline.accounts.views import sign_in

        return sign_in.password_step(request, self, extra_context)

    def i18n_javascript(self, request, extra_context=None):
        """The one JavaScript catalog of the newsroom (jsi18n/): the admin's words and those of
        our own scripts (the djangojs catalogs), in the editor's language. The admin loads it
        on change forms and lists, admin/base_site.html on every other page.

        Django's own serves django.contrib.admin's alone, plus LOCALE_PATHS (always included),
        where ours happen to live; naming our packages keeps them whatever their place.
        """
        ours = [
            config.name for config in apps.get_app_configs() if config.name.startswith("dateline.")
        ]
        return JavaScriptCatalog.as_view(packages=["django.contrib.admin", *ours])(request)

    def get_urls(self):
        from dateline.accounts.urls import newsroom_urls as accounts_urls
        from dateline.newsroom import curation, outbox

        return [
            # The newsroom's language menu: Django's view, keeping the choice in a cookie
            # (LANGUAGE_COOKIE_NAME, sent only to /newsroom/).
            path("language/", set_language, name="set-language"),
            path(
                "front-page/",
                self.admin_view(lambda request: curation.front_page_index(request, self)),
                name="front-page",
            ),
            path(
                "front-page/<str:edition>/",
                self.admin_view(
                    lambda request, edition: curation.edition_front_page(request, self, edition)
                ),
                name="front-page-edition",
            ),
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
            *accounts_urls(self),
            *super().get_urls(),
        ]

    def get_app_list(self, request, app_label=None):
        from dateline.newsroom.curation import editions_for

        apps = super().get_app_list(request, app_label)
        if app_label in (None, "news") and editions_for(request.user):
            for app in apps:
                if app["app_label"] == "news":
                    app["models"].insert(
                        0,
                        {
                            "name": _("Front page (top stories, breaking banner)"),
                            "object_name": "FrontPage",
                            "admin_url": reverse("admin:front-page"),
                            "view_only": True,
                            "perms": {"view": True},
                        },
                    )
        if request.user.is_staff and app_label in (None, "distribution"):
            for app in apps:
                if app["app_label"] == "distribution":
                    app["models"].append(
                        {
                            "name": _("Outbox (mail kept locally)"),
                            "object_name": "Outbox",
                            "admin_url": reverse("admin:outbox"),
                            "view_only": True,
                            "perms": {"view": True},
                        }
                    )
        return apps
