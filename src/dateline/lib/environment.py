"""Typed readers for environment variables, so settings say what they expect.

A bad value stops start-up with a message naming the variable, instead of a
confusing failure much later.
"""

import os
from pathlib import Path


class ConfigurationError(RuntimeError):
    """An environment variable holds a value Dateline cannot use."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name}={raw!r}: use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigurationError(f"{name}={raw!r}: expected a whole number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated list, blanks dropped: ``"a, b,,c"`` gives ``["a", "b", "c"]``."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default.resolve()
