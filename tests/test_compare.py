"""Compare cities on the seed graph: every number of compare_cities recounted in plain Python
from the seed Documents, the heat-map's cells and their task lists, the XLSX, and a crafted
plan whose agency type is markup and a formula.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from graph.model import Document, Mention
from graph.store import Store
from queries.errors import ParameterError
from tests._graph_fixtures import store_at
from tests.test_webui import LIVE_MARKUP, run
from webui import create_app

HOSTILE_TYPE = '<img src=x onerror=alert(1)>主管部门'
FORMULA_TYPE = '=HYPERLINK("http://example.invalid","点我")'


@dataclass
class Counted:
    """One (city, type) cell, or a city's row (type ''), counted from the Documents."""

    tasks: set[str] = field(default_factory=set)
    led: set[str] = field(default_factory=set)
    explicit: set[str] = field(default_factory=set)
    unnamed: set[str] = field(default_factory=set)
    agencies: set[str] = field(default_factory=set)

    def row(self) -> dict[str, int]:
        return {"agencies": len(self.agencies), "tasks": len(self.tasks),
                "led_tasks": len(self.led), "explicit_leads": len(self.explicit),
                "unnamed_lead": len(self.unnamed)}


def count(documents: list[Document], sector: str) -> dict[tuple[str, str], dict[str, int]]:
    """What compare_cities must say, from the loaders' reading: edges are mentions with an
    agency (one per agency and task); leads are Task.lead_mentions()."""
    cells: dict[tuple[str, str], Counted] = defaultdict(Counted)
    for doc in documents:
        for task in doc.tasks:
            if sector not in task.sectors:
                continue
            tid, city = doc.task_id(task), str(doc.city)
            assigned = [m.agency for m in task.mentions if m.agency]
            leads = {m.agency.id: basis for m, basis in task.lead_mentions() if m.agency}
            named = "explicit" in leads.values()
            whole = cells[(city, "")]
            whole.tasks.add(tid)
            whole.agencies |= {a.id for a in assigned}
            whole.led |= {tid} if leads else set()
            whole.explicit |= {tid} if named else set()
            whole.unnamed |= set() if named else {tid}
            for agency in assigned:
                if not agency.type:
                    continue
                cell = cells[(city, agency.type)]
                cell.tasks.add(tid)
                cell.agencies.add(agency.id)
                if agency.id in leads:
                    cell.led.add(tid)
                if leads.get(agency.id) == "explicit":
                    cell.explicit.add(tid)
                if not named:
                    cell.unnamed.add(tid)
    return {key: c.row() for key, c in cells.items()}


def answered(store: Store, **params: Any) -> dict[tuple[str, str], dict[str, int]]:
    return {(r.pop("city"), r.pop("type")): r for r in run(store, "compare_cities", **params)}


@pytest.mark.parametrize("sector", ["5G", "物联网", "数据中心与算力"])
def test_every_number_equals_a_count_from_the_documents(
        seed_store: Store, seed_documents: list[Document], sector: str) -> None:
    assert answered(seed_store, sector=sector) == count(seed_documents, sector)


def test_cities_narrow_the_comparison_and_take_short_names(
        seed_store: Store, seed_documents: list[Document]) -> None:
    two = answered(seed_store, sector="5G", cities="常州、深圳市")
    assert {city for city, _ in two} == {"常州市", "深圳市"}
    assert two == {k: v for k, v in count(seed_documents, "5G").items()
                   if k[0] in ("常州市", "深圳市")}
    assert answered(seed_store, sector="5G", cities=["常州市"]) == {
        k: v for k, v in two.items() if k[0] == "常州市"}


def test_unknown_cities_and_a_missing_sector_are_refused(seed_store: Store) -> None:
    with pytest.raises(ParameterError, match="无锡"):
        run(seed_store, "compare_cities", sector="5G", cities="常州、无锡")
    with pytest.raises(ParameterError, match="sector"):
        run(seed_store, "compare_cities", cities="常州")


# --- the page --------------------------------------------------------------------------------


def heatmap(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[-400:]
    return BeautifulSoup(response.data, "lxml")


def test_each_cell_shows_its_count_and_links_to_that_many_tasks(
        client: FlaskClient, seed_documents: list[Document]) -> None:
    expected = count(seed_documents, "5G")
    html = heatmap(client, "/compare/?sector=5G")
    cities = [th.get_text() for th in html.select("#heatmap thead th")][1:]
    assert cities == sorted(c for c, t in expected if t == "")
    checked = 0
    for tr in html.select("#heatmap tbody tr:not(.city-row)"):
        kind = tr.select_one("th").get_text()
        for city, td in zip(cities, tr.select("td"), strict=True):
            link = td.select_one("a")
            if (city, kind) not in expected:
                assert link is None and "heat-0" in td["class"]
                continue
            assert int(link.get_text()) == expected[(city, kind)]["tasks"]
            listed = client.get(link["href"] + "&format=json").get_json()
            assert listed["tables"]["tasks"]["count"] == expected[(city, kind)]["tasks"]
            checked += 1
    assert checked >= 20


def test_a_cell_list_keeps_the_led_or_unnamed_tasks(
        client: FlaskClient, seed_documents: list[Document]) -> None:
    cell = count(seed_documents, "5G")[("常州市", "工业和信息化主管部门")]
    base = "/compare/tasks?sector=5G&city=常州&type=工业和信息化主管部门&format=json"
    for extra, column in (("&role=lead", "led_tasks"), ("&unnamed=1", "unnamed_lead")):
        found = client.get(base + extra).get_json()["tables"]["tasks"]
        assert found["count"] == cell[column], extra
    assert client.get("/compare/tasks?sector=5G&city=无锡&type=x").status_code == 400
    assert client.get("/compare/tasks?sector=5G&city=常州").status_code == 400


def test_shades_follow_the_measure_chosen(client: FlaskClient) -> None:
    classes = {}
    for measure in ("share", "lead", "unnamed"):
        html = heatmap(client, f"/compare/?sector=5G&show={measure}")
        classes[measure] = [" ".join(td["class"]) for td in html.select("#heatmap td.heat")]
        assert all(c.startswith("heat heat-") for c in classes[measure])
    assert classes["share"] != classes["lead"] != classes["unnamed"]
    assert client.get("/compare/?show=color").status_code == 400


def test_csv_json_and_xlsx_hold_the_same_numbers(client: FlaskClient,
                                                 seed_documents: list[Document]) -> None:
    expected = count(seed_documents, "5G")
    page = client.get("/compare/?sector=5G&city=开封市&city=漳州市&format=json").get_json()
    records = page["tables"]["comparison"]["rows"]
    assert {(r["city"], r["type"]): r["tasks"] for r in records} == {
        k: v["tasks"] for k, v in expected.items() if k[0] in ("开封市", "漳州市")}
    csv = client.get("/compare/?sector=5G&city=开封市&format=csv").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("\ufeffcity,type,tasks")
    response = client.get("/compare/?sector=5G&city=开封市&city=漳州市&format=xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["承担任务数", "占本市任务比例", "牵头比例", "未写明牵头比例", "明细"]
    sheet = book["承担任务数"]
    header = [c.value for c in sheet[2]]
    assert header == ["单位类型", "开封市", "漳州市"]
    for row in sheet.iter_rows(min_row=4, values_only=True):
        for city, value in zip(header[1:], row[1:], strict=True):
            assert value == expected.get((city, row[0]), {}).get("tasks"), (city, row[0])


# --- hostile names ---------------------------------------------------------------------------


def hostile(doc: Document, kind: str) -> Document:
    """The plan with every resolved agency's type replaced (as a bad lexicon could)."""
    def retyped(m: Mention) -> Mention:
        return replace(m, agency=replace(m.agency, type=kind)) if m.agency else m
    tasks = [replace(t, mentions=[retyped(m) for m in t.mentions]) for t in doc.tasks]
    return replace(doc, tasks=tasks)


@pytest.fixture()
def hostile_client(tmp_path: Path, seed_documents: list[Document]) -> Iterator[FlaskClient]:
    store = store_at(tmp_path)
    store.load([hostile(seed_documents[0], HOSTILE_TYPE), hostile(seed_documents[4],
                                                                  FORMULA_TYPE)])
    yield create_app(store=store, test_config={"TESTING": True}).test_client()
    store.close()


def test_the_heatmap_escapes_names_and_has_no_inline_style(
        hostile_client: FlaskClient) -> None:
    response = hostile_client.get("/compare/?sector=5G")
    html = response.get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;主管部门" in html
    assert not LIVE_MARKUP.search(html) and "style=" not in html and "<script>" not in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    cell = BeautifulSoup(html, "lxml").select_one("#heatmap tbody tr:not(.city-row) td a")
    listed = hostile_client.get(cell["href"])
    assert listed.status_code == 200 and not LIVE_MARKUP.search(listed.get_data(as_text=True))


def test_the_xlsx_keeps_a_formula_as_text(hostile_client: FlaskClient) -> None:
    response = hostile_client.get("/compare/?sector=5G&format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    types = [c.value for c in book["承担任务数"]["A"]]
    assert "'" + FORMULA_TYPE in types


def test_an_empty_graph_compares_nothing_and_searches_nothing(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    try:
        client = create_app(store=store, test_config={"TESTING": True}).test_client()
        for url in ("/compare/", "/compare/?format=xlsx", "/search?q=工信",
                    "/network?mode=agencies"):
            assert client.get(url).status_code == 200, url
        assert "没有结果" in client.get("/compare/").get_data(as_text=True)
    finally:
        store.close()
