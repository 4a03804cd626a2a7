"""Measure load throughput and the latency of every named query, embedded and on Neo4j.

    python -m bench.samples                # the sample plans, 20 copies for the load figure
    python -m bench.samples --copies 100 --runs 50 data/samples
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=… python -m bench.samples

Prints figures, asserts nothing: timing belongs in a report, not in a test that fails on a
busy machine. Query latency is measured on the sample graph itself (the plans as given).
The Neo4j leg runs when NEO4J_URI is set (and says it was skipped otherwise): it loads the
copies into that database in batches of --neo4j-batch-size, times the relationship
statements on their own, and deletes the copies (and any sample plan it added) afterwards.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from bench.timing import p50, p95, timed_runs
from graph.model import Document
from graph.server import ServerStore
from graph.settings import REPO_ROOT, Settings
from graph.store import Params, Run, Store, open_store, statement, write_documents
from loaders.pipeline import read_plans
from queries.catalog import load_catalog

SAMPLES = REPO_ROOT / "data" / "samples"
# Load statements that write relationships (create_tasks writes a node and its HAS_TASK).
EDGE_STATEMENTS = ("merge_belongs_to", "create_issued_in", "create_in_sector",
                   "create_leads", "create_responsible")


def read_documents(paths: Sequence[Path]) -> list[Document]:
    """The plans as the loaders read them; files that fail are reported and left out."""
    report = read_plans(paths)
    for failure in report.failures:
        print(f"skipped {failure}", file=sys.stderr)
    return report.documents


def bench_parse(paths: Sequence[Path], runs: int) -> list[Document]:
    """Read and parse the plans `runs` times: median MB/s of the whole loader path."""
    documents = read_documents(paths)
    size = sum(len(d.text.encode("utf-8")) for d in documents)
    spent = p50(timed_runs(lambda: read_documents(paths), runs, warm=False)) / 1000
    print(f"parse {len(documents)} plans, {size / 1e6:.2f} MB: median {spent * 1000:.0f} ms, "
          f"{size / 1e6 / spent:.2f} MB/s (read, parse, resolve, tag; {runs} runs)")
    return documents


def bench_parse_and_load(paths: Sequence[Path], runs: int, folder: Path) -> None:
    """The samples from files to a fresh store, as a first `loaders load` does it."""
    fresh = (folder / f"fresh{i}.lbdb" for i in itertools.count())

    def load_fresh() -> None:
        with open_store(Settings(path=next(fresh))) as store:
            store.load(read_documents(paths))

    times = timed_runs(load_fresh, runs, warm=False)
    print(f"parse + load into a new store: median {p50(times) / 1000:.2f} s "
          f"({runs} runs; goal for the five samples: under 2 s)")


def copies(documents: Sequence[Document], count: int) -> list[Document]:
    """`count` renamed copies of each plan: distinct documents and tasks, shared agencies.

    Each copy has its own text and 文号, or a load would take it for the same plan again.
    """
    return [replace(d, doc=f"{d.id}~{i:04d}.txt", text=f"{d.text}\n{i}",
                    doc_number=d.doc_number and f"{d.doc_number}-{i}")
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
        times = timed_runs(partial(query.run, store, query.example), runs, warm=False)
        print(f"{query.name:<22}{rows:>6}{p50(times):>9.2f}{p95(times):>9.2f}")


def bench_neo4j(documents: Sequence[Document], count: int, runs: int,
                settings: Settings) -> None:
    """The load figures on Neo4j, then query latency on the sample plans alone."""
    store = ServerStore(settings)
    try:
        store.ensure_schema()
        plans = copies(documents, count)
        try:
            bench_neo4j_load(store, plans, settings.batch_size)
        finally:
            remove_documents(store, [d.id for d in plans])
        added = store.load(documents).loaded
        try:
            bench_queries(store, runs)
        finally:
            remove_documents(store, added)
    finally:
        store.close()


def bench_neo4j_load(store: ServerStore, plans: Sequence[Document], batch_size: int) -> None:
    """One load transaction, as `load` runs it, with each statement timed."""
    timings: dict[str, list[float]] = {}
    started = time.perf_counter()
    result = store.write(lambda run: write_documents(
        timed(run, timings), plans, backend=store.backend, batch_size=batch_size))
    seconds = time.perf_counter() - started
    print(f"\nneo4j load  {result.documents} documents, {result.rows} rows in batches of "
          f"{batch_size}: {seconds:.2f} s, {result.rows / seconds:,.0f} rows/s "
          "(one transaction, commit included)")
    edges = [timings.get(statement(name, store.backend), [0, 0.0]) for name in EDGE_STATEMENTS]
    rows, spent = sum(e[0] for e in edges), sum(e[1] for e in edges)
    print(f"neo4j relationship statements: {rows:,.0f} rows in {spent:.2f} s, "
          f"{rows / spent:,.0f} rows/s")


def timed(run: Run, timings: dict[str, list[float]]) -> Run:
    """`run`, adding rows and seconds per statement text to `timings`."""
    timings.clear()  # a retried transaction starts its figures again

    def timed_run(text: str, params: Params) -> list[dict[str, Any]]:
        started = time.perf_counter()
        out = run(text, params)
        figures = timings.setdefault(text, [0, 0.0])
        figures[0] += len(params.get("rows", ()))
        figures[1] += time.perf_counter() - started
        return out
    return timed_run


def remove_documents(store: Store, ids: Sequence[str]) -> None:
    """Remove what the benchmark added, as `python -m loaders remove` does."""
    if ids:
        store.remove(ids)


def neo4j_settings(environ: Mapping[str, str], batch_size: int) -> Settings | None:
    """Settings of the Neo4j leg, read up front so a bad value fails before the long part."""
    if not environ.get("NEO4J_URI"):
        return None
    return Settings.from_env(environ, backend="neo4j", batch_size=batch_size)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.samples", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path, default=[SAMPLES])
    parser.add_argument("--copies", type=int, default=20, help="copies of the plans to load")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--neo4j-batch-size", type=int, default=5000,
                        help="rows per UNWIND batch on Neo4j")
    args = parser.parse_args(argv)
    documents = bench_parse(args.paths, min(args.runs, 5))
    neo4j = neo4j_settings(os.environ, args.neo4j_batch_size)
    with tempfile.TemporaryDirectory() as tmp:
        bench_parse_and_load(args.paths, 5, Path(tmp))
        bench_load(documents, args.copies, Path(tmp))
        store = open_store(Settings(path=Path(tmp) / "sample.lbdb"))
        try:
            result = store.load(documents)
            print(f"sample graph: {result.documents} plans, {result.rows} rows, "
                  f"{result.rows_per_second:,.0f} rows/s")
            bench_queries(store, args.runs)
        finally:
            store.close()
    if neo4j:
        bench_neo4j(documents, args.copies, args.runs, neo4j)
    else:
        print("\nneo4j: skipped (NEO4J_URI is not set; see the README, Neo4j)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
