"""The secret key lives in the data folder: generated on first run, never committed.

Sharing one data folder between processes (web workers, task worker) shares the
key; a race between two first starts is settled by ``O_EXCL`` so both end up
reading the same key.
"""

import os
import secrets
from pathlib import Path


def load_or_create_secret_key(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(64))
    key = path.read_text().strip()
    if len(key) < 50:
        raise RuntimeError(f"{path} holds a secret key that is too short; delete it to regenerate.")
    return key
