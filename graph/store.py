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
from graph.errors import LoadError, SettingsError, StoreError, UnknownDocument
from graph.identity import SAME_TEXT, Identity, Known
from graph.model import Document
from graph.rows import GraphRows, Tally, combine, display_name, document_rows
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
    ("create_deadlines", "deadlines"),
    ("create_targets", "targets"),
    ("create_task_targets", "task_targets"),
    ("create_target_sectors", "target_sectors"),
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

    def load(self, documents: Sequence[Document], *, force: bool = False,
             replace_same: bool = False) -> LoadResult:
        """Write plans in one transaction: all of them, or (on any error) none.

        A plan the same as a stored one (graph.identity) is not added but reported in
        `same`; with `replace_same` the stored one is removed and this one written instead,
        in the same transaction.
        """
        ...

    def remove(self, ids: Sequence[str]) -> RemoveResult:
        """Remove plans (by id or file name as stored) in one transaction, with what only
        they named; a name that matches no plan fails the call and removes nothing."""
        ...

    def find_same(self, document: Document) -> list[tuple[str, str]]:
        """(stored id, reason) for each stored plan `document` is the same as, before loading
        it; its own id is listed too when the stored plan of that id matches."""
        return same_as_stored(self.run, document, self.backend)

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
    # (new id, stored id, reason) for plans not added because they are a stored plan (or
    # one taken earlier in this load) again; same_files holds each one's file, in order.
    same: list[tuple[str, str, str]] = field(default_factory=list)
    same_files: list[str] = field(default_factory=list)
    # (new id, stored id, reason): stored plans removed for the same plan (replace_same).
    superseded: list[tuple[str, str, str]] = field(default_factory=list)
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
        return (len(self.loaded) + len(self.replaced) + len(self.unchanged)
                + len(set(self.same_files)))

    @property
    def assignments(self) -> int:
        return self.explicit_leads + self.first_listed_leads + self.responsible

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        lines = [
            f"{_plural(self.documents, 'document')}: {len(self.loaded)} loaded, "
            f"{len(self.replaced)} replaced, {len(self.unchanged)} unchanged"
            + (f", {len(set(self.same_files))} the same as a plan already loaded (not added)"
               if self.same else "")
            + (f"; {_plural(len(self.superseded), 'stored plan')} replaced by the same plan"
               if self.superseded else ""),
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
                    batch_size: int, force: bool = False,
                    replace_same: bool = False) -> LoadResult:
    """Write plans through `run`, which must execute inside one transaction."""
    started = time.perf_counter()
    result, chosen = _sort(run, documents, backend, force=force, replace_same=replace_same)
    gone = result.replaced + [stored for _, stored, _ in result.superseded]
    rows = combine(document_rows(doc) for doc in chosen)
    counted = tallies.before_write(run, backend, rows, gone)  # the plans going, counted out
    deleted = delete_plans(run, gone, backend, counted=True)
    for name, attribute in WRITE_PLAN:
        _write_batches(run, statement(name, backend), getattr(rows, attribute), batch_size)
    tallies.after_write(run, backend, rows, counted, batch_size=batch_size)
    if gone:
        result.agencies_removed = prune(run, backend).agencies
    touched = deleted.agencies | {str(r["id"]) for r in rows.agencies}
    name_agencies(run, sorted(touched), backend, batch_size)
    result.count(rows)
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class Deleted:
    """What delete_plans took away: the tasks, and the agencies they named (which may now
    be shown by another name, or be named by nothing)."""

    tasks: int = 0
    agencies: set[str] = field(default_factory=set)


def delete_plans(run: Run, ids: Sequence[str], backend: str, *,
                 counted: bool = False) -> Deleted:
    """Delete stored plans with their tasks and edges: the one way out of the graph, for a
    replacement and a removal alike. Shared nodes left unnamed go in `prune`.

    The plans are counted out of the tallies the rankings read (graph.tallies) first,
    unless the caller has `counted` them out already (write_documents counts a replacement
    out and in in one pass)."""
    if not ids:  # an empty UNWIND list fails to bind
        return Deleted()
    if not counted:
        tallies.before_delete(run, backend, ids)
    params = {"ids": list(ids)}
    agencies = {str(r["agency"]) for r in run(statement("document_agencies", backend), params)}
    run(statement("delete_deadlines", backend), params)
    run(statement("delete_targets", backend), params)
    tasks = run(statement("delete_tasks", backend), params)
    run(statement("delete_documents", backend), params)
    return Deleted(int(tasks[0]["removed"]) if tasks else 0, agencies)


@dataclass
class Pruned:
    """Shared nodes removed because nothing names them any more."""

    agencies: int = 0
    sectors: int = 0
    cities: int = 0


def prune(run: Run, backend: str) -> Pruned:
    """Remove sectors and agencies no task names, then cities with no plan and no agency."""
    return Pruned(sectors=_removed(run, "prune_sectors", backend),
                  agencies=_removed(run, "prune_agencies", backend),
                  cities=_removed(run, "prune_cities", backend))


def name_agencies(run: Run, ids: Sequence[str], backend: str, batch_size: int) -> None:
    """Set each agency's shown name from the names its plans print (graph.rows.display_name).

    Run after every write for the agencies it touched; the bulk load counts the same
    tallies in its rows instead.
    """
    canonical: dict[str, str] = {}
    tallies: dict[str, dict[str, Tally]] = {}
    for start in range(0, len(ids), batch_size):
        params = {"ids": list(ids[start:start + batch_size])}
        for r in run(statement("agency_units", backend), params):
            canonical[r["agency"]] = r["canonical"]
            if r["unit"] is not None:
                tallies.setdefault(r["agency"], {})[r["unit"]] = (int(r["home"]),
                                                                  int(r["printed"]))
    names = [{"id": a, "name": display_name(c, tallies.get(a, {}))}
             for a, c in canonical.items()]
    _write_batches(run, statement("set_agency_names", backend), names, batch_size)


@dataclass
class RemoveResult:
    """What one remove call did, for the loader CLI to print and the web app to show."""

    removed: list[str] = field(default_factory=list)  # document ids
    tasks: int = 0
    agencies: int = 0  # agencies no remaining task names, removed with the plans
    sectors: int = 0  # sectors no remaining task is tagged with
    cities: int = 0  # cities with no plan and no agency left
    seconds: float = 0.0

    def __str__(self) -> str:
        return (f"removed {_plural(len(self.removed), 'plan')} ({', '.join(self.removed)}) "
                f"with {_plural(self.tasks, 'task')}; no longer named, removed too: "
                f"{self.agencies} agencies, {self.sectors} sectors, {self.cities} cities")


def remove_documents(run: Run, names: Sequence[str], backend: str,
                     batch_size: int) -> RemoveResult:
    """Remove the plans `names` (ids or file names as stored) through `run`, which must
    execute inside one transaction; any name that matches no plan removes nothing."""
    started = time.perf_counter()
    ids = _stored_ids(run, list(dict.fromkeys(names)), backend)
    deleted = delete_plans(run, ids, backend)
    pruned = prune(run, backend) if ids else Pruned()
    name_agencies(run, sorted(deleted.agencies), backend, batch_size)
    return RemoveResult(ids, deleted.tasks, pruned.agencies, pruned.sectors, pruned.cities,
                        time.perf_counter() - started)


def same_as_stored(run: Run, document: Document, backend: str) -> list[tuple[str, str]]:
    """(stored id, reason) for each stored plan `document` is the same as (graph.identity)."""
    return _known(run, [document], backend).find(Identity.of(document))


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


def _sort(run: Run, documents: Sequence[Document], backend: str, *, force: bool,
          replace_same: bool) -> tuple[LoadResult, list[Document]]:
    """Sort plans into new, replaced, unchanged and the same as another; return the result
    so far and the plans to write.

    A plan whose id is stored is compared by its content hash, as always: unchanged plans
    are skipped, changed ones (all, with `force`) replace their stored version. Every other
    plan is checked against the plans stored and those taken earlier in this load: the same
    plan again is reported, or (replace_same) replaces a stored one it matches. Plans whose
    id is stored are sorted first, so a plan's new version is what the others meet.
    """
    result, taken = LoadResult(), set[str]()
    by_id = _unique(documents, result)
    if not by_id:
        return result, []
    hashes = {r["id"]: r["sha256"]
              for r in run(statement("document_hashes", backend), {"ids": list(by_id)})}
    known = _known(run, list(by_id.values()), backend)
    chosen: list[Document] = []
    for doc in sorted(by_id.values(), key=lambda d: d.id not in hashes):
        if hashes.get(doc.id) == doc.sha256 and not force:
            result.unchanged.append(doc.id)
            taken.add(doc.id)
            continue
        identity = Identity.of(doc)
        matches = known.find(identity, other_than=doc.id)
        if matches and (not replace_same or taken & {m for m, _ in matches}):
            _report_same(result, doc, matches)
            continue
        for stored, reason in matches:
            result.superseded.append((doc.id, stored, reason))
            known.discard(stored)
        (result.replaced if doc.id in hashes else result.loaded).append(doc.id)
        known.add(identity)
        taken.add(doc.id)
        chosen.append(doc)
    return result, chosen


def _known(run: Run, documents: Sequence[Document], backend: str) -> Known:
    """The stored plans these may be the same as."""
    params = {"fingerprints": sorted({d.fingerprint for d in documents})}
    return Known(Identity.of_row(r) for r in run(statement("document_identities", backend),
                                                  params))


def _report_same(result: LoadResult, doc: Document, matches: list[tuple[str, str]]) -> None:
    for stored, reason in matches:
        result.same.append((doc.id, stored, reason))
        result.same_files.append(doc.doc)


def _stored_ids(run: Run, names: list[str], backend: str) -> list[str]:
    """The stored plan each name means: the plan of that id, else the plan of that file."""
    if not names:
        return []
    found: dict[str, list[str]] = {}
    for r in run(statement("documents_named", backend), {"names": names}):
        found.setdefault(r["name"], []).append(r["id"])
    unknown = [n for n in names if n not in found]
    if unknown:
        raise UnknownDocument(
            f"no plan {', '.join(map(repr, unknown))} in the graph, so nothing was removed; "
            "give a plan's id or its file name as loaded (the plans page lists them)")
    ids = [name if name in found[name] else found[name][0] for name in names]
    return list(dict.fromkeys(ids))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _unique(documents: Sequence[Document], result: LoadResult) -> dict[str, Document]:
    """One plan per id. Two files of one id holding the same plan (plan.txt, plan.docx):
    the first is taken, the others reported the same; holding different plans: refused."""
    by_id: dict[str, Document] = {}
    for doc in documents:
        first = by_id.setdefault(doc.id, doc)
        if first is doc or (first.doc == doc.doc and first.sha256 == doc.sha256):
            continue
        if first.fingerprint == doc.fingerprint:
            _report_same(result, doc, [(first.id, SAME_TEXT)])
            continue
        raise LoadError(f"{first.doc} and {doc.doc} would both be document "
                        f"{doc.id!r} (ids come from file names, and their texts differ); "
                        "rename one of them")
    return by_id


def _write_batches(run: Run, text: str, rows: list[dict[str, Any]], size: int) -> None:
    for start in range(0, len(rows), size):  # an empty UNWIND list fails to bind: skip it
        run(text, {"rows": rows[start:start + size]})


def _removed(run: Run, name: str, backend: str) -> int:
    removed = run(statement(name, backend), {})
    return int(removed[0]["removed"]) if removed else 0
