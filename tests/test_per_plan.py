"""Counts kept per plan across writes equal the counts asked fresh after every kind of write.

The viewer holds the graph for writing (STORE_EXCLUSIVE), so it keeps the check list's
counts per plan and, after a write, asks again only for the plans the write touched
(webui.per_plan). Real sample plans in a real embedded graph: four loaded, then the fifth
loaded, one replaced by a revision, one corrected from the task page (signed in, with its
CSRF token), one removed; after each, the kept counts per plan and per agency, and the
/checks/ pages, equal the count queries run afresh on the whole graph, and the 督办
ledger kept the same way equals `progress_assignments` asked afresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from graph.errors import GraphError
from graph.model import Document
from graph.store import Store
from queries.catalog import load_catalog
from queries.checks import AGENCY_COUNTS, PLAN_COUNTS
from tests._graph_fixtures import revised
from tests.test_checks import count_rows
from tests.test_corrections_web import CHANGZHOU, FORMS, Site, correct, new_site
from webui import db
from webui.checks import agency_counts, kept_counts, plan_counts
from webui.supervision.assignments import QUERY, Ledger
from webui.supervision.reading import ledger

CATALOG = load_catalog()


@pytest.fixture()
def site(tmp_path: Path, seed_documents: list[Document]) -> Iterator[Site]:
    made = new_site(tmp_path / "site", seed_documents[:4])
    yield made
    made.store.close()


def fresh(store: Store) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Per plan and per agency (only agencies with a finding), counted now by the queries."""
    plans = count_rows(store, PLAN_COUNTS, "doc_id")
    agencies = count_rows(store, AGENCY_COUNTS, "agency_id")
    return plans, {a: r for a, r in agencies.items() if any(r.values())}


def assert_kept_equal_fresh(site: Site) -> None:
    assert_ledger_equal_fresh(site)
    plans, agencies = fresh(site.store)
    with site.app.app_context():
        assert plan_counts() == plans
        assert agency_counts() == agencies
    overview = site.client(signed_in=False).get("/checks/?format=json").get_json()
    table = overview["tables"]["plans"]
    shown = {r["doc_id"]: r for r in table["rows"]}
    assert set(shown) == set(plans)
    for doc_id, row in plans.items():
        assert {c: shown[doc_id][c] for c in row if c != "tasks"} == \
            {c: n for c, n in row.items() if c != "tasks"}


def assert_ledger_equal_fresh(site: Site) -> None:
    """The 督办 ledger kept per plan holds the assignments progress_assignments gives now."""
    columns, rows = CATALOG[QUERY].run(site.store, {})
    expected = Ledger.from_records(dict(zip(columns, r, strict=True)) for r in rows)
    with site.app.app_context():
        assert ledger().assignments == expected.assignments
    page = site.client(signed_in=False).get("/duban/?format=json").get_json()
    assert page["assignments"] == len(expected.assignments)


def asked(app: Flask) -> list[int]:
    with app.app_context():
        return list(kept_counts().asked)


def test_kept_counts_follow_every_kind_of_write(site: Site,
                                                seed_documents: list[Document]) -> None:
    app = site.app
    assert_kept_equal_fresh(site)
    assert asked(app) == [4]  # every plan, once: later requests reuse the kept counts
    assert_kept_equal_fresh(site)
    assert asked(app) == [4]

    fifth = seed_documents[4]
    with app.app_context():
        db.write(lambda store: store.load([fifth]))
    assert_kept_equal_fresh(site)
    assert asked(app)[-1] == 1  # only the plan loaded

    with app.app_context():
        db.write(lambda store: store.load([revised(fifth)]))
    assert_kept_equal_fresh(site)
    assert asked(app)[-1] == 1

    before = fresh(site.store)
    response = correct(site.client(), **FORMS["set_role"], why="分工表写明牵头")
    assert response.status_code == 303, response.get_data(as_text=True)[-400:]
    assert fresh(site.store) != before  # the correction changed what the checks find
    assert_kept_equal_fresh(site)
    assert asked(app)[-1] == 1  # the plan read again with the correction

    with app.app_context():
        db.write(lambda store: store.remove([CHANGZHOU]))
    assert_kept_equal_fresh(site)
    with app.app_context():
        assert CHANGZHOU not in plan_counts()


def test_a_write_that_fails_changes_no_kept_count(site: Site) -> None:
    assert_kept_equal_fresh(site)
    with site.app.app_context(), pytest.raises(GraphError, match="no-such-plan"):
        db.write(lambda store: store.remove(["no-such-plan"]))
    assert_kept_equal_fresh(site)
    assert asked(site.app) == [4]  # nothing touched, nothing asked again
