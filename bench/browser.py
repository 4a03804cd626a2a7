"""The network view in headless Chromium: serving the app, driving Debian's chromium, and
the scale benchmark's drawing leg.

The Flask test client times the HTML; a clerk waits for the browser to lay out the page and
paint up to 1,000 nodes before a click does anything. `time_drawing` serves the app on
127.0.0.1 and times navigation to a clickable network; `drawing_timings` is the leg the
scale benchmark (`python -m bench`) runs at each scale, `python -m bench.viewer` the one on
the sample graph. Without chromium or Playwright a leg says why ("skipped: …"); Playwright
is never asked to download a browser of its own.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask
from werkzeug.serving import make_server

from bench.timing import p50, timed_runs
from webui.serving import NeutralHandler

if TYPE_CHECKING:  # playwright is imported only when the browser leg runs
    from playwright.sync_api import ViewportSize

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}
DRAW_TIMEOUT_MS = 60_000  # 1,000 nodes on a large graph, first load included
DRAW_LIMITS = (300, 1000)  # the viewer's default (about 300 nodes) and its cap
DRAW_RUNS = 3  # timed loads per limit, at most: a 1,000-node load takes seconds

# The nodes drawn, once the first of them answers a hit test at its centre (0 if none).
CLICKABLE = """() => {
  if (document.getElementById("network").dataset.drawn === "empty") return 0;
  const net = window.responsibilityNetwork;
  const positions = net.getPositions();
  const first = Object.keys(positions)[0];
  if (net.getNodeAt(net.canvasToDOM(positions[first])) === undefined) {
    throw new Error("node " + first + " is drawn but does not answer a click");
  }
  return Object.keys(positions).length;
}"""


class NotDrawn(RuntimeError):
    """The server refused a network view, so there is nothing to wait for."""


class QuietHandler(NeutralHandler):
    """No access log: the figures are the output."""

    def log_request(self, *args: Any) -> None:
        pass


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """The app on 127.0.0.1 at a free port, in a background thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def browser_missing() -> str | None:
    """Why the browser leg cannot run here, or None. Only Debian's chromium is driven:
    Playwright is never asked to download a browser of its own."""
    if not CHROMIUM.exists():
        return f"no {CHROMIUM} (apt-get install -y chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed"
    return None


# Browsers launched by `launched` and not yet closed: Playwright's sync API runs one
# instance per thread, so a page asked for meanwhile (chromium_page) opens in the newest.
_LAUNCHED: list[Any] = []


@contextmanager
def launched() -> Iterator[Any]:
    """Headless Debian chromium, launched by Playwright from its path, for the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _LAUNCHED.append(browser)
        try:
            yield browser
        finally:
            _LAUNCHED.remove(browser)
            browser.close()


@contextmanager
def chromium_page() -> Iterator[Any]:
    """One page in headless Debian chromium: in the browser already running, else in one
    launched for it."""
    with ExitStack() as stack:
        browser = _LAUNCHED[-1] if _LAUNCHED else stack.enter_context(launched())
        page = browser.new_page(viewport=VIEWPORT)
        stack.callback(page.close)
        yield page


def time_drawing(app: Flask, paths: Sequence[str], runs: int) -> dict[str, dict[str, Any]]:
    """Per network path: nodes drawn and p50/max seconds from navigation to clickable, over
    `runs` loads after an untimed one (the server's layout cached, scripts in the browser's
    cache), so the figures are what a clerk sees on any visit but the very first. A path
    that fails to draw gets {"error": ...} and the others are still timed."""
    from playwright.sync_api import Error as PlaywrightError

    out: dict[str, dict[str, Any]] = {}
    with serve(app) as base, chromium_page() as page:
        for path in paths:
            try:
                out[path] = _time_path(page, base + path, runs)
            except (PlaywrightError, NotDrawn) as exc:
                out[path] = {"error": str(exc).splitlines()[0]}
    return out


def _time_path(page: Any, url: str, runs: int) -> dict[str, Any]:
    nodes = draw_network(page, url)
    times = timed_runs(lambda: draw_network(page, url), runs, warm=False)
    return {"nodes": nodes, "p50": p50(times) / 1000, "max": max(times) / 1000,
            "runs": runs}


def draw_network(page: Any, url: str) -> int:
    """Open a network view, wait until it is drawn and clickable; the number of nodes drawn.

    network.js marks the holder data-drawn once the click handler is attached and the fitted
    view painted (or "empty" when nothing matched); a hit test at a node's centre then shows
    clicks reach the nodes."""
    response = page.goto(url)
    if response is None or not response.ok:
        raise NotDrawn(f"HTTP {response.status if response else 'no response'} for {url}")
    page.wait_for_selector("#network[data-drawn]", timeout=DRAW_TIMEOUT_MS)
    return page.evaluate(CLICKABLE)


def drawing_timings(store: Any, runs: int) -> dict[str, Any]:
    """Per node limit: nodes drawn and p50/max seconds from navigation until the network
    answers a click; a limit above the viewer's cap is marked refused, not requested."""
    from webui import create_app

    missing = browser_missing()
    if missing:
        return {"skipped": missing}
    app = create_app(store=store)
    cap = app.config["NETWORK_NODE_LIMIT"]
    paths = {limit: f"/network?limit={limit}" for limit in DRAW_LIMITS if limit <= cap}
    drawn = time_drawing(app, list(paths.values()), min(runs, DRAW_RUNS))
    out: dict[str, Any] = {}
    for limit in DRAW_LIMITS:
        out[str(limit)] = ({"url": paths[limit], **drawn[paths[limit]]} if limit in paths
                           else {"refused": f"the viewer caps at {cap} nodes"})
    return out
