"""Measure the viewer on the sample graph: page latency through the test client, network
drawing in Chromium.

    python -m bench.viewer               # the sample plans, 20 runs per page
    python -m bench.viewer --copies 8    # 8 renamed copies of each plan: a bigger graph

Prints figures, asserts nothing. Goals: p95 under 150 ms for pages, under 1 s for the
network page's HTML, and the whole sample network drawn and clickable within 2 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from contextlib import closing
from functools import partial
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from bench.browser import browser_missing, time_drawing
from bench.samples import copies
from bench.timing import clocked, p50, p95, timed_runs
from graph.settings import REPO_ROOT, Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import load_catalog
from webui import create_app

SAMPLES = REPO_ROOT / "data" / "samples"


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.viewer", description=__doc__,
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
