"""The front-page screen: editors order an edition's top stories and end a breaking banner.

One page per edition at ``/newsroom/front-page/<edition>/``. Everything works as plain forms
(positions typed as numbers, one button per move); ``newsroom/curation.js`` adds drag and
drop and instant up/down moves on top, and the same "Save order" button sends the result.

The screen changes nothing itself: each button calls a verb in :mod:`dateline.news.front_page`
inside one transaction with its audit entry. Who may use it is checked on every request,
GET or POST, by :func:`may_curate`.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.editorial import audit
from dateline.editorial.models import AuditAction
from dateline.news import front_page
from dateline.news.models import Article, Edition
from dateline.newsroom.roles import covers

SEARCH_RESULTS = 20


def may_curate(user, edition: Edition) -> bool:
    """Editors of the whole edition (a desk without a section) and chief editors.

    The home page belongs to the edition, not to a section, so a section's editor may not
    rearrange it; a reporter, who cannot publish, may not either.
    """
    return bool(
        user.is_active
        and user.has_perm("news.change_article")
        and user.has_perm("news.publish_article")
        and covers(user, edition.pk, None)
    )


def editions_for(user) -> list[Edition]:
    """The editions whose front page ``user`` may arrange (no query for anyone else)."""
    if not (user.is_active and user.has_perm("news.publish_article")):
        return []
    return [e for e in Edition.objects.order_by("position", "pk") if may_curate(user, e)]


def front_page_index(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    """The editions the editor may arrange; straight to the only one when there is one."""
    editions = editions_for(request.user)
    if not editions:
        raise PermissionDenied
    if len(editions) == 1:
        return HttpResponseRedirect(_screen_url(editions[0]))
    context = {
        **site.each_context(request),
        "title": _("Front page"),
        "editions": [(edition, _screen_url(edition)) for edition in editions],
    }
    return TemplateResponse(request, "newsroom/front_page_index.html", context)


def _screen_url(edition: Edition) -> str:
    return reverse("admin:front-page-edition", kwargs={"edition": edition.code})


@dataclass
class Row:
    """A top story as the screen lists it."""

    story: Article
    number: int  # its place in the page's order, 1 first
    shown: bool  # within the first TOP_STORIES, so readers see it
    banner_on: bool


def _public(edition: Edition) -> QuerySet[Article]:
    return Article.objects.published().filter(edition=edition).select_related("section")


def _search(edition: Edition, query: str, exclude: set[int]) -> list[Article]:
    """Public stories of the edition by headline words (or by id), newest first."""
    stories = _public(edition).exclude(pk__in=exclude)
    query = query.strip()
    if query:
        match = Q(headline__icontains=query)
        if query.isdigit():
            match |= Q(pk=int(query))
        stories = stories.filter(match)
    return list(stories.order_by("-published_at", "-pk")[:SEARCH_RESULTS])


def edition_front_page(request: HttpRequest, site: admin.AdminSite, edition: str) -> HttpResponse:
    ed = get_object_or_404(Edition, code=edition)
    if not may_curate(request.user, ed):
        raise PermissionDenied
    if request.method == "POST":
        _apply(request, ed)
        return HttpResponseRedirect(request.get_full_path())
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    now = timezone.now()
    public = _public(ed)
    top = list(front_page.top_stories(public, now))
    banners = list(front_page.breaking_banners(public, now)[: front_page.TOP_STORIES])
    banner_ids = {story.pk for story in banners}
    query = request.GET.get("q", "")
    context = {
        **site.each_context(request),
        # Translators: the title of an edition's front-page screen; edition is its name.
        "title": _("Front page — %(edition)s") % {"edition": ed.name},
        "edition": ed,
        "rows": [
            Row(story, n, n <= front_page.TOP_STORIES, story.pk in banner_ids)
            for n, story in enumerate(top, start=1)
        ],
        "shown_count": front_page.TOP_STORIES,
        "token": front_page.arrangement_token(top),
        "banners": [(story, front_page.banner_ends_at(story)) for story in banners],
        "query": query,
        "candidates": _search(ed, query, {story.pk for story in top}),
        "home_url": ed.get_absolute_url(),
        "max_position": front_page.MAX_POSITION,
    }
    return TemplateResponse(request, "newsroom/front_page.html", context)


# --- Changes -------------------------------------------------------------------------------


def _apply(request: HttpRequest, edition: Edition) -> None:
    """Runs the button that was pressed; tells the editor what happened or why not."""
    post = request.POST
    try:
        with transaction.atomic():
            if "end_breaking" in post:
                story = front_page.end_breaking_banner(edition, _id(post["end_breaking"]))
                _record(request, edition, "breaking banner ended", article=story)
                done = _("The breaking banner for “%(headline)s” has ended.") % {
                    "headline": story.headline
                }
            elif "remove" in post:
                story = front_page.remove(edition, _id(post["remove"]))
                _record(request, edition, "removed", article=story)
                done = _("“%(headline)s” is no longer a top story.") % {"headline": story.headline}
            elif "add" in post:
                position = _position(post.get("add_position", "")) or 1
                story = front_page.add(edition, _id(post["add"]), position=position)
                _record(request, edition, "added", article=story, position=story.top_position)
                done = _("“%(headline)s” is now top story number %(position)s.") % {
                    "headline": story.headline,
                    "position": story.top_position,
                }
            elif "move" in post:
                order = front_page.arrange(
                    edition, _moved(post, post["move"]), expected=post.get("token")
                )
                _record(request, edition, "reordered", order=[s.pk for s in order])
                done = _("Moved. The home page shows the new order now.")
            else:
                order = front_page.arrange(edition, _typed(post), expected=post.get("token"))
                _record(request, edition, "reordered", order=[s.pk for s in order])
                done = _("Saved. The home page shows the new order now.")
    except front_page.FrontPageError as error:
        messages.error(request, " ".join(error.messages))
        return
    messages.success(request, done)


def _record(request: HttpRequest, edition: Edition, change: str, article=None, **detail) -> None:
    audit.record(
        AuditAction.FRONT_PAGE,
        article=article,
        request=request,
        edition=edition.code,
        change=change,
        **detail,
    )


def _id(value: str) -> int:
    if not value.isdigit():
        raise front_page.FrontPageError(_("That story is not on this screen; reload the page."))
    return int(value)


def _position(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise front_page.FrontPageError(
            _("“%(value)s” is not a position: type a whole number.") % {"value": value}
        )
    return int(value)


def _typed(post) -> list[tuple[int, int | None]]:
    """The rows in the order the page sent them, each with the number typed for it."""
    return [
        (_id(value), _position(post.get(f"position-{value}", "")))
        for value in post.getlist("story")
    ]


def _moved(post, move: str) -> list[tuple[int, int | None]]:
    """The listed order with one story swapped with its neighbour (``"<id>:up"``)."""
    story, _sep, direction = move.partition(":")
    ids = [_id(value) for value in post.getlist("story")]
    moving = _id(story)
    if moving not in ids or direction not in ("up", "down"):
        raise front_page.FrontPageError(_("That story is not on this screen; reload the page."))
    index = ids.index(moving)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    return [(article_id, number) for number, article_id in enumerate(ids, start=1)]
