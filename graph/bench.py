"""Measure load throughput into a fresh embedded store and the latency of every named query.

    python -m graph.bench                  # the sample plans, 20 copies for the load figure
    python -m graph.bench --copies 100 --runs 50 data/samples

Prints figures, asserts nothing: timing belongs in a report, not in a test that fails on a
busy machine. Query latency is measured on the sample graph itself (the plans as given).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from graph.model import Document
from graph.settings import REPO_ROOT, Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import load_catalog

SAMPLES = REPO_ROOT / "data" / "samples"


def read_documents(paths: Sequence[Path]) -> list[Document]:
    """The plans as the loaders read them; files that fail are reported and left out."""
    report = read_plans(paths)
    for failure in report.failures:
        print(f"skipped {failure}", file=sys.stderr)
    return report.documents


def copies(documents: Sequence[Document], count: int) -> list[Document]:
    """`count` renamed copies of each plan: distinct documents and tasks, shared agencies."""
    return [replace(d, doc=f"{d.id}~{i:04d}.txt", text=f"{d.text}\n{i}")
            for i in range(count) for d in documents]


def bench_load(documents: Sequence[Document], count: int, folder: Path) -> None:
    store = open_store(Settings(path=folder / "load.lbdb"))
    try:
        first = store.load(copies(documents, count))
        again = store.load(copies(documents, count))
    finally:
        store.close()
    print(f"load  {first.documents} documents, {first.tasks} tasks, {first.rows} rows: "
          f"{first.seconds:.2f} s, {first.rows_per_second:,.0f} rows/s")
    print(f"reload of the same {again.documents} documents (all unchanged): {again.seconds:.3f} s")


def bench_queries(store: Store, runs: int) -> None:
    print(f"\n{'query':<22}{'rows':>6}{'p50 ms':>9}{'p95 ms':>9}   ({runs} runs each)")
    for query in load_catalog().values():
        rows = len(query.run(store, query.example)[1])  # warm-up: prepares the statement
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            query.run(store, query.example)
            times.append((time.perf_counter() - started) * 1000)
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
        print(f"{query.name:<22}{rows:>6}{statistics.median(times):>9.2f}{p95:>9.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[SAMPLES])
    parser.add_argument("--copies", type=int, default=20, help="copies of the plans to load")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    args = parser.parse_args(argv)
    documents = read_documents(args.paths)
    with tempfile.TemporaryDirectory() as tmp:
        bench_load(documents, args.copies, Path(tmp))
        store = open_store(Settings(path=Path(tmp) / "sample.lbdb"))
        try:
            result = store.load(documents)
            print(f"sample graph: {result.documents} plans, {result.rows} rows, "
                  f"{result.rows_per_second:,.0f} rows/s")
            bench_queries(store, args.runs)
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
