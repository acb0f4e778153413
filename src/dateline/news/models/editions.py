"""Language editions: each is a complete site under its own URL prefix."""

import zoneinfo
from datetime import datetime, tzinfo
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateformat import format as format_date


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"“{value}” is not a time zone name; use one like Asia/Baku or Europe/London."
        ) from None


class EditionQuerySet(models.QuerySet["Edition"]):
    def default(self) -> "Edition | None":
        return self.order_by("-is_default", "position", "pk").first()


class Edition(models.Model):
    code = models.SlugField(
        max_length=12,
        unique=True,
        help_text="Short code used in URLs, such as en, az or ru.",
    )
    name = models.CharField(max_length=60, help_text="Shown in the language switcher.")
    language = models.CharField(
        max_length=12, help_text="BCP 47 language tag for <html lang> and hreflang, such as en."
    )
    time_zone = models.CharField(
        max_length=64,
        default="Asia/Baku",
        validators=[validate_time_zone],
        help_text="Datelines and schedules are shown in this zone.",
    )
    date_format = models.CharField(
        max_length=40,
        default="d F Y [H:i]",
        help_text=(
            "Dateline format in Django's date syntax: “d F Y [H:i]” gives 05 March 2014 [09:30]."
        ),
    )
    is_default = models.BooleanField(
        default=False, help_text="The edition served at the site root (/)."
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_edition",
                violation_error_message="Another edition is already the default.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("website:home", kwargs={"edition": self.code})

    @cached_property
    def zone(self) -> tzinfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, moment: datetime) -> datetime:
        """``moment`` as the edition's readers see it (its wall clock)."""
        return moment.astimezone(self.zone)

    def format_dateline(self, moment: datetime) -> str:
        return format_date(self.local(moment), self.date_format)
