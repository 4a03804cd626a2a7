"""The store protocol every backend implements, and the load procedure they share.

A backend supplies a way to run one Cypher statement inside its own transaction; deciding
what to skip, what to replace and in which order to write is the same for every engine and
lives here. Statements are literal files under graph/cypher/, so the embedded store and
the Neo4j server store send the same text (only schema DDL has a per-backend file).
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol, Self

from graph import tallies
from graph.console import ConsoleAnswer
from graph.errors import LoadError, SettingsError, StoreError
from graph.model import Document
from graph.rows import GraphRows, combine, document_rows
from graph.settings import Settings

CYPHER_DIR = Path(__file__).with_name("cypher")
STATEMENT_NAME = re.compile(r"[a-z][a-z0-9_]*")  # e.g. "counts": a file name, not Cypher

# Statement file -> the GraphRows list it takes, in write order: nodes before the edges
# that MATCH them, shared nodes (MERGE) before a plan's own nodes (CREATE).
WRITE_PLAN = (
    ("merge_cities", "cities"),
    ("merge_agency_cities", "agency_cities"),
    ("merge_agencies", "agencies"),
    ("merge_belongs_to", "belongs_to"),
    ("merge_sectors", "sectors"),
    ("create_documents", "documents"),
    ("create_issued_in", "issued_in"),
    ("create_tasks", "tasks"),
    ("create_in_sector", "in_sector"),
    ("create_leads", "leads"),
    ("create_responsible", "responsible"),
)

# Backend name -> "module:class", imported only when chosen.
BACKEND_CLASSES = {"embedded": "graph.embedded:EmbeddedStore",
                   "neo4j": "graph.server:ServerStore"}

Params = Mapping[str, Any]
Run = Callable[[str, Params], list[dict[str, Any]]]


class Store(Protocol):
    """What loaders, queries, exports and the web app may ask of a graph store.

    Backends subclass it to inherit the context-manager methods (`with open_store(s) as st`).
    """

    backend: str
    # True when the graph this store reads cannot change while it is open, so answers may
    # be kept (a read-only embedded store reads the graph as it was when opened).
    snapshot: bool = False
    # Whether the catalog's texts shaped for this backend (`<name>.<backend>.cypher`) pay
    # off on the graph at hand; the portable text is run otherwise.
    tuned_texts: bool = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_schema(self) -> None: ...

    def load(self, documents: Sequence[Document], *, force: bool = False) -> LoadResult: ...

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]: ...

    def run_readonly(self, cypher: str,
                     params: Params | None = None) -> tuple[list[str], list[list[Any]]]:
        """Run a catalog text in this process: read clauses only, with the time limit."""
        ...

    def run_console(self, cypher: str, params: Params | None = None) -> ConsoleAnswer:
        """Run Cypher typed by a person where it cannot hurt the others (graph.console):
        read clauses only, stopped at the time and memory limits, rows capped, a few at a
        time. Named queries do not wait for it."""
        ...

    def close(self) -> None: ...


@dataclass
class LoadResult:
    """What one load call did, for the loader CLI to print and tests to check."""

    loaded: list[str] = field(default_factory=list)  # document ids new to the graph
    replaced: list[str] = field(default_factory=list)  # stored with other content before
    unchanged: list[str] = field(default_factory=list)  # same sha256: skipped
    tasks: int = 0
    explicit_leads: int = 0
    first_listed_leads: int = 0
    responsible: int = 0  # RESPONSIBLE_FOR edges: listed and standing-rule units
    agencies: int = 0
    agencies_removed: int = 0
    unresolved: int = 0  # mentions the resolver gave no agency: not stored
    rows: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return len(self.loaded) + len(self.replaced) + len(self.unchanged)

    @property
    def assignments(self) -> int:
        return self.explicit_leads + self.first_listed_leads + self.responsible

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        lines = [
            f"{_plural(self.documents, 'document')}: {len(self.loaded)} loaded, "
            f"{len(self.replaced)} replaced, {len(self.unchanged)} unchanged",
            f"{self.tasks} tasks, {self.assignments} assignments "
            f"({self.explicit_leads} explicit leads, {self.first_listed_leads} first-listed "
            f"leads, {self.responsible} listed or implied units), {self.agencies} agencies named"
            + (f" ({self.agencies_removed} no longer named, removed)"
               if self.agencies_removed else ""),
            f"{self.rows} rows in {self.seconds:.2f} s ({self.rows_per_second:,.0f} rows/s)",
        ]
        if self.unresolved:
            lines.append(f"{self.unresolved} mentions had no agency and were not stored")
        return "\n".join(lines)

    def count(self, rows: GraphRows) -> None:
        self.tasks = len(rows.tasks)
        self.explicit_leads = sum(1 for r in rows.leads if r["basis"] == "explicit")
        self.first_listed_leads = len(rows.leads) - self.explicit_leads
        self.responsible = len(rows.responsible)
        self.agencies = len(rows.agencies)
        self.unresolved = rows.unresolved
        self.rows = rows.total()


@cache
def statement(name: str, backend: str) -> str:
    """Text of graph/cypher/<name>.<backend>.cypher if it exists, else <name>.cypher."""
    for path in (CYPHER_DIR / f"{name}.{backend}.cypher", CYPHER_DIR / f"{name}.cypher"):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise StoreError(f"no statement {name!r} for backend {backend!r} in {CYPHER_DIR}")


def resolve(query: str, backend: str) -> str:
    """A statement name (`counts`) becomes its file's text; Cypher text passes through."""
    return statement(query, backend) if STATEMENT_NAME.fullmatch(query) else query


def write_documents(run: Run, documents: Sequence[Document], *, backend: str,
                    batch_size: int, force: bool = False) -> LoadResult:
    """Write plans through `run`, which must execute inside one transaction."""
    started = time.perf_counter()
    by_id = _unique(documents)
    result = _compare(run, by_id, backend, force) if by_id else LoadResult()
    rows = combine(document_rows(by_id[i]) for i in result.loaded + result.replaced)
    counted = tallies.before_write(run, backend, rows, result.replaced)
    if result.replaced:
        for name in ("delete_tasks", "delete_documents"):
            run(statement(name, backend), {"ids": result.replaced})
    for name, attribute in WRITE_PLAN:
        _write_batches(run, statement(name, backend), getattr(rows, attribute), batch_size)
    tallies.after_write(run, backend, rows, counted, batch_size=batch_size)
    if result.replaced:
        result.agencies_removed = _prune(run, backend)
    result.count(rows)
    result.seconds = time.perf_counter() - started
    return result


def open_store(settings: Settings) -> Store:
    """Open the configured backend; a writable store gets its schema on the way."""
    module_name, _, class_name = BACKEND_CLASSES[settings.backend].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise SettingsError(f"the {settings.backend!r} backend is not available in this "
                            f"checkout ({module_name} is missing); use GRAPH_BACKEND=embedded"
                            ) from None
    store: Store = getattr(module, class_name)(settings)
    if not settings.read_only:
        store.ensure_schema()
    return store


def _compare(run: Run, by_id: dict[str, Document], backend: str, force: bool) -> LoadResult:
    """Sort plans into new, replaced and unchanged by their stored content hash."""
    stored = {r["id"]: r["sha256"]
              for r in run(statement("document_hashes", backend), {"ids": list(by_id)})}
    result = LoadResult()
    for doc_id, doc in by_id.items():
        if doc_id not in stored:
            result.loaded.append(doc_id)
        elif stored[doc_id] != doc.sha256 or force:
            result.replaced.append(doc_id)
        else:
            result.unchanged.append(doc_id)
    return result


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _unique(documents: Sequence[Document]) -> dict[str, Document]:
    by_id: dict[str, Document] = {}
    for doc in documents:
        if doc.id in by_id and by_id[doc.id].doc != doc.doc:
            raise LoadError(f"{by_id[doc.id].doc} and {doc.doc} would both be document "
                            f"{doc.id!r} (ids come from file names); rename one of them")
        by_id[doc.id] = doc
    return by_id


def _write_batches(run: Run, text: str, rows: list[dict[str, Any]], size: int) -> None:
    for start in range(0, len(rows), size):  # an empty UNWIND list fails to bind: skip it
        run(text, {"rows": rows[start:start + size]})


def _prune(run: Run, backend: str) -> int:
    run(statement("prune_sectors", backend), {})
    removed = run(statement("prune_agencies", backend), {})
    return int(removed[0]["removed"]) if removed else 0
