"""Two signed tokens: the form token on every article page, and the stop link in every mail.

The form token is ``TimestampSigner`` over ``"<article id>:<random nonce>"``. It proves the
POST comes from a form this site rendered for this article, not from a script that never
loaded a page, and its age catches bots on both sides: sent under ``min_seconds`` after the
page was rendered (no person fills four fields that fast) or over ``max_seconds`` later
(a harvested token being replayed). Example::

    token = issue_form_token(article.pk)   # "42:Xy…:1sT…:AbC…"
    check_form_token(token, article.pk)    # raises TokenRejected("too-fast") within 3 s

It is not one-time, and the article page does not get a token of its own per render: a
reader's page must be byte-for-byte the same for everyone so that page caches can share it
(tests/test_headers_and_cookies.py). :func:`page_form_token` therefore hands every render
the same token for ``PAGE_TOKEN_REUSE_SECONDS`` — exactly what a page cache would do — and
replays are bounded by the rate limits instead (see docs/recommend.md).

The stop token is ``signing.dumps`` of the recipient's normalised address with its own
salt; it never expires, because a stop link must keep working.
"""

import secrets
import time

from django.core import signing
from django.core.cache import cache

from dateline.distribution.recommend.policy import policy

FORM_SALT = "dateline.distribution.recommend.form"
STOP_SALT = "dateline.distribution.recommend.stop"
MAX_TOKEN_LENGTH = 200
PAGE_TOKEN_REUSE_SECONDS = 300


def clock() -> float:
    """The signer's idea of now; tests move it with monkeypatch."""
    return time.time()


class _Signer(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(clock()))


class TokenRejected(ValueError):
    """``reason`` is one of ``too-fast``, ``too-old``, ``tampered``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def issue_form_token(article_id: int) -> str:
    return _Signer(salt=FORM_SALT).sign(f"{article_id}:{secrets.token_urlsafe(12)}")


def page_form_token(article_id: int) -> str:
    """The token printed on the article page, shared by every render for a few minutes."""
    token = cache.get_or_set(
        f"recommend-form-token:{article_id}",
        lambda: issue_form_token(article_id),
        PAGE_TOKEN_REUSE_SECONDS,
    )
    return str(token)


def check_form_token(token: str, article_id: int) -> None:
    """Returns quietly when ``token`` was issued for ``article_id`` within the allowed window."""
    signer = _Signer(salt=FORM_SALT)
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenRejected("tampered")
    try:
        value = signer.unsign(token)  # the signature only; the age is checked below
        issued = signing.b62_decode(token.rsplit(signer.sep, 2)[-2])
    except (signing.BadSignature, ValueError, IndexError):
        raise TokenRejected("tampered") from None
    if value.split(":", 1)[0] != str(article_id):
        raise TokenRejected("tampered")
    age = clock() - issued
    limits = policy()
    if age < limits.min_seconds:
        raise TokenRejected("too-fast")
    if age > limits.max_seconds:
        raise TokenRejected("too-old")


def stop_token(address: str) -> str:
    return signing.dumps(address, salt=STOP_SALT, compress=True)


def address_from_stop_token(token: str) -> str:
    """The address a stop link was made for; raises ``signing.BadSignature`` when tampered."""
    if len(token) > 1000:
        raise signing.BadSignature("Token too long.")
    address = signing.loads(token, salt=STOP_SALT)
    if not isinstance(address, str):
        raise signing.BadSignature("Not an address.")
    return address
