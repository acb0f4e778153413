"""Which language a response speaks: a reader page its edition's, the newsroom its editor's.

Reader pages never depend on the reader's browser: a page is the same for everyone (and so
cacheable) and its language follows its address. The middleware guesses from the address's
edition code without a query (``/ru/…`` is Russian); ``open_edition`` then activates the
edition's own ``language``, which settles editions whose code is not a language (``/int/…``).
The newsroom follows the language chosen in its menu (a cookie), else the browser's.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from dateline.lib.edition_domains import split_edition
from dateline.lib.languages import supported

NEWSROOM = "/newsroom/"


def language_for(request: HttpRequest) -> str:
    if request.path_info.startswith(NEWSROOM):
        return translation.get_language_from_request(request)
    code, _rest = split_edition(request.path_info)
    return (supported(code) if code else None) or settings.LANGUAGE_CODE


class EditionLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(language_for(request))
        try:
            response = self.get_response(request)
            # The view may have settled the language (open_edition): say the one it spoke.
            response.headers.setdefault("Content-Language", translation.get_language())
            if request.path_info.startswith(NEWSROOM):
                patch_vary_headers(response, ("Accept-Language", "Cookie"))
            return response
        finally:
            translation.deactivate()
