"""Deadlines and targets shown and used (#12): task, agency, plan, task-list and sector
pages on the seed graph through the Flask test client, the agency's timeline and its
"due by" filter, the exports' columns, and a crafted plan whose markup stays text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from flask.testing import FlaskClient

from graph.store import Store
from webui import create_app
from webui.timeline import bucket, deadline_text, metric_key, target_text, timeline

CHANGZHOU = "000_29c4f374f04b8484"
KAIFENG = "002_56b0b1f0d4126dc9"
ZHANGZHOU = "003_ce560822e58bcc91"
DUE_PLAN = Path(__file__).with_name("fixtures") / "due_plan.txt"
# Markup that would run if a payload reached the page unescaped.
LIVE = ("<script>alert(7)", "<img src=x onerror=alert(8)>", "<b>5G基站</b>")


def text(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return str(response.get_data(as_text=True))


def lead_of(store: Store, task_id: str) -> str:
    rows = store.run("MATCH (a:Agency)-[:LEADS]->(t:Task) WHERE t.id = $task RETURN a.id AS id",
                     {"task": task_id})
    return str(rows[0]["id"])


# --- the words and buckets (no graph) -------------------------------------------------


@pytest.mark.parametrize(("row", "expected"), [
    ({"deadline_kind": "date", "date": "2024-04-30"}, "overdue"),
    ({"deadline_kind": "date", "date": "2024-05-15"}, "month"),  # today itself is not late
    ({"deadline_kind": "date", "date": "2024-05-31"}, "month"),
    ({"deadline_kind": "date", "date": "2024-06-30"}, "quarter"),
    ({"deadline_kind": "date", "date": "2024-07-31"}, "later"),
    ({"deadline_kind": "date", "date": "2025-06-30"}, "later"),
    ({"deadline_kind": "recurring", "date": None, "recurrence": "每季度"}, "recurring"),
    ({"deadline_kind": "ongoing", "date": None}, "ongoing"),
    ({"deadline_kind": "date", "date": None}, "undated"),  # 年内, the plan's year unknown
    ({"deadline_kind": None, "date": None}, "undated"),  # the task prints no deadline
])
def test_each_deadline_falls_in_one_bucket(row: dict[str, Any], expected: str) -> None:
    assert bucket(row, date(2024, 5, 15)) == expected


def test_the_timeline_keeps_every_bucket_in_order() -> None:
    rows = [{"task_id": "b", "deadline_kind": "date", "date": "2024-01-31"},
            {"task_id": "a", "deadline_kind": "date", "date": "2023-12-31"},
            {"task_id": "c", "deadline_kind": None, "date": None}]
    groups = timeline(rows, date(2024, 6, 15))
    assert [g["key"] for g in groups] == ["overdue", "month", "quarter", "later", "recurring",
                                          "ongoing", "undated"]
    assert [r["task_id"] for r in groups[0]["rows"]] == ["a", "b"]
    assert [r["task_id"] for r in groups[-1]["rows"]] == ["c"]


def test_deadlines_and_targets_read_as_words() -> None:
    assert deadline_text({"phrase": "2020年10月底前", "deadline_kind": "date",
                          "date": "2020-10-31"}) == "2020年10月底前(2020-10-31)"
    assert deadline_text({"phrase": "持续推进", "deadline_kind": "ongoing"}) == "持续推进"
    assert deadline_text({"phrase": "每季度", "deadline_kind": "recurring",
                          "recurrence": "每季度"}) == "每季度"
    assert target_text({"metric": "5G基站", "comparison": "≥", "value": 1.5,
                        "value_unit": "万个", "year": 2025}) == "5G基站 不低于 1.5万个(2025年)"
    assert metric_key("5G基站数量") == metric_key("5G基站") == "5G基站"


# --- pages on the seed graph -----------------------------------------------------------


def test_task_page_shows_every_deadline_and_target(client: FlaskClient) -> None:
    page = text(client.get(f"/tasks/{KAIFENG}-001"))
    assert "2020年10月底前" in page and "2020-10-31" in page and "具体日期" in page
    page = text(client.get(f"/tasks/{ZHANGZHOU}-002"))
    assert "5G基站达1.5万个以上" in page and "不低于" in page and "5G用户普及率" in page
    assert "原文未写完成时限" in page
    data = client.get(f"/tasks/{ZHANGZHOU}-002?format=json&table=targets").get_json()
    assert [(r["metric"], r["value"], r["value_unit"], r["year"]) for r in data["rows"]] == [
        ("5G基站", 1.5, "万个", 2025), ("5G用户普及率", 72.0, "%", 2025)]


def test_agency_timeline_buckets_and_due_by_filter(client: FlaskClient,
                                                   seed_store: Store) -> None:
    agency = lead_of(seed_store, f"{KAIFENG}-001")  # 开封's 市工业和信息化局: both dated tasks
    page = text(client.get(f"/agencies/{agency}"))
    assert "到期时间表" in page and "已逾期 2" in page  # 2020 is past
    assert f'href="/tasks/{KAIFENG}-001"' in page and f'href="/tasks/{KAIFENG}-002"' in page
    assert "未写时限" in page
    timeline = client.get(f"/agencies/{agency}?format=json&table=timeline").get_json()
    dated = {r["task_id"]: r["bucket"] for r in timeline["rows"] if r["date"]}
    assert dated == {f"{KAIFENG}-001": "overdue", f"{KAIFENG}-002": "overdue"}
    assert all(r["bucket"] == "undated" for r in timeline["rows"] if not r["phrase"])
    filtered = text(client.get(f"/agencies/{agency}?due_by=2020-09-30"))
    section = filtered[filtered.index('id="timeline"'):filtered.index('class="columns"')]
    assert f"/tasks/{KAIFENG}-002" in section and f"/tasks/{KAIFENG}-001" not in section
    assert "未写时限" not in section.split("</p>", 2)[-1]
    assert client.get(f"/agencies/{agency}?due_by=2020-13-01").status_code == 400


def test_task_list_filters_by_due_date(client: FlaskClient) -> None:
    rows = client.get("/tasks/?due_by=2020-09-30&format=json&table=tasks").get_json()["rows"]
    assert [(r["task_id"], r["due"]) for r in rows] == [(f"{KAIFENG}-002", "2020-09-30")]
    rows = client.get("/tasks/?due_by=2024-12-31&format=json&table=tasks").get_json()["rows"]
    assert [r["task_id"] for r in rows] == [f"{KAIFENG}-002", f"{KAIFENG}-001",
                                            f"{ZHANGZHOU}-023"]
    assert rows[2]["deadlines"] == ["2024年底(2024-12-31)"]
    page = text(client.get("/tasks/?doc=" + KAIFENG))
    assert "2020年9月底前(2020-09-30)" in page
    listed = client.get(f"/tasks/?doc={ZHANGZHOU}&format=json&table=tasks").get_json()["rows"]
    assert next(r for r in listed if r["task_id"] == f"{ZHANGZHOU}-002")["targets"] == [
        "5G基站 不低于 1.5万个(2025年)", "5G用户普及率 达到 72%(2025年)"]
    assert client.get("/tasks/?due_by=明年").status_code == 400


def test_plan_page_lists_goals_and_each_tasks_targets(client: FlaskClient) -> None:
    page = text(client.get(f"/plans/{CHANGZHOU}"))
    goals = page[page.index('id="goals"'):page.index('id="table-tasks"')]
    assert "发展目标" in goals and "5G基站" in goals and "万个" in goals and "2025" in goals
    tasks = client.get(f"/plans/{CHANGZHOU}?format=json&table=tasks").get_json()["rows"]
    first = next(r for r in tasks if r["task_id"] == f"{CHANGZHOU}-001")
    assert first["targets"] == ["基站建设密度 达到 45.5个/万人(2025年)",
                                "重点场所5G网络通达率 达到 100%(2025年)"]
    csv_text = client.get(f"/plans/{KAIFENG}?format=csv&table=tasks").get_data(as_text=True)
    table = list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"))))
    assert {r["task_id"]: r["deadlines"] for r in table if r["deadlines"]} == {
        f"{KAIFENG}-001": "2020年10月底前(2020-10-31)",
        f"{KAIFENG}-002": "2020年9月底前(2020-09-30)"}


def test_sector_page_compares_targets_across_cities(client: FlaskClient) -> None:
    rows = client.get("/sectors/5G?format=json&table=targets").get_json()["rows"]
    assert {r["city"] for r in rows} == {"常州市", "连云港市", "开封市", "漳州市", "深圳市"}
    stations = [(r["city"], r["value"], r["value_unit"]) for r in rows
                if metric_key(r["metric"]) == "5G基站"]
    assert sorted(stations) == [("常州市", 2.5, "万个"), ("开封市", 1500.0, "个"),
                                ("开封市", 2500.0, "个"), ("漳州市", 1.5, "万个"),
                                ("连云港市", 2000.0, "个")]
    keys = [metric_key(r["metric"]) for r in rows]
    assert keys == sorted(keys)  # the same metric of every city side by side
    page = text(client.get("/sectors/5G"))
    assert "各城市量化目标" in page and f'href="/tasks/{ZHANGZHOU}-002"' in page


def test_agency_exports_carry_deadlines_and_targets(client: FlaskClient,
                                                    seed_store: Store) -> None:
    agency = lead_of(seed_store, f"{KAIFENG}-001")
    sheet = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/agencies/{agency}/tasks.xlsx").data))["任务清单"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[1])
    assert header[header.index("完成时限") + 2] == "任务编码"  # then the reply columns
    by_id = {r[header.index("任务编号")]: r for r in rows[2:]}
    assert by_id[f"{KAIFENG}-001"][header.index("完成时限")] == "2020年10月底前(2020-10-31)"
    document = docx.Document(io.BytesIO(client.get(f"/agencies/{agency}/tasks.docx").data))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "2020年9月底前(2020-09-30)" in cells


def test_zhangzhou_exports_carry_targets(client: FlaskClient, seed_store: Store) -> None:
    agency = lead_of(seed_store, f"{ZHANGZHOU}-002")
    sheet = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/agencies/{agency}/tasks.xlsx").data))["任务清单"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[1])
    by_id = {r[header.index("任务编号")]: r for r in rows[2:]}
    assert by_id[f"{ZHANGZHOU}-002"][header.index("量化目标")] == (
        "5G基站 不低于 1.5万个(2025年)、5G用户普及率 达到 72%(2025年)")


# --- a crafted plan: markup and formulas stay text --------------------------------------


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FlaskClient, Store]]:
    from tests.test_webui import load_store

    store = load_store([DUE_PLAN], tmp_path_factory.mktemp("due"))
    yield create_app(store=store, test_config={"TESTING": True}).test_client(), store
    store.close()


def test_crafted_deadlines_and_targets_are_escaped(
        crafted: tuple[FlaskClient, Store]) -> None:
    client, store = crafted
    agency = lead_of(store, "due_plan-001")
    for url in ("/tasks/due_plan-001", "/tasks/due_plan-002", "/plans/due_plan",
                f"/agencies/{agency}", "/tasks/?due_by=2030-12-31", "/sectors/5G"):
        page = text(client.get(url))
        assert not any(live in page for live in LIVE), url
    plan = text(client.get("/plans/due_plan"))
    assert "&lt;b&gt;5G基站&lt;/b&gt;" in plan
    task = text(client.get("/tasks/due_plan-002"))
    assert "每季度" in task and "长期坚持" in task and "周期性" in task and "持续推进" in task


def test_crafted_formula_targets_are_inert_in_exports(
        crafted: tuple[FlaskClient, Store]) -> None:
    client, store = crafted
    agency = lead_of(store, "due_plan-001")
    sheet = openpyxl.load_workbook(io.BytesIO(
        client.get(f"/agencies/{agency}/tasks.xlsx").data))["任务清单"]
    header = [c.value for c in sheet[2]]
    cell = sheet.cell(3, header.index("量化目标") + 1)
    assert str(cell.value).startswith("=SUM(A1)") and cell.data_type == "s" and cell.quotePrefix
    csv_text = client.get("/plans/due_plan?format=csv&table=tasks").get_data(as_text=True)
    assert "'=SUM(A1)" in csv_text
