"""``dateline pagecache``: look into and act on the page cache.

dateline pagecache stats            backend, pages held on disk, origin renders so far
dateline pagecache purge KEY...     purge surrogate keys (``a42``, ``s5``, ``all``)
dateline pagecache clear            forget every page
dateline pagecache sweep [--days N] delete pages rendered more than N days ago (default 1)
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.pagecache import purging
from dateline.pagecache.store import page_cache


class Command(BaseCommand):
    help = "Show, purge, clear or sweep the page cache."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["stats", "purge", "clear", "sweep"])
        parser.add_argument("keys", nargs="*", help="surrogate keys to purge")
        parser.add_argument("--days", type=float, default=1.0)

    def handle(self, *args: Any, action: str, keys: list[str], days: float, **options: Any) -> None:
        cache = page_cache()
        if cache is None:
            raise CommandError("The page cache is off (DATELINE_PAGE_CACHE=off).")
        backend = cache.backend
        if action == "stats":
            self.stdout.write(f"backend: {backend.name}")
            self.stdout.write(f"renders: {backend.renders()}")
        elif action == "purge":
            if not keys:
                raise CommandError("Name the keys to purge, e.g. `dateline pagecache purge a42`.")
            marked = purging.purge(keys)
            self.stdout.write(f"Purged {', '.join(keys)}: {marked} page(s) marked stale.")
        elif action == "clear":
            cache.clear()
            self.stdout.write("Every cached page forgotten.")
        else:
            removed = backend.sweep(time.time() - days * 86_400)
            self.stdout.write(f"Deleted {removed} page(s) rendered more than {days:g} day(s) ago.")
