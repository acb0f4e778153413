"""Screens for the site's structure: editions, sections, authors, tags, sources."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dateline.news.models import Author, Edition, Section, Source, Tag


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = [
        "name", "code", "language", "time_zone", "is_default", "position", "front_page",
    ]  # fmt: skip
    list_editable = ["position"]

    def get_list_display(self, request):
        """The front-page link only for people who may arrange a front page at all; an
        administrator (people and settings, not stories) would meet a refusal behind it."""
        shown = list(super().get_list_display(request))
        user = request.user
        if not (user.has_perm("news.change_article") and user.has_perm("news.publish_article")):
            shown.remove("front_page")
        return shown

    @admin.display(description=gettext_lazy("front page"))
    def front_page(self, obj: Edition) -> SafeString:
        """The edition's front-page screen (newsroom/curation.py) for arranging its top stories."""
        url = reverse("admin:front-page-edition", kwargs={"edition": obj.code})
        return format_html('<a href="{}">{}</a>', url, _("Arrange top stories"))


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "edition", "slug", "position"]
    list_filter = ["edition"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]
