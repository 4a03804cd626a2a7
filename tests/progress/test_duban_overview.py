"""The /duban/ page draws a window of each long table and pages through it; the twins
have every row.

At scale 1000 the overview's tables hold 5,000 plans, 13,000 agencies and 30,000 overdue
lines, so the page makes, sorts and draws only the rows it shows (`views.SHOWN_ROWS`,
set small here so the five seed plans fill several pages). The rows drawn, page by page,
must be the JSON twin's rows in its order, and a table sorted by `?sort=` is sorted over
every row before it is cut. The seed plans carry deadlines (the 常州 plan's every other
task long past) and reports of each status, so every table has rows to page through.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from graph.store import Store
from webui import create_app
from webui.supervision import views
from webui.supervision.reading import ledger, plan_parts
from webui.supervision.store import Entry, ProgressStore
from webui.supervision.tally import AT, Tally

SHOWN = 2
STATUSES = ("not_started", "in_progress", "done", "late")
# What identifies a drawn row: the address of each link in it, in column order (an
# overdue line links its plan, its task's key and its agency).
LINKED = {"plans": ("doc_id",), "agencies": ("agency_id",),
          "overdue": ("doc_id", "task_key", "agency_id")}


@pytest.fixture()
def app(graph: Store, tmp_path: Path) -> Flask:
    """The viewer with reports on every third assignment, each status in turn."""
    made = create_app(store=graph, test_config={
        "TESTING": True, "STORE_EXCLUSIVE": True, "PROGRESS_PATH": tmp_path / "p.sqlite3"})
    with made.app_context():
        picked = ledger().assignments[::3]
    progress = ProgressStore(tmp_path / "p.sqlite3")
    for n, a in enumerate(picked):
        t = a.task
        progress.add([Entry(t.key, a.agency_id, a.agency, STATUSES[n % 4], "推进", "2024-05-06",
                            "", t.doc_id, t.plan, t.task_id, t.no, t.title)],
                     who="test", file="x.xlsx", agency_id=a.agency_id, agency=a.agency)
    return made


@pytest.fixture()
def client(app: Flask, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.setattr(views, "SHOWN_ROWS", SHOWN)
    return app.test_client()


def drawn(html: BeautifulSoup, name: str) -> list[tuple[str, ...]]:
    """Each drawn row of table `name` as the last path segment of each of its links."""
    table = html.select_one(f"#table-{name}")
    assert table is not None, name
    return [tuple(unquote(a["href"].rsplit("/", 1)[1]) for a in tr.select("a"))
            for tr in table.select("tbody tr")]


def expected(rows: list[dict[str, Any]], name: str) -> list[tuple[str, ...]]:
    """The JSON rows as `drawn` reads them (the overdue lines link plan, title and agency)."""
    return [tuple(r[c] for c in LINKED[name]) for r in rows]


def pages(client: FlaskClient, url: str, name: str) -> Iterator[BeautifulSoup]:
    """The page at `url`, then each one its table's 下一页 link leads to."""
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        html = BeautifulSoup(response.data, "lxml")
        yield html
        pager = html.select_one(f"h2#{name}").find_parent("div").find_next_sibling("p")
        following = [a for a in pager.select("a") if a.get_text() == "下一页"] \
            if pager and "pager" in pager.get("class", []) else []
        url = following[0]["href"].split("#")[0] if following else ""


@pytest.mark.parametrize("name", ["plans", "agencies", "overdue"])
def test_each_long_table_is_drawn_a_window_at_a_time_in_the_twins_order(
        client: FlaskClient, name: str) -> None:
    whole = client.get("/duban/?format=json").get_json()
    rows = whole["tables"][name]["rows"]
    assert len(rows) > 2 * SHOWN, "the seed plans fill more than two windows"
    seen = []
    for n, html in enumerate(pages(client, "/duban/", name)):
        window = drawn(html, name)
        assert len(window) == min(SHOWN, len(rows) - n * SHOWN)
        seen += window
        heading = html.select_one(f"h2#{name} small").get_text()
        assert heading == f"({len(rows)})"  # the whole table's count, not the window's
        for other in set(LINKED) - {name}:  # the other tables stay at their first rows
            assert drawn(html, other) == expected(whole["tables"][other]["rows"][:SHOWN],
                                                  other)
    assert seen == expected(rows, name)


def test_a_sorted_table_is_sorted_over_every_row_before_it_is_cut(
        client: FlaskClient) -> None:
    url = "/duban/?table=agencies&sort=-done"
    whole = client.get(url + "&format=json").get_json()["rows"]  # that table alone
    default = client.get("/duban/?format=json").get_json()["tables"]["agencies"]["rows"]
    assert whole[0]["done"] > 0 and whole != default  # the sort changed the order
    seen = [row for html in pages(client, url, "agencies") for row in drawn(html, "agencies")]
    assert seen == expected(whole, "agencies")
    by_count = client.get("/duban/?table=overdue&sort=agency&format=json").get_json()
    first = BeautifulSoup(client.get("/duban/?table=overdue&sort=agency").data, "lxml")
    assert drawn(first, "overdue") == expected(by_count["rows"][:SHOWN], "overdue")


def test_a_header_sorts_from_the_first_row_whatever_page_was_shown(
        client: FlaskClient) -> None:
    html = BeautifulSoup(client.get("/duban/?table=agencies&offset=2").data, "lxml")
    links = [a["href"] for a in html.select("#table-agencies thead a")]
    assert links and all("sort=" in h and "offset" not in h for h in links)
    pager = [a["href"] for a in html.select("p.pager a")]
    assert any("offset=4" in h for h in pager) and any("offset" not in h for h in pager)


def test_an_offset_past_the_end_draws_no_row_and_leads_back(client: FlaskClient) -> None:
    html = BeautifulSoup(client.get("/duban/?table=plans&offset=9999").data, "lxml")
    assert html.select_one("#table-plans") is None
    assert "上一页" in html.get_text()
    assert client.get("/duban/?offset=-1").status_code == 400


def test_the_newest_reports_are_read_again_when_another_writer_added_some(
        tmp_path: Path) -> None:
    """The viewer keeps the newest reports until the file holds more (an import from the
    command line is another process)."""
    viewer, command_line = (ProgressStore(tmp_path / "p.sqlite3") for _ in range(2))
    entry = Entry("0123456789ab-1-deadbeef", "ag-1", "市工信局", "in_progress", "推进",
                  "2024-05-06", "", "doc", "方案", "doc-001", "1", "任务")
    assert viewer.latest() == {}
    command_line.add([entry], who="cli", file="a.xlsx", agency_id="ag-1", agency="市工信局")
    assert viewer.latest()[(entry.task_key, "ag-1")].status == "in_progress"
    command_line.add([replace(entry, status="done")], who="cli", file="b.xlsx",
                     agency_id="ag-1", agency="市工信局")
    assert viewer.latest()[(entry.task_key, "ag-1")].status == "done"



def test_a_tally_carried_to_another_day_counts_as_one_made_that_day(app: Flask) -> None:
    """Overdue is against today: a tally kept from yesterday counts the day's due tasks
    anew (no task is due before 2000; by 2021 the 常州 plan's 2020-10-31 and others are)."""
    with app.app_context():
        _, parts = plan_parts()
    before, after = date(2000, 1, 1), date(2021, 1, 1)
    carried = Tally().advanced(parts, before).advanced(parts, after)
    fresh = Tally().advanced(parts, after)
    assert carried.agency_rows == fresh.agency_rows and carried.plan_rows == fresh.plan_rows
    due = AT["overdue"]
    assert sum(r[due] for r in fresh.plan_rows.values()) > 0
    assert sum(r[due] for r in Tally().advanced(parts, before).plan_rows.values()) == 0
