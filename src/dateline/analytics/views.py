"""The view beacon: ``POST /beacon/view/<article id>/`` from the article page's script.

Always fast and always quiet: 204 with no body and no cookie, whether the view counted or
not, so a robot learns nothing from the answer. 404 for a story readers cannot see, 403 for
a post from another site, 405 for anything but POST. Counting rules: :mod:`.readers`.

While the database is down the view is kept in the spool (:mod:`.spool`) and counted when
it is back; the beacon still answers 204 (the story's existence is checked at replay).
"""

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dateline.analytics import readers, spool
from dateline.analytics.counting import count_view
from dateline.lib.client_ip import client_ip
from dateline.lib.same_origin import is_same_origin
from dateline.news.models import Article
from dateline.operations import database_watch, outage


@csrf_exempt  # no session, nothing to steal; is_same_origin keeps other sites out
@require_POST
def view_beacon(request: HttpRequest, article_id: int) -> HttpResponse:
    if not is_same_origin(request):
        return HttpResponseForbidden(
            "Beacons are accepted from this site's own pages only.", content_type="text/plain"
        )
    agent = request.headers.get("User-Agent", "")
    counts = not (
        readers.is_prefetch(request) or readers.is_crawler(agent) or readers.is_link_preview(agent)
    )
    now = timezone.now()
    key = readers.reader_key(client_ip(request), agent, article_id, now.date())
    if outage.database_is_down():
        if counts:
            spool.keep(article_id, key, now)
        return _no_content()
    try:
        if not Article.objects.published().filter(pk=article_id).exists():
            return HttpResponseNotFound("No such story.", content_type="text/plain")
        if counts:
            count_view(article_id, key, now)
    except DatabaseError as error:
        if database_watch.report_failure(error) is None:
            raise  # a bug, not an outage
        if counts:
            spool.keep(article_id, key, now)
        return _no_content()
    _replay_spool()
    return _no_content()


def _replay_spool() -> None:
    """The database answers: count views kept while it did not (a failure waits its turn)."""
    try:
        spool.replay_now_and_then()
    except DatabaseError as error:
        if database_watch.report_failure(error) is None:
            raise


def _no_content() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
