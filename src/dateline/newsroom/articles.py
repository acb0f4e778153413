"""The article screen: write, preview, publish, schedule, unpublish."""

from django.contrib import admin

from dateline.news.models import Article, ArticleAuthor


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = "author"
    verbose_name_plural = "byline"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "edition", "section", "status", "published_at"]
    list_filter = ["edition", "section", "status", "genre"]
    search_fields = ["headline"]
    date_hierarchy = "published_at"
    inlines = [BylineInline]
    autocomplete_fields = ["tags", "source"]
    prepopulated_fields = {"slug": ["headline"]}
