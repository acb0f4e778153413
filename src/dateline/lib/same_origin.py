"""Is this POST from one of our own pages? The check that replaces a CSRF cookie on public forms.

Reader pages carry no cookie and no CSRF token (so every reader gets the same cacheable
page); the forms and beacons they post to are ``csrf_exempt`` and ask the browser instead:

- ``Sec-Fetch-Site``, sent by every current browser, must say ``same-origin``;
- ``Origin``, when sent, must be this site (the request's host, ``DATELINE_PUBLIC_URL`` or
  one of ``CSRF_TRUSTED_ORIGINS``).

A request carrying neither header is accepted by default — older browsers, and mail
providers' RFC 8058 one-click unsubscribes, send none — unless ``require_evidence`` asks
for at least one of them.

>>> is_same_origin(request_with(Origin="https://evil.example"))  # doctest: +SKIP
False
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[" is not a URL at all
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def our_origins(request: HttpRequest) -> set[str]:
    ours = {f"{request.scheme}://{request.get_host()}".lower()}
    ours.update(o for o in map(_origin_of, settings.CSRF_TRUSTED_ORIGINS) if o)
    if settings.DATELINE_PUBLIC_URL:
        ours.add(_origin_of(settings.DATELINE_PUBLIC_URL) or "")
    return ours


def is_same_origin(request: HttpRequest, *, require_evidence: bool = False) -> bool:
    """False when the browser says the request came from another site (or, with
    ``require_evidence``, when it says nothing at all)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is None and origin is None:
        return not require_evidence
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    if origin is None:
        return True
    return _origin_of(origin) in our_origins(request)
