"""What an editor sees before readers do: an issue's bodies as a subscriber gets them, and a
test send to oneself.

Both go through :func:`sending.personalise`, the function that fills in each subscriber's
links at send time, so a preview cannot drift from the real message. The links are sample
ones (token ``preview``): they show where a reader's links go and open a "this link is not
valid" page rather than someone's preferences. Example::

    subject, text, html = issue_bodies(issue)
    send_test(issue, to="chief@example.org")   # one queued message, "[TEST] …"
"""

from dataclasses import dataclass

from django.urls import reverse

from dateline.distribution.mail import MailHeaderError, queue_mail
from dateline.distribution.models import OutgoingMail
from dateline.distribution.newsletters.models import NewsletterIssue
from dateline.distribution.newsletters.sending import personalise, public_base_url

SAMPLE_LINK_KEY = "preview"
TEST_PREFIX = "[TEST] "


class UnusableTestAddress(ValueError):
    """The address cannot take a test (missing or not a single plain address)."""


@dataclass(frozen=True)
class Bodies:
    subject: str
    text: str
    html: str


def sample_links(base_url: str | None = None) -> dict[str, str]:
    base_url = base_url or public_base_url()
    token = {"token": SAMPLE_LINK_KEY}
    return {
        "preferences": base_url + reverse("distribution:newsletter-preferences", kwargs=token),
        "unsubscribe": base_url + reverse("distribution:newsletter-unsubscribe", kwargs=token),
    }


def sample_bodies(subject: str, text: str, html: str) -> Bodies:
    """Rendered bodies (marks still in) as a subscriber would see them, with sample links."""
    links = sample_links()
    return Bodies(subject, personalise(text, **links), personalise(html, **links))


def issue_bodies(issue: NewsletterIssue) -> Bodies:
    return sample_bodies(issue.subject, issue.body_text, issue.body_html)


def send_test(issue: NewsletterIssue, *, to: str) -> OutgoingMail:
    """Queues one copy of ``issue`` to ``to`` (the editor), subject prefixed ``[TEST]``.

    Raises :class:`UnusableTestAddress` when ``to`` is empty or not one plain address. The
    message goes through the ordinary mail queue, not the issue's deliveries, so it never
    counts as sent to a subscriber and never stops the real send.
    """
    if not to:
        raise UnusableTestAddress("no address")
    bodies = issue_bodies(issue)
    try:
        return queue_mail(
            to=to,
            subject=TEST_PREFIX + bodies.subject,
            body_text=bodies.text,
            body_html=bodies.html,
            headers={"Auto-Submitted": "auto-generated"},
        )
    except MailHeaderError as error:
        raise UnusableTestAddress(str(error)) from None
