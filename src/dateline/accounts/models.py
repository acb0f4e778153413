"""What the accounts app keeps.

- :class:`SecurityPolicy`: the one row of rules an administrator sets in the newsroom.
- :class:`SignInEvent`: sign-ins, failures, lockouts, expired sessions and two-factor changes.
- :class:`Authenticator`: the authenticator-app devices of django-otp, as the newsroom names them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

# The idle timeout an administrator may choose: from five minutes to a week.
MIN_IDLE_MINUTES = 5
MAX_IDLE_MINUTES = 7 * 24 * 60


class SecurityPolicy(models.Model):
    """The newsroom's account rules. There is at most one row (id 1); without it the defaults
    apply. Read it through :func:`dateline.accounts.policy.current`, which caches it."""

    require_two_factor = models.BooleanField(
        "require two-factor sign-in for every newsroom account",
        default=False,
        help_text=(
            "When on, anyone signed in without an authenticator app is sent to set one up "
            "before they can open any newsroom page."
        ),
    )
    idle_minutes = models.PositiveIntegerField(
        "sign out after this many idle minutes",
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_IDLE_MINUTES), MaxValueValidator(MAX_IDLE_MINUTES)],
        help_text=(
            "A session nobody uses for this long ends. Leave empty for the server's default "
            "(DATELINE_SESSION_IDLE_MINUTES)."
        ),
    )
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "security policy"
        verbose_name_plural = "security policy"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_security_policy")]

    def __str__(self) -> str:
        return "Security policy"

    def save(self, *args, **kwargs) -> None:
        self.pk = 1  # the one row
        super().save(*args, **kwargs)


class EventKind(models.TextChoices):
    SIGNED_IN = "signed_in", "Signed in"
    FAILED = "failed", "Wrong username or password"
    CODE_FAILED = "code_failed", "Wrong two-factor code"
    LOCKED_OUT = "locked_out", "Locked out after repeated failures"
    REFUSED = "refused", "Refused while locked out"
    SIGNED_OUT = "signed_out", "Signed out"
    EXPIRED = "expired", "Session expired"
    TWO_FACTOR_ON = "2fa_on", "Two-factor sign-in turned on"
    TWO_FACTOR_OFF = "2fa_off", "Two-factor sign-in turned off"
    TWO_FACTOR_RESET = "2fa_reset", "Two-factor sign-in reset by an administrator"
    BACKUP_CODES = "backup_codes", "New backup codes made"
    POLICY_CHANGED = "policy", "Security policy changed"


class SignInEvent(models.Model):
    """One event in the life of a newsroom account. The username is copied, so the log keeps
    failed attempts on names that do not exist and survives deleted accounts."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField("from address", null=True, blank=True)
    user_agent = models.CharField("browser", max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "sign-in event"
        verbose_name_plural = "sign-in log"
        indexes = [models.Index(fields=["username", "-at"], name="signin_username")]

    def __str__(self) -> str:
        return f"{self.username or 'unknown'}: {self.get_kind_display().lower()}"


class Authenticator(TOTPDevice):
    """An authenticator app (TOTP) an account signs in with; administrators reset them here."""

    class Meta:
        proxy = True
        verbose_name = "authenticator app"
        verbose_name_plural = "authenticator apps"
