"""Finding the story a newsroom screen acts on, with the permission check every view needs."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from dateline.news.models import Article


def checked_story(model_admin, request: HttpRequest, pk: int, *, change: bool = False) -> Article:
    """The story ``pk`` as the article screen's rules let ``request.user`` see it.

    404 for a story the user may not even list (someone else's draft for a reporter), 403 when
    they may see it but not change it and ``change`` is asked for — for direct POSTs as much as
    for buttons, since the rules are the admin's own (``get_object``, ``has_change_permission``).
    """
    story = model_admin.get_object(request, str(pk))
    if story is None:
        raise Http404("No such story.")
    allowed = (
        model_admin.has_change_permission(request, story)
        if change
        else model_admin.has_view_or_change_permission(request, story)
    )
    if not allowed:
        raise PermissionDenied
    return story
