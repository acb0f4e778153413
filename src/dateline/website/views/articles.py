"""The article page and its print version, which share the body partial."""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils import timezone

from dateline.news.models import Article, Author
from dateline.pagecache import keys as page_keys
from dateline.pagecache.policy import cached_page
from dateline.website.reading import Reading, open_edition, published_in

RELATED_STORIES = 5


def _public_article(reading: Reading, pk: int) -> Article:
    article = (
        published_in(reading)
        .select_related("source", "picture")
        .prefetch_related(
            "picture__renditions",  # the lead picture's <picture>, structured data, previews
            Prefetch(
                "authors",
                queryset=Author.objects.order_by("articleauthor__position", "articleauthor__pk"),
            ),
            "tags",
            "corrections",  # shown at the end of the story and in its JSON-LD
        )
        .filter(pk=pk)
        .first()
    )
    if article is None:
        raise Http404("No such story.")
    article.edition = reading.edition
    return article


def _canonical_redirect(request: HttpRequest, article: Article, wanted: str) -> HttpResponse | None:
    """An old slug (the headline changed) answers 301 to the story's one true URL."""
    if request.path == wanted:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(wanted + (f"?{query}" if query else ""))


def article_by_id(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    reading = open_edition(edition)
    article = _public_article(reading, pk)
    return HttpResponsePermanentRedirect(article.get_absolute_url())


def _translations(article: Article) -> list[Article]:
    return list(
        Article.objects.published()
        .filter(translation_group=article.translation_group)
        .exclude(pk=article.pk)
        .select_related("edition")
        .order_by("edition__position")
    )


def x_default(story: Article, translations: list[Article]) -> Article | None:
    """The version for readers of languages the site does not publish in (hreflang
    ``x-default``): the default edition's, else the one published first (the original)."""
    if not translations:
        return None
    versions = [story, *translations]
    return next((v for v in versions if v.edition.is_default), None) or min(
        versions, key=lambda v: (v.published_at, v.pk)
    )


def switch_to_translations(reading: Reading, translations: list[Article]) -> None:
    """The masthead's edition switcher leads to the story's translation where there is one
    (each edition's front otherwise)."""
    by_edition = {t.edition_id: t for t in translations}
    for edition in reading.editions:
        translation = by_edition.get(edition.pk)
        if translation is not None:
            edition.switch_url = translation.get_absolute_url()  # type: ignore[attr-defined]


@cached_page(query=("recommended",))
def article(request: HttpRequest, edition: str, pk: int, slug: str) -> HttpResponse:
    reading = open_edition(edition)
    story = _public_article(reading, pk)
    redirect = _canonical_redirect(request, story, story.get_absolute_url())
    if redirect:
        return redirect
    page_keys.add(  # the related box and the language switcher
        page_keys.section_latest(story.section_id),
        page_keys.translations(story.translation_group),
    )
    related = list(
        published_in(reading)
        .filter(section=story.section_id)
        .exclude(pk=story.pk)
        .order_by("-published_at", "-pk")[:RELATED_STORIES]
    )
    translations = _translations(story)
    switch_to_translations(reading, translations)
    context = reading.context(
        article=story,
        section=story.section,
        related=related,
        translations=translations,
        x_default=x_default(story, translations),
    )
    return render(request, "website/article.html", context)


@cached_page
def article_print(request: HttpRequest, edition: str, pk: int, slug: str) -> HttpResponse:
    reading = open_edition(edition)
    story = _public_article(reading, pk)
    redirect = _canonical_redirect(request, story, story.get_print_url())
    if redirect:
        return redirect
    context = reading.context(article=story, section=story.section, printed_at=timezone.now())
    response = render(request, "website/article_print.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
