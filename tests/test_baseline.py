"""The benchmark's networkx baseline answers every example query as the catalog does.

`python -m bench` holds LadybugDB's answers to the same queries computed in plain Python
over networkx (bench/baseline*.py): a column added to a query and not to its baseline makes
the report say ≠ for a right answer, which hides a real difference when one comes. One edge
per task of one plan carries a correction record, so the correction columns are compared
with something in them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.baseline import Index
from bench.baseline_agencies import BASELINES
from bench.cases import Case, cases
from bench.phases import digest
from graph.export import to_networkx
from graph.model import Document
from graph.store import Store
from queries.catalog import load_catalog
from tests._graph_fixtures import store_at

CATALOG = load_catalog()
CASES = [c for c in cases(CATALOG) if c.name in BASELINES]
CORRECTED = "c-baseline-test"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory,
          seed_documents: list[Document]) -> Iterator[tuple[Store, Index]]:
    store = store_at(tmp_path_factory.mktemp("baseline"))
    store.load(seed_documents)
    store.run("MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[e:RESPONSIBLE_FOR]-(:Agency) "
              "WHERE d.id = $doc SET e.correction = $record",
              {"doc": seed_documents[3].id, "record": CORRECTED})
    yield store, Index(to_networkx(store))
    store.close()


def test_the_cases_cover_the_queries_that_show_corrections() -> None:
    shown = {n for n, q in CATALOG.items() if {"correction", "corrections"} & set(q.columns)}
    assert shown and shown <= {c.name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_the_baseline_gives_the_catalogs_answer(graph: tuple[Store, Index], case: Case) -> None:
    store, index = graph
    query = CATALOG[case.name]
    _, rows = query.run(store, case.params)
    expected = BASELINES[case.name](index, query.bind(case.params))
    ours, theirs = digest(case, rows), digest(case, expected)
    if case.key_columns and ours["rows"] != theirs["rows"]:
        assert ours["keys"] == theirs["keys"], case.label  # ties at the LIMIT's edge
    else:
        assert ours["rows"] == theirs["rows"], (case.label, rows[:3], expected[:3])


def test_the_correction_columns_were_compared_with_records_in_them(
        graph: tuple[Store, Index], seed_documents: list[Document]) -> None:
    _, rows = CATALOG["plan_table"].run(graph[0], {"doc": seed_documents[3].id})
    assert any(CORRECTED in r[-1] for r in rows)
