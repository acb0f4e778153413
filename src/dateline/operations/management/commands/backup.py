"""``dateline backup``: the database, media and secret key in one archive, site running.

See ``dateline/operations/backups.py`` for what is in the archive and why it is consistent,
and docs/deploy.md for scheduling it with a systemd timer and restoring it.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.operations.backups import BackupError, human_size, take_backup
from dateline.operations.backups_restore import ENGINE_NAMES


class Command(BaseCommand):
    help = "Write the database, media and secret key to one .tar.gz while the site keeps running."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="The archive to write, or a folder for a dated one (default: DATA_DIR/backups/).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backup = take_backup(options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backup.manifest
        database = manifest.database
        self.stdout.write(
            f"Wrote {backup.path} ({human_size(backup.size)}, mode 0600):\n"
            f"  database: {ENGINE_NAMES[database.engine]}, {len(database.tables)} tables, "
            f"{database.stories} stories, {len(database.migrations)} migrations applied\n"
            f"  media: "
            + (
                f"{manifest.media['files']} files ({human_size(manifest.media['bytes'])})"
                if manifest.media["included"]
                else manifest.media["note"]
            )
            + "\n  secret key: "
            + ("included" if manifest.secret_key["included"] else manifest.secret_key["note"])
        )
