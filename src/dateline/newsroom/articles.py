"""The article screen: write, preview, publish, schedule, unpublish.

The screen holds no publishing logic: its buttons call the verbs in
:mod:`dateline.news.publishing`, which check the state and announce the change.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dateline.analytics.newsroom import ArticleReadershipMixin
from dateline.news import front_page
from dateline.news.models import Article, ArticleAuthor, Status
from dateline.news.models.articles import published_condition
from dateline.newsroom import article_list
from dateline.newsroom.corrections import CorrectionsMixin
from dateline.newsroom.media import ArticlePictureMixin
from dateline.newsroom.newsletters import BreakingAlertMixin  # newsletters: breaking alert
from dateline.newsroom.notes import NotesMixin
from dateline.newsroom.reports import reader_reports_summary
from dateline.newsroom.revisions import RevisionsMixin
from dateline.newsroom.translations import TranslationsMixin
from dateline.newsroom.workflow import WorkflowMixin
from dateline.newsroom.writing import WritingMixin
from dateline.search import searching

# Live stories a newsroom search lists at most, newest first (the list pages through them).
NEWSROOM_SEARCH_MATCHES = 500


class BylineInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = gettext_lazy("author")
    verbose_name_plural = gettext_lazy("byline (first author is named first)")


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "edition", "section", "headline", "slug", "lead", "body", "genre", "source", "tags",
            "is_breaking", "breaking_until", "is_top_story", "top_position", "picture",
            "published_at", "embargo_until",
        ]  # fmt: skip
        # The body's help text comes with its editor (newsroom/writing.py).

    def clean(self) -> dict:
        data = super().clean() or {}
        edition, section = data.get("edition"), data.get("section")
        if edition and section and section.edition_id != edition.pk:
            self.add_error(
                "section",
                _(
                    "“%(section)s” belongs to the %(section_edition)s edition; pick a section "
                    "of the %(edition)s edition."
                )
                % {
                    "section": section.name,
                    "section_edition": section.edition.name,
                    "edition": edition.name,
                },
            )
        return data


# Each mixin holds one part of the screen, in its own module: the review workflow, revisions
# and edit conflicts, corrections, the writing tools, the breaking alert (newsletters) and
# the readership chart (analytics).
@admin.register(Article)
class ArticleAdmin(
    WorkflowMixin,
    NotesMixin,
    RevisionsMixin,
    CorrectionsMixin,
    WritingMixin,
    BreakingAlertMixin,
    ArticleReadershipMixin,
    ArticlePictureMixin,
    TranslationsMixin,  # which versions exist and lag behind; "start a translation"
    article_list.ArticleListMixin,  # fast at 100,000 stories
    admin.ModelAdmin,
):
    form = ArticleForm
    list_display = [
        "headline", "status_label", "edition", "section", "published_at", "genre", "views_total",
        "translations",
    ]  # fmt: skip
    # Fast at 100,000 stories (newsroom/article_list.py): nothing joined in the page query
    # (editions and sections are prefetched), and no date drill-down, which scans every row.
    list_filter = [
        article_list.MineFilter, "edition", ("section", article_list.SectionFilter), "status",
        article_list.ScheduleFilter, "genre", "is_breaking", "published_at",
    ]  # fmt: skip
    list_select_related = ()
    search_fields = ["headline"]  # for stories not yet public; see get_search_results
    search_help_text = gettext_lazy(
        "Words in live stories' headlines, text, tags and bylines (“exact phrase”, elect*, "
        "-word; the newest 500 that match), and in the headlines of drafts and scheduled "
        "stories."
    )
    inlines = [BylineInline]
    autocomplete_fields = ["tags", "source", "picture"]  # picture: newsroom/media.py
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["status_label", "updated_at", "created_at", "reader_reports"]
    readonly_fields += ["views_total", "views_chart"]  # analytics.newsroom
    readonly_fields += ["picture_preview"]  # newsroom/media.py
    list_per_page = 50
    show_full_result_count = False  # COUNT(*) over a large archive on every page is wasted work
    change_form_template = "admin/news/article/change_form.html"
    fieldsets = [
        (None, {"fields": ["edition", "section", "headline", "slug", "lead", "body"]}),
        (
            gettext_lazy("Credits and labels"),
            {
                "fields": [
                    "genre",
                    "source",
                    "tags",
                    ("is_breaking", "breaking_until"),
                    ("is_top_story", "top_position"),
                ]
            },
        ),
        (gettext_lazy("Picture"), {"fields": ["picture", "picture_preview"]}),
        (
            gettext_lazy("Publication"),
            {
                "fields": [
                    "status_label",
                    "published_at",
                    "embargo_until",
                    "updated_at",
                    "created_at",
                ]
            },
        ),
        (gettext_lazy("Reader error reports"), {"fields": ["reader_reports"]}),
        (gettext_lazy("Readership"), {"fields": ["views_total", "views_chart"]}),
    ]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Live stories through the reader site's full-text index (the same words, stems and
        phrases, at any archive size); stories not yet public (never indexed) by headline."""
        if not search_term.strip():
            return queryset, False
        live = searching.newsroom_matches(search_term, limit=NEWSROOM_SEARCH_MATCHES)
        hidden = queryset.exclude(published_condition(timezone.now()))
        by_headline, _duplicates = super().get_search_results(request, hidden, search_term)
        return queryset.filter(Q(pk__in=live) | Q(pk__in=by_headline.values("pk"))), False

    @admin.display(description=gettext_lazy("error reports"))
    def reader_reports(self, obj: Article) -> str:
        return reader_reports_summary(obj)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj: Article) -> str:
        if not obj.pk:
            # Translators: the status of a story not saved yet.
            return _("New")
        label = obj.get_status_display()
        if (
            obj.status == Status.SCHEDULED
            and obj.published_at
            and obj.published_at <= timezone.now()
        ):
            label = _("Scheduled (overdue, visible)")
        return format_html('<span class="status status--{}">{}</span>', obj.status, label)

    def view_on_site(self, obj: Article) -> str:
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:news_article_preview", args=[obj.pk])

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="news_article_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The story as readers will see it, for signed-in staff only; never cached or indexed."""
        story = get_object_or_404(
            Article.objects.select_related("edition", "section", "source"), pk=pk
        )
        if not self.may_preview(request, story):  # newsroom/workflow.py: roles decide
            raise PermissionDenied
        from dateline.website.reading import open_edition

        reading = open_edition(story.edition.code)
        context = reading.context(
            article=story,
            section=story.section,
            related=[],
            translations=[],
            preview=True,
        )
        response = TemplateResponse(request, "website/article.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user  # type: ignore[assignment]  # admin views need a login
        super().save_model(request, obj, form, change)  # workflow.py logs it and reschedules
        front_page.article_edited(obj, set(form.changed_data))  # purges the home page if needed
