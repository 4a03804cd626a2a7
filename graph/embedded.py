"""The embedded backend: a LadybugDB file opened in this process, no server.

Two connections: one for loads and trusted statements, one for console and catalog reads
with a query timeout and its own thread count, so a slow console query is interrupted
without limiting a long load, and small reads skip the cost of spreading over threads.

Two ways in: `load` (the shared Cypher procedure: a few plans into a graph that holds
others) and `load_bulk` (a first load or a rebuild: every table by COPY FROM, graph.bulk).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, cast

import ladybug

from graph.bulk import BulkResult, BulkRows, bulk_tables
from graph.bulk import Table as BulkTable
from graph.console import READ_ONLY_MESSAGES, Cage, ConsoleAnswer
from graph.errors import (
    GraphError,
    LoadError,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    StoreError,
)
from graph.model import Document
from graph.readonly import check_read_only, split_statements
from graph.rows import GraphRows
from graph.settings import Settings
from graph.store import LoadResult, Params, Store, resolve, statement, write_documents

Table = tuple[list[str], list[list[Any]]]
SMALL_GRAPH_TASKS = 1_000  # below this, reads run on one thread when query_threads is 0

# Engine messages that mean something more specific than "the query failed" (and
# READ_ONLY_MESSAGES, shared with the console's worker).
INTERRUPTED_MESSAGE = "Interrupted"
NO_TRANSACTION_MESSAGE = "No active transaction"
# What the engine raises: RuntimeError from the engine, ValueError/TypeError when a
# parameter value does not fit the column it is bound to.
ENGINE_ERRORS = (RuntimeError, ValueError, TypeError)


class EmbeddedStore(Store):
    """Store protocol over LadybugDB."""

    backend = "embedded"

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.snapshot = settings.read_only  # writes by other processes stay unseen
        self._db = _open_database(settings)
        self._conn = ladybug.Connection(self._db)
        self._reader = ladybug.Connection(self._db)
        # A transaction spans several calls on one connection: one thread at a time each.
        self._write_lock, self._read_lock = threading.Lock(), threading.Lock()
        self._cage = Cage(settings)  # console queries: worker processes, none of these locks
        self._tune_for_size()

    def _tune_for_size(self) -> None:
        """Reads as the graph's size favours, measured on 2 cores.

        Threads: as set, or (0) one while the graph is small and every core above
        SMALL_GRAPH_TASKS: on the seed-sized graph one thread answers the catalog about 1.6x
        faster than two; at scale 1000 two make province-wide rankings up to twice as fast.
        Texts: the catalog's LadybugDB-shaped texts (planner hints, extra pipelines) only
        from SMALL_GRAPH_TASKS up: on the seed-sized graph (300 tasks) the portable texts
        are 1.2-2.5x faster; at 1,500 tasks the two are close (shaped ahead on most); at
        14,000 the shaped ones are up to 7x faster.
        """
        with self._read_lock:
            large = self._task_count() >= SMALL_GRAPH_TASKS
            threads = self._settings.query_threads or ((os.cpu_count() or 1) if large else 1)
            self._reader.set_max_threads_for_exec(threads)
            self.query_threads, self.tuned_texts = threads, large

    def _task_count(self) -> int:
        try:
            _columns, rows = _execute(self._reader, statement("counts", self.backend), {})
        except QueryError:  # no schema yet: a new, empty graph
            return 0
        return dict(map(tuple, rows)).get("Task", 0)

    def ensure_schema(self) -> None:
        with self._write_lock:
            for text in split_statements(statement("schema", self.backend)):
                _execute(self._conn, text, {})

    def load(self, documents: Sequence[Document], *, force: bool = False) -> LoadResult:
        """Write plans in one transaction: all of them, or (on any error) none."""
        try:
            with self._write_lock, _transaction(self._conn, "BEGIN TRANSACTION"):
                result = write_documents(self._run_writer, documents, backend=self.backend,
                                         batch_size=self._settings.batch_size, force=force)
        except GraphError as exc:
            raise LoadError(f"load rolled back, the graph is unchanged: {exc}") from exc
        self._tune_for_size()
        return result

    def is_empty(self) -> bool:
        """No node at all: a load may take the bulk path without --rebuild."""
        return all(row["count"] == 0 for row in self.run("counts"))

    def load_bulk(self, plans: Iterable[GraphRows], *, rebuild: bool = False) -> BulkResult:
        """Load many plans' rows with one COPY per table, in one transaction.

        Into an empty graph, or (rebuild) replacing everything the graph holds. The rows are
        spooled while `plans` is read, so the write transaction is open only for the copy;
        `seconds` in the result counts this store's work (spooling and copying, reported
        apart), not the time spent waiting for the parser.
        """
        with tempfile.TemporaryDirectory(prefix="bulk-") as folder:
            gathered = BulkRows(Path(folder), self._bulk_tables())
            gathered.add_all(plans)
            started = time.perf_counter()
            copied = self._copy(gathered, rebuild)
            result = gathered.finish(copied, time.perf_counter() - started)
        self._tune_for_size()
        return result

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run a trusted statement (a graph/cypher name or Cypher text); rows as dicts."""
        with self._write_lock:
            return self._run_writer(resolve(query, self.backend), params or {})

    def run_readonly(self, cypher: str, params: Params | None = None) -> Table:
        """Run a read in this process: read clauses only, where nothing can be written,
        interrupted at the time limit. For the catalog's texts; a person's Cypher goes to
        `run_console`, whose worker can be killed.

        A database opened read-only refuses writes itself; on a writable one the query runs
        in a read-only transaction (which costs about 2 ms a query, so it is not added where
        the database already refuses)."""
        check_read_only(cypher)
        guard = nullcontext() if self._settings.read_only else _transaction(
            self._reader, "BEGIN TRANSACTION READ ONLY")
        with self._read_lock, guard, _deadline(self._reader, self._settings.query_timeout_ms):
            return _execute(self._reader, cypher, dict(params or {}))

    def run_console(self, cypher: str, params: Params | None = None) -> ConsoleAnswer:
        """Run a person's Cypher in a worker process that opens this graph read-only."""
        return self._cage.run(cypher, params)

    def close(self) -> None:
        with self._write_lock, self._read_lock:
            self._reader.close()
            self._conn.close()
            self._db.close()

    def _bulk_tables(self) -> list[BulkTable]:
        return bulk_tables(self.run, statement("bulk_columns", self.backend),
                           statement("bulk_copy", self.backend))

    def _copy(self, gathered: BulkRows, rebuild: bool) -> dict[str, int]:
        """Empty the graph if asked, then COPY every table; all or nothing."""
        copied: dict[str, int] = {}
        try:
            with self._write_lock, _transaction(self._conn, "BEGIN TRANSACTION"):
                self._bulk_target(rebuild)
                for table, rows in gathered.copies():
                    _execute(self._conn, table.copy, {"rows": rows})
                    copied[table.name] = copied.get(table.name, 0) + rows.num_rows
        except GraphError as exc:
            raise LoadError(f"bulk load rolled back, the graph is unchanged: {exc}") from exc
        return copied

    def _bulk_target(self, rebuild: bool) -> None:
        """Drop and recreate every table for a rebuild; otherwise insist on an empty graph."""
        if rebuild:
            for name in ("bulk_drop", "schema"):
                for text in split_statements(statement(name, self.backend)):
                    _execute(self._conn, text, {})
            return
        counts = self._run_writer(statement("counts", self.backend), {})
        if any(row["count"] for row in counts):
            held = ", ".join(f"{r['count']} {r['name']}" for r in counts if r["count"])
            raise LoadError(f"the graph is not empty ({held}); a bulk load goes into an "
                            "empty graph, or replaces it with rebuild (loaders: --rebuild)")

    def _run_writer(self, text: str, params: Params) -> list[dict[str, Any]]:
        columns, rows = _execute(self._conn, text, dict(params))
        return [dict(zip(columns, row, strict=True)) for row in rows]


def _open_database(settings: Settings) -> ladybug.Database:
    path = settings.path
    if settings.read_only and not path.exists():
        raise StoreError(f"no graph at {path}; load plans first "
                         "(python -m loaders load data/samples) or set GRAPH_PATH")
    if not settings.read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return ladybug.Database(str(path), read_only=settings.read_only,
                                buffer_pool_size=settings.buffer_pool_mb << 20)
    except RuntimeError as exc:
        raise StoreError(f"cannot open the graph at {path}: {exc} (is another process, such "
                         "as the web app, holding it open for writing?)") from exc


@contextmanager
def _transaction(conn: ladybug.Connection, begin: str) -> Iterator[None]:
    """BEGIN … COMMIT, or ROLLBACK on any error (the engine may have rolled back already)."""
    _execute(conn, begin, {})
    try:
        yield
    except BaseException:
        _end_quietly(conn)
        raise
    _execute(conn, "COMMIT", {})


@contextmanager
def _deadline(conn: ladybug.Connection, ms: int) -> Iterator[None]:
    """Interrupt the connection's query after `ms` (0: never).

    A timer thread rather than the engine's own query timeout, which costs about 8 ms on
    every query (measured on the seed graph: `tasks` 25 ms with it, 15 ms with the timer).
    Some operators (a long UNWIND) do not heed an interrupt; their answer, arriving late,
    is refused all the same, as the engine's own timeout does. The timer is joined after
    cancelling, so it cannot interrupt a later statement.
    """
    if not ms:
        yield
        return
    fired = threading.Event()

    def interrupt() -> None:
        fired.set()
        conn.interrupt()

    timer = threading.Timer(ms / 1000, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        timer.join()
    if fired.is_set():
        raise _engine_error(INTERRUPTED_MESSAGE)


def _end_quietly(conn: ladybug.Connection) -> None:
    try:
        _execute(conn, "ROLLBACK", {})
    except QueryError as exc:
        if NO_TRANSACTION_MESSAGE not in str(exc):
            raise


def _execute(conn: ladybug.Connection, text: str, params: dict[str, Any]) -> Table:
    try:
        result = conn.execute(text, params)
    except ENGINE_ERRORS as exc:
        raise _engine_error(str(exc)) from exc
    if isinstance(result, list):  # several statements: the caller wants the last one's rows
        result = result[-1]
    # Rows are lists: dicts only on a result whose as_dict is set, which this module never does.
    return result.get_column_names(), cast(list[list[Any]], result.get_all())


def _engine_error(message: str) -> QueryError:
    if any(m in message for m in READ_ONLY_MESSAGES):
        return ReadOnlyViolation(f"the engine refused a write: {message}")
    if message.startswith(INTERRUPTED_MESSAGE):
        return QueryTimeout("the query ran past the time limit (query_timeout_ms) and was "
                            "interrupted; add a LIMIT or a more selective MATCH")
    return QueryError(message)
