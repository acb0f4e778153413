"""Running test code on other threads, each with its own database connection."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import connection


def closing_connection(work: Callable[[], Any]) -> Any:
    """Runs ``work`` and closes this thread's connection afterwards."""
    try:
        return work()
    finally:
        connection.close()


def in_own_thread(work: Callable[[], Any]) -> Any:
    """Runs ``work`` on a fresh thread, so on a fresh database connection."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(closing_connection, work).result()
