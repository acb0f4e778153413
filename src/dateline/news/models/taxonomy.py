"""How stories are filed: sections (per edition), tags and agency sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dateline.news.models.editions import Edition

# Path segments that the reader site uses under /<edition>/; a section may not take them.
RESERVED_SECTION_SLUGS = frozenset(
    {"news", "author", "tag", "archive", "search", "feeds", "feed", "print", "static", "media"}
    | {"corrections"}
)


class Section(models.Model):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="sections"
    )
    name = models.CharField(pgettext_lazy("name of a thing", "name"), max_length=80)
    slug = models.SlugField(
        # Translators: the readable part of a URL (of a story, section, tag or author).
        _("slug"),
        max_length=80,
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="section_slug_unique_per_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.edition.code})" if self.edition_id else self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "website:section", kwargs={"edition": self.edition.code, "section": self.slug}
        )

    def clean(self) -> None:
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError(
                {
                    "slug": gettext("“%(slug)s” is used by the site itself; pick another.")
                    % {"slug": self.slug}
                }
            )


class Tag(models.Model):
    name = models.CharField(pgettext_lazy("name of a thing", "name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """The agency or outlet credited in the dateline: ``05 March 2014 [09:30] - TODAY.AZ``."""

    name = models.CharField(pgettext_lazy("name of a thing", "name"), max_length=80, unique=True)
    url = models.URLField(_("url"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name
