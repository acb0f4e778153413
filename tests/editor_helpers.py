"""Pictures for the body editor's tests, what a writer's clipboard holds, and pasting it.

Pictures are small JPEGs made with Pillow and saved straight into the library (no
renditions: the editor inserts the original). Clipboard samples in ``tests/clipboard/`` are
the HTML a browser hands to a page when text is copied from Word (Windows, Word 2016) and
from Google Docs (Chrome).
"""

import io
from datetime import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as Pillow
from playwright.sync_api import Page

from dateline.media.models import Image

CLIPBOARD = Path(__file__).resolve().parent / "clipboard"


def library_picture(
    alt: str,
    *,
    caption: str = "",
    credit: str = "",
    colour: tuple[int, int, int] = (200, 80, 40),
    size: tuple[int, int] = (640, 480),
    at: datetime | None = None,
) -> Image:
    data = io.BytesIO()
    Pillow.new("RGB", size, colour).save(data, "JPEG", quality=70)
    picture = Image(alt=alt, caption=caption, credit=credit, created_at=at or timezone.now())
    picture.file = ContentFile(data.getvalue(), name="picture.jpg")  # dimensions read here
    picture.save()
    return picture


def clipboard(name: str) -> str:
    """``word`` or ``google_docs``: the HTML the browser offers on paste."""
    return (CLIPBOARD / f"{name}.html").read_text(encoding="utf-8")


_PASTE = """(html) => {
  const editor = document.querySelector(".prose-editor [contenteditable=true]")
  editor.focus()
  const data = new DataTransfer()
  data.setData("text/html", html)
  data.setData("text/plain", html.replace(/<[^>]*>/g, ""))
  editor.dispatchEvent(
    new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
  )
}"""


def paste_into_body(page: Page, html: str) -> None:
    """Pastes ``html`` into the story body's editor, as copying formatted text from another
    program would. (The body's textarea is hidden behind the editor, so ``fill`` cannot reach
    it; a browser test that needs a ready-made body pastes it.)"""
    page.locator(".prose-editor [contenteditable=true]").wait_for()
    page.evaluate(_PASTE, html)
