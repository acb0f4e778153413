"""Scheduled stories go live even when no worker is running.

Readers already see a due story (``published()`` counts it); this middleware makes the
state match by calling :func:`publishing.publish_due` on a request, at most once every
few seconds per process, so signals fire and the newsroom shows the true status.
"""

import time
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

CHECK_INTERVAL_SECONDS = 5.0


class ScheduledPublishingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.next_check = 0.0

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.monotonic()
        if now >= self.next_check and not request.path.startswith(("/static/", "/media/")):
            self.next_check = now + CHECK_INTERVAL_SECONDS
            from dateline.news import publishing

            try:
                publishing.publish_due()
            except DatabaseError:
                # A busy or unavailable database must not turn a page view into an error;
                # the story is already visible through published(), the flip can wait.
                self.next_check = now
        return self.get_response(request)
