"""Shared by the newsletter tests: signing up through the real subscribe box, and reading
the links out of received mail."""

import re

from django.test import Client

from dateline.distribution.newsletters.models import Subscriber, SubscriberStatus
from dateline.distribution.newsletters.tokens import page_token

LINK = re.compile(r"https?://\S+")


def sign_up(
    client: Client,
    email: str,
    *,
    edition: str = "en",
    ip: str = "203.0.113.7",
    digest: bool = True,
    alerts: bool = False,
    headers: dict | None = None,
    **extra,
):
    data = {"email": email, "edition": edition, "token": page_token(), "source": "/en/"}
    if digest:
        data["daily_digest"] = "on"
    if alerts:
        data["breaking_alerts"] = "on"
    data.update(extra)
    return client.post("/newsletters/subscribe/", data, REMOTE_ADDR=ip, headers=headers)


def links(text: str, containing: str) -> list[str]:
    return [url for url in LINK.findall(text) if containing in url]


def confirmed_subscribers(count: int, edition, *, alerts: bool = True) -> list[Subscriber]:
    return Subscriber.objects.bulk_create(
        Subscriber(
            email=f"reader{n}@example.org",
            edition=edition,
            daily_digest=True,
            breaking_alerts=alerts,
            status=SubscriberStatus.CONFIRMED,
        )
        for n in range(count)
    )
