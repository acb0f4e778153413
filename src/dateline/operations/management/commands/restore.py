"""``dateline restore PATH``: a backup back into the configured database and data folder.

Stop ``dateline serve`` and the worker first. See ``dateline/operations/backups_restore.py``
for what is checked before and after, and docs/deploy.md for the procedure.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.operations.backups_manifest import DamagedArchive
from dateline.operations.backups_restore import ENGINE_NAMES, RestoreRefused, restore_backup


class Command(BaseCommand):
    help = "Restore a `dateline backup` archive, then check the restored database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="A .tar.gz written by `dateline backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds tables.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist.")
        try:
            restored = restore_backup(archive, force=options["force"])
        except DamagedArchive as error:
            raise CommandError(
                f"{archive} is damaged or not a Dateline backup: {error}. Nothing was changed."
            ) from error
        except RestoreRefused as error:
            raise CommandError(str(error)) from error

        manifest = restored.manifest
        self.stdout.write(
            f"Restored {archive} (taken {manifest.created_at} by Dateline "
            f"{manifest.dateline_version}, {ENGINE_NAMES[manifest.database.engine]}):\n"
            f"  database: {len(manifest.database.tables)} tables, "
            f"{manifest.database.stories} stories\n"
            f"  media: {restored.media}\n"
            f"  secret key: {restored.secret_key}\n"
            "Checks:"
        )
        for line in restored.passed:
            self.stdout.write(f"  ok      {line}")
        for line in restored.notes:
            self.stdout.write(f"  note    {line}")
        for line in restored.problems:
            self.stdout.write(f"  FAILED  {line}")
        if not restored.ok:
            raise CommandError(
                f"{len(restored.problems)} check(s) failed: do not start the site on this "
                "database; restore another backup."
            )
        self.stdout.write(self.style.SUCCESS("All checks passed."))
