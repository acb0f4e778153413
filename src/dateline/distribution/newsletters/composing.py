"""Issues: the daily digest per edition and breaking alerts, rendered once per issue.

The bodies carry :data:`sending.PREFERENCES_MARK` / ``UNSUBSCRIBE_MARK`` where each
subscriber's own links go; the engine fills them in per message, so rendering (and CSS
inlining) happens once per issue, not once per subscriber.

The digest schedules itself: :func:`schedule_digest` enqueues ``compose_digest`` with
``run_after`` at ``DATELINE_DIGEST_TIME`` in the edition's time zone, and each run schedules
the next day. One issue per edition per day is a database constraint, so a duplicate run
composes nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from dateline.analytics.readership import most_read
from dateline.distribution.newsletters.models import IssueKind, NewsletterIssue
from dateline.distribution.newsletters.rendering import render_triplet
from dateline.distribution.newsletters.sending import PREFERENCES_MARK, UNSUBSCRIBE_MARK
from dateline.lib.languages import interface_language
from dateline.limits.throttle import consume
from dateline.media.renditions import email_rendition
from dateline.news.models import Article, Edition

TOP_STORIES = 8
EMAIL_PICTURE_WIDTH = 600  # the width of the newsletter's column


@dataclass(frozen=True)
class EmailPicture:
    """A story's picture as a newsletter shows it: a JPEG (mail programs may not read AVIF
    or WebP) at an absolute address, drawn 600 pixels wide from a file twice that."""

    url: str
    width: int
    height: int
    alt: str
    credit: str


def email_picture(article: Article, base_url: str) -> EmailPicture | None:
    picture = article.picture if article.picture_id else None
    rendition = email_rendition(picture) if picture else None
    if picture is None or rendition is None:
        return None
    url = rendition.file.url
    width = min(EMAIL_PICTURE_WIDTH, rendition.width)
    return EmailPicture(
        url=url if url.startswith(("http://", "https://")) else base_url + url,
        width=width,
        height=round(rendition.height * width / rendition.width),
        alt=picture.alt,
        credit=picture.credit,
    )


def _links(base_url: str) -> dict:
    return {
        "base_url": base_url,
        "preferences_url": PREFERENCES_MARK,
        "unsubscribe_url": UNSUBSCRIBE_MARK,
    }


def digest_time() -> time:
    hours, _, minutes = settings.DATELINE_DIGEST_TIME.partition(":")
    return time(int(hours), int(minutes or 0))


def next_digest_moment(edition: Edition, now: datetime | None = None) -> datetime:
    """The next ``DATELINE_DIGEST_TIME`` on the edition's wall clock, as an aware datetime."""
    local_now = (now or timezone.now()).astimezone(edition.zone)
    moment = datetime.combine(local_now.date(), digest_time(), tzinfo=edition.zone)
    if moment <= local_now:
        moment = datetime.combine(
            local_now.date() + timedelta(days=1), digest_time(), tzinfo=edition.zone
        )
    return moment


def compose_digest(edition: Edition, day: date, *, base_url: str) -> NewsletterIssue | None:
    """The digest of ``day`` (the edition's local date): stories published in the 24 hours
    before that day's digest time, top stories first, and the most read of the last day.
    None when there is nothing to send or the issue exists already."""
    end = datetime.combine(day, digest_time(), tzinfo=edition.zone)
    stories = list(
        Article.objects.published(now=end)
        .filter(edition=edition, published_at__gt=end - timedelta(days=1))
        .select_related("section", "edition", "picture")
        .prefetch_related("picture__renditions")
        .order_by("-is_top_story", "-published_at")[:TOP_STORIES]
    )
    if not stories:
        return None
    popular = most_read(edition.pk).get("24h", [])
    context = {
        "edition": edition,
        "language": edition.language,
        "day": day,
        "stories": stories,
        "picture": email_picture(stories[0], base_url),  # the first story's, above its headline
        "most_read": popular,
        **_links(base_url),
    }
    with translation.override(interface_language(edition.language)):  # not the worker's
        subject, text, html = render_triplet("newsletter_digest", context)
    try:
        with transaction.atomic():
            return NewsletterIssue.objects.create(
                edition=edition,
                kind=IssueKind.DIGEST,
                day=day,
                subject=subject,
                body_text=text,
                body_html=html,
            )
    except IntegrityError:
        return None


def render_alert(article: Article, *, base_url: str) -> tuple[str, str, str]:
    """Subject, text and HTML of the alert for ``article``, with the subscriber marks left in:
    what :func:`compose_alert` stores, and what the newsroom previews before it exists."""
    context = {"article": article, "edition": article.edition, **_links(base_url)}
    context["language"] = article.edition.language
    context["picture"] = email_picture(article, base_url)
    # In the edition's language, whatever the worker's or the previewing editor's.
    with translation.override(interface_language(article.edition.language)):
        return render_triplet("newsletter_alert", context)


def compose_alert(article: Article, *, base_url: str) -> NewsletterIssue:
    """The breaking alert for ``article`` (one per story; a second call returns the first)."""
    existing = NewsletterIssue.objects.filter(kind=IssueKind.ALERT, article=article).first()
    if existing:
        return existing
    subject, text, html = render_alert(article, base_url=base_url)
    try:
        with transaction.atomic():
            return NewsletterIssue.objects.create(
                edition=article.edition,
                kind=IssueKind.ALERT,
                article=article,
                subject=subject,
                body_text=text,
                body_html=html,
            )
    except IntegrityError:
        return NewsletterIssue.objects.get(kind=IssueKind.ALERT, article=article)


def schedule_digest(edition: Edition, now: datetime | None = None) -> bool:
    """Enqueues the edition's next digest run, once per (edition, day)."""
    from dateline.distribution.newsletters.tasks import compose_daily_digest

    moment = next_digest_moment(edition, now)
    day = moment.astimezone(edition.zone).date()
    # One enqueue per (edition, day); the long window only bounds how long the key lives.
    if not consume(
        "newsletter-digest-scheduled", f"{edition.pk}:{day}", limit=1, period=timedelta(days=30)
    ):
        return False
    transaction.on_commit(
        lambda: compose_daily_digest.using(run_after=moment).enqueue(edition.pk, day.isoformat())
    )
    return True
