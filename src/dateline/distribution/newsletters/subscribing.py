"""Subscribe → confirm → change preferences → unsubscribe, and the purge of sign-ups that
were never confirmed.

Whatever the address's history, :func:`subscribe` answers nothing: the view shows the same
"check your inbox" page, so the form cannot be used to learn who is subscribed. At most one
e-mail per address per 24 hours results from it, however many sign-ups arrive (the
conditional UPDATE on ``confirmation_sent_at`` is the lock), so the box cannot be used to
flood someone's inbox either.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from dateline.distribution.mail import queue_mail
from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
from dateline.distribution.newsletters.rendering import render_triplet
from dateline.distribution.newsletters.tokens import confirm_token, preference_token
from dateline.lib.languages import interface_language
from dateline.limits.throttle import DAY, consume
from dateline.news.models import Edition

MAILS_PER_ADDRESS_PERIOD = timedelta(hours=24)


@dataclass(frozen=True)
class SignUp:
    email: str
    edition: Edition
    daily_digest: bool
    breaking_alerts: bool
    source: str


def preferences_url(subscriber: Subscriber, base_url: str) -> str:
    token = preference_token(subscriber)
    return base_url + reverse("distribution:newsletter-preferences", kwargs={"token": token})


def unsubscribe_url(subscriber: Subscriber, base_url: str) -> str:
    token = preference_token(subscriber)
    return base_url + reverse("distribution:newsletter-unsubscribe", kwargs={"token": token})


def subscribe(sign_up: SignUp, *, base_url: str) -> None:
    """Records the sign-up and, at most once per 24 h per address, mails a link."""
    now = timezone.now()
    email = sign_up.email.strip().lower()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email,
                        edition=sign_up.edition,
                        daily_digest=sign_up.daily_digest,
                        breaking_alerts=sign_up.breaking_alerts,
                        consent_source=sign_up.source[:200],
                    )
            except IntegrityError:  # a concurrent first sign-up for the same address
                subscriber = Subscriber.objects.select_for_update().get(email=email)
        if subscriber.status == SubscriberStatus.BOUNCED:
            return  # the address does not exist or refuses us; mailing it again helps no one
        if subscriber.status != SubscriberStatus.CONFIRMED:
            # Pending or unsubscribed: the new choice waits for (another) confirmation.
            # A stranger can change what a pending sign-up asked for, never what a
            # confirmed subscriber receives.
            Subscriber.objects.filter(pk=subscriber.pk).update(
                status=SubscriberStatus.PENDING,
                edition=sign_up.edition,
                daily_digest=sign_up.daily_digest,
                breaking_alerts=sign_up.breaking_alerts,
                consent_source=sign_up.source[:200],
            )
        claimed = (
            Subscriber.objects.filter(pk=subscriber.pk)
            .filter(
                Q(confirmation_sent_at__isnull=True)
                | Q(confirmation_sent_at__lte=now - MAILS_PER_ADDRESS_PERIOD)
            )
            .update(confirmation_sent_at=now)
        )
        if claimed:
            subscriber.refresh_from_db()
            if subscriber.edition_id == sign_up.edition.pk:
                subscriber.edition = sign_up.edition  # its language, without another query
            _mail_link(subscriber, base_url=base_url)
        _purge_now_and_then()


def _mail_link(subscriber: Subscriber, *, base_url: str) -> None:
    """A confirmation link, or — for an address already confirmed — its preference link,
    in the language of the subscriber's edition."""
    language = interface_language(subscriber.edition.language)
    context = {
        "subscriber": subscriber,
        "language": language,
        "preferences_url": preferences_url(subscriber, base_url),
        "confirm_url": base_url
        + reverse("distribution:newsletter-confirm", kwargs={"token": confirm_token(subscriber)}),
    }
    name = (
        "newsletter_already"
        if subscriber.status == SubscriberStatus.CONFIRMED
        else "newsletter_confirm"
    )
    with translation.override(language):
        subject, text, html = render_triplet(name, context)
    queue_mail(
        to=subscriber.email,
        subject=subject,
        body_text=text,
        body_html=html,
        headers={"Auto-Submitted": "auto-generated"},
    )


def confirm(subscriber: Subscriber) -> None:
    """Idempotent: a second click changes nothing, the first consent time is kept."""
    confirmed = Subscriber.objects.filter(pk=subscriber.pk, status=SubscriberStatus.PENDING).update(
        status=SubscriberStatus.CONFIRMED, consent_at=timezone.now(), unsubscribed_at=None
    )
    if confirmed:
        # The edition's digest schedules itself from here on; this starts the chain.
        from dateline.distribution.newsletters.composing import schedule_digest

        schedule_digest(subscriber.edition)


def change_preferences(
    subscriber: Subscriber, *, edition: Edition, daily_digest: bool, breaking_alerts: bool
) -> None:
    Subscriber.objects.filter(pk=subscriber.pk).update(
        edition=edition, daily_digest=daily_digest, breaking_alerts=breaking_alerts
    )


def unsubscribe(subscriber: Subscriber) -> None:
    """Idempotent; a bounced address stays bounced."""
    Subscriber.objects.filter(
        pk=subscriber.pk, status__in=[SubscriberStatus.PENDING, SubscriberStatus.CONFIRMED]
    ).update(status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now())


def purge_unconfirmed(now: datetime | None = None) -> int:
    """Deletes sign-ups not confirmed within ``DATELINE_NEWSLETTER_UNCONFIRMED_DAYS``."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.DATELINE_NEWSLETTER_UNCONFIRMED_DAYS)
    deleted, _ = (
        Subscriber.objects.filter(status=SubscriberStatus.PENDING, created_at__lt=cutoff)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lt=cutoff))
        .delete()
    )
    return deleted


def _purge_now_and_then() -> None:
    """Once a day, on the first sign-up, a task purges stale unconfirmed sign-ups."""
    if consume("newsletter-purge", "all", limit=1, period=DAY):
        from dateline.distribution.newsletters.tasks import purge_unconfirmed_signups

        transaction.on_commit(lambda: purge_unconfirmed_signups.enqueue())
