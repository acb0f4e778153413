"""The media library screen, and the picture part of the article screen.

Uploading goes through :class:`dateline.media.forms.PictureForm` (every check, clear
errors); saving hands over to :mod:`dateline.media.library`, which queues the renditions.
The focal point is set by clicking the picture (``newsroom/focal-point.js``) or typed in.
"""

from django.contrib import admin
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dateline.media import library, renditions
from dateline.media.forms import PictureForm
from dateline.media.models import Image

THUMBNAIL_WIDTH = 160  # CSS pixels in the list; the 320 rendition keeps it sharp


def thumbnail(image: Image, *, generate: bool = False) -> SafeString:
    """The 4:3 thumbnail, from renditions already made unless ``generate``: a list of fifty
    fresh uploads must not wait for fifty sets of encoders."""
    if generate:
        renditions.ensure(image, [renditions.THUMBNAIL])
    index = renditions.existing(image)
    wanted = renditions.planned(image, renditions.THUMBNAIL)
    jpegs = [index[s] for s in wanted if s.format == "jpeg" and s in index]
    webps = [index[s] for s in wanted if s.format == "webp" and s in index]
    if not jpegs:
        return format_html(
            '<span class="media-thumb media-thumb--pending">{}</span>',
            # Translators: a picture's thumbnail is still being made.
            _("Preparing…"),
        )
    return format_html(
        '<picture><source type="image/webp" srcset="{}"><img class="media-thumb" src="{}" '
        'srcset="{}" width="{}" height="{}" alt="" loading="lazy" decoding="async"></picture>',
        ", ".join(f"{r.file.url} {r.width}w" for r in webps),
        jpegs[0].file.url,
        ", ".join(f"{r.file.url} {r.width}w" for r in jpegs),
        THUMBNAIL_WIDTH,
        THUMBNAIL_WIDTH * 3 // 4,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = PictureForm
    list_display = ["list_thumbnail", "alt", "credit", "dimensions", "stories", "created_at"]
    list_display_links = ["list_thumbnail", "alt"]
    search_fields = ["alt", "caption", "credit", "original_name"]
    list_filter = ["created_at"]
    list_per_page = 40
    show_full_result_count = False
    readonly_fields = ["focal_picker", "dimensions", "file_details", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["file", "file_details"]}),
        (gettext_lazy("Description"), {"fields": ["alt", "caption", "credit"]}),
        (
            gettext_lazy("Focal point"),
            {
                "fields": ["focal_picker", ("focal_x", "focal_y")],
                "description": gettext_lazy(
                    "Crops for fronts and lists keep this point in view. Click the picture on "
                    "it, or type values from 0 to 1."
                ),
            },
        ),
        # Translators: the heading of a picture's upload details (size, uploader, date).
        (gettext_lazy("Record"), {"fields": ["dimensions", "uploaded_by", "created_at"]}),
    ]

    class Media:
        js = ["newsroom/focal-point.js"]
        css = {"all": ["newsroom/media.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Image]:
        return (
            super()
            .get_queryset(request)
            .select_related("uploaded_by")
            .prefetch_related("renditions")
            .annotate(story_count=Count("articles", distinct=True))
            .order_by("-created_at", "-pk")  # a GROUP BY query drops the model's ordering
        )

    @admin.display(description=gettext_lazy("picture"))
    def list_thumbnail(self, obj: Image) -> SafeString:
        return thumbnail(obj)

    # Translators: a picture's size in pixels.
    @admin.display(description=gettext_lazy("size"))
    def dimensions(self, obj: Image) -> str:
        return f"{obj.width} x {obj.height} px" if obj.width else "-"

    @admin.display(description=gettext_lazy("stories"), ordering="story_count")
    def stories(self, obj: Image) -> int:
        return getattr(obj, "story_count", 0)

    @admin.display(description=gettext_lazy("stored file"))
    def file_details(self, obj: Image) -> str:
        if not obj.pk:
            return _("Location data (GPS) and camera notes are removed on upload.")
        size = f"{obj.width} x {obj.height} px, {filesizeformat(obj.file_size)}"
        if not obj.original_name:
            return size
        # Translators: size is e.g. "1600 x 1200 px, 2.1 MB"; name the uploaded file's name.
        return _("%(size)s (uploaded as %(name)s)") % {"size": size, "name": obj.original_name}

    @admin.display(description=gettext_lazy("picture"))
    def focal_picker(self, obj: Image) -> SafeString:
        preview = ""
        if obj.pk:
            chosen = renditions.picture_sources(obj, renditions.WHOLE).fallback(up_to=960)
            preview = chosen.file.url if chosen else obj.file.url
        return format_html(
            '<div class="focal-picker" data-focal-picker data-x="id_focal_x" data-y="id_focal_y"'
            ' data-file="id_file"><img class="focal-picker__image" src="{}" alt=""{}>'
            '<span class="focal-picker__marker" hidden></span></div>',
            preview,
            "" if preview else " hidden",
        )

    def save_model(self, request: HttpRequest, obj: Image, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user  # type: ignore[assignment]  # admin views need a login
        replaced = ""
        if form.checked is not None:
            library.describe_upload(obj, form.checked, form.original_name)
            if change:
                replaced = Image.objects.values_list("file", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        library.picture_saved(obj, form.changed_data, created=not change, replaced=replaced)

    # Files go only once the rows are gone: a picture a story still uses is protected.
    def delete_model(self, request: HttpRequest, obj: Image) -> None:
        with transaction.atomic():
            library.remove_files([obj])
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Image]) -> None:
        with transaction.atomic():
            library.remove_files(queryset.prefetch_related("renditions"))
            super().delete_queryset(request, queryset)


class ArticlePictureMixin:
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`: the story's picture is
    chosen from the library (search by description, caption, credit or file name; the "+"
    beside it uploads a new one) and shown on the form."""

    @admin.display(description=gettext_lazy("current picture"))
    def picture_preview(self, obj) -> SafeString | str:
        image = getattr(obj, "picture", None) if obj else None
        if image is None:
            return _("No picture. Search the library above, or upload one with “+”.")
        caption = " · ".join(part for part in (image.caption, image.credit) if part)
        return format_html(
            '<div class="picture-preview">{}<p class="help">{}</p></div>',
            thumbnail(image, generate=True),
            caption or image.alt,
        )
