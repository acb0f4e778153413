"""Editions on their own domains (``DATELINE_EDITION_DOMAINS``), read once from the settings.

An edition named here is served at the root of its domain (``https://oxu.example/news/5-…/``);
its ``/<code>/…`` addresses on any other host answer with a permanent redirect there. Every
other edition stays under its ``/<code>/`` prefix. URLs are reversed with the prefix everywhere
except on the edition's own domain, so code that turns a path into a full address goes through
:func:`absolute` (``lib/public_url.py``), which maps ``/az/news/…`` to ``https://oxu.example/news/…``.

Example::

    DATELINE_EDITION_DOMAINS=az=oxu.example,ru=https://ru.oxu.example
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.lib.environment import ConfigurationError

CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?\Z")


@dataclass(frozen=True)
class EditionDomain:
    code: str
    host: str  # "oxu.example" or "oxu.example:8443", lower case
    scheme: str | None  # None: https when DATELINE_HTTPS is on, else http

    def origin(self, https: bool) -> str:
        return f"{self.scheme or ('https' if https else 'http')}://{self.host}"


def edition_domains(items: list[str]) -> dict[str, EditionDomain]:
    """``["az=oxu.example", "ru=https://ru.oxu.example"]`` → ``{"az": EditionDomain(…), …}``.

    Raises :class:`ConfigurationError` naming the bad item, so a typo stops the start-up
    instead of sending an edition's readers to the wrong place.
    """
    found: dict[str, EditionDomain] = {}
    hosts: set[str] = set()
    for item in items:
        code, _eq, address = (part.strip() for part in item.partition("="))
        if not CODE.match(code) or not address:
            raise ConfigurationError(
                f"DATELINE_EDITION_DOMAINS: “{item}” is not code=domain, like az=oxu.example."
            )
        parts = urlsplit(address if "//" in address else f"//{address}")
        try:
            parts.port  # noqa: B018  (raises ValueError on a port that is not a number)
        except ValueError:
            parts = parts._replace(netloc="")
        if (
            parts.scheme not in {"", "http", "https"}
            or not parts.hostname
            or parts.username is not None
            or parts.path.strip("/")
            or parts.query
        ):
            raise ConfigurationError(
                f"DATELINE_EDITION_DOMAINS: “{address}” is not a domain (nor https://domain)."
            )
        host = parts.netloc.lower()
        if code in found or host in hosts:
            raise ConfigurationError(
                f"DATELINE_EDITION_DOMAINS names “{code if code in found else host}” twice."
            )
        hosts.add(host)
        found[code] = EditionDomain(code=code, host=host, scheme=parts.scheme or None)
    return found


def split_edition(path: str) -> tuple[str, str]:
    """``/az/news/5-x/`` → ``("az", "/news/5-x/")``; ``/robots.txt`` → ``("", "/robots.txt")``."""
    first, slash, rest = path.lstrip("/").partition("/")
    if slash and CODE.match(first):
        return first, "/" + rest
    return "", path
