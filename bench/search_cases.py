"""The search box at scale: build the full-text index from a graph, refresh it when nothing
changed, time the searches a clerk types and the /search page around them.

    python -m bench.search_cases --db /tmp/s1000.lbdb          # an existing graph
    python -m bench.search_cases --db var/graph.lbdb --runs 50

In the scale benchmark, register it with one line in bench.__main__.run_scale, after the
query phase:

    out["search"] = isolated(search_phase, db, args.runs)

and print it with one line in bench.report.render: `lines += search_report(results)`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from bench.timing import p50, p95, peak_mb, timed_runs
from graph.settings import Settings
from graph.store import Store, open_store
from queries.catalog import load_catalog
from queries.search import SearchIndex

# What clerks type: short forms, a fragment of task text, a year, a 文号, an agency as printed,
# a city and a bureau, two fragments at once, and one character (the slowest kind).
SEARCHES = ("工信", "发改", "住建", "基站", "2025年", "数据中心", "5G", "市工信局",
            "工业和信息化局", "常州工信局", "常政办发〔2022〕76号", "智慧 医疗", "信息基础设施",
            "局")
GOALS_MS = {1: 50.0, 1000: 300.0}  # p95 of every search together, by corpus scale


def search_timings(store: Store, runs: int, folder: Path) -> dict[str, Any]:
    """Index build and no-change refresh in seconds; per search p50/p95 ms and totals;
    the p95 of all searches together; the /search page through the Flask test client."""
    catalog = load_catalog()

    def rows(name: str, params: Any) -> tuple[list[str], list[list[Any]]]:
        return catalog[name].run(store, params)

    index = SearchIndex(folder / "search.sqlite3")
    built = index.refresh(rows)
    again = index.refresh(rows)
    out: dict[str, Any] = {"build_s": built.seconds, "refresh_s": again.seconds,
                           "indexed": index.counts(), "searches": {}}
    size = sum(p.stat().st_size for p in folder.glob("search.sqlite3*"))
    out["index_mb"] = round(size / 1e6, 1)
    pooled: list[float] = []
    for q in SEARCHES:
        times = timed_runs(partial(index.search, q), runs)
        pooled += times
        out["searches"][q] = {"p50": p50(times), "p95": p95(times),
                              "found": index.search(q).totals}
    out["p95_all"] = p95(pooled)
    index.close()
    out["page"] = _page(store, runs, folder / "search.sqlite3")
    out["memory"] = peak_mb()
    return out


def _page(store: Store, runs: int, path: Path) -> dict[str, Any]:
    """/search?q=工信 through the viewer, on the index file built above (the first request
    compares it with the graph)."""
    from webui import create_app

    client = create_app(store=store, test_config={"SEARCH_INDEX_PATH": path}).test_client()
    started = time.perf_counter()
    client.get("/search?q=工信")
    first = time.perf_counter() - started
    times = timed_runs(partial(client.get, "/search?q=工信"), runs, warm=False)
    return {"first_s": first, "p50": p50(times), "p95": p95(times)}


def search_phase(db: Path, runs: int) -> dict[str, Any]:
    """The timings on the graph at `db`, opened read-only, the index in a temporary folder."""
    store = open_store(Settings(path=db, read_only=True))
    try:
        with tempfile.TemporaryDirectory(prefix="search-") as folder:
            return search_timings(store, runs, Path(folder))
    finally:
        store.close()


def search_lines(result: dict[str, Any], scale: int | None = None) -> list[str]:
    """The figures as report lines, with the goal when the scale has one."""
    indexed = result["indexed"]
    lines = [f"Search (SQLite FTS5 over character pairs): {indexed['task']} tasks, "
             f"{indexed['plan']} plans, {indexed['agency']} agencies indexed",
             f"  index build {result['build_s']:.1f} s, refresh with nothing changed "
             f"{result['refresh_s']:.2f} s, index file {result['index_mb']} MB",
             "  search                     p50 ms   p95 ms   found (agencies/plans/tasks)"]
    for q, r in result["searches"].items():
        found = "/".join(str(r["found"][k]) for k in ("agency", "plan", "task"))
        lines.append(f"  {q:<24}{r['p50']:>9.1f}{r['p95']:>9.1f}   {found}")
    goal = GOALS_MS.get(scale or 0)
    verdict = f" (goal ≤ {goal:.0f} ms: {'met' if result['p95_all'] <= goal else 'NOT met'})" \
        if goal else ""
    page = result["page"]
    lines += [f"  p95 of all searches: {result['p95_all']:.1f} ms{verdict}",
              f"  /search?q=工信 page: first {page['first_s']:.1f} s (index compared), "
              f"then p50 {page['p50']:.1f} ms, p95 {page['p95']:.1f} ms",
              f"  peak RSS {result['memory']['self']} MB"]
    return lines


def search_report(results: dict[int, dict[str, Any]]) -> list[str]:
    """Each scale's search figures, for the scale benchmark's report."""
    out: list[str] = []
    for scale, result in results.items():
        if "search" in result:
            out += ["", f"[scale {scale}]", *search_lines(result["search"], scale)]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search_cases", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="an embedded graph to search")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per search")
    parser.add_argument("--scale", type=int, help="the corpus scale, to print its goal")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"Error: no graph at {args.db}", file=sys.stderr)
        return 1
    print("\n".join(search_lines(search_phase(args.db, args.runs), args.scale)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
