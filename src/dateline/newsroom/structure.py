"""Screens for the site's structure: editions, sections, authors, tags, sources."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from dateline.news.models import Author, Edition, Section, Source, Tag


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = [
        "name", "code", "language", "time_zone", "is_default", "position", "front_page",
    ]  # fmt: skip
    list_editable = ["position"]

    @admin.display(description="front page")
    def front_page(self, obj: Edition) -> SafeString:
        """The edition's front-page screen (newsroom/curation.py) for arranging its top stories."""
        url = reverse("admin:front-page-edition", kwargs={"edition": obj.code})
        return format_html('<a href="{}">Arrange top stories</a>', url)


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
