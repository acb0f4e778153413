"""The reader's IP address, as far as we can trust it.

``X-Forwarded-For`` is set by whoever sends the request, so it counts only when the request
came from a proxy we run: ``DATELINE_TRUSTED_PROXIES`` lists their addresses or networks
(e.g. ``127.0.0.1,10.0.0.0/8``). Then the address is the right-most entry that is not one of
our proxies — the one our own proxy saw. Without trusted proxies, ``REMOTE_ADDR`` is the
answer, so a spoofed header changes nothing.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 (a value, not a bind)
    networks = _networks(tuple(settings.DATELINE_TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for candidate in reversed([part for part in forwarded if part]):
        if not _trusted(candidate, networks):
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return remote
    return remote
