"""The picture library.

An :class:`Image` is uploaded once, checked (see ``media/validation.py``) and described (alt
text, caption, credit, focal point). Stories and article bodies refer to it; readers get
:class:`Rendition` files — several widths in AVIF, WebP and JPEG — generated once and kept in
the configured storage.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Image(models.Model):
    file = models.ImageField(
        _("picture"),
        upload_to="library/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_("JPEG, PNG, WebP, AVIF or GIF (first frame). Location data is removed."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    # What the stored original weighs and was called on the uploader's computer (searchable).
    file_size = models.PositiveIntegerField(_("bytes"), editable=False, default=0)
    original_name = models.CharField(_("original name"), max_length=200, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the picture shows, for readers who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        # Translators: the photographer or agency credited with a picture.
        _("credit"),
        max_length=120,
        blank=True,
        help_text=_("Photographer / agency."),
    )
    focal_x = models.FloatField(
        # Translators: the horizontal coordinate of a picture's focal point.
        _("focal x"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Horizontal focal point, 0 (left) to 1 (right); crops keep it in view."),
    )
    focal_y = models.FloatField(
        # Translators: the vertical coordinate of a picture's focal point.
        _("focal y"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Vertical focal point, 0 (top) to 1 (bottom)."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False, db_index=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def __str__(self) -> str:
        label = self.alt or self.file.name or ""
        return f"{label} — {self.credit}" if self.credit else label


class Rendition(models.Model):
    """One resized, re-encoded copy of an image: a width, a format, and a crop.

    ``ratio`` is empty for the whole picture, or ``"16:9"``-style for a crop around the focal
    point. Files are written by :mod:`dateline.media.renditions` only.
    """

    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions"
    )
    ratio = models.CharField(
        # Translators: the aspect ratio of a picture's crop, such as 16:9.
        _("ratio"),
        max_length=9,
        blank=True,
        default="",
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(
        # Translators: a picture file's format: AVIF, WebP or JPEG.
        _("format"),
        max_length=5,
    )  # "avif", "webp" or "jpeg"
    file = models.FileField(_("file"), upload_to="renditions/%Y/%m/", max_length=200)
    file_size = models.PositiveIntegerField(_("bytes"), default=0)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "ratio", "width", "format"], name="rendition_once_per_size"
            )
        ]

    def __str__(self) -> str:
        crop = f" {self.ratio}" if self.ratio else ""
        return f"{self.image_id}{crop} {self.width}w {self.format}"
