"""督办: the task lists the viewer sends out, filled in as an office would, and taken back.

Every sheet here is made by the viewer's own export (GET /agencies/<id>/tasks.xlsx) and
filled in with openpyxl; imports go through the import page as a signed-in editor (Flask
test client, real CSRF tokens) or through `python -m webui progress import`. The graph is
the five seed plans, read by the real loaders, with deadlines given to the 常州 plan's tasks
(every other one long past), since the deadline reader is another part's work.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from flask.testing import FlaskClient

from graph.model import Document
from graph.store import Store
from loaders.pipeline import read_plans
from tests._graph_fixtures import revised
from tests._progress_fixtures import (
    CHANGZHOU,
    CSRF_INPUT,
    EDITOR,
    FORMULA_PLAN,
    PAST,
    REPLY,
    Agencies,
    Sheet,
    dated,
    export,
    held_tasks,
    make_app,
    page_json,
    run,
    sign_in,
    store_of,
    table_rows,
    text_of,
    upload,
)
from webui import create_app, db
from webui.__main__ import main
from webui.accounts import Accounts
from webui.labels import COLUMN_LABELS
from webui.supervision.assignments import QUERY, Ledger
from webui.supervision.keys import KEY, parse_key, plan_part, task_key
from webui.supervision.store import ProgressStore
from webui.supervision.summary import GONE_TASK
from webui.supervision.vocabulary import vocabulary

# --- the list that goes out ----------------------------------------------------------------


def test_the_xlsx_list_carries_task_keys_its_agency_and_reply_columns(
        client: FlaskClient, graph: Store, agencies: Agencies) -> None:
    agency = agencies.main
    sheet = export(client, agency["id"])
    headings = [c.value for c in sheet.sheet[2]]
    assert tuple(headings[-5:]) == REPLY and headings[:4] == ["方案", "章节", "序号", "任务"]
    keys = [sheet.get(r, "任务编码") for r in sheet.rows()]
    task_ids = [sheet.get(r, "任务编号") for r in sheet.rows()]
    assert len(keys) == agency["tasks"] == len(set(keys))
    assert all(KEY.fullmatch(k) for k in keys) and not set(keys) & set(task_ids)
    held = {r["task_id"]: r for r in held_tasks(graph, agency["id"])}
    for key, task_id in zip(keys, task_ids, strict=True):  # plan part + number + title
        parsed = parse_key(key)
        assert parsed and parsed.no == held[task_id]["no"]
    for row in sheet.rows():  # the reply is left to the agency
        assert [sheet.get(row, h) for h in REPLY[1:]] == [None] * 4
    assert keys == [export(client, agency["id"]).get(r, "任务编码") for r in sheet.rows()]

    meta = sheet.book["报送信息"]
    assert meta.sheet_state == "hidden"
    assert dict(meta.iter_rows(values_only=True)) == {
        "格式": "责任图谱任务清单 v1", "单位编号": agency["id"], "单位": agency["name"],
        "城市": "常州市", "导出日期": date.today().isoformat()}
    status_letter = openpyxl.utils.get_column_letter(sheet.column("完成状态"))
    dropdown = [v for v in sheet.sheet.data_validations.dataValidation if v.type == "list"]
    assert [v.formula1 for v in dropdown] == ['"未启动,推进中,已完成,滞后"']
    assert str(dropdown[0].sqref) == f"{status_letter}3:{status_letter}{sheet.sheet.max_row}"
    cells = [c for ws in sheet.book.worksheets for line in ws.iter_rows() for c in line]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_the_docx_list_has_the_same_reply_columns_and_keys(
        client: FlaskClient, agencies: Agencies) -> None:
    sheet = export(client, agencies.main["id"])
    keys = {sheet.get(r, "任务编码") for r in sheet.rows()}
    response = client.get(f"/agencies/{agencies.main['id']}/tasks.docx")
    document = docx.Document(io.BytesIO(response.data))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert tuple(header[-5:]) == REPLY
    assert {row.cells[-5].text for row in table.rows[1:]} == keys
    assert {row.cells[-3].text for row in table.rows[1:]} == {""}
    assert agencies.main["id"] in document.paragraphs[-1].text


def test_a_task_key_is_its_plan_number_and_title_not_its_position(
        tmp_path: Path, seed_documents: list[Document], graph: Store) -> None:
    changzhou = next(d for d in seed_documents if d.id == CHANGZHOU)
    plan = plan_part(changzhou.issuer, changzhou.doc_number, changzhou.fingerprint)
    assert plan == plan_part(" 常州市人民政府办公室", "常政办发〔2022〕76号 ", "other text")
    assert plan != plan_part(None, changzhou.doc_number, changzhou.fingerprint)  # needs issuer
    assert task_key(plan, "(三)", "推进 5G") == task_key(plan, "（三）", "推进5G")
    key = task_key(plan, "1", "推进5G")
    assert parse_key(f" {key} ") == parse_key(key) and parse_key(key[:-1]) is None

    # The same plan under another file name, in a graph of its own: other task ids, same keys.
    copy = replace(changzhou, doc="常州-重新保存.txt",
                   tasks=[replace(t, deadline=None) for t in changzhou.tasks])
    with closing(store_of([copy], tmp_path)) as other:
        renamed = Ledger.from_records(run(other, QUERY))
    before = Ledger.from_records(run(graph, QUERY, doc=CHANGZHOU))
    assert {a.task.task_id for a in before.assignments}.isdisjoint(
        a.task.task_id for a in renamed.assignments)
    assert set(before.by_key) == set(renamed.by_key)

    # A plan without 文号 is known by its fingerprint: spacing and line breaks do not count.
    zhangzhou = next(d for d in seed_documents if d.id.startswith("003_"))
    assert not zhangzhou.doc_number
    respaced = replace(zhangzhou, text=zhangzhou.text.replace("。", "。\n  "))
    assert respaced.sha256 != zhangzhou.sha256
    assert plan_part(None, None, respaced.fingerprint) == plan_part(
        zhangzhou.issuer, None, zhangzhou.fingerprint)


def test_the_statuses_read_alike_on_pages_and_sheets() -> None:
    words = vocabulary()
    assert list(words.statuses.values()) == ["未启动", "推进中", "已完成", "滞后"]
    for code, word in words.statuses.items():
        assert COLUMN_LABELS[code] == word
    assert COLUMN_LABELS["unreported"] == words.unreported
    assert words.status_code(" 已 完成") == "done" and words.status_code("完成") is None


def test_agency_plan_and_task_pages_lead_to_their_duban_pages(
        client: FlaskClient, graph: Store, agencies: Agencies) -> None:
    agency_id = agencies.main["id"]
    assert f'href="/duban/agencies/{agency_id}"' in text_of(client.get(f"/agencies/{agency_id}"))
    assert f'href="/duban/plans/{CHANGZHOU}"' in text_of(client.get(f"/plans/{CHANGZHOU}"))
    task_id = f"{CHANGZHOU}-001"
    assert f'href="/duban/by-task/{task_id}"' in text_of(client.get(f"/tasks/{task_id}"))
    found = client.get(f"/duban/by-task/{task_id}")
    key = Ledger.from_records(run(graph, QUERY, doc=CHANGZHOU)).assignments[0].task.key
    assert found.status_code == 302 and found.headers["Location"] == f"/duban/tasks/{key}"
    holders = page_json(client, found.headers["Location"])
    assert {r["agency_id"] for r in table_rows(holders, "holders")} == {
        r["agency_id"] for r in run(graph, QUERY, doc=CHANGZHOU) if r["task_id"] == task_id}
    plan = page_json(client, f"/duban/plans/{CHANGZHOU}")
    assert len(table_rows(plan, "unreported")) == len(run(graph, QUERY, doc=CHANGZHOU))
    assert {r["deadline"] for r in table_rows(plan, "overdue")} == {PAST}
    for missing in ("/duban/plans/nothing", "/duban/agencies/ag-000000000000",
                    "/duban/tasks/0123456789ab-1-deadbeef", "/duban/by-task/nothing-001"):
        assert client.get(missing).status_code == 404, missing


def test_the_duban_page_narrows_to_one_city(client: FlaskClient, graph: Store) -> None:
    every = page_json(client, "/duban/")
    assert len(table_rows(every, "plans")) == 5
    one = page_json(client, "/duban/", city="常州市")
    assert [r["doc_id"] for r in table_rows(one, "plans")] == [CHANGZHOU]
    assert {r["city"] for r in table_rows(one, "agencies")} == {"常州市"}
    assert one["assignments"] == len(run(graph, QUERY, doc=CHANGZHOU))
    assert client.get("/duban/?city=无此市").status_code == 400


def test_a_viewer_without_a_progress_file_shows_assignments_only(graph: Store) -> None:
    client = create_app(store=graph, test_config={"TESTING": True}).test_client()
    html = text_of(client.get("/duban/"))
    assert "此查看器没有督办记录文件" in html and "各单位进展" in html
    assert page_json(client, "/duban/")["reported"] == 0


# --- returned sheets -------------------------------------------------------------------------


def test_a_filled_in_sheet_is_imported_and_the_duban_page_shows_it(
        client: FlaskClient, graph: Store, agencies: Agencies, reports: ProgressStore,
        accounts: Accounts) -> None:
    agency = agencies.main
    before = page_json(client, "/duban/")
    row_before = next(r for r in table_rows(before, "agencies") if r["agency_id"] == agency["id"])
    assert row_before["unreported"] == agency["tasks"] == row_before["assignments"]
    assert row_before["overdue"] == 7  # positions 0, 2, 4, 6, 10, 12, 18 of the plan

    sheet = export(client, agency["id"])
    done, going = sheet.rows()[0], sheet.rows()[2]  # tasks 001 and 003: both long due
    sheet.fill(done, "已完成", "已建成5G基站1.2万个", datetime(2024, 5, 6), "见附件")
    sheet.fill(going, " 推进中 ", "完成规划编制", "2024/5/7")
    response = upload(client, sheet)
    assert response.status_code == 200, text_of(response)
    assert f"{sheet.name}:{agency['name']} 导入 2 条进展" in text_of(response)

    after = page_json(client, "/duban/")
    row = next(r for r in table_rows(after, "agencies") if r["agency_id"] == agency["id"])
    assert (row["done"], row["in_progress"], row["unreported"], row["overdue"]) == (
        1, 1, agency["tasks"] - 2, 6)
    plan = next(r for r in table_rows(after, "plans") if r["doc_id"] == CHANGZHOU)
    assert plan["done"] == 1 and plan["in_progress"] == 1
    overdue = {(r["task_id"], r["agency_id"]) for r in table_rows(after, "overdue")}
    done_id, going_id = sheet.get(done, "任务编号"), sheet.get(going, "任务编号")
    assert (done_id, agency["id"]) not in overdue and (going_id, agency["id"]) in overdue

    kept = reports.latest()
    key = sheet.get(done, "任务编码")
    assert {(k, r.status, r.reported, r.imported_by) for (k, _), r in kept.items()} == {
        (key, "done", "2024-05-06", EDITOR),
        (sheet.get(going, "任务编码"), "in_progress", "2024-05-07", EDITOR)}
    mine = page_json(client, f"/duban/agencies/{agency['id']}")
    reported = {r["task_id"]: r for r in table_rows(mine, "reported")}
    assert reported[done_id]["completion"] == "已完成"
    assert reported[done_id]["progress"] == "已建成5G基站1.2万个"
    assert len(table_rows(mine, "unreported")) == agency["tasks"] - 2
    history = text_of(client.get(f"/duban/tasks/{key}"))
    assert "已建成5G基站1.2万个" in history and EDITOR in history and "2024-05-06" in history
    assert f'href="/tasks/{done_id}"' in history
    assert any(e.action == "progress.import" and e.target == sheet.name
               for e in accounts.entries())


def test_importing_a_sheet_again_adds_nothing(client: FlaskClient, agencies: Agencies,
                                              reports: ProgressStore) -> None:
    sheet = export(client, agencies.main["id"])
    sheet.fill(sheet.rows()[0], "推进中")
    assert upload(client, sheet).status_code == 200
    again = upload(client, sheet)
    assert again.status_code == 200 and "导入 0 条进展,1 条与已有记录相同" in text_of(again)
    key = sheet.get(sheet.rows()[0], "任务编码")
    assert len(reports.history(key)) == 1


def test_every_report_is_kept_as_history(client: FlaskClient, agencies: Agencies,
                                         reports: ProgressStore) -> None:
    first = export(client, agencies.main["id"], "五月.xlsx")
    row = first.rows()[0]
    first.fill(row, "推进中", "五月进展", "2024-05-31")
    assert upload(client, first).status_code == 200
    second = export(client, agencies.main["id"], "六月.xlsx")
    second.fill(row, "已完成", "六月完成", "2024-06-30")
    assert upload(client, second).status_code == 200
    key, task_id = first.get(row, "任务编码"), first.get(row, "任务编号")
    history = reports.history(key)
    assert [(r.status, r.progress, r.file, r.imported_by) for r in history] == [
        ("done", "六月完成", "六月.xlsx", EDITOR), ("in_progress", "五月进展", "五月.xlsx", EDITOR)]
    page = page_json(client, f"/duban/tasks/{key}")
    assert [r["progress"] for r in table_rows(page, "history")] == ["六月完成", "五月进展"]
    holder = next(r for r in table_rows(page, "holders")
                  if r["agency_id"] == agencies.main["id"])
    assert holder["completion"] == "已完成"
    overdue = table_rows(page_json(client, "/duban/"), "overdue")
    assert (task_id, agencies.main["id"]) not in {(r["task_id"], r["agency_id"]) for r in overdue}


Mutation = Callable[[Sheet, int, dict[str, Any]], None]


def _other_agencys_task(sheet: Sheet, row: int, other: dict[str, Any]) -> None:
    sheet.set(row, "任务编码", other["key"])
    sheet.set(row, "任务", other["title"])


def _duplicate(sheet: Sheet, row: int, other: dict[str, Any]) -> None:
    sheet.set(row, "任务编码", sheet.get(3, "任务编码"))
    sheet.set(row, "任务", sheet.get(3, "任务"))


def _number_date(sheet: Sheet, row: int, other: dict[str, Any]) -> None:
    """A date typed as digits into a cell that is no longer formatted as a date."""
    sheet.set(row, "报送日期", 20240506)
    sheet.sheet.cell(row, sheet.column("报送日期")).number_format = "General"


BAD_ROWS: dict[str, tuple[Mutation, str]] = {
    "unknown key": (lambda s, r, o: s.set(r, "任务编码", "0123456789ab-1-deadbeef"),
                    "未知的任务编码 0123456789ab-1-deadbeef"),
    "not a key": (lambda s, r, o: s.set(r, "任务编码", "第一项"), "不是本系统的任务编码"),
    "changed task text": (lambda s, r, o: s.set(r, "任务", str(s.get(r, "任务")) + "(改)"),
                          "任务文字已改变"),
    "task of another agency": (_other_agencys_task, "不是{main}的任务"),
    "unknown status": (lambda s, r, o: s.set(r, "完成状态", "完成"),
                       "完成状态“完成”不是 未启动、推进中、已完成、滞后 之一"),
    "no status": (lambda s, r, o: s.set(r, "完成状态", None), "完成状态未填写"),
    "bad date": (lambda s, r, o: s.set(r, "报送日期", "2024-13-45"),
                 "报送日期“2024-13-45”不是日期"),
    "words for a date": (lambda s, r, o: s.set(r, "报送日期", "下周一"), "不是日期"),
    "number for a date": (_number_date, "报送日期“20240506”不是日期"),
    "future date": (lambda s, r, o: s.set(r, "报送日期", date.today() + timedelta(days=30)),
                    "晚于今天"),
    "duplicate row": (_duplicate, "与第 3 行重复"),
}


@pytest.mark.parametrize("case", list(BAD_ROWS), ids=list(BAD_ROWS))
def test_a_bad_row_names_file_and_row_and_nothing_of_its_sheet_is_taken(
        client: FlaskClient, graph: Store, agencies: Agencies, reports: ProgressStore,
        case: str) -> None:
    change, message = BAD_ROWS[case]
    other = next(r for r in held_tasks(graph, agencies.other["id"])
                 if r["task_id"] == agencies.foreign_task)
    other_key = Ledger.from_records([other]).assignments[0].task.key
    sheet = export(client, agencies.main["id"], f"{case}.xlsx")
    good, bad = sheet.rows()[0], sheet.rows()[4]
    sheet.fill(good, "推进中", "正常填写的一行", "2024-05-06")
    sheet.fill(bad, "已完成", "有问题的一行", "2024-05-06")
    change(sheet, bad, {"key": other_key, "title": other["title"]})
    response = upload(client, sheet)
    assert response.status_code == 422
    html = text_of(response)
    message = message.format(main=agencies.main["name"])
    assert f"{case}.xlsx 第 {bad} 行:" in html and message in html, html[-1500:]
    assert f"{case}.xlsx:未导入,有 1 处错误" in html
    assert reports.latest() == {}
    assert "正常填写的一行" not in text_of(client.get(f"/duban/agencies/{agencies.main['id']}"))


def test_a_refused_sheet_does_not_stop_the_others(client: FlaskClient, agencies: Agencies,
                                                  reports: ProgressStore) -> None:
    good = export(client, agencies.main["id"], "good.xlsx")
    good.fill(good.rows()[1], "滞后", "资金未到位")
    bad = export(client, agencies.main["id"], "bad.xlsx")
    bad.fill(bad.rows()[2], "完了")
    response = upload(client, good, bad)
    assert response.status_code == 422
    html = text_of(response)
    assert f"good.xlsx:{agencies.main['name']} 导入 1 条进展" in html
    assert "bad.xlsx 第 5 行:完成状态“完了”不是" in html
    assert [r.status for r in reports.latest().values()] == ["late"]
    answer = client.post("/duban/import?format=json", content_type="multipart/form-data",
                         data={"csrf_token": CSRF_INPUT.search(text_of(
                             client.get("/duban/import")))[1],  # type: ignore[index]
                               "files": [(io.BytesIO(bad.data()[1]), "bad.xlsx")]})
    assert answer.status_code == 422
    assert answer.get_json()["files"][0]["errors"] == [
        "bad.xlsx 第 5 行:完成状态“完了”不是 未启动、推进中、已完成、滞后 之一 (unknown status)"]


def test_a_sheet_of_another_agency_than_it_says_is_refused(
        client: FlaskClient, agencies: Agencies, reports: ProgressStore) -> None:
    relabelled = export(client, agencies.main["id"], "换了编号.xlsx")
    relabelled.book["报送信息"]["B2"] = agencies.other["id"]  # the title still says 市工信局
    relabelled.fill(relabelled.rows()[0], "推进中")
    retitled = export(client, agencies.main["id"], "换了表头.xlsx")
    retitled.sheet["A1"] = f"任务清单:{agencies.other['name']}(常州市)"
    retitled.fill(retitled.rows()[0], "推进中")
    unknown = export(client, agencies.main["id"], "未知单位.xlsx")
    unknown.book["报送信息"]["B2"] = "ag-000000000000"
    unknown.fill(unknown.rows()[0], "推进中")
    response = upload(client, relabelled, retitled, unknown)
    assert response.status_code == 422
    html = text_of(response)
    assert (f"换了编号.xlsx:表头写的是“任务清单:{agencies.main['name']}(常州市)”,但本表的单位编号 "
            f"{agencies.other['id']} 是“{agencies.other['name']}(常州市)”") in html
    assert "换了表头.xlsx:表头写的是“任务清单:" + agencies.other["name"] in html
    assert (f"未知单位.xlsx:单位编号 ag-000000000000({agencies.main['name']})在图谱中没有任务"
            in html)
    assert reports.latest() == {}


def test_files_that_are_not_returned_lists_are_refused(client: FlaskClient, agencies: Agencies,
                                                       reports: ProgressStore) -> None:
    plain = openpyxl.Workbook()
    plain.active.append(["任务编码", "完成状态"])  # type: ignore[union-attr]
    buffer = io.BytesIO()
    plain.save(buffer)
    cut = export(client, agencies.main["id"], "删了一列.xlsx")
    cut.sheet.delete_cols(cut.column("完成状态"))
    response = upload(client, ("文本.xlsx", "不是表格".encode()), ("自制.xlsx", buffer.getvalue()),
                      cut)
    assert response.status_code == 422
    html = text_of(response)
    assert "文本.xlsx:无法读取为 Excel (XLSX) 文件" in html
    assert "自制.xlsx:没有“报送信息”表:不是本系统导出的任务清单" in html
    assert "删了一列.xlsx:表头缺少列:完成状态" in html
    assert reports.latest() == {}


def test_only_editors_import(client: FlaskClient, agencies: Agencies,
                             reports: ProgressStore) -> None:
    assert client.get("/duban/import").headers["Location"].startswith("/login?")
    sheet = export(client, agencies.main["id"])
    sheet.fill(sheet.rows()[0], "已完成")
    name, data = sheet.data()
    refused = client.post("/duban/import", content_type="multipart/form-data",
                          data={"files": [(io.BytesIO(data), name)]})
    assert refused.status_code == 403
    sign_in(client)
    no_token = client.post("/duban/import", content_type="multipart/form-data",
                           data={"files": [(io.BytesIO(data), name)]})
    assert no_token.status_code == 400  # CSRF
    assert reports.latest() == {}


def test_progress_text_is_shown_as_text_and_exported_inert(
        client: FlaskClient, agencies: Agencies) -> None:
    sheet = export(client, agencies.main["id"])
    sheet.fill(sheet.rows()[0], "推进中", "<script>alert(1)</script>完成", None,
               '=HYPERLINK("http://evil.example","x")')
    sheet.sheet.cell(sheet.rows()[0], sheet.column("备注")).data_type = "s"  # typed as text
    assert upload(client, sheet).status_code == 200
    key = sheet.get(sheet.rows()[0], "任务编码")
    html = text_of(client.get(f"/duban/tasks/{key}"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;完成" in html and "<script>alert" not in html
    csv = client.get(f"/duban/tasks/{key}", query_string={"format": "csv", "table": "history"})
    assert "'=HYPERLINK" in csv.data.decode("utf-8-sig")


# --- reloads, revisions, the command line ------------------------------------------------------


def test_reports_survive_reloading_the_plan_while_the_task_still_matches(
        tmp_path: Path, seed_documents: list[Document], accounts: Accounts) -> None:
    documents = dated(seed_documents)
    changzhou = next(d for d in documents if d.id == CHANGZHOU)
    store = store_of(documents, tmp_path)
    try:
        app = make_app(store, accounts, tmp_path)
        client = app.test_client()
        agency = run(store, "top_agencies", city="常州", limit=1)[0]
        sheet = export(client, agency["id"])
        first, later = sheet.rows()[0], sheet.rows()[3]  # tasks 001 and 004
        sheet.fill(first, "推进中", "第一项进展")
        sheet.fill(later, "已完成", "第四项完成")
        assert upload(client, sheet).status_code == 200
        first_key = sheet.get(first, "任务编码")

        with app.app_context():  # the same plan loaded again: every report still matches
            result = db.write(lambda s: s.load([changzhou], force=True))
        assert result.replaced == [CHANGZHOU]
        page = page_json(client, "/duban/")
        assert table_rows(page, "unmatched") == []
        mine = page_json(client, f"/duban/agencies/{agency['id']}")
        assert {r["progress"] for r in table_rows(mine, "reported")} == {"第一项进展", "第四项完成"}

        # A revision (same issuer and 文号): task 001 retitled, the last task dropped.
        with app.app_context():
            db.write(lambda s: s.load([revised(changzhou)]))
        page = page_json(client, "/duban/")
        gone = table_rows(page, "unmatched")
        assert [(r["task_key"], r["completion"], r["reason"]) for r in gone] == [
            (first_key, "推进中", GONE_TASK)]
        mine = page_json(client, f"/duban/agencies/{agency['id']}")
        assert {r["progress"] for r in table_rows(mine, "reported")} == {"第四项完成"}
        history = text_of(client.get(f"/duban/tasks/{first_key}"))
        assert "不再匹配" in history and "第一项进展" in history
        assert "不再匹配的进展" in text_of(client.get("/duban/"))

        again = upload(client, sheet)  # the old sheet: task 001 now reads otherwise
        assert again.status_code == 422
        assert f"第 {first} 行:任务已变更" in text_of(again)
    finally:
        store.close()


def test_the_command_line_imports_several_files_and_refuses_bad_ones(
        tmp_path: Path, seed_documents: list[Document], accounts: Accounts,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = store_of(dated(seed_documents), tmp_path)
    try:
        client = make_app(store, accounts, tmp_path).test_client()
        agency = run(store, "top_agencies", city="常州", limit=1)[0]
        good, bad = export(client, agency["id"], "good.xlsx"), export(client, agency["id"])
    finally:
        store.close()  # the command opens the graph itself (read-only)
    good.fill(good.rows()[0], "已完成", "命令行导入", "2024-05-06")
    bad.fill(bad.rows()[1], "已完成", reported="五月")
    paths = []
    for name, sheet in (("good.xlsx", good), ("bad.xlsx", bad)):
        (tmp_path / name).write_bytes(sheet.data()[1])
        paths.append(str(tmp_path / name))
    environ = {"GRAPH_PATH": str(tmp_path / "graph.lbdb")}
    code = main(["progress", "import", *paths, str(tmp_path / "missing.xlsx")], environ)
    out, err = capsys.readouterr()
    assert code == 1
    assert f"good.xlsx:{agency['name']} 导入 1 条进展" in out
    assert "Error: bad.xlsx 第 4 行:报送日期“五月”不是日期" in err
    assert "missing.xlsx: cannot read it" in err
    kept = ProgressStore(tmp_path / "progress.sqlite3").latest()
    assert [(r.progress, r.imported_by, r.file) for r in kept.values()] == [
        ("命令行导入", "cli", "good.xlsx")]
    assert main(["progress", "import", paths[0], "--who", "li.na"], environ) == 0
    assert "导入 0 条进展,1 条与已有记录相同" in capsys.readouterr().out
    assert {(e.who, e.target) for e in accounts.entries() if e.action == "progress.import"} \
        >= {("cli", "good.xlsx"), ("cli", "bad.xlsx"), ("li.na", "good.xlsx")}


def test_formula_like_titles_go_out_as_text_and_come_back(
        tmp_path: Path, accounts: Accounts) -> None:
    report = read_plans([FORMULA_PLAN])
    store = store_of(report.documents, tmp_path)
    try:
        client = make_app(store, accounts, tmp_path).test_client()
        agency = run(store, "top_agencies", city="苏州", limit=1)[0]
        sheet = export(client, agency["id"], "公式.xlsx")
        titles = {sheet.get(r, "任务") for r in sheet.rows()}
        assert any(str(t).startswith("=") for t in titles)
        for row in sheet.rows():
            sheet.fill(row, "未启动")
        response = upload(client, sheet)
        assert response.status_code == 200, text_of(response)[-800:]
        assert f"导入 {len(titles)} 条进展" in text_of(response)
    finally:
        store.close()
