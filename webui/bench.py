"""Measure the viewer: page latency through the test client, network drawing in Chromium.

    python -m webui.bench               # the sample plans, 20 runs per page
    python -m webui.bench --copies 8    # 8 renamed copies of each plan: a bigger graph

Prints figures, asserts nothing. Goals: p95 under 150 ms for pages, under 1 s for the
network page's HTML, and the whole sample network drawn and clickable within 2 s.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from bench.timing import clocked, p50, p95, timed_runs
from graph.bench import copies
from graph.settings import REPO_ROOT, Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import load_catalog
from webui import create_app
from webui.serving import NeutralHandler

if TYPE_CHECKING:  # playwright is imported only when the browser bench runs
    from playwright.sync_api import ViewportSize

SAMPLES = REPO_ROOT / "data" / "samples"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}
DRAW_TIMEOUT_MS = 60_000  # 1,000 nodes on a large graph, first load included
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


def sample_pages(store: Store) -> dict[str, str]:
    """Home, the busiest 5G department, its first task and that task's plan, the network."""
    catalog = load_catalog()
    columns, rows = catalog["top_agencies"].run(store, {"sector": "5G", "limit": 1})
    agency = dict(zip(columns, rows[0], strict=True))["id"]
    columns, rows = catalog["agency_tasks"].run(store, {"agency": agency})
    task = dict(zip(columns, rows[0], strict=True))
    return {"home": "/", "agency": f"/agencies/{agency}", "task": f"/tasks/{task['task_id']}",
            "plan": f"/plans/{task['doc_id']}", "network": "/network",
            "network 1000": "/network?limit=1000"}


def bench_pages(app: Flask, pages: dict[str, str], runs: int) -> None:
    client = app.test_client()
    print(f"{'page':<14}{'first ms':>10}{'p50 ms':>9}{'p95 ms':>9}   ({runs} runs after the first)")
    for name, url in pages.items():
        first = clocked(partial(_get_ok, client, url))[0]  # cold: layouts not cached yet
        times = timed_runs(partial(_get_ok, client, url), runs, warm=False)
        print(f"{name:<14}{first:>10.1f}{p50(times):>9.1f}{p95(times):>9.1f}")


def bench_browser(app: Flask, paths: Sequence[str], runs: int) -> None:
    """Navigation start to the network drawn and answering a click (`time_drawing`)."""
    missing = browser_missing()
    if missing:
        print(f"\nbrowser: skipped, {missing}")
        return
    print(f"\n{'network view in Chromium':<34}{'nodes':>6}{'p50 s':>8}{'max s':>8}   ({runs} runs)")
    for path, drawn in time_drawing(app, paths, runs).items():
        if "error" in drawn:
            print(f"{path:<34}  {drawn['error']}")
            continue
        print(f"{path:<34}{drawn['nodes']:>6}{drawn['p50']:>8.2f}{drawn['max']:>8.2f}")


def browser_missing() -> str | None:
    """Why the browser leg cannot run here, or None. Only Debian's chromium is driven:
    Playwright is never asked to download a browser of its own."""
    if not CHROMIUM.exists():
        return f"no {CHROMIUM} (apt-get install -y chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed"
    return None


@contextmanager
def chromium_page() -> Iterator[Any]:
    """One page in headless Debian chromium, launched by Playwright from its path."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport=VIEWPORT)
        finally:
            browser.close()


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webui.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=1, help="copies of the sample plans")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per page")
    parser.add_argument("--browser-runs", type=int, default=5, help="timed browser loads")
    args = parser.parse_args(argv)
    documents = read_plans([SAMPLES]).documents
    if args.copies > 1:
        documents = copies(documents, args.copies)
    with tempfile.TemporaryDirectory() as folder, \
            closing(open_store(Settings(path=Path(folder) / "bench.lbdb"))) as store:
        result = store.load(documents)
        print(f"graph: {result.documents} plans, {result.tasks} tasks, {result.agencies} "
              f"agencies, {result.assignments} assignments\n")
        app = create_app(store=store)
        bench_pages(app, sample_pages(store), args.runs)
        bench_browser(app, ["/network", "/network?limit=1000"], args.browser_runs)
    return 0


def _get_ok(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.status_code


if __name__ == "__main__":
    sys.exit(main())
