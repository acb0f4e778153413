"""Counters behind rate limits, kept in the database so every server process shares them."""

from django.db import models


class Allowance(models.Model):
    """How often ``key`` was used in the fixed window starting at ``window_start``.

    ``key`` never holds personal data in the clear: callers pass hashes of IP addresses
    and e-mail addresses (see :func:`dateline.limits.throttle.fingerprint`).
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="allowance_once_per_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="allowance_window")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key[:8]}… {self.hits} since {self.window_start:%Y-%m-%d %H:%M}"
