"""The bulk path (COPY FROM) builds the very graph the Cypher path builds, and parses in a pool.

Both stores get the seed plans and a small synthetic corpus: one through `load` in several
batches, the other through `load_bulk`. Every node and edge with its properties, and every
named query's answer, must be the same; so must the answers of the LadybugDB-shaped query
texts (`queries/catalog/*.embedded.cypher`) and of the portable ones they stand in for.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph.errors import LoadError
from graph.model import Document
from graph.readonly import split_statements
from graph.rows import GraphRows, document_rows
from graph.settings import Settings
from graph.store import Store, open_store, statement
from loaders.pipeline import ReadReport, read_plans, stream_plans
from loaders.synth import write_corpus
from queries.catalog import NamedQuery, load_catalog

# A seed whose ten plans at scale 2 use every print style (see tests/test_synth.py).
SEED = 4
ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
# Parameter sets run on both stores besides each query's own example.
EXTRA_PARAMS = {
    "top_agencies": [{}, {"role": "lead", "kind": "department"}],
    "top_agency_types": [{}],
    "co_responsibility": [{"min_shared": 1, "limit": 50}],
    "tasks_without_lead": [{"limit": 1000}],
    "tasks_without_units": [{"limit": 1000}],
    "sectors": [{}],
    "plans": [{}],
}


# Parameter sets for the queries that have a LadybugDB-shaped override: every branch of
# every override, and the pagination.
SHAPED_PARAMS: dict[str, list[dict[str, Any]]] = {
    "progress_agency_assignments": [{"agency": "ag-b8532d89a8cb"},
                                    {"agency": "ag-a17839c2866d"}, {"agency": "ag-000000000000"}],
    "top_agencies": [{}, {"role": "lead"}, {"kind": "department"}, {"sector": "5G"},
                     {"sector": "5G", "city": "常州"}, {"city": "连云港", "role": "lead"},
                     {"sector": "5G", "kind": "collective", "role": "lead"}, {"limit": 500}],
    "top_agency_types": [{}, {"role": "lead"}, {"sector": "5G", "kind": "department"}],
    "agency_tasks": [{"agency": "市工信局"}, {"agency": "市工信局", "city": "连云港"},
                     {"agency": "ag-b8532d89a8cb"}, {"agency": "市通管办", "city": "漳州"},
                     {"agency": "市工信局", "limit": 7, "offset": 5}],
    "agency_tasks_by_id": [{"agency": "ag-b8532d89a8cb"}, {"agency": "ag-a17839c2866d"},
                           {"agency": "ag-b8532d89a8cb", "limit": 4, "offset": 3},
                           {"agency": "ag-000000000000"}],
    "agency_timeline": [{"agency": "ag-b8532d89a8cb"},
                        {"agency": "ag-b8532d89a8cb", "due_by": "2025-12-31"}],
    "agency_detail": [{"agency": "ag-b8532d89a8cb"}, {"agency": "市工业和信息化局(常州市)"}],
    "agency_partners": [{"agency": "ag-b8532d89a8cb", "limit": 500},
                        {"agency": "市工业和信息化局(开封市)", "limit": 3}],
    "agency_sectors": [{"agency": "市工信局"}, {"agency": "ag-b8532d89a8cb"},
                       {"agency": "市工业和信息化局", "city": "常州"}],
    "tasks": [{}, {"city": "常州"}, {"city": "漳州市", "sector": "5G"}, {"sector": "5G"},
              {"doc": "003_ce560822e58bcc91.txt"},
              {"city": "常州", "doc": "003_ce560822e58bcc91"}, {"limit": 10, "offset": 30}],
    "task_ids": [{}, {"city": "常州"}, {"city": "漳州市", "sector": "5G"}, {"sector": "5G"},
                 {"doc": "003_ce560822e58bcc91.txt"},
                 {"city": "常州", "doc": "003_ce560822e58bcc91"}, {"limit": 10, "offset": 30}],
    "task_ids_by_sector": [{}, {"sector": "5G"}, {"sector": "物联网", "limit": 5, "offset": 3},
                           {"limit": 10, "offset": 30}],
    "task_rows": [{"ids": ["000_29c4f374f04b8484-001", "004_47bded14bcf44dac-034",
                           "003_ce560822e58bcc91-002", "没有的任务"]},
                  {"ids": "003_ce560822e58bcc91-001"}],
    "tasks_without_lead": [{}, {"city": "深圳"}, {"doc": "001_dd2bc50c87d10c0b.txt"},
                           {"limit": 5, "offset": 5}],
    "tasks_without_units": [{}, {"city": "深圳"}, {"doc": "004_47bded14bcf44dac"}],
    "network_edges": [{}, {"city": "常州", "sector": "5G"}, {"city": "连云港市", "role": "lead"},
                      {"agency": "ag-b8532d89a8cb"}, {"agency": "ag-b8532d89a8cb", "city": "常州"},
                      {"sector": "5G", "role": "lead"}, {"limit": 50, "offset": 100}],
    "co_responsibility": [{}, {"city": "连云港", "min_shared": 1, "limit": 500}],
    "sectors": [{}, {"city": "深圳"}, {"city": "深圳市"}],
    "overview": [{}],
    "compare_cities": [{"sector": "5G"}, {"sector": "物联网", "cities": "开封、漳州、深圳"},
                       {"sector": "5G", "cities": ["常州市"]}],
    "task_deadlines": [{"tasks": ["002_56b0b1f0d4126dc9-001", "003_ce560822e58bcc91-023",
                                  "000_29c4f374f04b8484-001"]}],
    "task_targets": [{"tasks": ["000_29c4f374f04b8484-001", "003_ce560822e58bcc91-005"]}],
    "plan_targets": [{"doc": "003_ce560822e58bcc91.txt"},
                     {"doc": "000_29c4f374f04b8484", "task": "000_29c4f374f04b8484-005"}],
    "sector_targets": [{"sector": "千兆光网/双千兆"}, {"sector": "5G", "city": "漳州"},
                       {"sector": "5G", "limit": 3}],
    "compare_tasks": [{"city": "开封", "type": "工业和信息化主管部门"},
                      {"city": "深圳", "type": "通信管理部门", "sector": "5G", "role": "lead"},
                      {"city": "常州", "type": "工业和信息化主管部门", "unnamed": True}],
}
# Each check list (问题清单) for one plan (by file name too), one agency, both, and every plan.
_CHECK_SCOPES: list[dict[str, Any]] = [
    {}, {"doc": "003_ce560822e58bcc91.txt"}, {"doc": "001_dd2bc50c87d10c0b"},
    {"agency": "ag-b8532d89a8cb"}, {"agency": "市工业和信息化局(常州市)"},
    {"doc": "003_ce560822e58bcc91", "agency": "ag-b8532d89a8cb"}]
SHAPED_PARAMS.update({
    name: [{**scope, **({"words": "有关部门、相关单位"} if name == "check_vague_units" else {})}
           for scope in _CHECK_SCOPES]
    for name in ("check_no_units", "check_no_explicit_lead", "check_first_listed_lead",
                 "check_several_leads", "check_only_collectives", "check_vague_units",
                 "check_no_deadline", "check_unknown_agencies")})
SHAPED_PARAMS["check_findings"] = [{**scope, "words": "有关部门、相关单位"}
                                   for scope in _CHECK_SCOPES]


def portable(query: NamedQuery) -> NamedQuery:
    """The query with its portable text only, as a server backend runs it."""
    return replace(query, overrides={})


def identity(document: Document) -> Document:
    return document


@pytest.fixture(scope="module")
def plan_folders(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seed plans and a synthetic corpus of ten plans in every print style."""
    return [SAMPLES, write_corpus(2, tmp_path_factory.mktemp("synth"), seed=SEED).folder]


@pytest.fixture(scope="module")
def documents(plan_folders: list[Path]) -> list[Document]:
    report = read_plans(plan_folders)
    assert not report.failures
    return report.documents


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory,
           documents: list[Document]) -> Iterator[tuple[Store, Store]]:
    folder = tmp_path_factory.mktemp("stores")
    incremental = open_store(Settings(path=folder / "incremental.lbdb"))
    bulk = open_store(Settings(path=folder / "bulk.lbdb"))
    for start in range(0, len(documents), 4):  # several loads, shared nodes merged each time
        incremental.load(documents[start:start + 4])
    bulk.load_bulk(document_rows(d) for d in documents)
    yield incremental, bulk
    incremental.close()
    bulk.close()


def graph_of(store: Store) -> dict[str, list[Any]]:
    """Every node and edge with its properties, per label or type, in a stable order."""
    out = {}
    for text in split_statements(statement("export", store.backend)):
        rows = store.run(text)
        name = rows[0].get("label") or rows[0].get("type") if rows else text
        out[str(name)] = sorted(repr(sorted(_plain(r).items())) for r in rows)
    return out


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    props = row["props"]
    return {**row, "props": dict(sorted(props.items()))}


def answers(store: Store, name: str, params: dict[str, Any]) -> list[str]:
    _columns, rows = load_catalog()[name].run(store, params)
    return _normal(rows)


def test_bulk_and_incremental_build_the_same_graph(stores: tuple[Store, Store]) -> None:
    incremental, bulk = stores
    expected, got = graph_of(incremental), graph_of(bulk)
    assert set(got) == set(expected)
    for name in expected:
        assert got[name] == expected[name], name
    assert sum(len(v) for v in got.values()) > 3000


def test_every_named_query_answers_the_same(stores: tuple[Store, Store]) -> None:
    incremental, bulk = stores
    for name, query in load_catalog().items():
        for params in [dict(query.example), *EXTRA_PARAMS.get(name, [])]:
            assert answers(bulk, name, params) == answers(incremental, name, params), (
                name, params)


def test_shaped_queries_answer_like_the_portable_ones(stores: tuple[Store, Store],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    bulk = stores[1]
    assert not bulk.tuned_texts  # a small graph: the store would pick the portable texts
    monkeypatch.setattr(bulk, "tuned_texts", True)
    catalog = load_catalog()
    shaped = {name for name, q in catalog.items() if bulk.backend in q.overrides}
    assert shaped <= set(SHAPED_PARAMS)
    for name in shaped:
        query = catalog[name]
        for params in [dict(query.example), *SHAPED_PARAMS[name]]:
            got = query.run(bulk, params)
            expected = portable(query).run(bulk, params)
            assert got[0] == expected[0], name
            assert _normal(got[1]) == _normal(expected[1]), (name, params)


def _normal(rows: list[list[Any]]) -> list[str]:
    """Rows in a stable order, lists inside cells sorted: collect() follows storage order."""
    return sorted(repr([sorted(map(repr, v)) if isinstance(v, list) else v for v in row])
                  for row in rows)


def test_result_counts_what_the_cypher_path_counts(tmp_path: Path,
                                                   documents: list[Document]) -> None:
    with open_store(Settings(path=tmp_path / "a.lbdb")) as a, \
            open_store(Settings(path=tmp_path / "b.lbdb")) as b:
        cypher = a.load(documents)
        bulk = b.load_bulk(document_rows(d) for d in documents)
    for field in ("loaded", "tasks", "explicit_leads", "first_listed_leads", "responsible",
                  "agencies", "unresolved", "rows"):
        assert getattr(bulk, field) == getattr(cypher, field), field
    assert bulk.seconds > 0


def test_bulk_needs_an_empty_graph_unless_rebuilding(tmp_path: Path,
                                                     documents: list[Document]) -> None:
    seeds, synthetic = documents[:5], documents[5:]
    with open_store(Settings(path=tmp_path / "g.lbdb")) as store, \
            open_store(Settings(path=tmp_path / "fresh.lbdb")) as fresh:
        assert store.is_empty()
        store.load(seeds)
        assert not store.is_empty()
        with pytest.raises(LoadError, match="not empty"):
            store.load_bulk(document_rows(d) for d in synthetic)
        store.load_bulk((document_rows(d) for d in synthetic), rebuild=True)
        fresh.load(synthetic)
        assert graph_of(store) == graph_of(fresh)


def test_a_failed_copy_leaves_the_graph_as_it_was(tmp_path: Path,
                                                  documents: list[Document]) -> None:
    broken = document_rows(documents[1])
    broken.leads[0] = {**broken.leads[0], "task": "no-such-task"}  # an edge to nowhere
    with open_store(Settings(path=tmp_path / "g.lbdb")) as store:
        store.load(documents[:1])
        before = graph_of(store)
        with pytest.raises(LoadError, match="the graph is unchanged"):
            store.load_bulk([document_rows(documents[2]), broken], rebuild=True)
        assert graph_of(store) == before


def test_the_same_plan_twice_is_loaded_once_two_plans_with_one_id_fail(
        tmp_path: Path, documents: list[Document]) -> None:
    doc = documents[0]
    other = replace(doc, text=doc.text + "\n修订")
    with open_store(Settings(path=tmp_path / "g.lbdb")) as store:
        result = store.load_bulk(document_rows(d) for d in (doc, doc))
        assert result.loaded == [doc.id]
        with pytest.raises(LoadError, match="would both be document"):
            store.load_bulk((document_rows(d) for d in (doc, other)), rebuild=True)


def test_incremental_loads_work_on_a_bulk_loaded_graph(stores: tuple[Store, Store],
                                                       tmp_path: Path,
                                                       documents: list[Document]) -> None:
    changed = replace(documents[0], text=documents[0].text + "\n(修订)",
                      tasks=documents[0].tasks[:-1])
    with open_store(Settings(path=tmp_path / "a.lbdb")) as a, \
            open_store(Settings(path=tmp_path / "b.lbdb")) as b:
        a.load(documents)
        b.load_bulk(document_rows(d) for d in documents)
        assert a.load([changed]).replaced == b.load([changed]).replaced == [changed.id]
        assert graph_of(a) == graph_of(b)


def test_pool_parsing_gives_the_documents_serial_parsing_gives(
        plan_folders: list[Path], documents: list[Document]) -> None:
    serial, pooled = read_plans(plan_folders), ReadReport()
    assert list(stream_plans(plan_folders, identity, report=pooled, workers=2)) == documents
    assert (pooled.failures, pooled.skipped) == (serial.failures, serial.skipped)


def test_stream_reports_failures_and_hands_on_rows(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    report = ReadReport()
    rows: Sequence[GraphRows] = list(stream_plans(
        [SAMPLES / "000_29c4f374f04b8484.txt", tmp_path / "empty.txt", tmp_path / "notes.md"],
        document_rows, report=report))
    assert [r.documents[0]["id"] for r in rows] == ["000_29c4f374f04b8484"]
    assert [f.path for f in report.failures] == [str(tmp_path / "empty.txt")]
    assert [Path(p).name for p, _ in report.skipped] == ["notes.md"]


def test_tables_copied_in_chunks_give_the_same_graph(monkeypatch: pytest.MonkeyPatch,
                                                     stores: tuple[Store, Store], tmp_path: Path,
                                                     documents: list[Document]) -> None:
    monkeypatch.setattr("graph.bulk.COPY_ROWS", 100)
    with open_store(Settings(path=tmp_path / "g.lbdb")) as store:
        store.load_bulk(document_rows(d) for d in documents)
        assert graph_of(store) == graph_of(stores[0])


def test_cli_bulk_loads_an_empty_graph_and_rebuilds(
        tmp_path: Path, plan_folders: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    from loaders.__main__ import main as loaders_main

    db = str(tmp_path / "cli.lbdb")
    assert loaders_main(["load", str(SAMPLES), "--db", db]) == 0
    first = capsys.readouterr().out
    assert "5 documents: 5 loaded" in first and "000_29c4f374f04b8484.txt" in first
    assert loaders_main(["load", str(plan_folders[1]), "--db", db, "--rebuild"]) == 0
    assert "10 documents: 10 loaded" in capsys.readouterr().out
    with open_store(Settings(path=Path(db), read_only=True)) as store:
        plans = store.run("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    assert plans == 10
