from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The Django admin, shaped for editors, at /newsroom/. No domain logic of its own."""

    name = "dateline.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_refresh_role_groups, dispatch_uid="newsroom-role-groups")


def _refresh_role_groups(sender: AppConfig, using: str, **kwargs) -> None:
    """After the last app has migrated (and every permission exists), existing role groups
    gain the rights this release gives them."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return
    from django.core.exceptions import ImproperlyConfigured

    from dateline.newsroom.roles import refresh_existing_groups

    try:
        refresh_existing_groups(using)
    except ImproperlyConfigured:  # a partial migrate: some permissions do not exist yet
        return


class NewsroomAdminConfig(AdminConfig):
    """Django's admin app with the newsroom's site class as the default site."""

    default_site = "dateline.newsroom.site.NewsroomSite"
