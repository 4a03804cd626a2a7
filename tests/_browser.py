"""What every browser test shares: one headless Debian chromium (never a downloaded one), a
page that records the scripts a document tried to run, and what it requested.

The browser is launched once per test run (the `chromium` fixture in conftest.py): each
test gets its own context, so cookies and storage never leak from one test to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest

import bench.browser
from bench.browser import CHROMIUM

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not at /usr/bin/chromium (apt-get install -y chromium); "
           "these tests never download a browser")

# Before any page script: record dialogs and CSP refusals instead of letting them pass.
WATCH = """
window.__fired = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => { window.__fired.push(name + ":" + message); };
}
document.addEventListener("securitypolicyviolation",
  (e) => window.__fired.push("csp:" + e.violatedDirective));
"""
VIEWPORT = {"width": 1400, "height": 1000}
WAIT_MS = 30_000  # a page's slowest step on a loaded two-core machine, with margin


@dataclass
class Browsing:
    """One page with everything it requested and every script that tried to run."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def fired(self) -> list[str]:
        return self.page.evaluate("window.__fired")

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if urlsplit(u).scheme not in ("data", "blob", "about")
                and urlsplit(u).hostname != "127.0.0.1"]


@contextmanager
def launched() -> Iterator[Any]:
    """Debian's chromium under Playwright (bench.browser.launched, so the benchmark's
    pages open in it too), closed afterwards; skips where it is missing."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not at /usr/bin/chromium; never downloaded")
    with bench.browser.launched() as browser:
        yield browser


@contextmanager
def browsing(browser: Any, base: str) -> Iterator[Browsing]:
    """A fresh context on `base` (downloads allowed), watched from its first script."""
    context = browser.new_context(accept_downloads=True, viewport=VIEWPORT)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    session = Browsing(page, base)
    page.on("request", lambda request: session.requests.append(request.url))
    page.on("dialog", lambda dialog: session.requests.append(f"about:dialog {dialog.message}"))
    try:
        yield session
    finally:
        context.close()
