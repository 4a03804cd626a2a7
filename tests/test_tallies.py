"""The tallies the rankings read (graph.tallies), kept with every write.

Two things must hold on real plans: the kept counts equal a count from scratch after any
sequence of writes (load, replace, delete, a change of an agency's type), counted by the
other implementation (graph.recount, array operations), and the ranking queries that read
them answer as the queries that counted every edge did (their texts are kept in
tests/fixtures/recount/).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph import recount, tallies
from graph.model import AgencyRef, Document
from graph.rows import document_rows
from graph.settings import Settings
from graph.store import Store, open_store, write_documents
from loaders.pipeline import ReadReport, read_plans, stream_rows
from loaders.synth import write_corpus
from queries.catalog import NamedQuery, load_catalog, parse_query
from tests._graph_fixtures import SAMPLES, revised

CATALOG = load_catalog()
RECOUNT = Path(__file__).resolve().parent / "fixtures" / "recount"
# The ranking queries as they were before the tallies: every edge counted on each request.
OLD = {p.stem: parse_query(p.stem, p.read_text(encoding="utf-8"))
       for p in sorted(RECOUNT.glob("*.cypher"))}
# Columns of each query's ORDER BY: rows equal on them may come in either order.
ORDER_KEYS = {"top_agencies": ("tasks", "name", "city"), "top_agency_types": ("tasks", "type"),
              "sectors": ("tasks", "sector"), "co_responsibility": ("shared", "agency_a",
                                                                    "agency_b")}
REALDOCS_TXT = sorted((Path(__file__).resolve().parent / "realdocs" / "docs").glob("*.txt"))


def agree(store: Store) -> dict[str, int]:
    """Kept tallies against a count from scratch: differing rows per tally."""
    return recount.check(store.run, store.backend)


def delete_plans(store: Store, ids: list[str]) -> None:
    """Remove plans as `python -m loaders remove` and the viewer do (graph.store.delete_plans
    counts them out of the tallies)."""
    assert store.remove(ids).removed == ids


def ranking_cases(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every filter combination the pages and the API give the four ranking queries."""
    cities = [None, *[r["id"] for r in store.run("cities")][:3]]
    for sector, kind, role in itertools.product([None, "5G", "数据中心与算力"],
                                                [None, "department", "collective"],
                                                ["any", "lead"]):
        yield "top_agency_types", {"sector": sector, "kind": kind, "role": role, "limit": 500}
        for city in cities:
            yield "top_agencies", {"sector": sector, "city": city, "kind": kind, "role": role,
                                   "limit": 5000}
    for city in cities:
        yield "sectors", {"city": city}
        for least in (1, 2, 4):
            yield "co_responsibility", {"city": city, "min_shared": least, "limit": 5000}
    yield "top_agencies", {"limit": 7}  # a cut among ties: the order's keys still agree
    yield "co_responsibility", {"limit": 5}


def same_answer(store: Store, name: str, params: dict[str, Any]) -> None:
    new = records(CATALOG[name], store, params)
    old = records(OLD[name], store, params)
    keys = ORDER_KEYS[name]
    assert [[r[k] for k in keys] for r in new] == [[r[k] for k in keys] for r in old], params
    if len(old) < params.get("limit", 10**9):  # no cut: the very same rows
        assert sorted(map(repr, new)) == sorted(map(repr, old)), params


def records(query: NamedQuery, store: Store, params: dict[str, Any]) -> list[dict[str, Any]]:
    columns, rows = query.run(store, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def retyped(doc: Document, agency: str, kind: str, kind_type: str) -> Document:
    """The plan as a newer lexicon would read it: one agency with another kind and type."""
    def ref(found: AgencyRef | None) -> AgencyRef | None:
        return replace(found, kind=kind, type=kind_type) if found and found.id == agency \
            else found

    tasks = [replace(t, mentions=[replace(m, agency=ref(m.agency)) for m in t.mentions])
             for t in doc.tasks]
    return replace(doc, tasks=tasks, text=doc.text + "\n(新词表)")


def reassigned(doc: Document) -> Document:
    """A revision that changes who does what: a unit dropped, a unit made lead, sectors
    moved, on top of `revised` (a task dropped, a title changed)."""
    doc = revised(doc)
    tasks = list(doc.tasks)
    busy = [i for i, t in enumerate(tasks) if len(t.mentions) > 2]
    first, second = busy[0], busy[-1]
    tasks[first] = replace(tasks[first], mentions=tasks[first].mentions[1:],
                           sectors=tasks[first].sectors[1:])
    mentions = list(tasks[second].mentions)
    mentions[-1] = replace(mentions[-1], role="lead")
    tasks[second] = replace(tasks[second], mentions=mentions,
                            sectors=[*tasks[second].sectors, "数据中心与算力"])
    return replace(doc, tasks=tasks)


@pytest.fixture(scope="module")
def synth_documents(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    """The seed plans and a synthetic corpus (`python -m loaders.synth`) of 10 plans."""
    folder = tmp_path_factory.mktemp("synth")
    write_corpus(2, folder, seed=11)
    report = read_plans([SAMPLES, folder])
    assert not report.failures, report.failures
    return report.documents


@pytest.fixture(scope="module")
def real_documents() -> list[Document]:
    """Real plans, national ones among them (tasks of no city)."""
    report = read_plans([SAMPLES, *REALDOCS_TXT])
    assert not report.failures, report.failures
    return report.documents


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[Store]:
    with open_store(Settings(path=tmp_path / "graph.lbdb")) as store:
        yield store


@pytest.mark.parametrize("name", ["seed", "synth"])
def test_rankings_answer_as_counting_every_edge_did(
        name: str, fresh: Store, seed_documents: list[Document],
        synth_documents: list[Document]) -> None:
    fresh.load(seed_documents if name == "seed" else synth_documents)
    for tuned in (False, True):  # portable texts, and LadybugDB's own where there is one
        fresh.tuned_texts = tuned
        for query, params in ranking_cases(fresh):
            same_answer(fresh, query, params)


def test_rankings_still_agree_after_replacing_and_deleting(
        fresh: Store, synth_documents: list[Document]) -> None:
    fresh.load(synth_documents)
    fresh.load([reassigned(d) for d in synth_documents[:3]])
    delete_plans(fresh, [synth_documents[3].id, synth_documents[-1].id])
    assert set(agree(fresh).values()) == {0}
    for query, params in ranking_cases(fresh):
        same_answer(fresh, query, params)


def test_kept_counts_equal_a_recount_after_each_write(
        fresh: Store, real_documents: list[Document]) -> None:
    first, later = real_documents[:12], real_documents[12:]
    fresh.load(first)
    assert set(agree(fresh).values()) == {0}
    fresh.load(later)  # new plans beside stored ones
    assert set(agree(fresh).values()) == {0}
    fresh.load([reassigned(d) for d in real_documents[::4]])  # replaced
    assert set(agree(fresh).values()) == {0}
    fresh.load(later, force=True)  # replaced by the same text: nothing changes
    assert set(agree(fresh).values()) == {0}
    delete_plans(fresh, [d.id for d in real_documents[1::3]])
    assert set(agree(fresh).values()) == {0}


def test_a_plan_replaced_by_itself_writes_no_tally(
        fresh: Store, seed_documents: list[Document]) -> None:
    """Counted out and in again in one pass, a plan's changes net to nothing."""
    fresh.load(seed_documents)
    added: list[str] = []

    def run(text: str, params: Any) -> list[dict[str, Any]]:
        if "graph.tallies): add" in text:
            added.append(text)
        return fresh.run(text, params)

    result = write_documents(run, seed_documents[:2], backend=fresh.backend, batch_size=500,
                             force=True)
    assert len(result.replaced) == 2 and not added
    assert set(agree(fresh).values()) == {0}


def test_an_agency_given_another_type_moves_every_plan_naming_it(
        fresh: Store, seed_documents: list[Document]) -> None:
    fresh.load(seed_documents)
    top = records(CATALOG["top_agencies"], fresh, {"limit": 1})[0]
    named = [d for d in seed_documents
             if any(m.agency and m.agency.id == top["id"] for t in d.tasks for m in t.mentions)]
    fresh.load([retyped(named[0], top["id"], "institution", "测试新类型")])
    assert set(agree(fresh).values()) == {0}
    types = records(CATALOG["top_agency_types"], fresh, {"limit": 100})
    moved = next(r for r in types if r["type"] == "测试新类型")
    assert moved["agencies"] == 1 and moved["tasks"] == top["tasks"]  # all its plans' tasks
    same_answer(fresh, "top_agency_types", {"limit": 100})
    same_answer(fresh, "top_agency_types", {"kind": "institution", "limit": 100})


@pytest.mark.parametrize("source", ["seed", "real", "synth"])
def test_a_bulk_load_counts_what_the_cypher_path_keeps(
        source: str, tmp_path: Path, seed_documents: list[Document],
        real_documents: list[Document], synth_documents: list[Document]) -> None:
    documents = {"seed": seed_documents, "real": real_documents, "synth": synth_documents}[source]
    with open_store(Settings(path=tmp_path / "cypher.lbdb")) as cypher, \
            open_store(Settings(path=tmp_path / "bulk.lbdb")) as bulk:
        cypher.load(documents)
        bulk.load_bulk(document_rows(d) for d in documents)
        assert set(agree(bulk).values()) == {0}
        read = recount.check(cypher.run, cypher.backend)
        assert set(read.values()) == {0}
        for name, text in zip(tallies.STATEMENTS, _reads(), strict=True):
            assert sorted(map(repr, cypher.run(text))) == sorted(map(repr, bulk.run(text))), name


def _reads() -> list[str]:
    from graph.readonly import split_statements

    return split_statements(tallies.text("tally_read", "embedded"))


def test_a_graph_stored_before_the_tallies_gets_them_when_opened_for_writing(
        tmp_path: Path, seed_documents: list[Document]) -> None:
    path = tmp_path / "graph.lbdb"
    with open_store(Settings(path=path)) as store:
        store.load(seed_documents)
        kept = [sorted(map(repr, store.run(text))) for text in _reads()]
        for text in _clear():
            store.run(text)
        assert store.run("tally_present")[0]["counted"] == 0
    with open_store(Settings(path=path)) as store:  # ensure_schema counts them
        assert [sorted(map(repr, store.run(text))) for text in _reads()] == kept
        assert not recount.ensure(store.run, store.backend)  # once only


def _clear() -> list[str]:
    from graph.readonly import split_statements

    return split_statements(tallies.text("tally_clear", "embedded"))


def test_removing_every_plan_leaves_no_tally(fresh: Store,
                                             seed_documents: list[Document]) -> None:
    fresh.load(seed_documents)
    delete_plans(fresh, [d.id for d in seed_documents])
    assert [fresh.run(text) for text in _reads()] == [[]] * len(tallies.STATEMENTS)
    assert records(CATALOG["sectors"], fresh, {}) == []
    assert records(CATALOG["top_agencies"], fresh, {}) == []


def test_a_bulk_rebuild_replaces_the_tallies(tmp_path: Path,
                                             seed_documents: list[Document]) -> None:
    with open_store(Settings(path=tmp_path / "graph.lbdb")) as store:
        store.load(seed_documents)
        store.load_bulk(stream_rows([SAMPLES], ReadReport()), rebuild=True)
        assert set(agree(store).values()) == {0}
        scopes = {r["name"]: r["tasks"] for r in store.run(_reads()[0])}
        assert scopes[tallies.EVERY_SECTOR] == sum(len(d.tasks) for d in seed_documents)
