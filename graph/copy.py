"""Copy a stored graph from one backend into another without reading the plans again.

Moving from the embedded file to a Neo4j server (or back, for a laptop copy) should not
depend on still having every plan file and the same loader version. The copy reads each
kind of node and edge of the model with a literal statement (graph/cypher/copy_*.cypher,
one per row list of the load) and writes the rows with the load's own batched UNWIND
statements, in the load's order, so a copied graph is built exactly as a loaded one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from graph import recount
from graph.errors import GraphError, StoreError
from graph.store import WRITE_PLAN, Run, Store, statement

T = TypeVar("T")
Work = Callable[[Run], T]

# (load statement, copy statement reading its rows), in load order. agency_cities is left
# out: it only adds cities a load has not met yet, and copy_cities reads every City whole.
COPY_PLAN = tuple((write, f"copy_{rows}") for write, rows in WRITE_PLAN if rows != "agency_cities")


@dataclass
class CopyResult:
    """What a copy wrote, for the CLI to print."""

    counts: dict[str, int] = field(default_factory=dict)  # label or type -> how many
    rows: int = 0
    seconds: float = 0.0
    atomic: bool = True  # False when the target has no single-transaction write

    def __str__(self) -> str:
        nodes = sum(v for k, v in self.counts.items() if not k.isupper())
        edges = sum(self.counts.values()) - nodes
        rate = self.rows / self.seconds if self.seconds else 0.0
        how = "in one transaction" if self.atomic else "statement by statement"
        return (f"copied {nodes} nodes and {edges} relationships ({self.rows} rows "
                f"{how}) in {self.seconds:.2f} s ({rate:,.0f} rows/s)")


def copy_graph(source: Store, target: Store, *, batch_size: int) -> CopyResult:
    """Copy every node and edge of `source` into the empty `target`, then compare counts."""
    started = time.perf_counter()
    _check_empty(target)
    expected = counts(source.run, source.backend)
    tables = {read: source.run(read) for _, read in COPY_PLAN}
    write, atomic = writer(target)
    work = partial(_write_tables, tables=tables, backend=target.backend,
                   batch_size=batch_size, expected=expected)
    try:
        write(work)
    except GraphError as exc:
        if atomic:
            raise StoreError(f"copy rolled back, the target is unchanged: {exc}") from exc
        raise StoreError(f"copy stopped halfway: {exc}; the target holds part of the graph, "
                         "so copy into a new, empty database again") from exc
    return CopyResult(counts=expected, rows=sum(map(len, tables.values())),
                      seconds=time.perf_counter() - started, atomic=atomic)


def counts(run: Run, backend: str) -> dict[str, int]:
    """Nodes per label and relationships per type."""
    return {row["name"]: int(row["count"]) for row in run(statement("counts", backend), {})}


def writer(store: Store) -> tuple[Callable[[Work[Any]], Any], bool]:
    """The store's one-transaction `write(work)`, or else its statement-by-statement `run`.

    The Store protocol has no transaction hook yet (ServerStore.write is one); until every
    backend has it, a store without it gets the work statement by statement.
    """
    write = getattr(store, "write", None)
    if callable(write):
        return write, True
    return (lambda work: work(store.run)), False


def _check_empty(target: Store) -> None:
    found = {k: v for k, v in counts(target.run, target.backend).items() if v}
    if found:
        held = ", ".join(f"{v} {k}" for k, v in found.items())
        raise StoreError(f"the target already holds a graph ({held}); copy into an empty "
                         "database: a new --target-db file, or an empty Neo4j database")


def _write_tables(run: Run, *, tables: dict[str, list[dict[str, Any]]], backend: str,
                  batch_size: int, expected: dict[str, int]) -> None:
    for write, read in COPY_PLAN:
        text, rows = statement(write, backend), tables[read]
        for start in range(0, len(rows), batch_size):
            run(text, {"rows": rows[start:start + batch_size]})
    copied = counts(run, backend)
    recount.build(run, backend, batch_size)  # the tallies of the graph copied
    if copied != expected:
        differ = sorted(k for k in expected if copied.get(k) != expected[k])
        raise StoreError(f"the copy does not match the source for {', '.join(differ)}: "
                         f"source {expected}, copy {copied}")
