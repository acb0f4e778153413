"""Writing the audit log: one call per publishing action, wherever it happens."""

from typing import Any

from django.http import HttpRequest

from dateline.editorial.models import AuditAction, AuditEntry
from dateline.lib.client_ip import client_ip
from dateline.news.models import Article


def record(
    action: AuditAction | str,
    *,
    article: Article | None = None,
    user=None,
    request: HttpRequest | None = None,
    **detail: Any,
) -> AuditEntry:
    """Appends an entry; ``request`` supplies the user and the address when given.

    ``user`` is ``None`` for the scheduler and other system actions.
    """
    if request is not None and user is None:
        user = getattr(request, "user", None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEntry.objects.create(
        action=action,
        article=article,
        article_headline=article.headline[:200] if article is not None else "",
        user=user,
        username=user.get_username() if user is not None else "",
        ip=client_ip(request) if request is not None else None,
        detail=detail,
    )
