"""What the accounts app keeps.

- :class:`SecurityPolicy`: the one row of rules an administrator sets in the newsroom.
- :class:`SignInEvent`: sign-ins, failures, lockouts, expired sessions and two-factor changes.
- :class:`Authenticator`: the authenticator-app devices of django-otp, as the newsroom names them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

# The idle timeout an administrator may choose: from five minutes to a week.
MIN_IDLE_MINUTES = 5
MAX_IDLE_MINUTES = 7 * 24 * 60


class SecurityPolicy(models.Model):
    """The newsroom's account rules. There is at most one row (id 1); without it the defaults
    apply. Read it through :func:`dateline.accounts.policy.current`, which caches it."""

    require_two_factor = models.BooleanField(
        _("require two-factor sign-in for every newsroom account"),
        default=False,
        help_text=_(
            "When on, anyone signed in without an authenticator app is sent to set one up "
            "before they can open any newsroom page."
        ),
    )
    idle_minutes = models.PositiveIntegerField(
        _("sign out after this many idle minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_IDLE_MINUTES), MaxValueValidator(MAX_IDLE_MINUTES)],
        help_text=_(
            "A session nobody uses for this long ends. Leave empty for the server's default "
            "(DATELINE_SESSION_IDLE_MINUTES)."
        ),
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("security policy")
        verbose_name_plural = _("security policy")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_security_policy")]

    def __str__(self) -> str:
        return gettext("Security policy")

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # the one row
        super().save(*args, **kwargs)


class EventKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    FAILED = "failed", _("Wrong username or password")
    CODE_FAILED = "code_failed", _("Wrong two-factor code")
    LOCKED_OUT = "locked_out", _("Locked out after repeated failures")
    REFUSED = "refused", _("Refused while locked out")
    SIGNED_OUT = "signed_out", _("Signed out")
    EXPIRED = "expired", _("Session expired")
    TWO_FACTOR_ON = "2fa_on", _("Two-factor sign-in turned on")
    TWO_FACTOR_OFF = "2fa_off", _("Two-factor sign-in turned off")
    TWO_FACTOR_RESET = "2fa_reset", _("Two-factor sign-in reset by an administrator")
    BACKUP_CODES = "backup_codes", _("New backup codes made")
    POLICY_CHANGED = "policy", _("Security policy changed")


class SignInEvent(models.Model):
    """One event in the life of a newsroom account. The username is copied, so the log keeps
    failed attempts on names that do not exist and survives deleted accounts."""

    at = models.DateTimeField(
        pgettext_lazy("time of an event", "at"), default=timezone.now, db_index=True
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in log")
        indexes = [models.Index(fields=["username", "-at"], name="signin_username")]

    def __str__(self) -> str:
        # Translators: stands for the username of a sign-in attempt that gave none.
        username = self.username or gettext("unknown")
        return f"{username}: {self.get_kind_display().lower()}"


class Authenticator(TOTPDevice):
    """An authenticator app (TOTP) an account signs in with; administrators reset them here."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")
