"""WebSub hubs: the outside system told that a feed changed (STYLE habit 5).

``Hub.publish(topic_url)`` sends one ``hub.mode=publish`` notification. It raises
:class:`HubUnavailable` for what may pass (a 5xx answer, a timeout, no connection) and
:class:`HubRefused` for what will not (a 4xx: the hub does not accept that topic).

``DATELINE_WEBSUB_HUB`` chooses the hub: an ``https://…`` URL is a real hub reached with
urllib; ``memory://`` keeps notifications in this process (:data:`in_process_hub`), for
tests and demos; empty turns WebSub off.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.conf import settings

logger = logging.getLogger(__name__)

IN_PROCESS = "memory://"


class HubError(Exception):
    """The hub did not take the notification."""


class HubUnavailable(HubError):
    """Temporary: try again later."""


class HubRefused(HubError):
    """Permanent for this topic: trying again will not help."""


class Hub:
    def publish(self, topic_url: str) -> None:
        raise NotImplementedError


class HttpHub(Hub):
    """A hub on the network, told with a form-encoded POST (WebSub §7 / PubSubHubbub 0.4)."""

    timeout_seconds = 5  # a task waits at most this long per notification

    def __init__(self, url: str) -> None:
        self.url = url

    def publish(self, topic_url: str) -> None:
        body = urlencode({"hub.mode": "publish", "hub.url": topic_url}).encode()
        request = Request(  # noqa: S310 (the hub URL is checked to be http(s): checks.py)
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "User-Agent": "Dateline WebSub publisher",
            },
        )
        try:
            with urlopen(request, timeout=self.timeout_seconds) as response:  # noqa: S310
                status = response.status
        except HTTPError as error:
            # 408 and 429 say "not now"; any other 4xx says "never for this request".
            if 400 <= error.code < 500 and error.code not in (408, 429):
                raise HubRefused(f"{error.code} {error.reason}") from None
            raise HubUnavailable(f"{error.code} {error.reason}") from None
        except (URLError, TimeoutError, OSError) as error:
            raise HubUnavailable(f"{type(error).__name__}: {error}") from None
        if not 200 <= status < 300:
            raise HubUnavailable(f"unexpected answer {status}")


class InProcessHub(Hub):
    """Remembers what it was told. Set ``unavailable`` to make it fail like a hub that is down."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.unavailable = False

    def publish(self, topic_url: str) -> None:
        if self.unavailable:
            raise HubUnavailable("the in-process hub is set to fail")
        self.received.append(topic_url)

    def reset(self) -> None:
        self.received.clear()
        self.unavailable = False


in_process_hub = InProcessHub()


def current_hub() -> Hub | None:
    """The hub ``DATELINE_WEBSUB_HUB`` names, or ``None`` when WebSub is off."""
    url: str = settings.DATELINE_WEBSUB_HUB
    if not url:
        return None
    if url == IN_PROCESS:
        return in_process_hub
    return HttpHub(url)
