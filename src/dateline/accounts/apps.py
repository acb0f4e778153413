from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """How people get into the newsroom and how long they stay: two-factor codes, lockouts,
    session limits, the security policy an administrator sets, and the log of sign-ins."""

    name = "dateline.accounts"
    label = "accounts"
    verbose_name = _("Accounts and security")

    def ready(self) -> None:
        # Listed after "axes" in INSTALLED_APPS, so these receivers run after django-axes has
        # counted a failure and can tell a fresh lockout from an attempt refused by one.
        from dateline.accounts import events, sessions

        events.connect()
        sessions.connect()
