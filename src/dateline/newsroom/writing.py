"""The writing tools of the article screen:
the body editor, word count, reading time, slug and headline hints.

The body is edited with django-prose-editor (ProseMirror): paragraphs, subheads, quotes,
lists, links, rules and pictures from the library with caption and credit. Whatever the
editor sends, the server cleans it again (:func:`dateline.lib.sanitize.clean_body_html`), so
the editor is a convenience and never the safety net.

Everything here works under the newsroom's strict Content-Security-Policy: the editor is
started by ``newsroom/writing.editor.js`` (no import map, no injected ``<style>``), the
hints by ``newsroom/writing.js``; both read their settings from ``data-`` attributes. Without
JavaScript the form is the plain one: a textarea for HTML, and the counts and the story's
address as they were when the page was drawn.
"""

import json
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminTextInputWidget
from django.forms.widgets import Script
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django_prose_editor.widgets import ProseEditorWidget

from dateline.lib import public_url
from dateline.lib.public_url import site_root
from dateline.lib.reading_time import WORDS_PER_MINUTE, count_words, reading_minutes
from dateline.lib.sanitize import clean_body_html
from dateline.news.models import Article, Edition
from dateline.newsroom.picture_picker import may_pick_pictures, pictures_view

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin
else:
    _ModelAdmin = object

# What the body editor offers. Names are django-prose-editor's extensions, plus "Credit"
# (``<small>`` inside a caption), defined in writing.editor.js. The schema also decides
# what survives a paste: anything not listed (fonts, colours, Word's classes) is dropped.
BODY_EXTENSIONS: dict[str, Any] = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Blockquote": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Figure": True,
    "Image": True,
    "Caption": True,
    "Credit": True,
    "Table": True,  # stories written before the editor may hold tables; keep them editable
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "Placeholder": {"placeholder": gettext_lazy("Write the story…")},
    "Fullscreen": True,
}

BODY_HELP = gettext_lazy(
    "Use the toolbar for subheads, quotes, lists, links and pictures from the library. Text "
    "pasted from Word or Google Docs keeps its structure and loses its fonts and colours; "
    "anything unsafe is removed on save."
)

# Modules, so they run after the page is parsed and may use import(). (Typed loosely:
# django-stubs still expects paths in Media.js, Django 6.1 also takes Script assets.)
EDITOR_SCRIPT: list[Any] = [Script("newsroom/writing.editor.js", type="module")]
HINTS_SCRIPT: list[Any] = [Script("newsroom/writing.js", type="module")]

# Search engines show about this much of a title before cutting it (desktop results set
# titles in 20px Arial in a box about 600 pixels wide).
SEARCH_TITLE_CHARACTERS = 65
SEARCH_TITLE_PIXELS = 600

# Stand-ins reversed into the article URL, then swapped for the live values by the script.
_ID_MARK, _SLUG_MARK = 987654321, "slug-goes-here"


class BodyField(forms.CharField):
    """The body, cleaned as it will be stored.

    Comparing cleaned HTML with the stored (cleaned) body means an untouched story is not
    "changed" just because the editor writes the same markup a little differently
    (``<figure class="figure">``, an attribute order), so no empty revision is recorded.
    """

    def to_python(self, value: Any) -> str:
        # Stripped after cleaning too: a pasted document's <head> leaves only blank lines.
        return clean_body_html(super().to_python(value) or "").strip()


class BodyEditor(ProseEditorWidget):
    """The ProseMirror editor on the body textarea, with counts under it."""

    template_name = "newsroom/widgets/body_editor.html"

    def __init__(self, *, picture_picker_url: str = "", attrs: dict | None = None) -> None:
        super().__init__(
            attrs={"rows": 24, **(attrs or {})},
            config={"extensions": BODY_EXTENSIONS},
            preset="newsroom",
        )
        self.picture_picker_url = picture_picker_url

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "newsroom/writing.css",
                ]
            },
            js=[*EDITOR_SCRIPT, *HINTS_SCRIPT],
        )

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["data-editor-module"] = static("django_prose_editor/editor.js")
        widget_attrs["data-media-url"] = settings.MEDIA_URL
        if self.picture_picker_url:
            widget_attrs["data-picture-picker"] = self.picture_picker_url
        words = count_words(value or "")
        context["words"] = words
        context["minutes"] = reading_minutes(words)
        context["words_per_minute"] = WORDS_PER_MINUTE
        context["picture_picker_url"] = self.picture_picker_url
        return context


class HeadlineWithHint(AdminTextInputWidget):
    """The headline, with its length as a search result would show it."""

    template_name = "newsroom/widgets/headline.html"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(
            attrs={
                "data-search-characters": SEARCH_TITLE_CHARACTERS,
                "data-search-pixels": SEARCH_TITLE_PIXELS,
                **(attrs or {}),
            }
        )

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            css={"all": ["newsroom/writing.css"]},
            js=HINTS_SCRIPT,
        )

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["characters"] = len(value or "")
        context["search_characters"] = SEARCH_TITLE_CHARACTERS
        return context


class SlugWithPreview(AdminTextInputWidget):
    """The slug, with the address readers will find the story at.

    The script fills each edition's address template (see :func:`article_addresses`) with
    the story's number and the slug as the editor types.
    """

    template_name = "newsroom/widgets/slug.html"
    # Translators: stands in for a story's address (URL) until it can be known.
    empty_address = gettext_lazy("shown when an edition and a slug are set")

    def __init__(self, *, request: HttpRequest) -> None:
        super().__init__()
        self.request = request
        self.story: Article | None = None  # set by the form, which knows its instance

    @property
    def media(self) -> forms.Media:
        return forms.Media(js=HINTS_SCRIPT)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        addresses = article_addresses(self.request)
        story = self.story if self.story is not None and self.story.pk else None
        address = ""
        if story is not None:
            template = addresses.get(str(story.edition_id), "")
            address = template.replace("{id}", str(story.pk)).replace("{slug}", value or "")
        context.update(
            address=address or self.empty_address,
            addresses_json=json.dumps(addresses),
            empty_address=self.empty_address,
            story_id=story.pk if story else "",
            saved_slug=story.slug if story else "",
            is_public=bool(story and story.is_public),
        )
        return context


def article_addresses(request: HttpRequest) -> dict[str, str]:
    """Each edition's article URL as readers will see it, by edition id, with ``{id}`` and
    ``{slug}`` standing for the story's number and slug.

    >>> article_addresses(request)  # doctest: +SKIP
    {'1': 'https://news.example/en/news/{id}-{slug}/'}
    """
    root = site_root(request)
    addresses = {}
    for edition_id, code in Edition.objects.values_list("pk", "code"):
        url = reverse(
            "website:article", kwargs={"edition": code, "pk": _ID_MARK, "slug": _SLUG_MARK}
        )
        # An edition on its own domain (DATELINE_EDITION_DOMAINS) shows its address there.
        addresses[str(edition_id)] = (
            public_url.from_base(root, url)
            .replace(str(_ID_MARK), "{id}")
            .replace(_SLUG_MARK, "{slug}")
        )
    return addresses


class WritingMixin(_ModelAdmin):
    """Mixed into :class:`dateline.newsroom.articles.ArticleAdmin`."""

    def formfield_for_dbfield(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "body":
            picker = reverse("admin:news_article_pictures")
            kwargs["widget"] = BodyEditor(
                picture_picker_url=picker if may_pick_pictures(request.user) else ""
            )
            kwargs["form_class"] = BodyField
            kwargs["help_text"] = BODY_HELP
        elif db_field.name == "headline":
            kwargs["widget"] = HeadlineWithHint()
        elif db_field.name == "slug":
            kwargs["widget"] = SlugWithPreview(request=request)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request: HttpRequest, obj: Article | None = None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class WritingForm(form_class):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                slug = self.fields.get("slug")
                if slug is not None and isinstance(slug.widget, SlugWithPreview):
                    slug.widget.story = self.instance

        WritingForm.__name__ = form_class.__name__
        return WritingForm

    def get_urls(self):
        pictures = self.admin_site.admin_view(pictures_view)
        return [
            path("pictures/", pictures, name="news_article_pictures"),
            *super().get_urls(),
        ]
