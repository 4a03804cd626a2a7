"""The Neo4j backend where no Neo4j server is needed to check it.

Batching is checked on the real load procedure with a recording `run`. Retries, access
modes, timeouts and error mapping are checked with the real driver talking Bolt to a
scripted peer (tests/_bolt_stub.py), which answers statements with rows, server failures
or a dropped connection; it runs no Cypher. What Neo4j makes of the Cypher is for
tests/test_backends.py against a real server.
"""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from graph import tallies
from graph.copy import copy_graph
from graph.errors import (
    LoadError,
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    SettingsError,
    StoreError,
)
from graph.model import Document
from graph.readonly import split_statements
from graph.rows import combine, document_rows
from graph.server import ServerStore
from graph.settings import Settings
from graph.store import WRITE_PLAN, Store, open_store, statement, write_documents
from tests._bolt_stub import Answer, BoltStub, Drop, Failure, Rows, Struct, bolt_stub

# Retry quickly and give up soon, so the retry tests take fractions of a second.
FAST_RETRY = {"initial_retry_delay": 0.01, "retry_delay_multiplier": 1.0,
              "retry_delay_jitter_factor": 0.0, "max_transaction_retry_time": 0.3}
DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected"
LEADS_TEXT = statement("create_leads", "neo4j")


def rows_answer(query: str, params: dict[str, Any]) -> Rows:
    return Rows()  # nothing stored yet: every plan is new, every write returns no rows


def settings_for(stub: BoltStub, **overrides: Any) -> Settings:
    return Settings(backend="neo4j", neo4j_uri=stub.uri, neo4j_password="secret", **overrides)


@contextmanager
def served(answer: Answer = rows_answer, **overrides: Any) -> Iterator[tuple[ServerStore,
                                                                              BoltStub]]:
    with bolt_stub(answer) as stub:
        store = ServerStore(settings_for(stub, **overrides), FAST_RETRY)
        try:
            yield store, stub
        finally:
            store.close()


def fail_first(text: str, reply: Failure | Drop) -> Answer:
    """Answer the first RUN of `text` with `reply`, every other RUN with no rows."""
    seen: list[str] = []

    def answer(query: str, params: dict[str, Any]) -> Rows | Failure | Drop:
        if query == text and query not in seen:
            seen.append(query)
            return reply
        return Rows()
    return answer


def always(text: str, reply: Failure) -> Answer:
    return lambda query, params: reply if query == text else Rows()


def expected_batches(rows: int, size: int) -> list[int]:
    return [min(size, rows - start) for start in range(0, rows, size)]


@pytest.mark.parametrize("size", [1, 7, 500, 5000])
def test_each_statement_gets_its_rows_in_batches_of_the_batch_size(
        seed_documents: list[Document], size: int) -> None:
    sent: list[tuple[str, int]] = []

    def record(text: str, params: Any) -> list[dict[str, Any]]:
        sent.append((text, len(params.get("rows", params.get("ids", [])))))
        return []  # no stored hashes: every plan is new

    result = write_documents(record, seed_documents, backend="neo4j", batch_size=size)
    rows = combine(document_rows(d) for d in seed_documents)
    for name, attribute in WRITE_PLAN:
        batches = [n for text, n in sent if text == statement(name, "neo4j")]
        assert batches == expected_batches(len(getattr(rows, attribute)), size), name
    assert sent[0] == (statement("document_hashes", "neo4j"), len(seed_documents))
    writes = {statement(name, "neo4j") for name, _ in WRITE_PLAN}
    assert sum(n for text, n in sent if text in writes) == result.rows == rows.total()
    named = [n for text, n in sent if text == statement("agency_units", "neo4j")]
    assert named == expected_batches(len(rows.agencies), size)  # shown names, worked out
    counted = [n for text, n in sent if "graph.tallies): " in text and "add" in text]
    assert counted and max(counted) <= min(size, tallies.BATCH)  # the tallies' changes


def test_a_load_is_one_write_transaction_with_batched_statements(
        seed_documents: list[Document]) -> None:
    with served(batch_size=500) as (store, stub):
        result = store.load(seed_documents)
    rows = combine(document_rows(d) for d in seed_documents)
    assert len(stub.sent("BEGIN")) == len(stub.sent("COMMIT")) == 1
    assert "mode" not in stub.sent("BEGIN")[0].fields[0]  # write access is the default
    runs = Counter(stub.queries())
    for name, attribute in WRITE_PLAN:
        assert runs[statement(name, "neo4j")] == len(
            expected_batches(len(getattr(rows, attribute)), 500)), name
    leads = [m.fields[1]["rows"] for m in stub.sent("RUN") if m.fields[0] == LEADS_TEXT]
    assert [r["agency"] for batch in leads for r in batch] == [r["agency"] for r in rows.leads]
    assert result.rows == rows.total() and len(result.loaded) == len(seed_documents)


def test_a_deadlock_reruns_the_whole_load_in_a_new_transaction(
        seed_documents: list[Document]) -> None:
    failure = Failure(DEADLOCK, "ForsetiClient can't acquire ExclusiveLock")
    with served(fail_first(LEADS_TEXT, failure)) as (store, stub):
        result = store.load(seed_documents)
    queries = stub.queries()
    hashes = statement("document_hashes", "neo4j")
    assert queries.count(hashes) == 2 and queries.count(LEADS_TEXT) == 2
    assert queries.index(hashes, 1) > queries.index(LEADS_TEXT)  # the retry starts over
    assert len(stub.sent("BEGIN")) == 2 and len(stub.sent("COMMIT")) == 1
    assert result.rows == combine(document_rows(d) for d in seed_documents).total()
    assert len(result.loaded) == len(seed_documents) and not result.replaced


def test_a_dropped_connection_reruns_the_load_on_a_new_connection(
        seed_documents: list[Document]) -> None:
    tasks = statement("create_tasks", "neo4j")
    with served(fail_first(tasks, Drop())) as (store, stub):
        result = store.load(seed_documents)
    commit = stub.sent("COMMIT")
    assert len(commit) == 1 and commit[0].connection > stub.sent("BEGIN")[0].connection
    assert stub.queries().count(tasks) == 2 and len(result.loaded) == len(seed_documents)


def test_a_transient_error_that_persists_rolls_the_load_back(
        seed_documents: list[Document]) -> None:
    with (served(always(LEADS_TEXT, Failure(DEADLOCK, "deadlock"))) as (store, stub),
          pytest.raises(LoadError, match=r"rolled back.*transient error.*DeadlockDetected")):
        store.load(seed_documents)
    assert len(stub.sent("BEGIN")) > 1 and not stub.sent("COMMIT")


def test_a_constraint_violation_is_not_retried(seed_documents: list[Document]) -> None:
    failure = Failure("Neo.ClientError.Schema.ConstraintValidationFailed",
                      "Node(1) already exists with label `Task` and property `id`")
    with (served(always(LEADS_TEXT, failure)) as (store, stub),
          pytest.raises(LoadError, match=r"rolled back.*already exists")):
        store.load(seed_documents)
    assert len(stub.sent("BEGIN")) == 1 and not stub.sent("COMMIT")


def test_the_console_reads_in_a_read_transaction_with_the_timeout() -> None:
    answer = Rows(["id"], [["常州市"], ["深圳市"]])
    with served(lambda q, p: answer, query_timeout_ms=1234) as (store, stub):
        table = store.run_readonly("MATCH (c:City) WHERE c.id <> $x RETURN c.id AS id",
                                   {"x": "开封市"})
    assert table == (["id"], [["常州市"], ["深圳市"]])
    begin = stub.sent("BEGIN")[-1].fields[0]
    assert begin["mode"] == "r" and begin["tx_timeout"] == 1234
    assert stub.sent("RUN")[-1].fields[1] == {"x": "开封市"}


def test_the_console_refuses_a_write_before_it_reaches_the_server() -> None:
    with served() as (store, stub), pytest.raises(ReadOnlyViolation, match="MERGE"):
        store.run_readonly("MERGE (c:City {id: 'x'}) RETURN c")
    assert not stub.sent("RUN")


def test_console_statements_keep_the_first_rows_in_a_read_transaction() -> None:
    """run_console: the same read-access transaction and timeout, at most console_max_rows."""
    rows = [[n] for n in range(25)]
    with served(lambda q, p: Rows(["n"], rows[:int(p["last"])]), query_timeout_ms=1234,
                console_max_rows=10) as (store, stub):
        cut = store.run_console("UNWIND range(0, $last) AS n RETURN n", {"last": 25})
        whole = store.run_console("UNWIND range(0, $last) AS n RETURN n", {"last": 10})
    assert cut.columns == ["n"] and cut.rows == rows[:10] and cut.truncated
    assert whole.rows == rows[:10] and not whole.truncated and whole.max_rows == 10
    begin = stub.sent("BEGIN")[-1].fields[0]
    assert begin["mode"] == "r" and begin["tx_timeout"] == 1234


@pytest.mark.parametrize("cypher", ["LOAD FROM '/etc/passwd' RETURN *",
                                    "CALL apoc.load.json('file:///etc/passwd')",
                                    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m"])
def test_console_statements_are_refused_before_they_reach_the_server(cypher: str) -> None:
    with served() as (store, stub), pytest.raises(ReadOnlyViolation):
        store.run_console(cypher)
    assert not stub.sent("RUN")


@pytest.mark.parametrize(("code", "error", "message"), [
    ("Neo.ClientError.Statement.AccessMode", ReadOnlyViolation, "refused a write"),
    ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", QueryTimeout,
     "time limit"),
    ("Neo.ClientError.Statement.SyntaxError", QueryError, r"Invalid input.*SyntaxError"),
    ("Neo.ClientError.Database.DatabaseNotFound", StoreError, "NEO4J_DATABASE"),
])
def test_server_refusals_become_graph_errors(code: str, error: type[Exception],
                                             message: str) -> None:
    failure = Failure(code, "Invalid input 'RETUR'")
    with served(lambda q, p: failure) as (store, stub), pytest.raises(error, match=message):
        store.run_readonly("MATCH (n) RETURN n")
    assert len(stub.sent("BEGIN")) == 1  # client errors are not retried


def test_a_read_only_store_runs_trusted_statements_in_read_transactions() -> None:
    with served(read_only=True) as (store, stub):
        store.run("counts")
    assert stub.sent("BEGIN")[-1].fields[0]["mode"] == "r"
    assert stub.queries() == [statement("counts", "neo4j")]


def test_open_store_creates_each_constraint_and_index_in_its_own_transaction() -> None:
    with bolt_stub(rows_answer) as stub:
        open_store(settings_for(stub)).close()
    schema = split_statements(statement("schema", "neo4j"))
    assert all("IF NOT EXISTS" in s for s in schema)
    # then, in one more transaction, whether the tallies (graph.recount) need counting
    assert stub.queries() == [*schema, statement("tally_present", "neo4j")]
    assert len(stub.sent("BEGIN")) == len(stub.sent("COMMIT")) == len(schema) + 1


def test_nodes_and_relationships_come_back_in_the_embedded_shape() -> None:
    node = Struct(0x4E, [1, ["City"], {"id": "常州市"}, "4:x:1"])
    edge = Struct(0x52, [7, 2, 1, "BELONGS_TO", {}, "5:x:7", "4:x:2", "4:x:1"])
    with served(lambda q, p: Rows(["c", "e"], [[node, edge]])) as (store, _):
        _, rows = store.run_readonly("MATCH (a)-[e:BELONGS_TO]->(c:City) RETURN c, e")
    assert rows == [[{"_ID": "4:x:1", "_LABEL": "City", "id": "常州市"},
                     {"_SRC": "4:x:2", "_DST": "4:x:1", "_LABEL": "BELONGS_TO",
                      "_ID": "5:x:7"}]]


def test_a_wrong_password_names_the_settings_to_check() -> None:
    with bolt_stub(rows_answer) as stub:
        stub.hello = Failure("Neo.ClientError.Security.Unauthorized",
                             "The client is unauthorized due to authentication failure.")
        with pytest.raises(StoreError, match=r"refused user 'neo4j'.*NEO4J_PASSWORD"):
            ServerStore(settings_for(stub), FAST_RETRY)


def test_an_unreachable_server_fails_at_open_with_the_uri() -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    with pytest.raises(StoreError, match=f"cannot reach Neo4j at {uri}.*NEO4J_URI"):
        ServerStore(Settings(backend="neo4j", neo4j_uri=uri), FAST_RETRY)


def test_a_uri_of_another_scheme_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="cannot use NEO4J_URI 'mysql://h:3306'"):
        ServerStore(Settings(backend="neo4j", neo4j_uri="mysql://h:3306"))


def test_a_read_after_a_load_carries_the_load_bookmark(seed_documents: list[Document]) -> None:
    """On a cluster the read may reach another member: the bookmark makes it wait."""
    with served() as (store, stub):
        store.load(seed_documents)
        store.run_readonly("MATCH (c:City) RETURN c.id AS id")
    commit, read = stub.sent("COMMIT")[-1], stub.sent("BEGIN")[-1]
    assert read.fields[0]["bookmarks"] == [f"stub:{commit.connection}"]


def test_a_copy_into_neo4j_is_one_transaction_checked_before_commit(seed_store: Store) -> None:
    source = {row["name"]: row["count"] for row in seed_store.run("counts")}
    counts_text = statement("counts", "neo4j")
    empty = {k: 0 for k in source}
    # What `counts` answers: empty target, copy as expected; empty target, a LEADS short.
    answers = iter([empty, source, empty, {**source, "LEADS": source["LEADS"] - 1}])

    def answer(query: str, params: dict[str, Any]) -> Rows:
        if query != counts_text:
            return Rows()
        return Rows(["name", "count"], [[k, v] for k, v in next(answers).items()])

    with served(answer) as (store, stub):
        result = copy_graph(seed_store, store, batch_size=100)
        assert result.atomic and result.counts == source
        assert len(stub.sent("BEGIN")) == len(stub.sent("COMMIT")) == 2  # emptiness, copy
        leads = [m.fields[1]["rows"] for m in stub.sent("RUN") if m.fields[0] == LEADS_TEXT]
        assert [len(batch) for batch in leads] == expected_batches(source["LEADS"], 100)
        with pytest.raises(StoreError, match=r"rolled back.*does not match.*LEADS"):
            copy_graph(seed_store, store, batch_size=100)
        assert len(stub.sent("BEGIN")) == 4 and len(stub.sent("COMMIT")) == 3
