"""Scheduled stories go live even when no worker is running.

Readers already see a due story (``published()`` counts it); this middleware makes the
state match by calling :func:`publishing.publish_due` on a request, at most once every
few seconds per process, so signals fire and the newsroom shows the true status.
"""

import time
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from dateline.operations import database_watch, outage
from dateline.operations.middleware import ANSWERED_BY_VIEW_WHEN_DOWN

CHECK_INTERVAL_SECONDS = 5.0


class ScheduledPublishingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.next_check = 0.0

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = time.monotonic()
        if (
            now >= self.next_check
            and not request.path.startswith(("/static/", "/media/"))
            and not outage.database_is_down()  # a view beacon then passes without waiting
        ):
            self.next_check = now + CHECK_INTERVAL_SECONDS
            from dateline.news import publishing

            try:
                publishing.publish_due()
            except DatabaseError as error:
                # A busy database must not turn a page view into an error: the story is
                # already visible through published(), the flip can wait. An unreachable one
                # ends the request now (a stale copy or the 503 page), rather than letting
                # the view wait for the database a second time; a view beacon goes on to
                # its view, which spools it.
                self.next_check = now
                kind = database_watch.report_failure(error)
                if kind == outage.UNREACHABLE and not request.path.startswith(
                    ANSWERED_BY_VIEW_WHEN_DOWN
                ):
                    raise
        return self.get_response(request)
