"""Purging a CDN or Varnish in front of Dateline by surrogate key, over HTTP.

Configured by ``DATELINE_PURGE_URLS`` (empty: nothing in front to purge). Each purge is
one request per URL, made in a background thread so publishing never waits on a CDN:

* ``DATELINE_PURGE_STYLE=header`` (default): ``DATELINE_PURGE_METHOD`` (``PURGE``) with the
  keys space-separated in ``DATELINE_PURGE_HEADER`` (``Surrogate-Key``) — Fastly's purge
  API (``POST``, ``Fastly-Key`` in ``DATELINE_PURGE_AUTHORIZATION``), Varnish with xkey
  (``xkey-purge``);
* ``DATELINE_PURGE_STYLE=json``: ``POST`` of ``{"tags": [...]}`` — Cloudflare's cache purge.

Pages carry the same keys in the ``DATELINE_PURGE_HEADER`` response header, which the CDN
reads (and should strip before readers see it). See docs/caching.md for examples.
"""

import json
import logging
import threading
import urllib.request
from collections.abc import Iterable

from django.conf import settings

logger = logging.getLogger(__name__)
KEYS_PER_REQUEST = 256  # Fastly's and Cloudflare's limit per call
TIMEOUT_SECONDS = 5.0


def requests_for(page_keys: Iterable[str]) -> list[urllib.request.Request]:
    ordered = sorted(page_keys)
    made = []
    for url in settings.DATELINE_PURGE_URLS:
        for start in range(0, len(ordered), KEYS_PER_REQUEST):
            batch = ordered[start : start + KEYS_PER_REQUEST]
            headers = {"User-Agent": "Dateline purge"}
            if settings.DATELINE_PURGE_AUTHORIZATION:
                name, _, value = settings.DATELINE_PURGE_AUTHORIZATION.partition(":")
                headers[name.strip()] = value.strip()
            if settings.DATELINE_PURGE_STYLE == "json":
                headers["Content-Type"] = "application/json"
                body = json.dumps({"tags": batch}).encode()
                made.append(urllib.request.Request(url, body, headers, method="POST"))  # noqa: S310
            else:
                headers[settings.DATELINE_PURGE_HEADER] = " ".join(batch)
                method = settings.DATELINE_PURGE_METHOD
                made.append(urllib.request.Request(url, None, headers, method=method))  # noqa: S310
    return made


def _send(requests: list[urllib.request.Request]) -> None:
    for request in requests:
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
                answer.read()
        except OSError as error:  # refused, timed out, or an HTTP error status
            logger.warning("CDN purge %s %s failed: %s", request.method, request.full_url, error)


def purge(page_keys: Iterable[str]) -> None:
    if not settings.DATELINE_PURGE_URLS:
        return
    requests = requests_for(page_keys)
    if requests:
        threading.Thread(target=_send, args=(requests,), name="cdn-purge", daemon=True).start()
