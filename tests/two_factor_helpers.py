"""Real authenticator codes for tests: computed from the device's key, as a phone would."""

import time

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline.accounts import two_factor

PASSWORD = "correct horse battery"
LOGIN = "/newsroom/login/"
CODE_STEP = "/newsroom/login/code/"
ENROL = "/newsroom/account/two-factor/set-up/"
SECURITY = "/newsroom/account/two-factor/"


def authenticator(user) -> TOTPDevice:
    """A confirmed authenticator app for ``user``, as if they had set it up."""
    device = two_factor.start_enrolment(user)
    device.confirmed = True
    device.save()
    return device


def code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the app shows now (or ``steps_ahead`` periods of 30 seconds later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice) -> str:
    """Six digits that no step within the accepted window produces."""
    valid = {code(device, steps_ahead=offset) for offset in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in valid)


def sign_in_with_password(
    client: Client,
    username: str,
    password: str = PASSWORD,
    *,
    next_url: str = "/newsroom/",
    **extra,
):
    return client.post(
        f"{LOGIN}?next={next_url}",
        {"username": username, "password": password, "next": next_url},
        **extra,
    )


def enter_code(client: Client, value: str, **extra):
    return client.post(CODE_STEP, {"code": value}, **extra)
