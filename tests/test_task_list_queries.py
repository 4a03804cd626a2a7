"""The task list asks `task_ids_by_sector` for its page of ids when no city and no plan is
given: the rows `task_ids` gives for the same parameters, with the portable texts and the
LadybugDB-shaped ones, over every page of the seed graph."""

from __future__ import annotations

from typing import Any

import pytest

from graph.store import Store
from queries.catalog import load_catalog

CATALOG = load_catalog()


def rows(store: Store, name: str, **params: Any) -> list[list[Any]]:
    return CATALOG[name].run(store, params)[1]


@pytest.mark.parametrize("tuned", [False, True])
@pytest.mark.parametrize("params", [{}, {"sector": "5G"}, {"sector": "5g"}, {"sector": "物联网"},
                                    {"limit": 50, "offset": 120}, {"sector": "5G", "offset": 40},
                                    {"offset": 100_000}])
def test_ids_by_sector_are_task_ids_without_city_or_plan(
        seed_store: Store, tuned: bool, params: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seed_store, "tuned_texts", tuned)
    expected = rows(seed_store, "task_ids", **params)
    assert rows(seed_store, "task_ids_by_sector", **params) == expected
    if params.get("offset", 0) < 1000:
        assert expected  # compared with something


@pytest.mark.parametrize("params", [
    {"due_by": "2020-12-31", "city": "开封"}, {"due_by": "2025-12-31"},
    {"due_by": "2025-12-31", "sector": "5G"}, {"due_by": "2035-12-31", "sector": "物联网"},
    {"due_by": "2030-12-31", "due_from": "2023-01-01", "doc": "003_ce560822e58bcc91"},
    {"due_by": "2025-12-31", "limit": 1, "offset": 1}, {"due_by": "1990-01-01"}])
def test_tasks_due_are_the_tasks_rows_of_the_tasks_a_dated_deadline_makes_due(
        seed_store: Store, params: dict[str, Any]) -> None:
    """Each row is `tasks`' row for its task, with the earliest dated deadline in the range
    (task_deadlines), ordered by that day, then task id; sectors tested on each task."""
    filters = {k: params[k] for k in ("city", "doc", "sector") if k in params}
    columns = CATALOG["tasks"].columns
    listed = {r[0]: r for r in rows(seed_store, "tasks", limit=5000, **filters)}
    deadlines = rows(seed_store, "task_deadlines", tasks=sorted(listed)) if listed else []
    at = CATALOG["task_deadlines"].columns.index("date")
    due: dict[str, str] = {}
    for d in deadlines:
        if d[at] and params.get("due_from", "") <= d[at] <= params["due_by"]:
            due[d[0]] = min(due.get(d[0], d[at]), d[at])
    order = sorted(due, key=lambda t: (due[t], t))
    start = params.get("offset", 0)
    expected = [[*listed[t], due[t]] for t in order[start:start + params.get("limit", 200)]]
    assert list(CATALOG["tasks_due"].columns) == [*columns, "due"]
    assert unordered(rows(seed_store, "tasks_due", **params)) == unordered(expected)
    if params["due_by"] > "2000" and params.get("sector") != "物联网":  # none dated in it
        assert expected  # compared with something


def unordered(found: list[list[Any]]) -> list[list[Any]]:
    """Rows with their collected lists sorted: collect() order is not a contract."""
    return [[sorted(v) if isinstance(v, list) else v for v in row] for row in found]


def test_deadlines_read_by_task_id_are_those_of_the_has_deadline_edges(
        seed_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shaped task_deadlines reads each deadline's task_id, the portable text follows
    HAS_DEADLINE: the same rows for every task of the seed graph, all at once and one
    plan's at a time (as the task list asks after a write)."""
    ids = [r[0] for r in rows(seed_store, "tasks", limit=5000)]
    plans = sorted({i.rpartition("-")[0] for i in ids})
    asked = [ids, *[[i for i in ids if i.startswith(p + "-")] for p in plans], ids[3:4]]
    found = {}
    for tuned in (False, True):
        monkeypatch.setattr(seed_store, "tuned_texts", tuned)
        found[tuned] = [rows(seed_store, "task_deadlines", tasks=a) for a in asked]
    assert found[True] == found[False]
    assert len(found[False][0]) >= 8 and len(plans) > 3  # compared with something
