"""From an accepted form to a queued message: limits, suppression, audit log, the mail.

Checks run cheapest-to-bypass first, and every one is shared by all server processes
(``limits.throttle`` keeps its counters in the database)::

    per IP (hour) → per sender (day) → per recipient (day) → suppression list → daily cap

The daily cap is consumed last, so only messages that are really queued count against it.
A suppressed recipient gets the same answer as a delivered one, so the form cannot be used
to learn who opted out; the audit log records the difference.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from dateline.distribution.mail import queue_mail
from dateline.distribution.models import Outcome, RecommendationAttempt, SuppressedRecipient
from dateline.distribution.recommend.policy import policy
from dateline.distribution.recommend.tokens import stop_token
from dateline.lib import public_url
from dateline.lib.languages import interface_language
from dateline.limits.throttle import DAY, HOUR, consume, fingerprint
from dateline.news.models import Article

# Rejected submissions logged per IP and hour: enough to see an attack in the newsroom,
# not so many that a flood of junk posts can fill the database.
REJECTIONS_LOGGED_PER_IP_PER_HOUR = 60


@dataclass(frozen=True)
class Letter:
    """What an accepted form says, already validated (see ``forms.RecommendForm``)."""

    sender_name: str
    sender_email: str
    friend_name: str
    friend_email: str
    note: str = ""


def is_suppressed(address: str) -> bool:
    return SuppressedRecipient.objects.filter(address_hash=fingerprint(address)).exists()


def suppress(address: str) -> None:
    """Adds ``address`` to the suppression list (as a hash); doing it twice changes nothing."""
    SuppressedRecipient.objects.get_or_create(address_hash=fingerprint(address))


def log_rejection(
    article: Article | None,
    *,
    ip: str,
    outcome: str,
    detail: str = "",
    letter: Letter | None = None,
) -> None:
    ip_hash = fingerprint(ip)
    if not consume("recommend-log", ip_hash, limit=REJECTIONS_LOGGED_PER_IP_PER_HOUR, period=HOUR):
        return
    RecommendationAttempt.objects.create(
        article=article,
        ip_hash=ip_hash,
        sender=letter.sender_email if letter else "",
        recipient=letter.friend_email if letter else "",
        outcome=outcome,
        detail=detail[:200],
    )


def recommend(article: Article, letter: Letter, *, ip: str, base_url: str) -> str:
    """Queues the message unless a limit or the suppression list forbids it; returns the
    :class:`Outcome` and writes it to the audit log."""
    limits = policy()
    ip_hash = fingerprint(ip)
    checks = [
        ("recommend-ip", ip_hash, limits.per_ip_per_hour, HOUR, "per IP"),
        ("recommend-sender", fingerprint(letter.sender_email), limits.per_sender_per_day, DAY,
         "per sender"),
        ("recommend-recipient", fingerprint(letter.friend_email), limits.per_recipient_per_day,
         DAY, "per recipient"),
    ]  # fmt: skip
    outcome, detail = Outcome.QUEUED, ""
    for scope, key, limit, period, label in checks:
        if not consume(scope, key, limit=limit, period=period):
            outcome, detail = Outcome.RATE_LIMITED, f"{label} limit ({limit})"
            break
    else:
        if is_suppressed(letter.friend_email):
            outcome = Outcome.SUPPRESSED
        elif not consume("recommend-all", "all", limit=limits.daily_cap, period=DAY):
            outcome, detail = Outcome.DAILY_CAP, f"daily cap ({limits.daily_cap})"

    if outcome in (Outcome.RATE_LIMITED, Outcome.DAILY_CAP):
        log_rejection(article, ip=ip, outcome=outcome, detail=detail, letter=letter)
        return outcome
    with transaction.atomic():
        mail = None
        if outcome == Outcome.QUEUED:
            mail = queue_mail(**compose(article, letter, base_url=base_url))
        RecommendationAttempt.objects.create(
            article=article,
            ip_hash=ip_hash,
            sender=letter.sender_email,
            recipient=letter.friend_email,
            outcome=outcome,
            detail=detail,
            mail=mail,
        )
        _purge_now_and_then()
    return outcome


def compose(article: Article, letter: Letter, *, base_url: str) -> dict:
    """The message as :func:`queue_mail` keyword arguments. The only links are the
    article's canonical URL and the stop link; nothing the reader typed is a header.

    Rendered in the language of the article's edition, whatever language is active: the
    friend reads the story in that language too."""
    with public_url.site_urls():  # the recommend form may be on an edition's own domain
        stop_url = base_url + reverse(
            "distribution:recommend-stop", kwargs={"token": stop_token(letter.friend_email)}
        )
        article_url = public_url.from_base(base_url, article.get_absolute_url())
    # The stop page belongs to no edition: the link says which language the friend reads.
    stop_url += "?" + urlencode({"language": interface_language(article.edition.language)})
    context = {
        "site_name": settings.DATELINE_SITE_NAME,
        "article": article,
        "article_url": article_url,
        "stop_url": stop_url,
        "letter": letter,
        "quoted_note": "\n".join(f"> {line}" for line in letter.note.splitlines()),
    }
    with translation.override(interface_language(article.edition.language)):
        subject = render_to_string("distribution/email/recommendation_subject.txt", context)
        body_text = render_to_string("distribution/email/recommendation.txt", context)
        body_html = render_to_string("distribution/email/recommendation.html", context)
    return {
        "to": letter.friend_email,
        "subject": " ".join(subject.split()),
        "body_text": body_text,
        "body_html": body_html,
        "headers": {
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    }


def forget_old_attempts(now: datetime | None = None) -> int:
    """Deletes audit-log rows older than ``DATELINE_RECOMMEND_LOG_DAYS``; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=policy().log_days)
    deleted, _ = RecommendationAttempt.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _purge_now_and_then() -> None:
    """Once a day, on commit, a task deletes log rows older than the retention period."""
    if consume("recommend-purge", "all", limit=1, period=DAY):
        from dateline.distribution.tasks import forget_old_recommendations

        transaction.on_commit(lambda: forget_old_recommendations.enqueue())
