"""System checks for feed and WebSub settings."""

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from dateline.distribution.feeds.hubs import IN_PROCESS


@register()
def websub_settings(app_configs=None, **kwargs) -> list[CheckMessage]:
    hub: str = settings.DATELINE_WEBSUB_HUB
    if not hub:
        return []
    messages: list[CheckMessage] = []
    if hub != IN_PROCESS and not hub.startswith(("http://", "https://")):
        messages.append(
            Error(
                f"DATELINE_WEBSUB_HUB={hub!r} is not a hub address.",
                hint="Use the hub's https:// URL, memory:// for an in-process hub, or leave "
                "it empty to turn WebSub off.",
                id="dateline.feeds.E001",
            )
        )
    if not settings.DATELINE_PUBLIC_URL:
        messages.append(
            Warning(
                "DATELINE_WEBSUB_HUB is set but DATELINE_PUBLIC_URL is not, so no hub is pinged.",
                hint="Set DATELINE_PUBLIC_URL to the site's public origin, e.g. "
                "https://news.example.org: ping topics must be the feed URLs readers know.",
                id="dateline.feeds.W001",
            )
        )
    return messages
