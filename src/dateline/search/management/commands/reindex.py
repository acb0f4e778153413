"""``dateline reindex``: rebuild the search index from the stories, or check it.

The index follows every change on its own (search/indexing.py); this is for an import made
with raw SQL, a restore from an old backup, a change of search settings, or to be sure.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.search import indexing


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the published stories (or --check it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="Empty the index first: faster, but searches miss stories until it is done.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only compare the index with the published stories; exit 1 if they differ.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            missing, stale = indexing.check()
            if missing or stale:
                raise CommandError(
                    f"The search index differs from the site: {missing} published "
                    f"stories missing, {stale} entries that are not public. "
                    "Run `dateline reindex`."
                )
            self.stdout.write("The search index holds exactly the published stories.")
            return
        started = time.monotonic()
        last = [0.0]
        verbosity = options["verbosity"]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if verbosity and (now - last[0] > 5 or done == total):
                last[0] = now
                self.stdout.write(f"  … {done:,} of {total:,} stories indexed")

        report = indexing.rebuild(fresh=options["fresh"], progress=progress)
        if verbosity:
            self.stdout.write(
                f"Indexed {report.indexed:,} stories in {time.monotonic() - started:.1f} s"
                + (
                    f"; removed {report.removed:,} entries no longer public."
                    if report.removed
                    else "."
                )
            )
