"""The local outbox: mail the embedded default kept instead of sending, readable by editors."""

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from dateline.lib.outbox import outbox_dir

MAX_LISTED = 200


@dataclass
class OutboxEntry:
    name: str
    subject: str
    to: str
    date: str


def _read(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        return email.message_from_binary_file(handle, policy=email.policy.default)


def list_outbox() -> list[OutboxEntry]:
    folder = outbox_dir()
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.eml"), reverse=True)[:MAX_LISTED]
    entries = []
    for path in files:
        message = _read(path)
        entries.append(
            OutboxEntry(
                name=path.name,
                subject=str(message.get("Subject", "")),
                to=str(message.get("To", "")),
                date=str(message.get("Date", "")),
            )
        )
    return entries


def outbox_index(request: HttpRequest, admin_site) -> HttpResponse:
    context = {**admin_site.each_context(request), "title": _("Outbox"), "entries": list_outbox()}
    return TemplateResponse(request, "newsroom/outbox.html", context)


def outbox_message(request: HttpRequest, admin_site, name: str) -> HttpResponse:
    folder = outbox_dir()
    path = folder / name
    # Only plain file names from the listing: no separators, no way out of the folder.
    if "/" in name or "\\" in name or not name.endswith(".eml") or not path.is_file():
        raise Http404("No such message.")
    message = _read(path)
    text_part = message.get_body(preferencelist=("plain",))
    context = {
        **admin_site.each_context(request),
        "title": str(message.get("Subject", "")),
        "headers": [(k, str(v)) for k, v in message.items()],
        "text": text_part.get_content() if text_part else "",
    }
    return TemplateResponse(request, "newsroom/outbox_message.html", context)
