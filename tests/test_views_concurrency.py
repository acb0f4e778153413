"""No view is lost when many readers' beacons arrive at once (RELIABILITY row 11).

Real threads, each with its own database connection, on the database path (no Redis):
every beacon is a distinct reader, so every one must count — on SQLite and on PostgreSQL.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client
from django.urls import reverse

from dateline.analytics.readership import total_views
from tests import factories
from tests.threads import closing_connection, in_own_thread

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
THREADS = 16
BEACONS_PER_THREAD = 500


def send_beacons(url: str, thread: int, start: threading.Barrier) -> list[int]:
    reader = Client()
    statuses = []
    start.wait()
    for n in range(BEACONS_PER_THREAD):
        response = reader.post(
            url, HTTP_USER_AGENT=FIREFOX, REMOTE_ADDR=f"10.{thread}.{n // 250}.{n % 250}"
        )
        statuses.append(response.status_code)
    return statuses


@pytest.mark.django_db(transaction=True)
def test_sixteen_threads_of_five_hundred_distinct_readers_count_exactly_8000(
    settings, database_like_production
):
    settings.REDIS_URL = ""
    story = in_own_thread(factories.article)
    url = reverse("analytics:view-beacon", args=[story.pk])
    start = threading.Barrier(THREADS)

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(
            pool.map(
                lambda n: closing_connection(lambda: send_beacons(url, n, start)), range(THREADS)
            )
        )

    statuses = [status for thread in results for status in thread]
    assert statuses.count(204) == THREADS * BEACONS_PER_THREAD, set(statuses)
    assert in_own_thread(lambda: total_views(story.pk)) == THREADS * BEACONS_PER_THREAD
