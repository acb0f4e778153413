"""The embedded default's mail backend: one ``.eml`` file per message in the data folder.

Nothing leaves the machine until ``DATELINE_SMTP_URL`` is set; the newsroom lists
the folder so an editor can see exactly what would have been sent.
"""

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def outbox_dir() -> Path:
    return Path(settings.OUTBOX_DIR)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = outbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            mime = message.message()
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            message_id = _UNSAFE.sub("_", str(mime.get("Message-ID", "")).strip("<>"))[:80]
            path = folder / f"{stamp}-{message_id or sent}.eml"
            # Write then rename, so the newsroom never lists a half-written message.
            partial = path.with_suffix(".part")
            partial.write_bytes(mime.as_bytes())
            partial.rename(path)
            sent += 1
        return sent
