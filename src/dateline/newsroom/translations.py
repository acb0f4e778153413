"""Translations on the article screen: which versions exist, which lag behind, and a button to
start a missing one.

"Start a translation" opens the ordinary new-story form, pre-filled from the original (its
text to translate over, section of the same slug, genre, source, tags, picture) and linked to
it: the story saved from that form joins the original's translation group as a draft. Nothing
is written until the editor saves, so an abandoned translation leaves nothing behind.

Which versions lag behind is :mod:`dateline.editorial.translations`' answer; the story list
shows it for every row of the page from three queries in all.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.admin.views.main import ChangeList
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dateline.editorial.translations import Version, versions_of
from dateline.news.models import Article, Edition, Section
from dateline.newsroom import roles

TRANSLATION_OF = "translation_of"


def original_from(request: HttpRequest) -> Article | None:
    """The story named by ``?translation_of=<pk>`` on the new-story form, if the editor may
    see it (a reporter cannot copy a colleague's unpublished draft this way)."""
    wanted = request.GET.get(TRANSLATION_OF, "")
    if not wanted.isdigit():
        return None
    return (
        roles.visible_stories(request.user, Article.objects.all())
        .select_related("edition", "section")
        .prefetch_related("tags")
        .filter(pk=int(wanted))
        .first()
    )


def visible_ids(request: HttpRequest, versions: Iterable[Version]) -> set[int]:
    """Which of ``versions`` the editor may open: the others are shown by edition and status
    only, never by headline (one query)."""
    ids = [version.article_id for version in versions]
    if not ids:
        return set()
    stories = Article.objects.filter(pk__in=ids)
    return set(roles.visible_stories(request.user, stories).values_list("pk", flat=True))


def prefilled_from(original: Article, edition_id: str) -> dict[str, Any]:
    """The new-story form's initial values for a translation of ``original``."""
    initial: dict[str, Any] = {
        "headline": original.headline,
        "lead": original.lead,
        "body": original.body,
        "genre": original.genre,
        "source": original.source_id,
        "picture": original.picture_id,
        "tags": [tag.pk for tag in original.tags.all()],
    }
    if edition_id.isdigit():
        initial["edition"] = int(edition_id)
        section = Section.objects.filter(
            edition_id=int(edition_id), slug=original.section.slug
        ).first()
        if section is not None:
            initial["section"] = section.pk
    return initial


def linked_form(form_class: type[forms.ModelForm], original: Article) -> type[forms.ModelForm]:
    """``form_class`` whose story joins ``original``'s translations, and refuses an edition
    that already has its version (a clear error, never a failed save)."""

    class TranslationForm(form_class):  # type: ignore[valid-type, misc]
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.instance.translation_group = original.translation_group

        def clean(self) -> dict:
            data = super().clean()
            edition = data.get("edition")
            taken = Article.objects.filter(
                translation_group=original.translation_group, edition=edition
            ).first()
            if edition is not None and taken is not None:
                self.add_error(
                    "edition",
                    gettext("This story already has its %(edition)s version: “%(headline)s”.")
                    % {"edition": edition.name, "headline": taken.headline},
                )
            return data

    return TranslationForm


class TranslationChangeList(ChangeList):
    """Hands each story of the page its versions, for the list's translations column (the
    story list's ChangeList, ``newsroom/article_list.py``, builds on it)."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        self.result_list = list(self.result_list)
        found = versions_of(story.translation_group for story in self.result_list)
        visible = visible_ids(request, (v for group in found.values() for v in group))
        for story in self.result_list:
            story.translation_versions = found.get(story.translation_group, [])
            story.visible_versions = visible


class TranslationsMixin:
    """Mixed into the article screen (``newsroom/articles.py``)."""

    def translations(self, obj: Article) -> str:
        """``az · ru (outdated)``: the story's other versions, each linked to its screen."""
        others = [v for v in getattr(obj, "translation_versions", []) if v.article_id != obj.pk]
        visible: set[int] = getattr(obj, "visible_versions", set())
        return format_html_join(
            " · ",
            '<a href="{}" class="{}" title="{}">{}</a>',
            (
                (
                    reverse("admin:news_article_change", args=[version.article_id])
                    if version.article_id in visible
                    else "#translations",
                    "translation translation--outdated" if version.is_outdated else "translation",
                    version_title(version),
                    gettext("%(edition)s (outdated)") % {"edition": version.edition_code}
                    if version.is_outdated
                    else version.edition_code,
                )
                for version in others
            ),
        ) or format_html("{}", "—")

    translations.short_description = _("translations")  # type: ignore[attr-defined]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)  # type: ignore[misc]
        original = original_from(request)
        if original is not None:
            initial.update(prefilled_from(original, request.GET.get("edition", "")))
        return initial

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        original = None if obj is not None else original_from(request)
        return linked_form(form, original) if original is not None else form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["translation_panel"] = translation_panel(request, obj)
        return super().render_change_form(  # type: ignore[misc]
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )


def version_title(version: Version) -> str:
    if version.is_outdated:
        return gettext("The original changed after this translation was last saved.")
    if version.is_original:
        return gettext("The original")
    return ""


def translation_panel(request: HttpRequest, story: Article | None) -> dict[str, Any] | None:
    """What the screen's Translations box shows: every version with its state, and a
    “start” link for each edition that has none."""
    if story is None:
        original = original_from(request)
        return {"starting_from": original} if original is not None else None
    versions = versions_of([story.translation_group]).get(story.translation_group, [])
    editions = list(Edition.objects.order_by("position", "pk"))
    if len(editions) < 2:
        return None  # a one-edition site has nothing to translate into
    by_edition = {version.edition_id: version for version in versions}
    visible = visible_ids(request, versions)
    add = reverse("admin:news_article_add")
    rows = []
    for edition in editions:
        version = by_edition.get(edition.pk)
        rows.append(
            {
                "edition": edition,
                "version": version,
                "is_this": version is not None and version.article_id == story.pk,
                "may_open": version is not None and version.article_id in visible,
                "url": reverse("admin:news_article_change", args=[version.article_id])
                if version is not None
                else f"{add}?{TRANSLATION_OF}={story.pk}&edition={edition.pk}",
            }
        )
    return {"rows": rows}
