"""Benchmark the graph at a province's scale, beside a plain Python baseline, in one run.

    python -m bench --scale 1 100 1000       # the table of every figure, then the goals
    python -m bench --scale 1 --runs 5       # a quick look

For each scale: write a synthetic corpus (loaders.synth: 5 plans per unit of scale, the
seed plans added), parse it in a process pool and bulk-load it into a fresh store, replace
a few plans through the Cypher path, time every named query (20 runs, p50/p95) and the
viewer's pages, compute the same queries in plain Python over networkx and compare
answers and times, then time each page's first request after a write (bench.writes: one
new plan loaded, kept answers cleared) on a copy of the graph. Each phase runs in its own
process, so each peak memory is its own. A query that runs past the time limit
(--timeout-ms, the settings' query_timeout_ms) is reported as such, not raised.
Prints figures and whether the goals are met; exits 0 either way (timing is not a test).

Other benchmarks: `python -m bench.samples` (parse, load and named queries on the sample
plans, and on Neo4j when NEO4J_URI is set), `python -m bench.viewer` (the viewer's pages
and the network drawn in Chromium, on the sample plans).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.cases import cases
from bench.phases import baseline_phase, load_phase, query_phase
from bench.report import render
from bench.search_cases import search_phase
from bench.timing import isolated
from bench.writes import WRITES, write_phase
from loaders.synth import CorpusError, read_corpus, write_corpus
from queries.catalog import load_catalog


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    results: dict[int, dict[str, Any]] = {}
    try:
        for scale in args.scale:
            results[scale] = run_scale(scale, workdir, args)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(render(results, cases(load_catalog())))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 100, 1000],
                        help="corpus scales (5 plans each); default 1 100 1000")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query and page")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--query-threads", type=int,
                        help="threads per read-only query (default: the settings' default)")
    parser.add_argument("--timeout-ms", type=int,
                        help="time limit per query (default: the settings' query_timeout_ms)")
    parser.add_argument("--writes", type=int, default=WRITES,
                        help=f"writes (one new plan each) after which every page's first "
                             f"request is timed; default {WRITES}")
    parser.add_argument("--workdir", type=Path,
                        help="keep corpora and graphs here (reused when present); default: a "
                             "temporary folder, removed afterwards")
    return parser


def run_scale(scale: int, workdir: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every phase at one scale; progress goes to stderr."""
    corpus_dir, db = workdir / f"corpus-{scale}", workdir / f"graph-{scale}.lbdb"
    started = time.perf_counter()
    corpus = _corpus(corpus_dir, scale, args.seed)
    out: dict[str, Any] = {"generate_s": time.perf_counter() - started}
    _say(scale, f"{corpus.manifest['plans']} plans written; parsing and bulk loading")
    for stale in (*workdir.glob(f"graph-{scale}.*"), *workdir.glob(f"graph-{scale}-*")):
        _remove(stale)  # this scale's graphs only: graph-1* would take graph-100 too
    out["load"] = isolated(load_phase, corpus_dir, db, corpus.bytes, corpus.manifest["plans"])
    _say(scale, f"loaded in {out['load']['load_wall_s']:.1f} s; timing queries and pages")
    out["queries"] = isolated(query_phase, db, args.runs, args.query_threads, args.timeout_ms)
    _say(scale, "timing the networkx baseline")
    out["baseline"] = isolated(baseline_phase, db, args.runs)
    _say(scale, "timing the search index")
    out["search"] = isolated(search_phase, db, args.runs)
    _say(scale, f"timing each page's first request after each of {args.writes} writes")
    out["writes"] = isolated(write_phase, db, args.writes, args.timeout_ms)
    return out


def _corpus(folder: Path, scale: int, seed: int) -> Any:
    try:
        corpus = read_corpus(folder)
        if (corpus.manifest["scale"], corpus.manifest["seed"]) == (scale, seed):
            return corpus
    except CorpusError:
        pass
    return write_corpus(scale, folder, seed)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()


def _say(scale: int, text: str) -> None:
    print(f"[scale {scale}] {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
