"""Queries run in two steps (`// fill NAME from QUERY`): the header's checks, the value a step
gives, and network_edges, whose page is bounded by network_page_end, answering as the
one-step query did on the seed plans, on both texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.store import Store
from queries.catalog import load_catalog
from queries.errors import CatalogError, ParameterError

CATALOG = load_catalog()
HEADER = "// title: T\n// question: Q?\n// columns: id\n"
LIMIT = "// param limit (int, default 2): how many\n"
# The first `limit` cities by id: a step whose last row is the bound.
CITIES_UPTO = (HEADER + LIMIT + "MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT $limit\n")
# The cities up to the bound the step found, and nothing when it found none.
UPTO = (HEADER + LIMIT + "// fill last from cities_upto: the last of the first cities\n"
        "MATCH (c:City) WHERE c.id <= coalesce($last, '')\n"
        "RETURN c.id AS id ORDER BY id LIMIT $limit\n")
# The first cities with plans but 常州 (the first city), read up to the bound: fewer of them
# lie there than the page holds, so the query is asked again without it.
WITH_PLANS = (HEADER + LIMIT + "// fill last from cities_upto: the last of the first cities\n"
              "MATCH (c:City)<-[:ISSUED_IN]-(:Document)\n"
              "WHERE c.id <= coalesce($last, c.id) AND c.id <> '常州市'\n"
              "RETURN DISTINCT c.id AS id ORDER BY id LIMIT $limit\n")
# Filters of every branch of network_edges' texts, each with a short page past its start.
FILTERS: list[dict[str, Any]] = [
    {}, {"city": "常州", "sector": "5G"}, {"city": "连云港市", "role": "lead"},
    {"agency": "ag-b8532d89a8cb"}, {"agency": "ag-b8532d89a8cb", "city": "常州"},
    {"sector": "5G", "role": "lead"}, {"role": "lead"}, {"sector": "5G"}]


def catalog_of(folder: Path, **files: str) -> dict[str, Any]:
    for name, text in files.items():
        (folder / f"{name}.cypher").write_text(text, encoding="utf-8")
    return load_catalog(folder)


def test_a_filled_parameter_takes_the_last_row_of_its_step(tmp_path: Path,
                                                           seed_store: Store) -> None:
    catalog = catalog_of(tmp_path, cities_upto=CITIES_UPTO, upto=UPTO)
    upto = catalog["upto"]
    cities = sorted(r[0] for r in catalog["cities_upto"].run(seed_store, {"limit": 100})[1])
    assert len(cities) > 3
    for limit in (1, 3):
        assert [r[0] for r in upto.run(seed_store, {"limit": limit})[1]] == cities[:limit]
    assert [p.name for p in upto.params] == ["limit"]  # no caller gives $last


def test_a_page_the_bound_cuts_short_is_asked_again_without_it(tmp_path: Path,
                                                              seed_store: Store) -> None:
    catalog = catalog_of(tmp_path, cities_upto=CITIES_UPTO, with_plans=WITH_PLANS)
    query = catalog["with_plans"]
    bound = query.fills[0].value(seed_store, {"limit": 2})
    text = query.text_for("embedded")
    cut = seed_store.run_readonly(text, {"limit": 2, "last": bound})[1]
    whole = seed_store.run_readonly(text, {"limit": 2, "last": None})[1]
    assert len(cut) < 2 == len(whole)  # the bound alone would have cut the page short
    assert query.run(seed_store, {"limit": 2})[1] == whole


def test_a_step_without_rows_fills_null(tmp_path: Path, seed_store: Store) -> None:
    nowhere = HEADER + LIMIT + "MATCH (c:City) WHERE c.id = 'nowhere' " \
                               "RETURN c.id AS id LIMIT $limit\n"
    catalog = catalog_of(tmp_path, cities_upto=nowhere, upto=UPTO)
    assert catalog["upto"].fills[0].value(seed_store, {"limit": 2}) is None
    assert catalog["upto"].run(seed_store, {})[1] == []


def test_a_caller_cannot_give_a_filled_parameter(tmp_path: Path, seed_store: Store) -> None:
    upto = catalog_of(tmp_path, cities_upto=CITIES_UPTO, upto=UPTO)["upto"]
    with pytest.raises(ParameterError, match="no parameter last"):
        upto.run(seed_store, {"last": "zzz"})


@pytest.mark.parametrize(("files", "problem"), [
    ({"upto": UPTO}, "'cities_upto', which is not a catalog query"),
    ({"cities_upto": CITIES_UPTO.replace("$limit", "$limit + 0").replace(
        LIMIT, LIMIT + "// param kind (string, default null): a kind\n").replace(
        "RETURN", "WHERE $kind IS NULL RETURN"), "upto": UPTO},
     "cities_upto takes kind, which upto does not take"),
    ({"cities_upto": CITIES_UPTO.replace("(int, default 2)", "(string, default '2')"),
      "upto": UPTO}, "takes limit, which upto does not take with the same type"),
    ({"cities_upto": UPTO.replace("from cities_upto", "from upto"), "upto": UPTO},
     "not a catalog query without fills"),
    ({"upto": UPTO.replace(LIMIT, LIMIT + "// param last (string, default null): x\n")},
     "last is both a parameter and filled"),
    ({"upto": UPTO.replace("coalesce($last, '')", "'zzz'")},
     "last is declared but \\$last is not in the text"),
    ({"cities_upto": CITIES_UPTO, "upto": UPTO.replace(LIMIT, "").replace("$limit", "2")},
     "a filled bound needs an int parameter limit"),
])
def test_malformed_fills_are_refused(tmp_path: Path, files: dict[str, str],
                                     problem: str) -> None:
    with pytest.raises(CatalogError, match=problem):
        catalog_of(tmp_path, **files)


def network_page(store: Store, params: dict[str, Any]) -> list[list[Any]]:
    return CATALOG["network_edges"].run(store, params)[1]


def keyed(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows without their basis: the order (task, agency) does not say which of a
    first-listed lead's two rows (lead and listed) comes first, in either text."""
    return [row[:-1] for row in rows]


@pytest.mark.parametrize("tuned", [False, True], ids=["portable", "embedded"])
def test_network_edges_pages_as_one_unbounded_answer(seed_store: Store, tuned: bool,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page is the slice of all edges in order: the bound skips tasks without
    edges (the seed plans have some) and never cuts a page short."""
    monkeypatch.setattr(seed_store, "tuned_texts", tuned)
    query = CATALOG["network_edges"]
    for filters in FILTERS:
        everything = network_page(seed_store, {**filters, "limit": 100_000})
        params = query.resolve(seed_store, query.bind({**filters, "limit": 100_000}))
        unbounded = seed_store.run_readonly(query.text_for("embedded", tuned),
                                            {**params, "last": None})[1]
        assert sorted(everything) == sorted(unbounded) and everything, filters
        for limit, offset in ((1, 0), (2, 0), (3, 1), (7, 5), (13, 0), (50, 40)):
            page = network_page(seed_store, {**filters, "limit": limit, "offset": offset})
            assert keyed(page) == keyed(everything[offset:offset + limit]), (
                filters, limit, offset)


def test_the_bound_is_the_limit_th_task_and_none_past_the_graph(seed_store: Store) -> None:
    step = CATALOG["network_page_end"]
    tasks = sorted(r[0] for r in CATALOG["tasks"].run(seed_store, {"limit": 1000})[1])
    assert 20 < len(tasks) < 1000
    assert step.run(seed_store, {"limit": 20})[1] == [[tasks[19]]]
    assert step.run(seed_store, {"limit": len(tasks)})[1] == []  # no task past the page
    assert step.run(seed_store, {"limit": 20, "city": "常州"})[1] == []  # small pages: no bound
