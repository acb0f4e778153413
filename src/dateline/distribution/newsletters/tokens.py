"""Signed tokens for the subscribe box and for the links in every newsletter e-mail.

- The *page token* on the subscribe box (same idea as recommend's form token): proves the
  POST comes from a form this site rendered, shared by every render for a few minutes so
  that pages stay identical for page caches.
- The *confirm token*: ``"<subscriber id>:<timestamp>:<signature>"``, valid 48 hours.
- The *preference token*: ``"<subscriber id>:<signature>"``, valid until the subscriber is
  deleted. Used by the preference page and by one-click unsubscribe.

Both subscriber tokens are signed with a salt that includes the subscriber's random ``key``,
so a signature copied onto another subscriber's id does not verify, and rotating the key
revokes every link. Example::

    token = preference_token(ann)           # "17:Xb3…"
    subscriber_from_preference_token(token) # ann; another id with that signature → BadToken
"""

import secrets

from django.core import signing
from django.core.cache import cache

from dateline.distribution.newsletters.models import Subscriber

PAGE_SALT = "dateline.newsletters.page"
CONFIRM_SALT = "dateline.newsletters.confirm"
PREFERENCES_SALT = "dateline.newsletters.preferences"
CONFIRM_MAX_AGE = 48 * 60 * 60
PAGE_TOKEN_MAX_AGE = 24 * 60 * 60
PAGE_TOKEN_REUSE_SECONDS = 300
MAX_TOKEN_LENGTH = 200


class BadToken(ValueError):
    """Tampered, expired, or made for another subscriber."""


def page_token() -> str:
    token = cache.get_or_set(
        "newsletters:page-token",
        lambda: signing.TimestampSigner(salt=PAGE_SALT).sign(secrets.token_urlsafe(9)),
        PAGE_TOKEN_REUSE_SECONDS,
    )
    return str(token)


def check_page_token(token: str) -> bool:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return False
    try:
        signing.TimestampSigner(salt=PAGE_SALT).unsign(token, max_age=PAGE_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return True


def _subscriber(token: str) -> Subscriber:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise BadToken("tampered")
    head = token.split(":", 1)[0]
    if not head.isdigit() or len(head) > 18:
        raise BadToken("tampered")
    subscriber = Subscriber.objects.filter(pk=int(head)).first()
    if subscriber is None:
        raise BadToken("unknown")
    return subscriber


def confirm_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=f"{CONFIRM_SALT}:{subscriber.key}").sign(str(subscriber.pk))


def subscriber_from_confirm_token(token: str) -> Subscriber:
    subscriber = _subscriber(token)
    signer = signing.TimestampSigner(salt=f"{CONFIRM_SALT}:{subscriber.key}")
    try:
        signer.unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise BadToken("expired") from None
    except signing.BadSignature:
        raise BadToken("tampered") from None
    return subscriber


def preference_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=f"{PREFERENCES_SALT}:{subscriber.key}").sign(str(subscriber.pk))


def subscriber_from_preference_token(token: str) -> Subscriber:
    subscriber = _subscriber(token)
    try:
        signing.Signer(salt=f"{PREFERENCES_SALT}:{subscriber.key}").unsign(token)
    except signing.BadSignature:
        raise BadToken("tampered") from None
    return subscriber
