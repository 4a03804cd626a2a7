"""The Neo4j backend: a Neo4j 5 server (or Aura) over Bolt, through the official driver.

Every unit of work runs as a managed transaction (`execute_write` / `execute_read`), so
the driver retries it as a whole when the server reports a transient error (a deadlock, a
leader switch) or the connection drops. That is safe because a unit of work starts from
what it reads inside its own transaction: a retried load compares hashes again and
rewrites everything. Console queries run in read-access transactions with a server-side
timeout, so Neo4j itself refuses a write the grammar in graph/readonly.py let through;
they keep at most console_max_rows rows and take one of console_workers turns
(graph.console), like the embedded store's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as db
from neo4j.graph import Node, Path, Relationship

from graph import recount
from graph.console import ConsoleAnswer, Turns
from graph.errors import (
    GraphError,
    LoadError,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    SettingsError,
    StoreError,
)
from graph.model import Document
from graph.readonly import check_read_only, split_statements
from graph.settings import Settings
from graph.store import (
    LoadResult,
    Params,
    RemoveResult,
    Run,
    Store,
    remove_documents,
    resolve,
    statement,
    write_documents,
)

T = TypeVar("T")
Table = tuple[list[str], list[list[Any]]]

# Driver settings every connection gets; tests add retry timings through `driver_config`.
DRIVER_CONFIG: dict[str, Any] = {
    "user_agent": "responsibility-graph",
    # Notifications (e.g. "unknown label" on an empty database) stay on the server side.
    "warn_notification_severity": "OFF",
}
# Server status codes that mean something more specific than "the query failed".
ACCESS_MODE_CODES = frozenset({"Neo.ClientError.Statement.AccessMode",
                               "Neo.ClientError.Transaction.ForbiddenDueToTransactionType"})
TIMEOUT_CODE_PART = "TransactionTimedOut"  # …TransactionTimedOut, …TimedOutClientConfiguration
DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"


class ServerStore(Store):
    """Store protocol over a Neo4j server."""

    backend = "neo4j"

    def __init__(self, settings: Settings,
                 driver_config: Mapping[str, Any] | None = None) -> None:
        self._settings = settings
        self._driver = _connect(settings, {**DRIVER_CONFIG, **(driver_config or {})})
        self._turns = Turns(settings.console_workers, settings.console_wait_ms)

    def ensure_schema(self) -> None:
        """Create constraints and indexes; Neo4j wants each schema change in its own transaction."""
        for text in split_statements(statement("schema", self.backend)):
            self.write(partial(_run_alone, text))
        self.write(partial(recount.ensure, backend=self.backend,  # a graph from before them
                           batch_size=self._settings.batch_size))

    def load(self, documents: Sequence[Document], *, force: bool = False,
             replace_same: bool = False) -> LoadResult:
        """Write plans in one transaction: all of them, or (on any error) none."""
        work = partial(write_documents, documents=documents, backend=self.backend,
                       batch_size=self._settings.batch_size, force=force,
                       replace_same=replace_same)
        try:
            return self.write(work)
        except GraphError as exc:
            if isinstance(exc.__cause__, db.IncompleteCommit):
                raise LoadError(f"{exc}; loading is idempotent: run the same load again") from exc
            raise LoadError(f"load rolled back, the graph is unchanged: {exc}") from exc

    def remove(self, ids: Sequence[str]) -> RemoveResult:
        """Remove plans in one transaction: all of them, or (unknown name, error) none."""
        return self.write(partial(remove_documents, names=ids, backend=self.backend,
                                  batch_size=self._settings.batch_size))

    def write(self, work: Callable[[Run], T]) -> T:
        """Run `work(run)` in one write transaction, retried as a whole on transient errors."""
        with self._errors(), self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(_with_run(work))

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        """Run a trusted statement (a graph/cypher name or Cypher text); rows as dicts.

        A store opened read-only reads in read-access transactions, like the embedded
        store opened read-only, so a stray write is refused here too.
        """
        text, values = resolve(query, self.backend), dict(params or {})
        if not self._settings.read_only:
            return self.write(lambda run: run(text, values))
        with self._errors(), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(_records, text, values)

    def run_readonly(self, cypher: str, params: Params | None = None) -> Table:
        """Run untrusted Cypher: screened, then in a read-access transaction with a timeout."""
        check_read_only(cypher)
        timeout = self._settings.query_timeout_ms / 1000 or None
        read = neo4j.unit_of_work(timeout=timeout)(_table)
        with self._errors(), self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(read, cypher, dict(params or {}))

    def run_console(self, cypher: str, params: Params | None = None) -> ConsoleAnswer:
        """A person's Cypher: as `run_readonly`, keeping the first console_max_rows rows
        (the rest are discarded on the server), a few queries at a time."""
        check_read_only(cypher)
        timeout = self._settings.query_timeout_ms / 1000 or None
        most = self._settings.console_max_rows
        read = neo4j.unit_of_work(timeout=timeout)(partial(_capped, most=most))
        started = time.monotonic()
        with self._turns.taken(), self._errors(), \
                self._session(neo4j.READ_ACCESS) as session:
            columns, rows, truncated = session.execute_read(read, cypher, dict(params or {}))
        return ConsoleAnswer(columns, rows, truncated, most, time.monotonic() - started)

    def close(self) -> None:
        self._driver.close()

    def _session(self, access_mode: str) -> neo4j.Session:
        """A session per call; the shared bookmark manager lets a read see the last write.

        On a cluster (Aura) a read may go to another member than the load did; bookmarks
        make it wait until that member has the load.
        """
        return self._driver.session(
            database=self._settings.neo4j_database, default_access_mode=access_mode,
            bookmark_manager=self._driver.execute_query_bookmark_manager)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Driver errors leave as graph.errors, with a hint what to do."""
        try:
            yield
        except (db.Neo4jError, db.DriverError) as exc:
            raise translate(exc, self._settings) from exc


def translate(exc: db.Neo4jError | db.DriverError, settings: Settings) -> GraphError:
    """The graph.errors counterpart of a driver error, naming the setting to check."""
    if isinstance(exc, db.Neo4jError):
        return _server_error(exc, settings)
    if isinstance(exc, db.IncompleteCommit):
        return StoreError(f"the connection to {settings.neo4j_uri} broke while committing, so "
                          "the server may or may not have applied the transaction")
    if isinstance(exc, db.ServiceUnavailable | db.SessionExpired):
        reason = " ".join(str(exc).split())  # the driver's message spans lines
        return StoreError(f"cannot reach Neo4j at {settings.neo4j_uri} ({reason}); is the server "
                          "running, and is NEO4J_URI right (bolt://host:7687, or neo4j+s://… "
                          "for Aura)?")
    if isinstance(exc, db.ConfigurationError):
        return SettingsError(f"the Neo4j driver refused its configuration: {exc}")
    return StoreError(f"Neo4j driver error: {exc}")


def _server_error(exc: db.Neo4jError, settings: Settings) -> GraphError:
    code, message = exc.code or "", exc.message or str(exc)
    if isinstance(exc, db.AuthError):
        return StoreError(f"Neo4j at {settings.neo4j_uri} refused user "
                          f"{settings.neo4j_user!r}: {message}; check NEO4J_USER and "
                          "NEO4J_PASSWORD")
    if code in ACCESS_MODE_CODES:
        return ReadOnlyViolation(f"the server refused a write in a read-only transaction: "
                                 f"{message}")
    if TIMEOUT_CODE_PART in code:
        return QueryTimeout("the query ran past the time limit (query_timeout_ms) and the "
                            "server stopped it; add a LIMIT or a more selective MATCH")
    if code == DATABASE_NOT_FOUND:
        return StoreError(f"no database {settings.neo4j_database!r} on {settings.neo4j_uri}; "
                          "set NEO4J_DATABASE (Neo4j Community has one, named 'neo4j')")
    if isinstance(exc, db.TransientError):
        return StoreError(f"Neo4j kept reporting a transient error after retrying: {message} "
                          f"({code}); try again when the server is less busy")
    if isinstance(exc, db.ClientError):
        return QueryError(f"{message} ({code})")
    return StoreError(f"Neo4j failed: {message} ({code})")


def _connect(settings: Settings, config: dict[str, Any]) -> neo4j.Driver:
    """Open a driver and check the server answers, so a wrong address fails at once."""
    auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
    try:
        driver = neo4j.GraphDatabase.driver(settings.neo4j_uri, auth=auth, **config)
    except (ValueError, db.ConfigurationError) as exc:
        raise SettingsError(f"cannot use NEO4J_URI {settings.neo4j_uri!r}: {exc}; write it "
                            "as bolt://host:7687, neo4j://host:7687 or neo4j+s://… (Aura)"
                            ) from None
    try:
        driver.verify_connectivity()
    except (db.Neo4jError, db.DriverError) as exc:
        driver.close()
        raise translate(exc, settings) from exc
    return driver


def _with_run(work: Callable[[Run], T]) -> Callable[[neo4j.ManagedTransaction], T]:
    """Adapt `work(run)` to a transaction function: each attempt gets a fresh `run`."""
    def attempt(tx: neo4j.ManagedTransaction) -> T:
        return work(partial(_records, tx))
    return attempt


def _run_alone(text: str, run: Run) -> list[dict[str, Any]]:
    """One statement on its own, without parameters (a schema change)."""
    return run(text, {})


def _records(tx: neo4j.ManagedTransaction, text: str, params: Params) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in record.items()} for record in tx.run(text, dict(params))]


def _table(tx: neo4j.ManagedTransaction, text: str, params: dict[str, Any]) -> Table:
    result = tx.run(text, params)
    rows = [[plain(v) for v in record.values()] for record in result]
    return list(result.keys()), rows


def _capped(tx: neo4j.ManagedTransaction, text: str, params: dict[str, Any],
            most: int) -> tuple[list[str], list[list[Any]], bool]:
    """The first `most` rows, and whether there were more (those are not fetched)."""
    result = tx.run(text, params)
    rows: list[list[Any]] = []
    truncated = False
    for record in result:
        if len(rows) == most:
            truncated = True
            break
        rows.append([plain(v) for v in record.values()])
    columns = list(result.keys())
    result.consume()
    return columns, rows, truncated


def plain(value: Any) -> Any:
    """Nodes, relationships and paths as the dicts the embedded engine returns for them.

    Callers (console output, the web app's tables) then see one shape on both backends:
    `_ID`, `_LABEL`, `_SRC`, `_DST` next to the properties, `_NODES` and `_RELS` for paths.
    """
    if isinstance(value, Node):
        return {"_ID": value.element_id, "_LABEL": ":".join(sorted(value.labels)),
                **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_SRC": _end_id(value.start_node), "_DST": _end_id(value.end_node),
                "_LABEL": value.type, "_ID": value.element_id,
                **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"_NODES": [plain(n) for n in value.nodes],
                "_RELS": [plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _end_id(node: Node | None) -> str | None:
    return node.element_id if node is not None else None
