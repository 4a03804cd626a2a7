"""The embedded backend: a LadybugDB file opened in this process, no server.

Two connections: one for loads and trusted statements, one for console and catalog reads
with a query timeout and its own thread count, so a slow console query is interrupted
without limiting a long load, and small reads skip the cost of spreading over threads.

Two ways in: `load` (the shared Cypher procedure: a few plans into a graph that holds
others) and `load_bulk` (a first load or a rebuild: every table by COPY FROM, graph.bulk).
"""

from __future__ import annotations

import glob
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, cast

import ladybug
import pyarrow as pa

from graph import recount
from graph.bulk import COPY_PARTS, BulkResult, BulkRows, bulk_tables, copy_tallies
from graph.bulk import Table as BulkTable
from graph.console import READ_ONLY_MESSAGES, Cage, ConsoleAnswer
from graph.errors import (
    GraphError,
    LoadError,
    PoolFull,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    StoreError,
)
from graph.model import Document
from graph.readonly import check_read_only, split_statements
from graph.rows import GraphRows
from graph.settings import Settings
from graph.store import (
    LoadResult,
    Params,
    RemoveResult,
    Store,
    remove_documents,
    resolve,
    statement,
    write_documents,
)

Table = tuple[list[str], list[list[Any]]]
T = TypeVar("T")
LOG = logging.getLogger(__name__)
SMALL_GRAPH_TASKS = 1_000  # below this, reads run on one thread when query_threads is 0

# Engine messages that mean something more specific than "the query failed" (and
# READ_ONLY_MESSAGES, shared with the console's worker).
INTERRUPTED_MESSAGE = "Interrupted"
NO_TRANSACTION_MESSAGE = "No active transaction"
RECOVERY_PENDING_MESSAGE = "checkpoint recovery is pending"  # a read-only open refused
# The page cache is full: LadybugDB (0.22) does not give back all it holds between
# statements (see EmbeddedStore._renewed).
POOL_FULL_MESSAGE = "The buffer pool is full"
# A read that ran this long, or returned this many rows, is heavy: its statement runs on a
# connection of its own from then on (EmbeddedStore._read_on).
HEAVY_READ_S, HEAVY_READ_ROWS = 0.1, 20_000
# A commit torn by a kill: the log's last record fails its checksum.
TORN_LOG_MESSAGE = "the WAL file is corrupted"
# A second writing open: "Could not set lock on file : g.lbdb (Lock is held by PID 14719)".
HELD_PATTERN = re.compile(r"Lock is held by PID (\d+)")
# What LadybugDB keeps beside a graph file until it has checkpointed into it.
LOG_SUFFIXES = (".wal", ".wal.checkpoint", ".shadow")
# What the engine raises: RuntimeError from the engine, ValueError/TypeError when a
# parameter value does not fit the column it is bound to.
ENGINE_ERRORS = (RuntimeError, ValueError, TypeError)


class EmbeddedStore(Store):
    """Store protocol over LadybugDB."""

    backend = "embedded"

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.snapshot = settings.read_only  # writes by other processes stay unseen
        self._connect()
        # A transaction spans several calls on one connection: one thread at a time each.
        self._write_lock, self._read_lock = threading.Lock(), threading.Lock()
        self._cage = Cage(settings)  # console queries: worker processes, none of these locks
        self.reopened = 0  # times the full page cache made this store reopen its graph
        self._heavy: set[str] = set()  # statements read on a connection of their own
        self._tune_for_size()

    def _connect(self) -> None:
        self._db = _open_database(self._settings)
        self._conn = ladybug.Connection(self._db)
        self._reader = ladybug.Connection(self._db)

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
            _columns, rows = _execute(self._reader, statement("task_count", self.backend), {})
        except QueryError:  # no schema yet: a new, empty graph
            return 0
        return int(rows[0][0]) if rows else 0

    def ensure_schema(self) -> None:
        with self._write_lock:
            for text in split_statements(statement("schema", self.backend)):
                _execute(self._conn, text, {})
            if recount.missing(self._run_writer, self.backend):  # a graph from before them
                with _transaction(self._conn, "BEGIN TRANSACTION"):
                    recount.build(self._run_writer, self.backend, self._settings.batch_size,
                                  write=self._copy_tallies)

    def _copy_tallies(self, counts: dict[str, pa.Table]) -> None:
        """Tallies counted from scratch, into their emptied tables by COPY (fast)."""
        tables = bulk_tables(self._run_writer, statement("bulk_columns", self.backend),
                             statement("bulk_copy", self.backend))
        copy_tallies(self._run_writer, tables, counts)

    def load(self, documents: Sequence[Document], *, force: bool = False,
             replace_same: bool = False) -> LoadResult:
        """Write plans in one transaction: all of them, or (on any error) none."""
        def write() -> LoadResult:
            with self._write_lock:
                with _transaction(self._conn, "BEGIN TRANSACTION"):
                    done = write_documents(self._run_writer, documents, backend=self.backend,
                                           batch_size=self._settings.batch_size, force=force,
                                           replace_same=replace_same)
                return done

        try:
            result = self._renewed(write)
        except GraphError as exc:
            raise LoadError(f"load rolled back, the graph is unchanged: {exc}") from exc
        self._tune_for_size()
        return result

    def remove(self, ids: Sequence[str]) -> RemoveResult:
        """Remove plans in one transaction: all of them, or (unknown name, error) none."""
        def write() -> RemoveResult:
            with self._write_lock:
                with _transaction(self._conn, "BEGIN TRANSACTION"):
                    done = remove_documents(self._run_writer, ids, self.backend,
                                            self._settings.batch_size)
                return done

        result = self._renewed(write)
        self._tune_for_size()
        return result

    def is_empty(self) -> bool:
        """No node at all: a load may take the bulk path without --rebuild."""
        return all(row["count"] == 0 for row in self.run("counts"))

    def load_bulk(self, plans: Iterable[GraphRows], *, rebuild: bool = False) -> BulkResult:
        """Load many plans' rows with one COPY per table into a new graph beside this one,
        put in its place once every part is copied.

        Into an empty graph, or (rebuild) replacing everything the graph holds. The rows are
        spooled while `plans` is read, so the write transactions are open only for the copy;
        `seconds` in the result counts this store's work (spooling and copying, reported
        apart), not the time spent waiting for the parser.
        """
        if not rebuild:
            with self._write_lock:
                self._require_empty()
        with tempfile.TemporaryDirectory(prefix="bulk-") as folder:
            gathered = BulkRows(Path(folder), self._bulk_tables())
            gathered.add_all(plans)
            if rebuild and not gathered.result.loaded:
                # A typo in a folder name must not empty the graph.
                raise LoadError("nothing was read, so nothing was rebuilt: the graph is "
                                "unchanged")
            gathered.count_tallies()
            started = time.perf_counter()
            copied = self._rebuild(gathered)
            result = gathered.finish(copied, time.perf_counter() - started)
        self._tune_for_size()
        return result

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run a trusted statement (a graph/cypher name or Cypher text); rows as dicts."""
        def write() -> list[dict[str, Any]]:
            with self._write_lock:
                return self._run_writer(resolve(query, self.backend), params or {})

        return self._renewed(write)

    def run_readonly(self, cypher: str, params: Params | None = None) -> Table:
        """Run a read in this process: read clauses only, where nothing can be written,
        interrupted at the time limit. For the catalog's texts; a person's Cypher goes to
        `run_console`, whose worker can be killed.

        A database opened read-only refuses writes itself; on a writable one the query runs
        in a read-only transaction (which costs about 2 ms a query, so it is not added where
        the database already refuses)."""
        check_read_only(cypher)

        def read() -> Table:
            with self._read_lock:
                return self._read_on(cypher, dict(params or {}))

        return self._renewed(read)

    def _read_on(self, cypher: str, params: dict[str, Any]) -> Table:
        """Run a read on the reading connection, or a heavy one on a connection of its own.

        The engine's Python binding keeps every parameterised statement it has run,
        compiled, per connection, and each keeps the memory its last run used (hash tables,
        its result) in the page cache: at scale 1000, after each page of the viewer once,
        that was 1.3 GB, and a 1 GiB cache was full. Light statements hold little and gain
        from staying compiled; a statement seen heavy (long, or many rows) runs from then
        on on a new connection that is closed after it (0.06 ms to open, about 1.5 ms to
        compile again), and the first time it is seen heavy, the reading connection is
        replaced, letting go of what that run kept. Read lock held.
        """
        heavy = cypher in self._heavy
        conn = self._connection() if heavy else self._reader
        started = time.perf_counter()
        try:
            guard = nullcontext() if self._settings.read_only else _transaction(
                conn, "BEGIN TRANSACTION READ ONLY")
            with guard, _deadline(conn, self._settings.query_timeout_ms):
                found = _execute(conn, cypher, params)
        finally:
            if heavy:
                conn.close()
        if not heavy and (time.perf_counter() - started >= HEAVY_READ_S
                          or len(found[1]) >= HEAVY_READ_ROWS):
            self._heavy.add(cypher)
            self._reader.close()
            self._reader = self._connection()
        return found

    def _connection(self) -> ladybug.Connection:
        conn = ladybug.Connection(self._db)
        conn.set_max_threads_for_exec(self.query_threads)
        return conn

    def _renewed(self, call: Callable[[], T]) -> T:
        """`call()`, run again once on a reopened database if the page cache was full.

        The net under `_read_on`: should the statements kept by the connections fill the
        cache all the same (light reads add up, the writing connection keeps its own; a
        full cache failed every statement, writes too, until the process restarted),
        reopening (0.1 s at scale 1000) empties it. The failed statement changed nothing
        (a write is rolled back, a read wrote nothing), so it is run again; one that fills
        the cache alone fails again and says so.
        """
        try:
            return call()
        except PoolFull:
            pass
        LOG.warning("the engine's page cache of %s was full: the graph was reopened",
                    self._settings.path)
        self._reopen()
        self.reopened += 1
        return call()

    def _reopen(self) -> None:
        with self._write_lock, self._read_lock:
            self._disconnect()
            self._connect()
        self._tune_for_size()

    def run_console(self, cypher: str, params: Params | None = None) -> ConsoleAnswer:
        """Run a person's Cypher in a worker process that opens this graph read-only."""
        return self._cage.run(cypher, params)

    def close(self) -> None:
        with self._write_lock, self._read_lock:
            self._disconnect()

    def _disconnect(self) -> None:
        """Close both connections and the database (which checkpoints); locks held."""
        self._reader.close()
        self._conn.close()
        self._db.close()

    def _bulk_tables(self) -> list[BulkTable]:
        return bulk_tables(self.run, statement("bulk_columns", self.backend),
                           statement("bulk_copy", self.backend))

    def _rebuild(self, gathered: BulkRows) -> dict[str, int]:
        """Copy every table into a new graph file beside this one, then rename it over this one.

        Not one transaction that drops the tables and copies into them: LadybugDB (0.22) logs
        the drops in its write-ahead log but writes copied rows only when the commit
        checkpoints, so a rebuild killed inside that checkpoint came back as an empty graph.
        Now a rebuild killed at any moment leaves the old graph (and the new file, removed
        by the next rebuild) or the new one. This store holds its graph, and so the lock that
        keeps other writers out, until the rename.
        """
        path = self._settings.path
        building = path.with_name(f"{path.name}.rebuild")
        _remove_database(building)  # what a rebuild killed before it was renamed left
        try:
            with EmbeddedStore(replace(self._settings, path=building)) as new:
                new.ensure_schema()
                copied = new._copy(gathered)
        except BaseException:
            _remove_database(building)
            raise
        with self._write_lock, self._read_lock:
            self._disconnect()  # checkpoints: the old graph is its file alone
            # A log left beside the old file would be replayed onto the new one.
            logs = [path.name + end for end in LOG_SUFFIXES
                    if path.with_name(path.name + end).exists()]
            try:
                if logs:
                    raise OSError(f"the engine left {', '.join(logs)} after closing it")
                os.replace(building, path)
            except OSError as exc:
                self._connect()
                raise LoadError(f"the graph is unchanged; the rebuilt graph at {building} "
                                f"was not put in its place: {exc}") from exc
            self._connect()
        _sync_folder(path.parent)
        return copied

    def _copy(self, gathered: BulkRows) -> dict[str, int]:
        """COPY every table into this new, empty graph: the plans' nodes, their edges, their
        deadlines and targets, then the tallies the rankings read (graph.tallies), each
        part committed on its own.

        Several commits because each commit's checkpoint must fit the engine's buffer pool:
        at scale 1000 one commit of the plans and their tallies ran out of the 1 GiB pool,
        and so did one of the plans with their deadlines and targets; the plans' nodes and
        edges committed apart peak 250 MB lower than together. The graph being built
        is put in place only when every part is in (_rebuild), so a failure or a kill
        between two commits leaves the graph as it was."""
        copied: dict[str, int] = {}
        for part in COPY_PARTS:
            try:
                with self._write_lock, _transaction(self._conn, "BEGIN TRANSACTION"):
                    self._copy_tables(gathered.copies(part), copied)
            except GraphError as exc:
                raise LoadError(f"bulk load failed copying the {part}, the graph is "
                                f"unchanged: {exc}") from exc
        return copied

    def _copy_tables(self, copies: Iterable[tuple[BulkTable, pa.Table]],
                     copied: dict[str, int]) -> None:
        for table, rows in copies:
            _execute(self._conn, table.copy, {"rows": rows})
            copied[table.name] = copied.get(table.name, 0) + rows.num_rows

    def _require_empty(self) -> None:
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
        try:
            return _database(settings, read_only=settings.read_only)
        except RuntimeError as exc:
            if TORN_LOG_MESSAGE in str(exc):
                _drop_torn_commit(settings)
                return _database(settings, read_only=settings.read_only)
            if not (settings.read_only and RECOVERY_PENDING_MESSAGE in str(exc)):
                raise
        # A writer was killed while it checkpointed a commit; the engine finishes the
        # recovery (to the graph as it was before that commit, or after it) only when the
        # graph is opened for writing, as it asks. Refused while a live process holds the
        # graph for writing, and then this open fails as any other.
        _database(settings, read_only=False).close()
        return _database(settings, read_only=True)
    except RuntimeError as exc:
        held = HELD_PATTERN.search(str(exc))
        if held:
            raise StoreError(
                f"the graph at {path} is held for writing by process {held.group(1)} (the "
                "viewer, while it runs, is the graph's one writer): nothing was changed; add "
                "plans through the viewer's upload page or POST /api/plans, or stop that "
                "process and run this again") from exc
        raise StoreError(f"cannot open the graph at {path}: {exc}") from exc


def _database(settings: Settings, *, read_only: bool,
              replay_all: bool = True) -> ladybug.Database:
    return ladybug.Database(str(settings.path), read_only=read_only,
                            buffer_pool_size=settings.buffer_pool_mb << 20,
                            throw_on_wal_replay_failure=replay_all)


def _drop_torn_commit(settings: Settings) -> None:
    """Open for writing once, replaying the log up to the commit a kill left half-written.

    A writer killed while it wrote a commit to the log leaves a record whose checksum fails,
    and the engine then refuses every open. The commits before it are whole; the torn one
    never finished, so the graph is as it was before that commit: what a killed load must
    leave. Closing checkpoints, so later opens (read-only ones too) find a clean log.
    """
    LOG.warning("the log of %s ended in a commit that a killed writer left half-written; "
                "it was dropped, the graph is as it was before that commit", settings.path)
    _database(settings, read_only=False, replay_all=False).close()


def _remove_database(path: Path) -> None:
    """A graph file and what the engine keeps beside it (its log, shadow pages, locks)."""
    for found in [path, *path.parent.glob(f"{glob.escape(path.name)}.*")]:
        found.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


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
    results = result if isinstance(result, list) else [result]
    # Several statements: the caller wants the last one's rows. Each result is closed here,
    # not when collected, so the memory it holds in the page cache is given back at once.
    try:
        last = results[-1]
        # Rows are lists: dicts only on a result whose as_dict is set, which this module
        # never does.
        return last.get_column_names(), cast(list[list[Any]], last.get_all())
    finally:
        for each in results:
            each.close()


def _engine_error(message: str) -> QueryError:
    if any(m in message for m in READ_ONLY_MESSAGES):
        return ReadOnlyViolation(f"the engine refused a write: {message}")
    if POOL_FULL_MESSAGE in message:
        return PoolFull(message)
    if message.startswith(INTERRUPTED_MESSAGE):
        return QueryTimeout("the query ran past the time limit (query_timeout_ms) and was "
                            "interrupted; add a LIMIT or a more selective MATCH")
    return QueryError(message)
