"""Two-factor sign-in: one authenticator app (TOTP) per account, plus single-use backup codes.

An account "has two-factor" when it has a *confirmed* authenticator; backup codes alone do not
count, they only stand in for a lost phone. Codes are checked by django-otp, which refuses a
code already used (each 30-second code works once) and makes each wrong guess wait twice as long
as the one before (1 s, 2 s, 4 s …) on top of the lockout after repeated failures.

Example::

    device = start_enrolment(user)           # unconfirmed, secret shown as a QR code
    if confirm_enrolment(device, "492039"):  # the code the app shows now
        codes = new_backup_codes(user)       # shown once
"""

import re
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

import segno
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
# A TOTP code is six digits; a backup code is eight letters and digits (django-otp's own).
TOTP_CODE = re.compile(r"^\d{6}$")
BACKUP_CODE = re.compile(r"^[a-z2-7]{8}$")
# Set on the request once per request: whether this session may use the newsroom.
_CHECKED = "_dateline_two_factor_ok"


def has_two_factor(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def session_is_verified(request: HttpRequest) -> bool:
    """Whether a code was entered in this session (django-otp's ``OTPMiddleware`` says so)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def session_passes(request: HttpRequest) -> bool:
    """A session may use the newsroom when it entered a code, or when its account has no
    authenticator to ask for one (the policy decides separately whether it must set one up).

    An account that turned two-factor on in another browser is asked for a code here too.
    """
    cached = getattr(request, _CHECKED, None)
    if cached is None:
        cached = session_is_verified(request) or not has_two_factor(request.user)
        setattr(request, _CHECKED, cached)
    return cached


# --- Enrolment --------------------------------------------------------------------------------


def start_enrolment(user) -> TOTPDevice:
    """The account's unconfirmed authenticator, made on first call; a reload shows the same
    secret, so a code from an app that already scanned it still works."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app expects it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` address as an SVG QR code in a ``data:`` URI, which the newsroom's
    Content-Security-Policy allows for images (``img-src 'self' data:``)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def confirm_enrolment(device: TOTPDevice, code: str) -> bool:
    """Confirms ``device`` if ``code`` is right; any other authenticator of the account goes."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not device.verify_token(normalise(code)):
            return False
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


def new_backup_codes(user) -> list[str]:
    """Replaces the account's backup codes with :data:`BACKUP_CODE_COUNT` new ones; the old
    ones stop working. The caller shows the codes once: they are not shown again."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def turn_off(user) -> None:
    """Removes the authenticator and the backup codes."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


# --- Checking a code --------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """What came of a code: the device that accepted it, or how long to wait before the next
    try (django-otp's throttling), or neither (a wrong code)."""

    device: Device | None = None
    wait_until: datetime | None = None

    @property
    def backup_code(self) -> bool:
        return isinstance(self.device, StaticDevice)


def normalise(code: str) -> str:
    """Spaces and dashes people type into codes are ignored, and backup codes in any case."""
    return re.sub(r"[\s-]", "", code).lower()


def check(user, code: str) -> Check:
    """Checks a six-digit code against the account's authenticator, or a backup code against its
    backup codes (the code is used up). A code already accepted once is refused."""
    code = normalise(code)
    if TOTP_CODE.match(code):
        model: type[Device] = TOTPDevice
    elif BACKUP_CODE.match(code):
        model = StaticDevice
    else:
        return Check()
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            allowed, why = device.verify_is_allowed()
            if not allowed:
                if why and why.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
                    return Check(wait_until=why.get("locked_until") or timezone.now())
                return Check()
            if device.verify_token(code):
                return Check(device=device)
    return Check()
