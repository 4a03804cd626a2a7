"""An agency's page asks by the agency's id what it asked before by name or by task ids:
`agency_sector_counts` gives agency_sectors' rows and `agency_targets` task_targets' rows
for the agency's tasks, for every agency of the seed graph, with the portable texts and the
LadybugDB-shaped ones; the page shows them (sectors table, each task's targets)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from graph.store import Store
from queries.catalog import load_catalog

CATALOG = load_catalog()


def rows(store: Store, name: str, **params: Any) -> list[list[Any]]:
    return CATALOG[name].run(store, params)[1]


@pytest.fixture(scope="module")
def agencies(seed_store: Store) -> list[str]:
    """Every agency with a task, busiest first."""
    found = rows(seed_store, "top_agencies", limit=5000)
    columns = CATALOG["top_agencies"].columns
    return [dict(zip(columns, r, strict=True))["id"] for r in found]


@pytest.mark.parametrize("tuned", [False, True])
def test_sector_counts_by_id_are_agency_sectors(seed_store: Store, agencies: list[str],
                                                tuned: bool,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seed_store, "tuned_texts", tuned)
    assert CATALOG["agency_sector_counts"].columns == CATALOG["agency_sectors"].columns
    counted = 0
    for agency in agencies:
        expected = rows(seed_store, "agency_sectors", agency=agency)
        assert rows(seed_store, "agency_sector_counts", agency=agency) == expected, agency
        counted += len(expected)
    assert len(agencies) > 100 and counted > 100  # compared with something in them


@pytest.mark.parametrize("tuned", [False, True])
def test_agency_targets_are_task_targets_of_its_tasks(seed_store: Store, agencies: list[str],
                                                      tuned: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seed_store, "tuned_texts", tuned)
    assert CATALOG["agency_targets"].columns == CATALOG["task_targets"].columns
    at = CATALOG["agency_tasks"].columns.index("task_id")
    found = 0
    for agency in agencies:
        tasks = [r[at] for r in rows(seed_store, "agency_tasks", agency=agency, limit=5000)]
        expected = rows(seed_store, "task_targets", tasks=tasks) if tasks else []
        assert rows(seed_store, "agency_targets", agency=agency) == expected, agency
        found += len(expected)
    assert found > 20


def test_an_unknown_agency_has_no_sectors_or_targets(seed_store: Store) -> None:
    assert rows(seed_store, "agency_sector_counts", agency="ag-000000000000") == []
    assert rows(seed_store, "agency_targets", agency="ag-000000000000") == []


def test_the_agency_page_shows_the_sectors_and_each_tasks_targets(
        client: FlaskClient, seed_store: Store, agencies: list[str]) -> None:
    with_targets = next(a for a in agencies if rows(seed_store, "agency_targets", agency=a))
    page = client.get(f"/agencies/{with_targets}?format=json").get_json()
    sectors = page["tables"]["sectors"]["rows"]
    expected = rows(seed_store, "agency_sectors", agency=with_targets)
    assert [(r["sector"], r["tasks"]) for r in sectors] == [(r[2], r[3]) for r in expected]
    targets = {r["task_id"]: r["targets"] for r in page["tables"]["tasks"]["rows"]}
    stated = rows(seed_store, "agency_targets", agency=with_targets)
    assert {r[0] for r in stated} == {t for t, words in targets.items() if words}
    first = stated[0]
    assert any(first[1] in words for words in targets[first[0]])  # the metric, in words
