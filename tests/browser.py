"""Debian's Chromium driven by Playwright, with a watch on every page for CSP violations.

Never downloads a browser: tests that need one are skipped when /usr/bin/chromium is
missing (``make browser-deps`` installs it). Playwright's sync API keeps an event loop
running in the test's thread, so Django refuses ORM calls while a browser is open:
create the data first, then open the browser.

Example::

    @requires_chromium
    def test_front_page(live_server):
        with chromium() as browser:
            page = browser.new_page()
            watch = PageWatch(page)
            page.goto(live_server.url)
            assert watch.csp_violations == []
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Debian's Chromium is not installed at {CHROMIUM} (run `make browser-deps`)",
)

# Runs before any page script; reports through a binding so nothing is lost on navigation.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__datelineCspViolation(event.violatedDirective, event.blockedURI || "", location.pathname);
});
"""


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=30_000
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass(frozen=True)
class CspViolation:
    directive: str
    blocked: str
    path: str


@dataclass
class PageWatch:
    """Everything a page said that a reader would never see: console output, uncaught
    script errors and Content-Security-Policy violations."""

    page: Page
    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[CspViolation] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", lambda message: self.console.append(message))
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)
        self.page.expose_function(
            "__datelineCspViolation",
            lambda directive, blocked, path: self.csp_violations.append(
                CspViolation(directive, blocked, path)
            ),
        )
        self.page.add_init_script(_CSP_LISTENER)

    def _request_failed(self, request: Request) -> None:
        self.failed_requests.append(f"{request.url}: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.url}: {response.status}")

    @property
    def console_errors(self) -> list[str]:
        return [f"{m.type}: {m.text} ({m.location})" for m in self.console if m.type == "error"]


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Saves ``tests/artifacts/<name>.png`` (ignored by git) and returns its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
