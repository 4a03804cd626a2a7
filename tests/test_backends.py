"""One suite for both backends: the seed plans loaded, every named query answered alike.

The embedded leg always runs. The Neo4j leg runs when NEO4J_URI (with NEO4J_PASSWORD, and
NEO4J_USER / NEO4J_DATABASE when not the defaults) names a server; it empties the
database's City, Document, Task, Agency and Sector nodes and the tallies first, and refuses
(skips) when the database holds plans other than the seed plans, so point it at a scratch
database.

Answers are compared with the embedded store the other tests use (`seed_store`) and,
for the queries whose answers are easy to derive, with what the load rows say.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph.__main__ import main as graph_main
from graph.copy import copy_graph
from graph.errors import LoadError, ReadOnlyViolation
from graph.model import Document
from graph.rows import GraphRows, combine, document_rows
from graph.settings import Settings
from graph.store import Store, open_store
from queries.catalog import NamedQuery, load_catalog
from tests._graph_fixtures import revised

CATALOG = load_catalog()
# Lists a query collects without ORDER BY: their order is the engine's, so compare sorted.
UNORDERED_LISTS = {("agency_tasks", "co_agencies"), ("agency_tasks", "sectors"),
                   ("agency_tasks_by_id", "co_agencies"), ("agency_tasks_by_id", "sectors"),
                   ("tasks", "leads"), ("tasks", "sectors"), ("task_info", "sectors"),
                   ("search_agencies", "printed"), ("compare_tasks", "type_agencies"),
                   ("tasks_by_deadline", "leads"), ("tasks_due", "leads"),
                   ("tasks_due", "sectors"), ("plan_targets", "sectors")} | {
    ("evidence", column) for column in ("agency_names", "mentions", "sentences", "agency_ids")
} | {
    # The check lists collect in rank order, which a parallel plan does not keep on ties.
    (name, column) for name in CATALOG if name.startswith("check_")
    for column in ("assigned", "sentences", "found", "agency_ids")} | {
    ("check_findings", column) for column in CATALOG["check_findings"].columns
    if column.startswith("found_")}
# Each query with its example, and with no parameters where it needs none.
CASES = [(q, q.example) for q in CATALOG.values()] + [
    (q, {}) for q in CATALOG.values() if q.example and not any(p.required for p in q.params)]
CASE_IDS = [f"{q.name}-{'example' if params else 'defaults'}" for q, params in CASES]
# Literal, one per label of the model: what a Neo4j test database is emptied of.
CLEAR = ("MATCH (n:Task) DETACH DELETE n", "MATCH (n:Document) DETACH DELETE n",
         "MATCH (n:Agency) DETACH DELETE n", "MATCH (n:Sector) DETACH DELETE n",
         "MATCH (n:City) DETACH DELETE n", "MATCH (n:Scope) DETACH DELETE n",
         "MATCH (n:TypeTally) DETACH DELETE n", "MATCH (n:Deadline) DETACH DELETE n",
         "MATCH (n:Target) DETACH DELETE n")
NOT_SEED_PLANS = "MATCH (d:Document) WHERE NOT d.id IN $seed RETURN count(d) AS other"


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "neo4j" and not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is not set: the Neo4j leg needs a server (see the README, Neo4j)")
    return request.param


@pytest.fixture(scope="module")
def store(backend: str, tmp_path_factory: pytest.TempPathFactory,
          seed_documents: list[Document]) -> Iterator[Store]:
    """A store of `backend` holding exactly the seed plans, loaded by this suite."""
    opened = empty_store(backend, tmp_path_factory.mktemp(backend), seed_documents)
    result = opened.load(seed_documents)
    assert len(result.loaded) == len(seed_documents)
    yield opened
    opened.close()


def empty_store(backend: str, folder: Path, seed: list[Document]) -> Store:
    if backend == "embedded":
        return open_store(Settings(path=folder / "graph.lbdb"))
    opened = open_store(Settings.from_env(os.environ, backend="neo4j"))
    clear(opened, seed)
    return opened


def clear(store: Store, seed: list[Document]) -> None:
    """Empty a test database of the model's nodes, unless it holds plans of someone else."""
    other = store.run(NOT_SEED_PLANS, {"seed": [d.id for d in seed]})[0]["other"]
    if other:
        store.close()
        pytest.skip(f"the Neo4j database holds {other} plans besides the seed plans; "
                    "point NEO4J_URI / NEO4J_DATABASE at a scratch database")
    for text in CLEAR:
        store.run(text)


def answer(store: Store, query: NamedQuery, params: dict[str, Any]) -> list[tuple]:
    """A query's rows, as a sorted list, with engine-ordered lists sorted too."""
    columns, rows = query.run(store, params)
    assert tuple(columns) == query.columns
    return sorted((tuple(sorted(v) if (query.name, c) in UNORDERED_LISTS else v
                         for c, v in zip(columns, row, strict=True)) for row in rows), key=repr)


def records(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    columns, rows = CATALOG[name].run(store, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def counts(store: Store) -> dict[str, int]:
    return {row["name"]: int(row["count"]) for row in store.run("counts")}


def rows_of(documents: list[Document]) -> GraphRows:
    return combine(document_rows(d) for d in documents)


def test_the_load_writes_what_the_rows_say(store: Store,
                                           seed_documents: list[Document]) -> None:
    rows = rows_of(seed_documents)
    assert counts(store) == {
        "City": len(rows.cities) + len(rows.agency_cities), "Document": len(rows.documents),
        "Task": len(rows.tasks), "Agency": len(rows.agencies), "Sector": len(rows.sectors),
        "ISSUED_IN": len(rows.issued_in), "HAS_TASK": len(rows.tasks),
        "IN_SECTOR": len(rows.in_sector), "BELONGS_TO": len(rows.belongs_to),
        "LEADS": len(rows.leads), "RESPONSIBLE_FOR": len(rows.responsible),
        "Deadline": len(rows.deadlines), "Target": len(rows.targets),
        "HAS_DEADLINE": len(rows.deadlines), "HAS_TARGET": len(rows.targets),
        "STATES": len(rows.task_targets), "MEASURES": len(rows.target_sectors)}


@pytest.mark.parametrize(("query", "params"), CASES, ids=CASE_IDS)
def test_every_named_query_answers_as_on_the_reference_store(
        store: Store, seed_store: Store, query: NamedQuery, params: dict[str, Any]) -> None:
    assert answer(store, query, params) == answer(seed_store, query, params)


def test_overview_and_plans_match_the_rows(store: Store,
                                           seed_documents: list[Document]) -> None:
    rows = rows_of(seed_documents)
    assert records(store, "overview") == [{
        "cities": len({d["city"] for d in rows.documents}), "plans": len(rows.documents),
        "tasks": len(rows.tasks), "agencies": len(rows.agencies),
        "assignments": len(rows.leads) + len(rows.responsible)}]
    plans = {r["doc_id"]: r["tasks"] for r in records(store, "plans")}
    assert plans == {d["id"]: d["task_count"] for d in rows.documents}


def test_agency_counts_match_the_rows(store: Store, seed_documents: list[Document]) -> None:
    rows = rows_of(seed_documents)
    tasks: dict[str, set[str]] = defaultdict(set)
    bases: Counter[tuple[str, str]] = Counter()
    for edge in rows.leads + rows.responsible:
        tasks[edge["agency"]].add(edge["task"])
        bases[edge["agency"], edge["basis"]] += 1
    found = {r["id"]: (r["tasks"], r["explicit_leads"], r["first_listed_leads"])
             for r in records(store, "top_agencies", limit=10_000)}
    assert found == {a: (len(t), bases[a, "explicit"], bases[a, "first_listed"])
                     for a, t in tasks.items()}


def test_tasks_sectors_and_assignments_match_the_rows(store: Store,
                                                      seed_documents: list[Document]) -> None:
    rows = rows_of(seed_documents)
    assigned = {e["task"] for e in rows.leads + rows.responsible}
    unassigned = {r["task_id"] for r in records(store, "tasks_without_units", limit=10_000)}
    assert unassigned == {t["id"] for t in rows.tasks} - assigned
    per_sector = Counter(e["sector"] for e in rows.in_sector)
    assert {r["sector"]: r["tasks"] for r in records(store, "sectors")} == per_sector
    task = rows.leads[0]["task"]
    edges = sorted((e["agency"], e["basis"], e["rank"], e["start"], e["end"])
                   for e in rows.leads + rows.responsible if e["task"] == task)
    found = sorted((r["agency_id"], r["basis"], r["rank"], r["start"], r["end"])
                   for r in records(store, "task_assignments", task=task))
    assert found == edges


def test_ordered_answers_keep_their_order(store: Store, seed_store: Store) -> None:
    ranked = records(store, "top_agencies", limit=10_000)
    keys = [(-r["tasks"], r["name"], r["city"]) for r in ranked]
    assert keys == sorted(keys)
    doc = "003_ce560822e58bcc91"
    assert records(store, "plan_table", doc=doc) == records(seed_store, "plan_table", doc=doc)
    task = f"{doc}-001"
    assert records(store, "task_detail", task=task) == records(seed_store, "task_detail",
                                                               task=task)


def test_the_engine_itself_refuses_a_console_write(store: Store, backend: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With the screen switched off, the read-only transaction must still refuse."""
    monkeypatch.setattr(f"graph.{'embedded' if backend == 'embedded' else 'server'}"
                        ".check_read_only", lambda text: None)
    before = counts(store)
    with pytest.raises(ReadOnlyViolation):
        store.run_readonly("CREATE (:Sector {name: 'written by the console'})")
    assert counts(store) == before


def test_reloading_the_same_plans_changes_nothing(store: Store,
                                                  seed_documents: list[Document]) -> None:
    before = counts(store)
    again = store.load(seed_documents)
    assert len(again.unchanged) == len(seed_documents) and again.rows == 0
    assert counts(store) == before


def test_a_changed_plan_is_replaced_and_can_be_put_back(store: Store,
                                                       seed_documents: list[Document]) -> None:
    before = counts(store)
    first = seed_documents[0]
    result = store.load([revised(first)])
    assert result.replaced == [first.id]
    assert counts(store)["Task"] == before["Task"] - 1
    assert store.load([first]).replaced == [first.id]
    assert counts(store) == before


def test_a_failing_load_leaves_the_graph_as_it_was(store: Store,
                                                   seed_documents: list[Document]) -> None:
    """Two tasks with one id break the key constraint halfway through the replacement."""
    before = counts(store)
    first = seed_documents[0]
    broken = revised(first)
    broken.tasks[1] = replace(broken.tasks[1], position=broken.tasks[0].position)
    with pytest.raises(LoadError, match="rolled back"):
        store.load([broken])
    assert counts(store) == before
    stored = store.run("MATCH (d:Document {id: $id}) RETURN d.sha256 AS sha256",
                       {"id": first.id})
    assert stored == [{"sha256": first.sha256}]


def test_the_graph_copies_into_an_embedded_file(store: Store, seed_store: Store,
                                                tmp_path: Path) -> None:
    target = open_store(Settings(path=tmp_path / "copy.lbdb"))
    try:
        result = copy_graph(store, target, batch_size=100)
        assert counts(target) == counts(store) == result.counts
        for query, params in CASES:
            assert answer(target, query, params) == answer(seed_store, query, params), \
                query.name
    finally:
        target.close()


def test_the_graph_copies_in_from_an_embedded_store(store: Store, seed_store: Store,
                                                    seed_documents: list[Document]) -> None:
    """Last: empties the store, copies the reference in, so the store ends as it began."""
    before = counts(store)
    for text in CLEAR:
        store.run(text)
    copy_graph(seed_store, store, batch_size=100)
    assert counts(store) == before
    for query, params in CASES:
        assert answer(store, query, params) == answer(seed_store, query, params), query.name


def test_the_copy_command_refuses_the_same_file_and_a_full_target(
        tmp_path: Path, seed_documents: list[Document],
        capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "source.lbdb", tmp_path / "target.lbdb"
    with open_store(Settings(path=source)) as loaded:
        loaded.load(seed_documents)
        stored = counts(loaded)
    nodes = sum(v for k, v in stored.items() if not k.isupper())  # City, not HAS_TASK
    argv = ["--db", str(source), "copy", "--to", "embedded", "--target-db", str(target)]
    assert graph_main(argv, {}) == 0
    edges = sum(stored.values()) - nodes
    assert capsys.readouterr().out.startswith(f"copied {nodes} nodes and {edges} relationships")
    assert graph_main(argv, {}) == 1
    assert "Error: the target already holds a graph" in capsys.readouterr().err
    same = ["--db", str(source), "copy", "--to", "embedded", "--target-db", str(source)]
    assert graph_main(same, {}) == 1
    assert "same embedded database; give --target-db a new file" in capsys.readouterr().err
