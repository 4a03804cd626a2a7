"""A network one can read: the busiest agencies' names stay on screen, the legend filters
kinds in a real browser (Debian's chromium), and the agency mode is the co_responsibility
answer drawn (agencies only, edges weighted by shared tasks)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from bench.browser import serve
from graph.store import Store
from tests._browser import browsing
from tests.test_webui import run
from webui import create_app
from webui.db import ANSWERS_KEY
from webui.drawing import PINNED_LABELS
from webui.network import drawn as kept_drawing


def network(client: FlaskClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[-400:]
    return response.get_json()


def drawn(client: FlaskClient, url: str) -> dict[str, Any]:
    """The network the page embeds for the browser (network-data)."""
    import json

    html = BeautifulSoup(client.get(url).data, "lxml")
    return json.loads(html.select_one("#network-data").get_text())


def test_the_busiest_agencies_are_labelled(client: FlaskClient) -> None:
    data = drawn(client, "/network")
    agencies = [n for n in data["nodes"] if n["kind"] != "task"]
    pinned = [n for n in agencies if n["pinned"]]
    assert len(pinned) == min(PINNED_LABELS, len(agencies))
    smallest_pinned = min(n["size"] for n in pinned)
    assert all(n["size"] <= smallest_pinned for n in agencies if not n["pinned"])


def test_the_legend_offers_each_kind_drawn_with_its_count(client: FlaskClient) -> None:
    html = BeautifulSoup(client.get("/network").data, "lxml")
    data = drawn(client, "/network")
    buttons = {b["data-kind"]: b for b in html.select("#network-legend button.legend-filter")}
    counts = Counter(n["kind"] for n in data["nodes"])
    assert set(buttons) == set(counts) and "task" in buttons
    for kind, button in buttons.items():
        assert button["aria-pressed"] == "true" and button["type"] == "button"
        assert int(button.select_one("small").get_text()) == counts[kind]


def test_agency_mode_draws_the_co_responsibility_pairs(client: FlaskClient,
                                                        seed_store: Store) -> None:
    page = network(client, "/network?mode=agencies&city=连云港&format=json")
    pairs = run(seed_store, "co_responsibility", city="连云港", min_shared=1, limit=20000)
    nodes = page["tables"]["nodes"]["rows"]
    edges = page["tables"]["edges"]["rows"]
    assert nodes and all(n["kind"] != "task" for n in nodes)
    names = {n["id"]: n["label"] for n in nodes}
    drawn_pairs = {(frozenset((names[e["from"]], names[e["to"]])), e["title"].split("\n")[0])
                   for e in edges}
    assert drawn_pairs == {(frozenset((p["agency_a"], p["agency_b"])), f"共同任务 {p['shared']} 项")
                           for p in pairs}


def test_agency_mode_across_cities_joins_only_pairs_sharing_two_tasks(
        client: FlaskClient, seed_store: Store) -> None:
    data = drawn(client, "/network?mode=agencies")
    pairs = run(seed_store, "co_responsibility", min_shared=2, limit=20000)
    assert len(data["edges"]) == len(pairs)
    assert "至少 2 项" in client.get("/network?mode=agencies").get_data(as_text=True)
    fewer = drawn(client, "/network?mode=agencies&min_shared=4")
    assert 0 < len(fewer["edges"]) < len(data["edges"])
    assert client.get("/network?mode=agencies&min_shared=0").status_code == 400


def test_both_modes_render_with_their_own_legend(client: FlaskClient) -> None:
    for url, has_tasks in (("/network", True), ("/network?mode=agencies", False)):
        html = BeautifulSoup(client.get(url).data, "lxml")
        kinds = {b["data-kind"] for b in html.select("button.legend-filter")}
        assert ("task" in kinds) is has_tasks, url
        assert html.select_one("#network")["aria-label"].endswith("网络图")
        assert 'style="' not in str(html.select_one("#network-legend"))


# --- in the browser ----------------------------------------------------------------------------

# Where a node is on screen, and whether vis would pick it there (hidden nodes are not).
NODE_AT = """(id) => {
  const net = window.responsibilityNetwork;
  const at = net.canvasToDOM(net.getPositions([id])[id]);
  return {x: at.x, y: at.y, hit: net.getNodeAt(at) === id};
}"""
FIRST_TASK_ON_TOP = """() => {
  const net = window.responsibilityNetwork;
  return net.body.data.nodes.get().filter((n) => n.kind === 'task').map((n) => n.id)
    .find((id) => net.getNodeAt(net.canvasToDOM(net.getPositions([id])[id])) === id) || null;
}"""


@pytest.fixture(scope="module")
def browser_page(chromium: Any, seed_store: Store) -> Iterator[tuple[Any, str]]:
    with serve(create_app(store=seed_store)) as url, browsing(chromium, url) as session:
        yield session.page, url


def test_the_legend_hides_and_shows_a_kind(browser_page: tuple[Any, str]) -> None:
    page, url = browser_page
    page.goto(url + "/network")
    page.wait_for_selector("#network[data-drawn=true]", timeout=15_000)
    holder = page.locator("#network")
    before = int(holder.get_attribute("data-visible"))
    task = page.evaluate(FIRST_TASK_ON_TOP)
    assert task and page.evaluate(NODE_AT, task)["hit"]
    button = page.locator("#network-legend button[data-kind=task]")
    tasks = int(button.locator("small").inner_text())
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert int(holder.get_attribute("data-visible")) == before - tasks
    page.wait_for_timeout(200)  # one frame
    assert not page.evaluate(NODE_AT, task)["hit"]
    button.click()
    assert int(holder.get_attribute("data-visible")) == before
    assert page.evaluate(NODE_AT, task)["hit"]


def test_names_are_painted_for_the_busiest_agencies(browser_page: tuple[Any, str]) -> None:
    page, url = browser_page
    page.goto(url + "/network?mode=agencies")
    page.wait_for_selector("#network[data-drawn=true]", timeout=15_000)
    holder = page.locator("#network")
    labelled = int(holder.get_attribute("data-labelled") or 0)
    assert 0 < labelled <= int(holder.get_attribute("data-pinned"))
    page.evaluate("() => window.responsibilityNetwork.moveTo({scale: 3})")
    page.wait_for_timeout(200)  # zoomed in: vis draws the labels, none are painted over them
    assert int(holder.get_attribute("data-labelled")) < labelled


def test_the_same_edges_are_drawn_once_and_other_edges_anew(client: FlaskClient,
                                                           seed_store: Store) -> None:
    """The drawing is kept for the same edges and options (webui.network.drawn): a page
    asked again after its answers were dropped (as after a write) is not drawn again,
    while other edges or another node limit are, and each drawing is the edges'."""
    app = client.application
    first = network(client, "/network?city=常州&format=json")
    app.extensions[ANSWERS_KEY].clear()
    before = kept_drawing.cache_info()
    again = network(client, "/network?city=常州&format=json")
    after = kept_drawing.cache_info()
    assert again == first
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
    other = network(client, "/network?city=漳州&format=json")
    fewer = network(client, "/network?city=常州&limit=20&format=json")
    assert kept_drawing.cache_info().misses == before.misses + 2
    assert other["tables"]["nodes"]["rows"] != first["tables"]["nodes"]["rows"]
    assert len(fewer["tables"]["nodes"]["rows"]) == 20
    edges = run(seed_store, "network_edges", city="漳州")
    agencies = {f"a:{r['agency_id']}" for r in edges}
    assert {r["id"] for r in other["tables"]["nodes"]["rows"] if r["id"].startswith("a:")} \
        <= agencies
