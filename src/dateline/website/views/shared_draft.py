"""A story opened from a preview link, for someone without a newsroom login.

The page is the staff preview's (the article page in preview mode), under a policy that keeps
it private to whoever holds the link: never indexed, never kept by a cache, no cookie, and no
``Referer`` leaking the link to the sites it points to. A link that has expired or been
revoked answers a designed 410; anything that is not one of our links, 404.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dateline.editorial import sharing
from dateline.news.models import Article, Author
from dateline.website.reading import open_edition
from dateline.website.views.errors import not_found


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _ended(share_revoked: bool) -> HttpResponse:
    if share_revoked:
        title = _("This preview link was withdrawn")
        message = _(
            "The person who shared this story has revoked the link. "
            "Ask them for a new one if you still need it."
        )
    else:
        title = _("This preview link has expired")
        message = _(
            "Preview links work for a limited time. Ask the person who sent it for a new one."
        )
    body = loader.render_to_string(
        "website/error.html",
        {
            "status": 410,
            "title": title,
            "message": message,
            "site_name": settings.DATELINE_SITE_NAME,
        },
    )
    return HttpResponse(body, status=410)


@require_safe
def shared_draft(request: HttpRequest, token: str) -> HttpResponse:
    try:
        share = sharing.open_share(token)
    except sharing.NotShared:
        return _private(not_found(request))
    except sharing.ShareEnded as ended:
        return _private(_ended(ended.revoked))
    story = (
        Article.objects.select_related("edition", "section", "source")
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=Author.objects.order_by("articleauthor__position", "articleauthor__pk"),
            ),
            "tags",
        )
        .get(pk=share.article_id)
    )
    reading = open_edition(story.edition.code)
    context = reading.context(
        article=story,
        section=story.section,
        related=[],
        translations=[],
        preview=True,
        shared_until=share.expires_at,
    )
    return _private(render(request, "website/shared_draft.html", context))
