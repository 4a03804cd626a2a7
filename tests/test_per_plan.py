"""Counts kept per plan across writes equal the counts asked fresh after every kind of write.

The viewer holds the graph for writing (STORE_EXCLUSIVE), so it keeps the check list's
counts per plan and, after a write, asks again only for the plans the write touched
(webui.per_plan). Real sample plans in a real embedded graph: four loaded, then the fifth
loaded, one replaced by a revision, one corrected from the task page (signed in, with its
CSRF token), one removed; after each, the kept counts per plan and per agency, and the
/checks/ pages, equal the count queries run afresh on the whole graph, and the 督办
ledger kept the same way equals `progress_assignments` asked afresh, and the /duban/
overview counted from the parts kept per plan equals the counts over every line (with
reports of each status and one whose task is gone; for every city and for one).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from graph.errors import GraphError
from graph.model import Document
from graph.store import Store
from queries.catalog import load_catalog
from queries.checks import AGENCY_COUNTS, PLAN_COUNTS, load_checks
from tests._graph_fixtures import revised
from tests.test_checks import count_rows
from tests.test_corrections_web import CHANGZHOU, FORMS, Site, correct, new_site
from webui import db, per_plan
from webui.checks import COUNTS_KEY, agency_counts, kept_counts, plan_counts, vague_mark
from webui.drawn_rows import KEY as DRAWN_KEY
from webui.supervision import STORE_KEY as PROGRESS_KEY
from webui.supervision import summary, views
from webui.supervision.assignments import QUERY, Ledger
from webui.supervision.reading import latest_reports, ledger
from webui.supervision.store import Entry, ProgressStore

CATALOG = load_catalog()
CHECKS = load_checks()


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
    if PROGRESS_KEY in site.app.extensions:
        assert_overview_equal_lines(site)
    plans, agencies = fresh(site.store)
    with site.app.app_context():
        assert plan_counts() == plans
        assert agency_counts() == agencies
        # Only the agencies of the plans a write touched were read again: the marks kept
        # are every agency's now all the same.
        assert kept_counts().marks == {r["agency_id"]: vague_mark(r)
                                       for r in per_plan.run("agency_marks")}
    overview = site.client(signed_in=False).get("/checks/?format=json").get_json()
    table = overview["tables"]["plans"]
    shown = {r["doc_id"]: r for r in table["rows"]}
    assert set(shown) == set(plans)
    for doc_id, row in plans.items():
        assert {c: shown[doc_id][c] for c in row if c != "tasks"} == \
            {c: n for c, n in row.items() if c != "tasks"}
    client = site.client(signed_in=False)
    assert shown_counts(client.get("/checks/").get_data(as_text=True), "plans") == {
        doc_id: [row[c.id] for c in CHECKS.checks] for doc_id, row in plans.items()}
    assert shown_counts(client.get("/checks/agencies").get_data(as_text=True), "agencies") == {
        agency_id: [row[c.id] for c in CHECKS.checks if c.per_agency]
        for agency_id, row in agencies.items()}
    by_agency = client.get("/checks/agencies?format=json").get_json()
    listed = {r["agency_id"]: r for r in by_agency["tables"]["agencies"]["rows"]}
    assert set(listed) == set(agencies)  # the sums kept across writes, as shown
    for agency_id, row in agencies.items():
        assert {c: listed[agency_id][c] for c in row} == row, agency_id


def shown_counts(html: str, table: str) -> dict[str, list[int]]:
    """Per row of an overview's table as drawn in HTML: its plan or agency (the id its
    first link ends with) and its count cells."""
    found = {}
    for tr in BeautifulSoup(html, "html.parser").select(f"#table-{table} tbody tr"):
        cells = tr.find_all("td")
        found[unquote(cells[0].a["href"].rsplit("/", 1)[1])] = [
            int(td.get_text()) for td in cells[4:]]
    return found


def test_overview_rows_are_drawn_again_only_where_a_write_changed_them(
        site: Site, seed_documents: list[Document]) -> None:
    """The plans' rows are kept as drawn (webui.drawn_rows): a request after no write draws
    none, a write that adds a plan draws its row, and the page shows it."""
    client = site.client(signed_in=False)

    def drawn() -> int:
        return int(site.app.extensions[DRAWN_KEY]["plans"].drawn)

    client.get("/checks/")
    assert drawn() == 4
    client.get("/checks/")
    assert drawn() == 4
    fifth = seed_documents[4]
    with site.app.app_context():
        db.write(lambda store: store.load([fifth]))
    assert fifth.id in shown_counts(client.get("/checks/").get_data(as_text=True), "plans")
    assert drawn() == 5
    assert_kept_equal_fresh(site)


def assert_ledger_equal_fresh(site: Site) -> None:
    """The 督办 ledger kept per plan holds the assignments progress_assignments gives now."""
    columns, rows = CATALOG[QUERY].run(site.store, {})
    expected = Ledger.from_records(dict(zip(columns, r, strict=True)) for r in rows)
    with site.app.app_context():
        assert ledger().assignments == expected.assignments
    page = site.client(signed_in=False).get("/duban/?format=json").get_json()
    assert page["assignments"] == len(expected.assignments)


STATUSES = ("not_started", "in_progress", "done", "late")


def add_reports(site: Site) -> None:
    """Reports on every third assignment, each status in turn (done ones on dated tasks
    too), and one whose task the graph never held: a progress file beside the graph."""
    progress = ProgressStore(site.folder / "progress.sqlite3")
    site.app.extensions[PROGRESS_KEY] = progress
    with site.app.app_context():
        whole = ledger().assignments
    picked = whole[::3]
    assert any(a.task.due for a in picked), "the sample plans have dated tasks"
    by_agency: dict[str, list[Entry]] = {}
    for n, a in enumerate(picked):
        t = a.task
        by_agency.setdefault(a.agency_id, []).append(Entry(
            t.key, a.agency_id, a.agency, STATUSES[n % 4], "按计划推进", "2024-05-06", "",
            t.doc_id, t.plan, t.task_id, t.no, t.title))
    gone = picked[0]
    by_agency[gone.agency_id].append(Entry(
        "0000000000-(九十九)-00000000", gone.agency_id, gone.agency, "done", "", "2024-05-06",
        "", gone.task.doc_id, gone.task.plan, "", "(九十九)", "已删除的任务"))
    for agency_id, entries in by_agency.items():
        progress.add(entries, who="test", file=f"{agency_id}.xlsx", agency_id=agency_id,
                     agency=entries[0].agency)


def assert_overview_equal_lines(site: Site) -> None:
    """/duban/ counted from the parts kept per plan equals the counts of every Line."""
    client = site.client(signed_in=False)
    with site.app.test_request_context():
        whole = ledger()
        latest = latest_reports()
        cities = sorted({a.city for a in whole.assignments if a.city})
        for city in ("", cities[0]):
            every = summary.lines(whole, latest, date.today(),
                                  keep=lambda a, c=city: not c or a.city == c)
            expected = {
                "plans": views.plan_counts(every), "agencies": views.agency_counts(every),
                "overdue": views.line_table("逾期未完成", [x for x in every if x.overdue]),
                "unmatched": views.unmatched_table(summary.unmatched(whole, latest))}
            page = client.get(f"/duban/?format=json&city={city}").get_json()
            for name, table in expected.items():
                assert page["tables"][name]["rows"] == table.to_json()["rows"], name
            assert page["assignments"] == len(every)
            assert page["overdue"] == sum(x.overdue for x in every)
            assert page["reported"] == sum(1 for x in every if x.report)
        for key, _ in sorted(latest)[:5]:
            ids = {t.task_id for t in whole.tasks(key)}
            holders = summary.lines(whole, latest, date.today(),
                                    keep=lambda a, ids=ids: a.task.task_id in ids)
            page = client.get(f"/duban/tasks/{key}?format=json").get_json()
            assert page["tables"]["holders"]["rows"] == \
                views.line_table("", holders).to_json()["rows"]
            for task_id in ids:
                by_task = client.get(f"/duban/by-task/{task_id}")
                assert by_task.headers["Location"].endswith(f"/duban/tasks/{key}")


def asked(app: Flask) -> list[int]:
    with app.app_context():
        return list(kept_counts().asked)


def test_kept_counts_follow_every_kind_of_write(site: Site,
                                                seed_documents: list[Document]) -> None:
    app = site.app
    assert_kept_equal_fresh(site)
    assert asked(app) == [4]  # every plan, once: later requests reuse the kept counts
    add_reports(site)
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


def test_a_write_the_viewer_cannot_follow_makes_every_plan_asked_again(site: Site) -> None:
    """A write through Cypher may change any plan: every plan is counted again after it."""
    assert_kept_equal_fresh(site)
    with site.app.app_context():
        db.write(lambda store: store.run(
            "MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[e:LEADS]-(:Agency) WHERE d.id = $doc "
            "DELETE e", {"doc": CHANGZHOU}))
    assert_kept_equal_fresh(site)
    assert asked(site.app) == [4, 4]


def test_what_every_plan_keeps_is_set_aside_from_the_collector(site: Site) -> None:
    """A request that asked every plan freezes what it kept (webui.per_plan._settle): at
    scale 1000 a full collection over those objects took 0.8-1.6 s of some later page."""
    import gc

    gc.unfreeze()
    try:
        client = site.app.test_client()
        assert client.get("/checks/").status_code == 200  # asks every plan
        answers = site.app.extensions[COUNTS_KEY]._answers
        frozen = gc.get_freeze_count()
        assert frozen > 0
        assert not any(o is answers for g in range(3) for o in gc.get_objects(generation=g))
        assert client.get("/checks/").status_code == 200  # nothing asked again
        assert gc.get_freeze_count() <= frozen  # not frozen again (some were freed)
    finally:
        gc.unfreeze()
