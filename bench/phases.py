"""The benchmark's phases, each run in a fresh process by bench.__main__.

load: parse the corpus in a process pool and bulk-load it (COPY), then replace a few plans
through the Cypher path; queries: every case on LadybugDB, the viewer's pages and network;
baseline: the same cases in plain Python over networkx; writes (bench.writes): the first
request of each page after a write. Each returns plain data (timings, answer digests, peak
memory) for the report; a query that runs past the time limit is a figure, not an error.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from bench.cases import Case, cases
from bench.timing import p50, p95, peak_mb, timed_runs
from graph.embedded import EmbeddedStore
from graph.errors import QueryTimeout
from graph.settings import REPO_ROOT, Settings
from graph.store import Store, open_store
from loaders.pipeline import ReadReport, read_plan, read_plans, stream_rows
from queries.catalog import load_catalog

SAMPLES = REPO_ROOT / "data" / "samples"
INCREMENTAL_PLANS = 50  # plans replaced through the Cypher path after the bulk load
CYPHER_FULL_MAX_PLANS = 600  # above this, loading everything through Cypher takes minutes
BASELINE_BUDGET_S = 15.0  # per case; slow baselines stop after three runs past this


def load_phase(corpus: Path, db: Path, corpus_bytes: int, plans: int) -> dict[str, Any]:
    """Parse + bulk load (seed plans included), then an incremental replace of a few plans."""
    store = _open_embedded(Settings(path=db))
    report = ReadReport()
    started = time.perf_counter()
    result = store.load_bulk(stream_rows([SAMPLES, corpus], report), rebuild=True)
    wall = time.perf_counter() - started
    out: dict[str, Any] = {
        "plans": result.documents, "tasks": result.tasks, "assignments": result.assignments,
        "agencies": result.agencies, "rows": result.rows, "failures": len(report.failures),
        "bytes": corpus_bytes + sum(p.stat().st_size for p in SAMPLES.iterdir()),
        "load_wall_s": wall, "bulk_s": result.seconds, "bulk_rows_per_s": result.rows_per_second,
        "spool_s": result.spool_seconds, "copy_s": result.copy_seconds,
        "copy_rows_per_s": result.copy_rows_per_second,
        "memory_load": peak_mb()}
    out["incremental"] = _incremental(store, corpus)
    store.close()
    if plans <= CYPHER_FULL_MAX_PLANS:
        out["cypher_full"] = _cypher_full(corpus, db.with_name(db.stem + "-cypher.lbdb"))
    return out


def _open_embedded(settings: Settings) -> EmbeddedStore:
    """The store the bench measures: LadybugDB, the backend Settings(path=…) names."""
    store = open_store(settings)
    assert isinstance(store, EmbeddedStore), store.backend
    return store


def _incremental(store: Any, corpus: Path) -> dict[str, Any]:
    """Replace the last plans of the corpus (text amended) through the shared Cypher path."""
    files = sorted(corpus.glob("*.txt"))[-INCREMENTAL_PLANS:]
    documents = [read_plan(f) for f in files]
    changed = [replace(d, text=d.text + "\n(修订)") for d in documents]
    result = store.load(changed)
    return {"plans": len(result.replaced), "rows": result.rows, "seconds": result.seconds,
            "rows_per_s": result.rows_per_second}


def _cypher_full(corpus: Path, db: Path) -> dict[str, Any]:
    """The whole corpus through the Cypher path into an empty store, for comparison."""
    documents = read_plans([SAMPLES, corpus]).documents
    with open_store(Settings(path=db)) as store:
        result = store.load(documents)
    return {"rows": result.rows, "seconds": result.seconds,
            "rows_per_s": result.rows_per_second}


def query_phase(db: Path, runs: int, threads: int | None = None,
                timeout_ms: int | None = None) -> dict[str, Any]:
    """Every case on LadybugDB, read-only with the settings' defaults (or the time limit
    given), then pages."""
    settings = Settings(path=db, read_only=True)
    if threads is not None:
        settings = replace(settings, query_threads=threads)
    if timeout_ms is not None:
        settings = replace(settings, query_timeout_ms=timeout_ms)
    store = _open_embedded(settings)
    out = {"queries": time_cases(store, runs, settings.query_timeout_ms), "runs": runs,
           "memory_queries": peak_mb(), "threads": store.query_threads,
           "texts": "shaped" if store.tuned_texts else "portable"}
    out.update(page_timings(store, runs))
    store.close()
    return out


def time_cases(store: Store, runs: int, limit_ms: int) -> dict[str, dict[str, Any]]:
    """Each case's rows, p50/p95 ms and answer digest; or, for a case that ran past the time
    limit (`limit_ms`, the store's query_timeout_ms), {"timeout": limit_ms}."""
    catalog = load_catalog()
    results: dict[str, dict[str, Any]] = {}
    for case in cases(catalog):
        query = catalog[case.name]
        try:
            columns, rows = query.run(store, case.params)
            times = timed_runs(partial(query.run, store, case.params), runs)
        except QueryTimeout:
            results[case.label] = {"timeout": limit_ms}
            continue
        results[case.label] = {"rows": len(rows), "p50": p50(times), "p95": p95(times),
                               "digest": digest(case, rows), "columns": columns}
    return results


def baseline_phase(db: Path, runs: int) -> dict[str, Any]:
    """The same cases in plain Python over the networkx graph of the same store."""
    from bench.baseline import Index
    from bench.baseline_agencies import BASELINES
    from graph.export import to_networkx

    store = open_store(Settings(path=db, read_only=True))
    started = time.perf_counter()
    index = Index(to_networkx(store))
    build_s = time.perf_counter() - started
    store.close()
    catalog = load_catalog()
    results = {}
    for case in cases(catalog):
        if case.name not in BASELINES:
            continue
        params = catalog[case.name].bind(case.params)
        fn = BASELINES[case.name]
        rows = fn(index, params)
        times = timed_runs(partial(fn, index, params), runs, BASELINE_BUDGET_S)
        results[case.label] = {"rows": len(rows), "p50": p50(times), "p95": p95(times),
                               "runs": len(times), "digest": digest(case, rows)}
    return {"queries": results, "build_s": build_s,
            "nodes": index.g.number_of_nodes(), "edges": index.g.number_of_edges(),
            "memory_baseline": peak_mb()}


def digest(case: Case, rows: list[list[Any]]) -> dict[str, str]:
    """Fingerprints of an answer, order-free: whole rows, and the case's key columns."""
    def cell(v: Any) -> Any:
        return sorted(map(repr, v)) if isinstance(v, list) else v

    whole = sorted(repr([cell(v) for v in row]) for row in rows)
    keys = sorted(repr([row[i] for i in case.key_columns]) for row in rows)
    return {"rows": _sha(whole), "keys": _sha(keys) if case.key_columns else ""}


def _sha(items: list[str]) -> str:
    return hashlib.sha1("\n".join(items).encode()).hexdigest()


def page_timings(store: Any, runs: int) -> dict[str, Any]:
    """The viewer's main pages through the Flask test client, the network drawing, and the
    network view drawn in headless Chromium."""
    from bench.browser import drawing_timings
    from bench.pages import network_timings, pages

    return {"pages": pages(store, runs), "network": network_timings(store),
            "browser": drawing_timings(store, runs)}
