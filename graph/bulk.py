"""The bulk load: a province's worth of plans into an empty (or rebuilt) graph by COPY FROM.

The Cypher load (`graph.store.write_documents`) MERGEs shared nodes and CREATEs each plan's
rows in UNWIND batches; the engine's MERGE slows down as tables grow. A first load or a full
rebuild has nothing to merge with, so this path takes the same rows (`graph.rows`, one row
function for both paths), keeps one row per shared node exactly as the MERGE statements would
leave it, and writes each table with one COPY FROM an Arrow table.

Plans arrive one at a time (a parser pool streams them); their own rows (documents, tasks,
edges) are spooled to Arrow files on disk as they come, so memory holds only the shared
nodes until the copy. Table and column order come from the engine (`bulk_columns`), the
COPY statements from `graph/cypher/bulk_copy.embedded.cypher`; nothing is assembled here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pyarrow as pa

from graph.errors import LoadError, StoreError
from graph.identity import SAME_TEXT, Identity, Known
from graph.readonly import split_statements, tokenize
from graph.recount import Tables, count
from graph.rows import GraphRows, Row, Tally, display_name, unit_tallies
from graph.store import LoadResult

# Engine column type -> Arrow type of the column COPY FROM reads.
ARROW_TYPES = {"STRING": pa.string(), "INT64": pa.int64(), "BOOL": pa.bool_(),
               "BOOLEAN": pa.bool_(), "DOUBLE": pa.float64()}
# Per table: the GraphRows list it is copied from, and for relationships the row keys of
# the FROM and TO nodes (every node key of the model is a string). Shared tables hold one
# row per node or edge however many plans name it; the others hold each plan's own rows.
SOURCES: dict[str, tuple[str, tuple[str, str] | None]] = {
    "City": ("cities", None), "Sector": ("sectors", None), "Agency": ("agencies", None),
    "Document": ("documents", None), "Task": ("tasks", None),
    "ISSUED_IN": ("issued_in", ("doc", "city")), "HAS_TASK": ("tasks", ("doc_id", "id")),
    "IN_SECTOR": ("in_sector", ("task", "sector")),
    "BELONGS_TO": ("belongs_to", ("agency", "city")),
    "LEADS": ("leads", ("agency", "task")),
    "RESPONSIBLE_FOR": ("responsible", ("agency", "task")),
    # The tallies (graph.tallies), counted over every plan at once (graph.recount).
    "Scope": ("scopes", None), "TypeTally": ("types", None),
    "WORKS_IN": ("works", ("agency", "scope")), "SPANS": ("spans", ("scope", "city")),
    "SHARES": ("shares", ("a", "b")),
    # Deadlines and targets (#12): per-plan rows like the tasks'.
    "Deadline": ("deadlines", None), "Target": ("targets", None),
    "HAS_DEADLINE": ("deadlines", ("task_id", "id")), "HAS_TARGET": ("targets", ("doc_id", "id")),
    "STATES": ("task_targets", ("task", "target")),
    "MEASURES": ("target_sectors", ("target", "sector")),
}
SHARED_TABLES = ("City", "Sector", "Agency", "BELONGS_TO")
TALLY_TABLES = ("Scope", "TypeTally", "WORKS_IN", "SPANS", "SHARES")
DUE_TABLES = ("Deadline", "Target", "HAS_DEADLINE", "HAS_TARGET", "STATES", "MEASURES")
# The bulk load's commits, in order: each one's checkpoint must fit the engine's buffer pool.
COPY_PARTS = ("plans", "due", "tallies")
# Edges copied from a node table's own rows: GraphRows counts those rows once, as nodes.
NODE_EDGES = ("HAS_TASK", "HAS_DEADLINE", "HAS_TARGET")
SPOOL_BATCH = 20_000  # rows per Arrow record batch written to the spool
# Tables whose rows are large: a Document row holds the plan's whole text.
SPOOL_BATCH_OF = {"Document": 200}
# Rows per COPY: one COPY of a province's 700k RESPONSIBLE_FOR rows holds ~1 GB more in
# the engine than four of them, at the same speed (measured at scale 1000).
COPY_ROWS = 250_000

Execute = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


@dataclass
class BulkResult(LoadResult):
    """A bulk load's report: `seconds` is this store's work, split into its two parts."""

    spool_seconds: float = 0.0  # rows to Arrow files, while the plans were being parsed
    copy_seconds: float = 0.0  # the COPY transaction

    @property
    def copy_rows_per_second(self) -> float:
        return self.rows / self.copy_seconds if self.copy_seconds else 0.0


@runtime_checkable
class BulkStore(Protocol):
    """A store that can take a first load or a rebuild by bulk copy (the embedded one).

    Callers check `isinstance(store, BulkStore)` and use `Store.load` otherwise.
    """

    def is_empty(self) -> bool: ...

    def load_bulk(self, plans: Iterable[GraphRows], *, rebuild: bool = False) -> LoadResult: ...


@dataclass(frozen=True)
class Table:
    """One table of the schema as the bulk load writes it."""

    name: str
    copy: str  # its COPY statement
    schema: pa.Schema  # the Arrow columns, named by row keys, in the engine's order

    @property
    def source(self) -> str:
        return SOURCES[self.name][0]


def bulk_tables(execute: Execute, columns_text: str, copy_text: str) -> list[Table]:
    """The tables in COPY order, their columns read from the engine."""
    columns: dict[str, list[tuple[str, str]]] = {}
    for text in split_statements(columns_text):
        for row in execute(text, {}):
            columns.setdefault(row["label"], []).append((row["name"], row["type"]))
    tables = []
    for text in split_statements(copy_text):
        name = tokenize(text)[1].text  # COPY <table> FROM $rows
        if name not in SOURCES:
            raise StoreError(f"bulk_copy names table {name!r}, which graph.bulk.SOURCES "
                             "does not know")
        # a relationship without properties has no table_info rows, only its two ends
        tables.append(Table(name, text, _schema(name, columns.get(name, []))))
    return tables


def _schema(name: str, columns: list[tuple[str, str]]) -> pa.Schema:
    ends = SOURCES[name][1]
    fields = [pa.field(key, pa.string()) for key in ends or ()]
    for column, kind in columns:
        if kind not in ARROW_TYPES:
            raise StoreError(f"{name}.{column} has type {kind}, which graph.bulk cannot copy")
        fields.append(pa.field(column, ARROW_TYPES[kind]))
    return pa.schema(fields)


def copy_tallies(execute: Execute, tables: list[Table],
                 counts: dict[str, pa.Table]) -> dict[str, int]:
    """COPY tallies counted from scratch (graph.recount) into their emptied tables."""
    copied = {}
    for table in tables:
        if table.name in TALLY_TABLES:
            data = counts[table.source].select(table.schema.names).cast(table.schema)
            if data.num_rows:
                execute(table.copy, {"rows": data})
            copied[table.name] = data.num_rows
    return copied


@dataclass
class SharedRows:
    """Shared nodes and edges as the MERGE statements leave them after loading in order.

    merge_cities: the last row's values, the province kept when a later row has none;
    merge_agency_cities: only cities no plan was issued in, first row; merge_agencies: last
    row, its name the one set_agency_names would set (from `tallies`); merge_belongs_to and
    merge_sectors: one per key.
    """

    cities: dict[str, Row] = field(default_factory=dict)
    agency_cities: dict[str, Row] = field(default_factory=dict)
    agencies: dict[str, Row] = field(default_factory=dict)
    belongs_to: dict[tuple[Any, Any], Row] = field(default_factory=dict)
    sectors: dict[Any, Row] = field(default_factory=dict)
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)  # agency -> unit ->

    def add(self, rows: GraphRows) -> None:
        for row in rows.cities:
            before = self.cities.get(str(row["id"]))
            merged = dict(row)
            if before and merged.get("province") is None:
                merged["province"] = before.get("province")
            self.cities[str(row["id"])] = merged
        for row in rows.agency_cities:
            self.agency_cities.setdefault(str(row["id"]), row)
        self.agencies.update((str(r["id"]), r) for r in rows.agencies)
        self.belongs_to.update(((r["agency"], r["city"]), r) for r in rows.belongs_to)
        self.sectors.update((r["name"], r) for r in rows.sectors)
        for (agency, unit), (home, printed) in unit_tallies(rows).items():
            units = self.tallies.setdefault(agency, {})
            was = units.get(unit, (0, 0))
            units[unit] = (was[0] + home, was[1] + printed)

    def rows(self, source: str) -> list[Row]:
        if source == "cities":
            others = [r for k, r in self.agency_cities.items() if k not in self.cities]
            return [*self.cities.values(), *others]
        if source == "agencies":
            return [{**r, "name": display_name(str(r["canonical"]), self.tallies.get(a, {}))}
                    for a, r in self.agencies.items()]
        return list(getattr(self, source).values())


class Spool:
    """One Arrow file per table of per-plan rows, written batch by batch as plans arrive."""

    def __init__(self, folder: Path, table: Table) -> None:
        self.path = folder / f"{table.name}.arrow"
        self.schema = table.schema
        self.batch = SPOOL_BATCH_OF.get(table.name, SPOOL_BATCH)
        self.pending: list[Row] = []
        self.count = 0
        self._writer: pa.ipc.RecordBatchFileWriter | None = None
        self._table: pa.Table | None = None

    def add(self, rows: list[Row]) -> None:
        self.pending += rows
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if self._writer is None:
            self._writer = pa.ipc.new_file(str(self.path), self.schema)
        self._writer.write_batch(pa.RecordBatch.from_pylist(self.pending, schema=self.schema))
        self.count += len(self.pending)
        self.pending = []

    def read(self) -> pa.Table:
        """The whole table, memory-mapped: its pages are read while COPY scans them. Once
        read, the spool takes no more rows (the tallies read it too)."""
        if self._table is None:
            self.flush()
            if self._writer is None:
                self._table = self.schema.empty_table()
            else:
                self._writer.close()
                self._table = pa.ipc.open_file(pa.memory_map(str(self.path))).read_all()
        return self._table


class BulkRows:
    """The rows of many plans, gathered for one COPY per table."""

    def __init__(self, folder: Path, tables: list[Table]) -> None:
        self.tables = tables
        self.shared = SharedRows()
        self.spools = {t.name: Spool(folder, t) for t in tables
                       if t.name not in SHARED_TABLES + TALLY_TABLES}
        self._ranking_tallies: dict[str, pa.Table] | None = None
        self.result = BulkResult()
        self.seen: dict[str, tuple[Any, Any, Any]] = {}  # id -> (file, sha256, fingerprint)
        self.known = Known()  # the plans taken, to tell the same plan in another file
        self.seconds = 0.0  # spent here, not waiting for the parser

    def add_all(self, parts: Iterable[GraphRows]) -> None:
        for rows in parts:
            started = time.perf_counter()
            self.add(rows)
            self.seconds += time.perf_counter() - started

    def add(self, rows: GraphRows) -> None:
        """One plan's rows (graph.rows.document_rows); the same plan again (the same file,
        or another file of the same plan: graph.identity) is taken once and the others
        reported, as the Cypher load does; two different plans with one id fail."""
        if not self._new_document(rows):
            return
        self.shared.add(rows)
        for table in self.tables:
            if table.name in self.spools:
                self.spools[table.name].add(getattr(rows, table.source))
        self._count(rows)

    def _new_document(self, rows: GraphRows) -> bool:
        if len(rows.documents) != 1:
            raise StoreError(f"the bulk load takes one plan's rows at a time, got "
                             f"{len(rows.documents)} documents in one GraphRows")
        doc = rows.documents[0]
        doc_id = str(doc["id"])
        first = self.seen.get(doc_id)
        if first is not None and first[:2] == (doc["file"], doc["sha256"]):
            return False
        if first is not None and first[2] != doc["fingerprint"]:
            raise LoadError(f"{first[0]} and {doc['file']} would both be document "
                            f"{doc_id!r} (ids come from file names, and their texts "
                            "differ); rename one of them")
        identity = Identity.of_row(doc)
        same = [(doc_id, SAME_TEXT)] if first is not None else self.known.find(identity)
        for stored, reason in same:
            self.result.same.append((doc_id, stored, reason))
            self.result.same_files.append(str(doc["file"]))
        if same:
            return False
        self.seen[doc_id] = (doc["file"], doc["sha256"], doc["fingerprint"])
        self.known.add(identity)
        self.result.loaded.append(doc_id)
        return True

    def _count(self, rows: GraphRows) -> None:
        r = self.result
        r.tasks += len(rows.tasks)
        explicit = sum(1 for e in rows.leads if e["basis"] == "explicit")
        r.explicit_leads += explicit
        r.first_listed_leads += len(rows.leads) - explicit
        r.responsible += len(rows.responsible)
        r.unresolved += rows.unresolved

    def copies(self, part: str = "plans") -> Iterator[tuple[Table, pa.Table]]:
        """(table, up to COPY_ROWS Arrow rows) in COPY order, of one part (COPY_PARTS): the
        plans, their deadlines and targets, or the tallies the rankings read; empty tables
        are left out."""
        for table in self.tables:
            if copy_part(table.name) != part:
                continue
            if table.name in self.spools:
                data = self.spools[table.name].read()
            elif table.name in TALLY_TABLES:
                counted = self.ranking_tallies()[table.source]
                data = counted.select(table.schema.names).cast(table.schema)
            else:
                data = pa.Table.from_pylist(self.shared.rows(table.source), schema=table.schema)
            for start in range(0, data.num_rows, COPY_ROWS):
                yield table, data.slice(start, COPY_ROWS)

    def ranking_tallies(self) -> dict[str, pa.Table]:
        """The tallies of every plan gathered, counted once from the spooled tables."""
        if self._ranking_tallies is None:
            tasks, sectors = self.spools["Task"].read(), self.spools["IN_SECTOR"].read()
            edges = pa.concat_tables([self.spools[name].read().select(["task", "agency", "basis"])
                                      for name in ("LEADS", "RESPONSIBLE_FOR")])
            agencies = self.shared.rows("agencies")
            self._ranking_tallies = count(Tables(
                tasks["id"], tasks["city"], sectors["task"], sectors["sector"], edges["task"],
                edges["agency"], edges["basis"], *(pa.array([r[k] for r in agencies],
                                                             type=pa.string())
                                                    for k in ("id", "kind", "type"))))
        return self._ranking_tallies

    def finish(self, copied: dict[str, int], copy_seconds: float) -> BulkResult:
        """The load report, counting rows the way the Cypher path counts GraphRows."""
        r = self.result
        r.agencies = copied.get("Agency", 0)
        r.rows = sum(n for name, n in copied.items()
                     if name not in NODE_EDGES and name not in TALLY_TABLES)
        r.spool_seconds, r.copy_seconds = self.seconds, copy_seconds
        r.seconds = self.seconds + copy_seconds
        return r


def copy_part(table: str) -> str:
    """Which of the bulk load's commits (COPY_PARTS) copies `table`."""
    return "tallies" if table in TALLY_TABLES else "due" if table in DUE_TABLES else "plans"
