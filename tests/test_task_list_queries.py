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
