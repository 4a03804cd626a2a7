"""The viewer in a real browser: Debian's chromium driven by Playwright, no downloaded browser.

A clerk's path (ranking -> agency -> XLSX -> network, which must draw and respond to a
click), every request staying on 127.0.0.1; and hostile document text that must show as
text and never run, on every page, tooltips included.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bench.browser import serve
from graph.store import Store
from tests._browser import Browsing, browsing, needs_chromium
from tests.test_webui import HOSTILE_PLAN, SAMPLES, hostile_urls, load_store, run
from webui import create_app

# Elements that exist only if markup from a document was parsed as HTML.
INJECTED = "img[src='x'], svg[onload], b[onmouseover], script:not([src]):not([type])"
CANVAS_DRAWN = """() => {
  const canvas = document.querySelector('#network canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 0; i < pixels.length; i += 4) { if (pixels[i + 3] && pixels[i] < 200) inked++; }
  return inked;
}"""
# A node visible on screen and on top at its own centre: (id, x, y in the canvas, url).
VISIBLE_NODE = """([match, height]) => {
  const net = window.responsibilityNetwork;
  const nodes = net.body.data.nodes.get().filter((n) => n.label.includes(match));
  nodes.sort((a, b) => b.size - a.size);
  for (const node of nodes) {
    const at = net.canvasToDOM(net.getPositions([node.id])[node.id]);
    if (at.y > 20 && at.y < height - 20 && at.x > 20 && net.getNodeAt(at) === node.id) {
      return {id: node.id, x: at.x, y: at.y, url: node.url};
    }
  }
  return null;
}"""

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def seed_url(seed_store: Store) -> Iterator[str]:
    with serve(create_app(store=seed_store)) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = load_store([SAMPLES, HOSTILE_PLAN], tmp_path_factory.mktemp("hostile-e2e"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def hostile_url(hostile_store: Store) -> Iterator[str]:
    with serve(create_app(store=hostile_store)) as url:
        yield url


@pytest.fixture()
def clerk(chromium: Any, seed_url: str) -> Iterator[Browsing]:
    with browsing(chromium, seed_url) as session:
        yield session


@pytest.fixture()
def attacker(chromium: Any, hostile_url: str) -> Iterator[Browsing]:
    with browsing(chromium, hostile_url) as session:
        yield session


def wait_drawn(session: Browsing) -> float:
    """Seconds until the network reports it has drawn (physics off: one pass)."""
    started = time.perf_counter()
    session.page.wait_for_selector("#network[data-drawn=true]", timeout=15_000)
    return time.perf_counter() - started


def test_clerk_goes_from_ranking_to_task_list_to_network(clerk: Browsing, tmp_path: Path,
                                                         seed_store: Store) -> None:
    page = clerk.page
    clerk.open("/")
    first = page.locator("#table-ranking tbody tr").first.locator("a").first
    name = first.inner_text()
    first.click()
    page.wait_for_url("**/agencies/ag-*")
    assert page.locator("h1").inner_text().startswith(name)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    saved = tmp_path / "tasks.xlsx"
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert name in sheet["A1"].value
    agency = page.url.rsplit("/", 1)[1]
    assert sheet.max_row - 2 == len(run(seed_store, "agency_tasks", agency=agency))
    page.get_by_role("link", name="在网络图中查看").click()
    wait_drawn(clerk)
    assert page.evaluate("window.responsibilityNetwork.getPositions()")[f"a:{agency}"]
    assert clerk.fired() == [] and clerk.foreign_requests() == []


def test_whole_sample_network_draws_and_opens_pages_on_click(clerk: Browsing) -> None:
    page = clerk.page
    clerk.open("/network")
    assert wait_drawn(clerk) < 10
    assert len(page.evaluate("window.responsibilityNetwork.getPositions()")) == 301
    assert page.evaluate(CANVAS_DRAWN) > 1000, "the canvas is blank"
    canvas = page.locator("#network canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    node = page.evaluate(VISIBLE_NODE, ["市", min(box["height"], 1000 - box["y"])])
    assert node, "no agency node is visible to click"
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    page.wait_for_url("**" + node["url"])
    assert clerk.fired() == [] and clerk.foreign_requests() == []


def test_hostile_text_shows_as_text_and_never_runs(attacker: Browsing,
                                                   hostile_store: Store) -> None:
    page = attacker.page
    for path in hostile_urls(hostile_store):
        attacker.open(path)
        if "/network" in path:
            wait_drawn(attacker)
        assert page.locator(INJECTED).count() == 0, path
        assert attacker.fired() == [], path
    task = run(hostile_store, "tasks", city="无锡")[0]
    attacker.open(f"/tasks/{task['task_id']}")
    assert "测试<script>alert(1)</script>任务" in page.locator("h1").inner_text()
    assert "<img src=x onerror=alert(2)>" in page.locator("blockquote").first.inner_text()
    attacker.open("/query/cypher?q=MATCH (t:Task) RETURN t.title ORDER BY t.title")
    assert "</script><script>alert(5)</script>" not in page.content()
    assert attacker.foreign_requests() == []


def test_hostile_tooltip_is_text(attacker: Browsing) -> None:
    page = attacker.page
    attacker.open("/network?city=无锡")
    wait_drawn(attacker)
    canvas = page.locator("#network canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    node = page.evaluate(VISIBLE_NODE, ["<img", min(box["height"], 1000 - box["y"])])
    assert node, "the hostile agency is not drawn"
    page.mouse.move(box["x"] + node["x"], box["y"] + node["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "<img" in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    assert attacker.fired() == [] and attacker.foreign_requests() == []
