"""Articles: the stories themselves.

Which articles a reader may see is decided in exactly one place,
:meth:`ArticleQuerySet.published`. A scheduled story whose time has come counts as
published even if no worker has flipped its status yet, so publication never
depends on a background process being alive.
"""

import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from dateline.lib.sanitize import clean_body_html
from dateline.news.models.editions import Edition
from dateline.news.models.people import Author
from dateline.news.models.taxonomy import Section, Source, Tag


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Genre(models.TextChoices):
    """Genre labels shown to readers; each maps to a schema.org type in structured data."""

    # Translators: a genre: one news story (not the app or section "News").
    NEWS = "news", pgettext_lazy("genre", "News")
    ANALYSIS = "analysis", _("Analysis")
    OPINION = "opinion", _("Opinion")
    INTERVIEW = "interview", _("Interview")
    OFFICIAL_STATEMENT = "official", _("Official statement")
    PRESS_RELEASE = "press-release", _("Press release")
    SPONSORED = "sponsored", _("Sponsored")
    # Translators: a genre: an agency's story run as it came in.
    AGENCY = "agency", _("Agency copy")


def published_condition(now: datetime | None = None) -> models.Q:
    """The condition behind :meth:`ArticleQuerySet.published`, for combining with others
    (``mine | published``) without a subquery over the whole archive."""
    return models.Q(
        status__in=(Status.PUBLISHED, Status.SCHEDULED), published_at__lte=now or timezone.now()
    )


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, now: datetime | None = None) -> "ArticleQuerySet":
        """Stories a reader may see at ``now``: published, or scheduled and due."""
        return self.filter(published_condition(now))

    def due(self, now: datetime | None = None) -> "ArticleQuerySet":
        """Scheduled stories whose time has come but whose status still says scheduled."""
        return self.filter(status=Status.SCHEDULED, published_at__lte=now or timezone.now())

    def latest_first(self) -> "ArticleQuerySet":
        return self.order_by("-published_at", "-pk")

    def for_listing(self) -> "ArticleQuerySet":
        """What a list of stories shows, fetched in a fixed number of queries."""
        return self.select_related("section", "edition", "source").prefetch_related(
            models.Prefetch("authors", queryset=Author.objects.order_by("articleauthor__position"))
        )


class Article(models.Model):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="articles"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    headline = models.CharField(_("headline"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        allow_unicode=False,
        help_text=_(
            "Readable part of the URL; the article id keeps old links working if it changes."
        ),
    )
    lead = models.TextField(
        # Translators: the one or two sentences under a story's headline.
        _("lead"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences under the headline."),
    )
    body = models.TextField(
        # Translators: the text of a story.
        _("body"),
        blank=True,
        help_text=_("Rich text. Scripts, styles and event handlers are removed on save."),
    )
    authors = models.ManyToManyField(
        Author,
        verbose_name=_("authors"),
        through="ArticleAuthor",
        related_name="articles",
        blank=True,
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), related_name="articles", blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text=_("Agency credit shown after the dateline."),
    )
    genre = models.CharField(_("genre"), max_length=20, choices=Genre.choices, default=Genre.NEWS)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Publication time. A future time schedules the story."),
    )
    updated_at = models.DateTimeField(
        _("updated at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when a published story changes; shown to readers as “Updated”."),
    )
    is_breaking = models.BooleanField(_("breaking news"), default=False)
    breaking_until = models.DateTimeField(
        _("breaking banner until"),
        null=True,
        blank=True,
        help_text=_(
            "The breaking-news banner shows until this time (24 hours after publication "
            "when left empty)."
        ),
    )
    is_top_story = models.BooleanField(
        _("top story"), default=False, help_text=_("Shown among the top stories on the home page.")
    )
    top_position = models.PositiveSmallIntegerField(
        _("position on the front page"),
        null=True,
        blank=True,
        help_text=_(
            "Order among the edition's top stories (1 comes first); empty stories follow, "
            "newest first."
        ),
    )
    embargo_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("The story cannot be published or scheduled to appear before this time."),
    )
    picture = models.ForeignKey(
        "media.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("The story's main picture, from the media library."),
    )
    translation_group = models.UUIDField(
        _("translation group"),
        default=uuid.uuid4,
        db_index=True,
        help_text=_("Articles sharing this value are translations of one story."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("modified at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_(
            "Goes up by one on every save from the newsroom; a save that started from an "
            "older version is an edit conflict."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        # Desk scoping (which editions and sections an editor may touch) is not a permission:
        # it lives in ``editorial.Desk``; "edit_any_desk" lifts it for chief editors.
        permissions = [
            ("submit_article", "Can submit articles for review"),
            ("publish_article", "Can publish, schedule and return articles to reporters"),
            ("unpublish_article", "Can unpublish articles"),
            ("preview_article", "Can preview unpublished articles"),
            ("edit_any_desk", "Can edit and publish articles in every edition and section"),
        ]
        # Lists read newest first (ties broken by id): the whole archive in the newsroom, or
        # within an edition, a section or a status. Each index carries the full ordering, so
        # a page is an index walk, never a sort of the archive, on SQLite and PostgreSQL
        # alike; the first also serves every range on the publication time. Reader pages
        # check the status on the rows an edition or section index yields (nearly all are
        # published) rather than leading with it.
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_latest"),
            models.Index(fields=["edition", "-published_at", "-id"], name="article_edition_latest"),
            models.Index(fields=["section", "-published_at", "-id"], name="article_section_latest"),
            models.Index(fields=["status", "-published_at", "-id"], name="article_status_latest"),
            # The home page's top stories and breaking banner are a handful of flagged stories;
            # these small partial indexes find them without walking the weeks of other stories
            # published meanwhile (news/front_page.py).
            models.Index(
                fields=["edition", "-published_at", "-id"],
                condition=models.Q(is_top_story=True),
                name="article_top_stories",
            ),
            models.Index(
                fields=["edition", "-published_at", "-id"],
                condition=models.Q(is_breaking=True),
                name="article_breaking",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_group", "edition"],
                name="one_translation_per_edition",
                violation_error_message=_("This story already has a version in that edition."),
            )
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs) -> None:
        # Sanitising here rather than in a form means no code path can store unsafe HTML.
        self.body = clean_body_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("website:article", kwargs=self.url_kwargs())

    def clean(self) -> None:
        if self.section_id and self.edition_id and self.section.edition_id != self.edition_id:
            raise ValidationError(
                {
                    "section": _(
                        "This section belongs to another edition; pick one of this edition's."
                    )
                }
            )

    def url_kwargs(self) -> dict[str, str | int]:
        return {"edition": self.edition.code, "pk": self.pk, "slug": self.slug}

    def get_print_url(self) -> str:
        return reverse("website:article-print", kwargs=self.url_kwargs())

    @property
    def is_public(self) -> bool:
        return self.is_public_at(timezone.now())

    def is_public_at(self, now: datetime) -> bool:
        """:func:`published_condition` for this one story, without a query."""
        return (
            self.status in (Status.PUBLISHED, Status.SCHEDULED)
            and self.published_at is not None
            and self.published_at <= now
        )

    @property
    def dateline(self) -> str:
        """``05 March 2014 [09:30]`` in the edition's time zone and format."""
        return self.edition.format_dateline(self.published_at) if self.published_at else ""


class ArticleAuthor(models.Model):
    """The byline order: the first author is named first."""

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE)
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once")
        ]

    def __str__(self) -> str:
        # Translators: a byline entry: an author's name on the id of an article.
        return gettext("%(author)s on %(article)s") % {
            "author": self.author,
            "article": self.article_id,
        }
