"""``DatabaseOutageMiddleware``: what a request does when the database may be down.

It sits right after the page cache in ``MIDDLEWARE`` (which has already answered every page
it holds, stale ones included), before anything that may query the database (sessions,
authentication, scheduled publishing, lockouts):

* while the breaker is open (:mod:`.outage`) it answers the 503 page at once, touching no
  database — except for view beacons, whose view spools them (``analytics/spool.py``);
* otherwise it bounds every database call the request makes (:mod:`.database_watch`):
  ``DATELINE_DATABASE_WAIT_SECONDS`` for readers, the longer
  ``DATELINE_NEWSROOM_DATABASE_WAIT_SECONDS`` for editors, whose saves may queue behind a
  long write and should wait rather than fail (on SQLite this is also how long the request
  waits for another writer's lock) — except the breaker's trial request, which tests a
  database just found down and gets the readers' limit, so an editor is not held 10 s by a
  frozen server;
* after a request that met an unavailable database, it drops the connections it used.

The 503 itself is the site's error handler's to draw: the middleware raises
:class:`.outage.DatabaseUnavailable` into it, exactly as a failed query would, so there is
one page and one decision (``website/views/errors.py``).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import get_resolver, get_urlconf

from dateline.operations import database_watch, outage

NEWSROOM_PREFIX = "/newsroom/"
# Requests whose view knows what to do while the database is down.
ANSWERED_BY_VIEW_WHEN_DOWN = ("/beacon/",)


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if outage.database_is_down() and not request.path.startswith(ANSWERED_BY_VIEW_WHEN_DOWN):
            return unavailable(request)
        newsroom = request.path.startswith(NEWSROOM_PREFIX)
        limit = (
            settings.DATELINE_NEWSROOM_DATABASE_WAIT_SECONDS
            if newsroom and not outage.is_trial()  # a trial finds out at a reader's pace
            else settings.DATELINE_DATABASE_WAIT_SECONDS
        )
        with database_watch.request_scope(limit):
            response = self.get_response(request)
        database_watch.discard_failed_connections()
        return response


def unavailable(request: HttpRequest) -> HttpResponseBase:
    """The site's answer to a request that cannot reach the database (its 503 page)."""
    handler = get_resolver(get_urlconf()).resolve_error_handler(500)
    try:
        raise outage.DatabaseUnavailable("The database is unavailable; not trying it now.")
    except outage.DatabaseUnavailable:
        return handler(request)
