"""Deadlines and targets in the graph (#12): every deadline of a task and every target of a
plan stored by the Cypher load and the bulk copy alike, tied to their task, plan and
sectors, and gone with their plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.model import Document
from graph.rows import document_rows
from graph.store import Store
from tests._graph_fixtures import store_at

CHANGZHOU = "000_29c4f374f04b8484"
KAIFENG = "002_56b0b1f0d4126dc9"
ZHANGZHOU = "003_ce560822e58bcc91"

DEADLINES = ("MATCH (t:Task)-[:HAS_DEADLINE]->(d:Deadline) "
             "RETURN t.id AS task, d.phrase AS phrase, d.kind AS kind, d.date AS date, "
             "d.recurrence AS recurrence ORDER BY task, phrase")
TARGETS = ("MATCH (p:Document)-[:HAS_TARGET]->(g:Target) OPTIONAL MATCH (t:Task)-[:STATES]->(g) "
           "RETURN p.id AS doc, g.id AS id, t.id AS task, g.metric AS metric, g.value AS value, "
           "g.unit AS unit, g.comparison AS comparison, g.year AS year, g.city AS city "
           "ORDER BY id")
MEASURES = ("MATCH (g:Target)-[:MEASURES]->(s:Sector) RETURN g.id AS id, s.name AS sector "
            "ORDER BY id, sector")


def parsed_deadlines(documents: list[Document]) -> list[dict[str, Any]]:
    return sorted(({"task": d.task_id(t), "phrase": x.phrase, "kind": x.kind, "date": x.date,
                    "recurrence": x.recurrence}
                   for d in documents for t in d.tasks for x in t.deadlines),
                  key=lambda r: (r["task"], r["phrase"]))


def test_every_parsed_deadline_is_stored_with_its_task(seed_store: Store,
                                                       seed_documents: list[Document]) -> None:
    stored = seed_store.run(DEADLINES)
    assert stored == parsed_deadlines(seed_documents)
    kaifeng = [(r["phrase"], r["date"]) for r in stored if r["task"].startswith(KAIFENG)]
    assert kaifeng == [("2020年10月底前", "2020-10-31"), ("2020年9月底前", "2020-09-30")]


def test_targets_are_stored_with_their_task_or_the_plans_goals(
        seed_store: Store, seed_documents: list[Document]) -> None:
    stored = seed_store.run(TARGETS)
    expected = sum(len(d.targets) + sum(len(t.targets) for t in d.tasks) for d in seed_documents)
    assert len(stored) == expected
    by_id = {r["id"]: r for r in stored}
    goal = by_id[f"{CHANGZHOU}-g2"]  # 到2025年，全市5G基站达到2.5万个
    assert (goal["task"], goal["metric"], goal["value"], goal["unit"], goal["year"],
            goal["city"]) == (None, "5G基站", 2.5, "万个", 2025, "常州市")
    stated = by_id[f"{ZHANGZHOU}-002-t1"]
    assert (stated["task"], stated["metric"], stated["value"], stated["unit"],
            stated["comparison"]) == (f"{ZHANGZHOU}-002", "5G基站", 1.5, "万个", "≥")
    assert all(r["task"] is None for r in stored if "-g" in r["id"])
    assert all(r["task"] == r["id"].rsplit("-t", 1)[0] for r in stored if "-t" in r["id"])


def test_a_target_measures_the_sectors_its_words_name(seed_store: Store) -> None:
    measures = seed_store.run(MEASURES)
    sectors = {r["id"]: [] for r in measures}
    for r in measures:
        sectors[r["id"]].append(r["sector"])
    assert sectors[f"{CHANGZHOU}-g2"] == ["5G"]
    assert f"{CHANGZHOU}-g5" not in sectors  # 电子信息产品制造业 3000亿元: no sector named
    # a target never names a sector its plan's tasks are not in
    held = seed_store.run("MATCH (g:Target)-[:MEASURES]->(s:Sector) "
                          "WHERE NOT EXISTS { MATCH (:Document {id: g.doc_id})-[:HAS_TASK]->"
                          "(:Task)-[:IN_SECTOR]->(s) } RETURN g.id AS id")
    assert held == []


@pytest.fixture(scope="module")
def bulk_store(tmp_path_factory: pytest.TempPathFactory,
               seed_documents: list[Document]) -> Any:
    store = store_at(tmp_path_factory.mktemp("bulk"))
    store.load_bulk(document_rows(d) for d in seed_documents)  # type: ignore[attr-defined]
    yield store
    store.close()


def test_the_bulk_copy_stores_what_the_cypher_load_stores(seed_store: Store,
                                                          bulk_store: Store) -> None:
    for text in (DEADLINES, TARGETS, MEASURES):
        assert bulk_store.run(text) == seed_store.run(text)
    assert bulk_store.run(TARGETS)


def test_removing_or_replacing_a_plan_takes_its_deadlines_and_targets(
        tmp_path: Path, seed_documents: list[Document]) -> None:
    store = store_at(tmp_path)
    try:
        store.load(seed_documents)
        kaifeng = next(d for d in seed_documents if d.id == KAIFENG)
        before = len(store.run(TARGETS))
        store.load([kaifeng], force=True)  # replaced: nothing twice
        assert len(store.run(TARGETS)) == before
        assert store.run(DEADLINES) == parsed_deadlines(seed_documents)
        store.remove([KAIFENG, CHANGZHOU])
        left = [d for d in seed_documents if d.id not in (KAIFENG, CHANGZHOU)]
        assert store.run(DEADLINES) == parsed_deadlines(left)
        assert {r["doc"] for r in store.run(TARGETS)} == {d.id for d in left if any(
            d.targets or t.targets for t in d.tasks)}
        assert store.run("MATCH (g:Target) WHERE g.doc_id IN $gone RETURN g.id AS id",
                         {"gone": [KAIFENG, CHANGZHOU]}) == []
        assert store.run("MATCH (d:Deadline) WHERE d.doc_id IN $gone RETURN d.id AS id",
                         {"gone": [KAIFENG, CHANGZHOU]}) == []
    finally:
        store.close()
