"""Preview links for colleagues without a login: signed, expiring, revocable.

A link carries the share's random key signed with the site's secret key, so it cannot be
guessed or altered; whether it still works is decided by the :class:`DraftShare` row (expiry
and revocation), so revoking takes effect at once and expiry needs no clean-up job::

    share = create(story, user=editor, request=request)
    absolute_url(share, request)   # "https://news.example/shared/3f2a…:Xy9…/"
    open_share(token)              # the share, or NotShared / ShareEnded
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.editorial import audit
from dateline.editorial.models import AuditAction, DraftShare
from dateline.lib.public_url import site_root
from dateline.news.models import Article

SALT = "dateline.editorial.sharing"
MAX_HOURS = 30 * 24  # a preview link is for a review, not a permanent back door


class NotShared(Exception):
    """The token is not one of ours (mistyped, altered) or its share no longer exists."""


class ShareEnded(Exception):
    """The link was real but has expired or been revoked."""

    def __init__(self, share: DraftShare) -> None:
        super().__init__(share.pk)
        self.share = share

    @property
    def revoked(self) -> bool:
        return self.share.revoked_at is not None


def default_hours() -> int:
    return int(settings.DATELINE_DRAFT_SHARE_HOURS)


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def token_for(share: DraftShare) -> str:
    return _signer().sign(share.key.hex)


def path_for(share: DraftShare) -> str:
    return reverse("website:shared-draft", args=[token_for(share)])


def absolute_url(share: DraftShare, request: HttpRequest) -> str:
    return site_root(request) + path_for(share)


def create(
    article: Article,
    *,
    user=None,
    request: HttpRequest | None = None,
    hours: int | None = None,
) -> DraftShare:
    """A new link to ``article``, working for ``hours`` (default ``DATELINE_DRAFT_SHARE_HOURS``).

    Raises :class:`ValueError` for a lifetime outside 1 hour … :data:`MAX_HOURS`.
    """
    lifetime = default_hours() if hours is None else hours
    if not 1 <= lifetime <= MAX_HOURS:
        raise ValueError(
            _("A preview link lasts between 1 and %(max)s hours.") % {"max": MAX_HOURS}
        )
    if request is not None and user is None:
        user = request.user
    now = timezone.now()
    with transaction.atomic():
        share = DraftShare.objects.create(
            article=article,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            created_at=now,
            expires_at=now + timedelta(hours=lifetime),
        )
        audit.record(
            AuditAction.SHARED,
            article=article,
            user=user,
            request=request,
            share=share.pk,
            expires_at=share.expires_at.isoformat(),
        )
    return share


def revoke(share: DraftShare, *, user=None, request: HttpRequest | None = None) -> bool:
    """Stops the link working now; ``False`` when it was already revoked."""
    with transaction.atomic():
        changed = DraftShare.objects.filter(pk=share.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if changed:
            share.refresh_from_db(fields=["revoked_at"])
            audit.record(
                AuditAction.SHARE_REVOKED,
                article=share.article,
                user=user,
                request=request,
                share=share.pk,
            )
    return bool(changed)


def open_share(token: str) -> DraftShare:
    """The working share behind ``token``.

    Raises :class:`NotShared` for a token we did not sign or a share that is gone, and
    :class:`ShareEnded` for one that has expired or been revoked.
    """
    try:
        key = _signer().unsign(token)
    except signing.BadSignature:
        raise NotShared from None
    share = DraftShare.objects.filter(key=key).first() if _is_hex_key(key) else None
    if share is None:
        raise NotShared
    if not share.is_active:
        raise ShareEnded(share)
    return share


def _is_hex_key(key: str) -> bool:
    return len(key) == 32 and all(c in "0123456789abcdef" for c in key)


def for_article(article: Article) -> list[DraftShare]:
    """The story's links, newest first, with who made them."""
    return list(
        DraftShare.objects.filter(article=article)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )
