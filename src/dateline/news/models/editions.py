"""Language editions: each is a complete site under its own URL prefix."""

import zoneinfo
from datetime import datetime, tzinfo
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            gettext(
                "“%(value)s” is not a time zone name; use one like Asia/Baku or Europe/London."
            ),
            code="invalid_time_zone",
            params={"value": value},
        ) from None


class EditionQuerySet(models.QuerySet["Edition"]):
    def default(self) -> "Edition | None":
        return self.order_by("-is_default", "position", "pk").first()


class Edition(models.Model):
    code = models.SlugField(
        # Translators: the short code of a language edition used in URLs, such as en.
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("Short code used in URLs, such as en, az or ru."),
    )
    name = models.CharField(
        # Translators: the name of an edition, section, tag or source; not a person's name.
        pgettext_lazy("name of a thing", "name"),
        max_length=60,
        help_text=_("Shown in the language switcher."),
    )
    language = models.CharField(
        _("language"),
        max_length=12,
        help_text=_("BCP 47 language tag for <html lang> and hreflang, such as en."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Baku",
        validators=[validate_time_zone],
        help_text=_("Datelines and schedules are shown in this zone."),
    )
    date_format = models.CharField(
        _("date format"),
        max_length=40,
        default="d E Y [H:i]",
        help_text=_(
            "Dateline format in Django's date syntax: “d E Y [H:i]” gives "
            "05 March 2014 [09:30], 05 марта 2014 [09:30]."
        ),
    )
    is_default = models.BooleanField(
        _("is default"), default=False, help_text=_("The edition served at the site root (/).")
    )
    position = models.PositiveSmallIntegerField(
        # Translators: a place in an order (editions and sections in menus, authors in a byline).
        _("position"),
        default=0,
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_edition",
                violation_error_message=_("Another edition is already the default."),
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
