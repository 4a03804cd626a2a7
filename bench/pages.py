"""The viewer's main pages through the Flask test client, and the network drawing function.

Both belong to webui, which may be missing or half-built while it is written; a leg that
cannot run says why ("skipped: …") instead of failing the benchmark.
"""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import urlencode

from bench.timing import clocked, p50, p95, timed_runs
from graph.errors import QueryTimeout
from queries.catalog import load_catalog

NETWORK_SIZES = (200, 1000, 2000)  # 2,000 asked for; the viewer may cap lower
NETWORK_EDGE_ROWS = 20_000  # network_edges rows fetched for the drawing: enough for 2,000 nodes
SECTOR = "5G"  # the sector of the pages timed (home ranks it; every corpus has it)


def pages(store: Any, runs: int) -> dict[str, Any]:
    """Per page the first request (answers not yet kept: webui.answers) in ms, then p50/p95
    of the next `runs`; or {"skipped": reason}."""
    try:
        from webui import create_app
    except ImportError as exc:
        return {"skipped": f"webui not available ({exc})"}
    try:
        app = create_app(store=store)
        client = app.test_client()
        urls = main_pages(store)
    except Exception as exc:  # the viewer is being written: report, do not fail the run
        return {"skipped": f"webui not available ({type(exc).__name__}: {exc})"}
    out: dict[str, Any] = {}
    for label, url in urls.items():
        first, response = clocked(partial(client.get, url))
        status = response.status_code
        if status != 200:
            out[label] = {"url": url, "error": f"HTTP {status}"}
            continue
        times = timed_runs(partial(client.get, url), runs)
        out[label] = {"url": url, "first": first, "p50": p50(times), "p95": p95(times)}
    return out


def main_pages(store: Any) -> dict[str, str]:
    """Home, the lists, the busiest 5G agency, one of its tasks and that task's plan, the 5G
    sector, the network, a search for that agency's name, the check list (overall, per
    agency, that plan's and that agency's), 督办 (overall, that plan's and that agency's)
    and the 5G comparison of cities: the pages a coordination office opens every day."""
    catalog = load_catalog()
    columns, rows = catalog["top_agencies"].run(store, {"sector": SECTOR, "limit": 1})
    busiest = dict(zip(columns, rows[0], strict=True))
    agency = busiest["id"]
    columns, rows = catalog["agency_tasks"].run(store, {"agency": agency, "limit": 1})
    task = dict(zip(columns, rows[0], strict=True))
    return {"home": "/", "agencies": "/agencies/", "agency": f"/agencies/{agency}",
            "tasks": "/tasks/", "task": f"/tasks/{task['task_id']}", "plans": "/plans/",
            "plan": f"/plans/{task['doc_id']}", "sectors": "/sectors/",
            "sector": f"/sectors/{SECTOR}", "network": "/network",
            "search": "/search?" + urlencode({"q": busiest["name"]}), "checks": "/checks/",
            "checks_agencies": "/checks/agencies",
            "checks_plan": f"/checks/plan/{task['doc_id']}",
            "checks_agency": f"/checks/agency/{agency}", "duban": "/duban/",
            "duban_plan": f"/duban/plans/{task['doc_id']}",
            "duban_agency": f"/duban/agencies/{agency}",
            "compare": "/compare/?" + urlencode({"sector": SECTOR})}


def network_timings(store: Any) -> dict[str, Any]:
    """Milliseconds to build the drawn network of 200 and of 2,000 nodes (webui.drawing)."""
    try:
        from webui.drawing import build_network
    except ImportError as exc:
        return {"skipped": f"webui.drawing.build_network not available ({exc})"}
    import webui.drawing

    try:
        columns, rows = load_catalog()["network_edges"].run(store, {"limit": NETWORK_EDGE_ROWS})
    except QueryTimeout as exc:
        return {"skipped": f"network_edges: {exc}"}
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    cap = getattr(webui.drawing, "NODE_LIMIT", None)
    out: dict[str, Any] = {}
    for size in NETWORK_SIZES:
        if cap is not None and size > cap:
            out[str(size)] = {"refused": f"build_network caps at {cap} nodes (NODE_LIMIT)"}
            continue
        view = build_network(records, max_nodes=size)
        times = timed_runs(partial(build_network, records, max_nodes=size), 5)
        out[str(size)] = {"nodes": len(view.nodes), "p50": p50(times), "p95": p95(times)}
    return out
