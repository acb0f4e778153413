"""Breaking alerts: an editor asks for one on a published, breaking story, once per story.

The newsroom shows :func:`alert_refusal` and :func:`alert_audience` on its confirmation page
and calls :func:`send_breaking_alert` when the editor confirms. Who may ask is the
newsroom's business (``newsroom.roles.may_send_breaking_alert``); what may be sent is
decided here. Example::

    alert_refusal(story)                   # None, or why not ("…is not published")
    issue = send_breaking_alert(story, base_url="https://news.example")
    send_breaking_alert(story, base_url=…)  # AlertRefused: "…was already sent on …"

One alert per story holds under a double click or two editors at once: the issue is unique
per story (a database constraint) and only one caller moves it from draft to sending.
"""

import logging

from django.db.models import QuerySet
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from dateline.distribution.newsletters.composing import compose_alert
from dateline.distribution.newsletters.models import (
    IssueKind,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
)
from dateline.distribution.newsletters.sending import audience, start_sending
from dateline.news.models import Article

logger = logging.getLogger(__name__)


class AlertRefused(ValueError):
    """The story cannot get an alert (now); the message says why, for the editor."""


def existing_alert(article: Article) -> NewsletterIssue | None:
    return NewsletterIssue.objects.filter(kind=IssueKind.ALERT, article=article).first()


def alert_audience(article: Article) -> QuerySet[Subscriber]:
    """Confirmed subscribers of the story's edition on the breaking-news list."""
    return audience(article.edition_id, IssueKind.ALERT)


def _already_sent(issue: NewsletterIssue) -> str:
    when = timezone.localtime(issue.send_started_at or issue.created_at)
    return _("A breaking alert for this story was already sent on %(date)s at %(time)s.") % {
        "date": dateformat.format(when, "d E Y"),
        "time": dateformat.format(when, "H:i"),
    }


def alert_refusal(article: Article) -> str | None:
    """Why ``article`` cannot get an alert now, in the editor's words; None when it can."""
    issue = existing_alert(article)
    if issue is not None and issue.status != IssueStatus.DRAFT:
        return _already_sent(issue)
    if not Article.objects.published().filter(pk=article.pk).exists():
        return _("Only a published story can be sent as a breaking alert: publish it first.")
    if not article.is_breaking:
        return _(
            # Translators: “breaking news” and “Credits and labels” are the story form's
            # checkbox and fieldset in the newsroom: use the same words as there.
            "Only a story marked “breaking news” can be sent as an alert: tick “breaking news” "
            "under Credits and labels and save first."
        )
    if not alert_audience(article).exists():
        return _(
            "No confirmed subscriber of the %(edition)s edition is on the "
            "breaking-news list, so there is no one to send the alert to."
        ) % {"edition": article.edition.name}
    return None


def send_breaking_alert(article: Article, *, base_url: str) -> NewsletterIssue:
    """Composes the story's alert issue and queues its send. Raises :class:`AlertRefused`
    (with the reason) when the story does not qualify or its alert already went out."""
    reason = alert_refusal(article)
    if reason:
        raise AlertRefused(reason)
    issue = compose_alert(article, base_url=base_url)
    if not start_sending(issue.pk):  # a concurrent request got there first
        issue.refresh_from_db()
        raise AlertRefused(_already_sent(issue))
    logger.info("Breaking alert for story %s queued as newsletter issue %s", article.pk, issue.pk)
    return issue
