"""The account pages, mounted inside the newsroom's admin site (``NewsroomSite.get_urls``)."""

from django.contrib.admin import AdminSite
from django.urls import URLPattern, path

from dateline.accounts.views import security, sign_in


def newsroom_urls(site: AdminSite) -> list[URLPattern]:
    """URL names are in the ``admin`` namespace, e.g. ``admin:two-factor-enrol``."""
    return [
        # Before signing in: not wrapped in admin_view.
        path(
            "login/code/",
            lambda request: sign_in.code_step(request, site),
            name="two-factor-code",
        ),
        path(
            "account/two-factor/",
            site.admin_view(lambda request: security.overview(request, site)),
            name="account-security",
        ),
        path(
            "account/two-factor/set-up/",
            site.admin_view(lambda request: security.enrol(request, site)),
            name="two-factor-enrol",
        ),
        path(
            "account/two-factor/backup-codes/",
            site.admin_view(lambda request: security.backup_codes(request, site)),
            name="two-factor-backup-codes",
        ),
        path(
            "account/two-factor/turn-off/",
            site.admin_view(lambda request: security.disable(request, site)),
            name="two-factor-disable",
        ),
    ]
