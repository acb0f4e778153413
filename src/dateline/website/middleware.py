"""Responses for signed-in people are private: no shared cache may keep an editor's page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control


class PrivateForStaffMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Only a request carrying a session cookie can be signed in; looking at request.user
        # otherwise would touch the session and add "Vary: Cookie" to every reader's page.
        signed_in = (
            settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
        )
        if signed_in or request.path.startswith("/newsroom/"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
