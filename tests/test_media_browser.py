"""An editor in a real browser uploads a picture to the library and sets its focal point by
clicking on it; the page keeps to the Content-Security-Policy throughout (the picker is a
static script, the preview a data: URL). A screenshot lands in tests/artifacts/."""

import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Route, expect

from dateline.media.models import Image
from dateline.newsroom.roles import create_editor
from tests.browser import PageWatch, chromium, requires_chromium, screenshot
from tests.media_helpers import jpeg_bytes

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

USERNAME = "gunay.photo"
PASSWORD = "a long newsroom passphrase"
ALT = "A red sun low over the harbour, seen from the boulevard"


def serve_media(root: Path):
    """The test server serves no uploads (``dateline serve`` does): hand them to the browser
    straight from the test's media folder."""

    def handle(route: Route) -> None:
        name = urlsplit(route.request.url).path.removeprefix("/media/")
        path = root / unquote(name)
        if not path.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind)

    return handle


def test_an_editor_uploads_a_picture_and_clicks_its_focal_point(live_server):
    create_editor(USERNAME, password=PASSWORD)
    photo = jpeg_bytes(1600, 1000)
    media_root = Path(settings.MEDIA_ROOT)

    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        watch = PageWatch(page)
        page.route(re.compile(r"^https?://[^/]+/media/"), serve_media(media_root))
        page.goto(live_server.url + "/newsroom/login/?next=/newsroom/media/image/add/")
        page.get_by_label("Username").fill(USERNAME)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/newsroom/media/image/add/")

        page.get_by_label("Picture").set_input_files(
            files=[{"name": "sunset.jpg", "mimeType": "image/jpeg", "buffer": photo}]
        )
        preview = page.locator(".focal-picker__image")
        expect(preview).to_be_visible()
        expect(preview).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))
        box = preview.bounding_box()
        # The sun of the test scene: five sixths across, a third down.
        page.mouse.click(box["x"] + box["width"] * 0.83, box["y"] + box["height"] * 0.33)
        expect(page.locator(".focal-picker__marker")).to_be_visible()
        x = float(page.get_by_label("Focal x").input_value())
        y = float(page.get_by_label("Focal y").input_value())
        assert abs(x - 0.83) < 0.02 and abs(y - 0.33) < 0.02
        page.get_by_label("Alt text").fill(ALT)
        screenshot(page, "media-library-upload")
        page.get_by_role("button", name="Save and continue editing").click()
        page.wait_for_url("**/newsroom/media/image/*/change/")

        # The saved picture comes back from the library with the marker where it was put.
        expect(page.locator(".focal-picker__image")).to_be_visible()
        marker = page.locator(".focal-picker__marker")
        expect(marker).to_be_visible()
        marker_box, picture_box = marker.bounding_box(), preview.bounding_box()
        centre_x = marker_box["x"] + marker_box["width"] / 2 - picture_box["x"]
        assert abs(centre_x / picture_box["width"] - 0.83) < 0.02
        screenshot(page, "media-library-picture")

    assert watch.csp_violations == []
    assert watch.page_errors == [] and watch.console_errors == []
    assert watch.failed_requests == []
    image = Image.objects.get()
    assert image.alt == ALT and abs(image.focal_x - 0.83) < 0.02
    assert image.renditions.exists()  # the change page's preview made what it showed
