"""Rate limits hold exactly across threads and tidy their own counters."""

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections
from django.utils import timezone

from dateline.limits.models import Allowance
from dateline.limits.tasks import forget_old_allowances
from dateline.limits.throttle import HOUR, consume, fingerprint, remaining


@pytest.mark.django_db
def test_a_limit_of_five_says_yes_five_times_then_no():
    answers = [consume("test", "reader", limit=5, period=HOUR) for _ in range(8)]

    assert answers == [True] * 5 + [False] * 3
    assert remaining("test", "reader", limit=5, period=HOUR) == 0


@pytest.mark.django_db
def test_a_new_window_starts_counting_again():
    now = timezone.now()
    for _ in range(3):
        consume("test", "reader", limit=3, period=HOUR, now=now)

    assert consume("test", "reader", limit=3, period=HOUR, now=now) is False
    assert consume("test", "reader", limit=3, period=HOUR, now=now + HOUR) is True


@pytest.mark.django_db
def test_keys_are_counted_apart_and_hold_no_address_in_the_clear():
    key = fingerprint("203.0.113.9")

    assert "203.0.113.9" not in key
    assert key == fingerprint(" 203.0.113.9 ")
    assert consume("test", key, limit=1, period=HOUR)
    assert consume("test", fingerprint("198.51.100.7"), limit=1, period=HOUR)


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_posts_get_exactly_the_limit(database_like_production):
    answers: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(20)

    def post() -> None:
        start.wait()
        try:
            allowed = consume("burst", "one-ip", limit=5, period=HOUR)
            with lock:
                answers.append(allowed)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=post) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answers) == [False] * 15 + [True] * 5


@pytest.mark.django_db
def test_counters_older_than_two_days_are_forgotten():
    old = timezone.now() - timedelta(days=3)
    consume("test", "old", limit=5, period=HOUR, now=old)
    consume("test", "new", limit=5, period=HOUR)

    assert forget_old_allowances.call() == 1
    assert list(Allowance.objects.values_list("key", flat=True)) == ["new"]
