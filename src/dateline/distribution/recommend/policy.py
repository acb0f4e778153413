"""The limits of "Recommend news to friend", read from settings (each an environment
variable, see docs/configuration.md). A negative value stops start-up:
:meth:`DistributionConfig.ready` reads the policy once.
"""

from dataclasses import dataclass

from django.conf import settings

from dateline.lib.environment import ConfigurationError


@dataclass(frozen=True)
class Policy:
    per_ip_per_hour: int
    per_sender_per_day: int
    per_recipient_per_day: int
    daily_cap: int
    min_seconds: int
    max_seconds: int
    log_days: int


def _read(name: str) -> int:
    value = getattr(settings, name)
    if not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"{name}={value!r}: expected a whole number ≥ 0.")
    return value


def policy() -> Policy:
    return Policy(
        per_ip_per_hour=_read("DATELINE_RECOMMEND_PER_IP_PER_HOUR"),
        per_sender_per_day=_read("DATELINE_RECOMMEND_PER_SENDER_PER_DAY"),
        per_recipient_per_day=_read("DATELINE_RECOMMEND_PER_RECIPIENT_PER_DAY"),
        daily_cap=_read("DATELINE_RECOMMEND_DAILY_CAP"),
        min_seconds=_read("DATELINE_RECOMMEND_MIN_SECONDS"),
        max_seconds=_read("DATELINE_RECOMMEND_MAX_SECONDS"),
        log_days=_read("DATELINE_RECOMMEND_LOG_DAYS"),
    )
