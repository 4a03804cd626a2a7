"""督办 from returned Word lists: the agency's DOCX 任务清单, filled in and taken back.

Every list here is the viewer's own export (GET /agencies/<id>/tasks.docx) filled in with
python-docx, as an office that replies in Word would; imports go through the import page
as a signed-in editor, and through `python -m webui progress import` with XLSX and DOCX
files mixed. The rows are checked by the same code as the XLSX rows (test_progress.py
covers every check there); these tests show each kind of bad row is found in a Word
table too, named by the file and its table row (the header is row 1), and that a Word
file that is not an exported list is refused in one line.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
from flask.testing import FlaskClient

from graph.model import Document
from graph.store import Store
from tests._progress_fixtures import (
    CSRF_INPUT,
    Agencies,
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
from webui.__main__ import main
from webui.accounts import Accounts
from webui.supervision.assignments import Ledger
from webui.supervision.store import ProgressStore

# --- Word lists as an office fills them in ---------------------------------------------------


@dataclass
class WordList:
    """An exported DOCX list opened for filling in: rows as Word numbers them (the header
    row is 1), columns by heading."""

    document: Any
    name: str = "市工信局.docx"

    @property
    def table(self) -> Any:
        return self.document.tables[0]

    def column(self, heading: str) -> int:
        return [c.text for c in self.table.rows[0].cells].index(heading)

    def rows(self) -> list[int]:
        return list(range(2, len(self.table.rows) + 1))

    def cell(self, row: int, heading: str) -> Any:
        return self.table.rows[row - 1].cells[self.column(heading)]

    def get(self, row: int, heading: str) -> str:
        return str(self.cell(row, heading).text)

    def set(self, row: int, heading: str, value: str) -> None:
        self.cell(row, heading).text = value

    def fill(self, row: int, status: str, progress: str = "按计划推进", reported: str = "",
             note: str = "") -> None:
        for heading, value in (("完成状态", status), ("进展情况", progress),
                               ("报送日期", reported), ("备注", note)):
            self.set(row, heading, value)

    def line(self, starts: str) -> Any:
        """The paragraph outside the table that starts with `starts`."""
        return next(p for p in self.document.paragraphs if p.text.startswith(starts))

    def data(self) -> tuple[str, bytes]:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return self.name, buffer.getvalue()


def export_docx(client: FlaskClient, agency_id: str, name: str = "市工信局.docx") -> WordList:
    response = client.get(f"/agencies/{agency_id}/tasks.docx")
    assert response.status_code == 200
    return WordList(docx.Document(io.BytesIO(response.data)), name)


def key_of(graph: Store, agency_id: str, task_id: str) -> tuple[str, str]:
    """(task key, title) of a task `agency_id` holds, as an export would print them."""
    row = next(r for r in held_tasks(graph, agency_id) if r["task_id"] == task_id)
    return Ledger.from_records([row]).assignments[0].task.key, str(row["title"])


# --- returned Word lists ---------------------------------------------------------------------


def test_a_filled_in_word_list_is_imported_and_the_duban_page_shows_it(
        client: FlaskClient, agencies: Agencies, reports: ProgressStore) -> None:
    agency = agencies.main
    before = page_json(client, "/duban/")
    row_before = next(r for r in table_rows(before, "agencies") if r["agency_id"] == agency["id"])
    assert row_before["unreported"] == agency["tasks"] and row_before["overdue"] == 7

    word = export_docx(client, agency["id"])
    assert len(word.rows()) == agency["tasks"]
    done, going = word.rows()[0], word.rows()[2]  # tasks 001 and 003: both long due
    word.fill(done, "已完成", "已建成5G基站1.2万个", "2024-05-06", "见附件")
    word.fill(going, " 推进中 ", "完成规划编制", "2024年5月7日")
    response = upload(client, word.data())
    assert response.status_code == 200, text_of(response)[-800:]
    assert f"{word.name}:{agency['name']} 导入 2 条进展,0 条与已有记录相同" in text_of(response)

    kept = reports.latest()
    assert {(k, r.status, r.progress, r.reported, r.note, r.file) for (k, _), r in kept.items()} \
        == {(word.get(done, "任务编码"), "done", "已建成5G基站1.2万个", "2024-05-06", "见附件",
             word.name),
            (word.get(going, "任务编码"), "in_progress", "完成规划编制", "2024-05-07", "",
             word.name)}
    after = page_json(client, "/duban/")
    row = next(r for r in table_rows(after, "agencies") if r["agency_id"] == agency["id"])
    assert (row["done"], row["in_progress"], row["unreported"], row["overdue"]) == (
        1, 1, agency["tasks"] - 2, 6)

    # The same reply sent as the XLSX list: the same reports, so nothing is added.
    sheet = export(client, agency["id"], "同一份.xlsx")
    by_key = {sheet.get(r, "任务编码"): r for r in sheet.rows()}
    sheet.fill(by_key[word.get(done, "任务编码")], "已完成", "已建成5G基站1.2万个",
               "2024-05-06", "见附件")
    sheet.fill(by_key[word.get(going, "任务编码")], "推进中", "完成规划编制", "2024-05-07")
    again = upload(client, sheet)
    assert "同一份.xlsx:" in text_of(again) and "导入 0 条进展,2 条与已有记录相同" in text_of(again)


Mutation = Callable[[WordList, int, dict[str, str]], None]


def _other_agencys_task(word: WordList, row: int, other: dict[str, str]) -> None:
    word.set(row, "任务编码", other["key"])
    word.set(row, "任务", other["title"])


BAD_ROWS: dict[str, tuple[Mutation, str]] = {
    "unknown key": (lambda w, r, o: w.set(r, "任务编码", "0123456789ab-1-deadbeef"),
                    "未知的任务编码 0123456789ab-1-deadbeef"),
    "changed task text": (lambda w, r, o: w.set(r, "任务", w.get(r, "任务") + "(改)"),
                          "任务文字已改变"),
    "task of another agency": (_other_agencys_task, "不是{main}的任务"),
    "unknown status": (lambda w, r, o: w.set(r, "完成状态", "基本完成"),
                       "完成状态“基本完成”不是 未启动、推进中、已完成、滞后 之一"),
    "bad date": (lambda w, r, o: w.set(r, "报送日期", "2024-13-45"),
                 "报送日期“2024-13-45”不是日期"),
    "words for a date": (lambda w, r, o: w.set(r, "报送日期", "五月底"),
                         "报送日期“五月底”不是日期"),
    "future date": (lambda w, r, o: w.set(
        r, "报送日期", (date.today() + timedelta(days=30)).isoformat()), "晚于今天"),
}


@pytest.mark.parametrize("case", list(BAD_ROWS), ids=list(BAD_ROWS))
def test_a_bad_row_of_a_word_list_names_file_and_row_and_nothing_of_it_is_taken(
        client: FlaskClient, graph: Store, agencies: Agencies, reports: ProgressStore,
        case: str) -> None:
    change, message = BAD_ROWS[case]
    key, title = key_of(graph, agencies.other["id"], agencies.foreign_task)
    word = export_docx(client, agencies.main["id"], f"{case}.docx")
    good, bad = word.rows()[0], word.rows()[4]
    word.fill(good, "推进中", "正常填写的一行", "2024-05-06")
    word.fill(bad, "已完成", "有问题的一行", "2024-05-06")
    change(word, bad, {"key": key, "title": title})
    response = upload(client, word.data())
    assert response.status_code == 422
    html = text_of(response)
    message = message.format(main=agencies.main["name"])
    assert f"{case}.docx 第 {bad} 行:" in html and message in html, html[-1500:]
    assert f"{case}.docx:未导入,有 1 处错误" in html
    assert reports.latest() == {}


def _not_a_list() -> tuple[str, bytes]:
    document = docx.Document()
    document.add_paragraph("关于报送工作进展的函")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "任务", "完成状态"
    buffer = io.BytesIO()
    document.save(buffer)
    return "一封函.docx", buffer.getvalue()


def test_word_files_that_are_not_returned_lists_are_refused_in_one_line(
        client: FlaskClient, agencies: Agencies, reports: ProgressStore) -> None:
    main_agency, other = agencies.main, agencies.other
    retitled = export_docx(client, main_agency["id"], "换了单位.docx")
    retitled.line("单位:").text = f"单位:{other['name']}(常州市)"
    no_id = export_docx(client, main_agency["id"], "删了说明.docx")
    no_id.line("填写说明").text = "填写说明:按要求填写。"
    unknown = export_docx(client, main_agency["id"], "未知单位.docx")
    line = unknown.line("填写说明")
    line.text = line.text.replace(main_agency["id"], "ag-000000000000")
    cut = export_docx(client, main_agency["id"], "删了一列.docx")
    for word in (retitled, no_id, unknown, cut):
        word.fill(word.rows()[0], "推进中")
    cut.set(1, "完成状态", "状态")

    response = upload_json(client, retitled.data(), no_id.data(), unknown.data(), cut.data(),
                           _not_a_list(), ("旧格式.doc", b"\xd0\xcf\x11\xe0 not a package"),
                           ("坏文件.docx", b"PK\x03\x04 broken"))
    assert response.status_code == 422
    problems = {f["file"]: f["errors"] for f in response.get_json()["files"]}
    expected = {
        "换了单位.docx": (f"换了单位.docx:文中写的是“单位:{other['name']}(常州市)”,"
                      f"但本文件的单位编号 {main_agency['id']} 是“{main_agency['name']}(常州市)”"),
        "删了说明.docx": "删了说明.docx:文中“单位编号”一行缺少单位编号:不是本系统导出的任务清单",
        "未知单位.docx": (f"未知单位.docx:单位编号 ag-000000000000({main_agency['name']}(常州市))"
                      "在图谱中没有任务"),
        "删了一列.docx": "删了一列.docx:表头缺少列:完成状态",
        "一封函.docx": "一封函.docx:没有含“任务编码”列的表格:不是本系统导出的任务清单",
        "旧格式.doc": "旧格式.doc:无法读取为 Word (DOCX) 文件",
        "坏文件.docx": "坏文件.docx:无法读取为 Word (DOCX) 文件",
    }
    assert set(problems) == set(expected)
    for file, start in expected.items():
        assert len(problems[file]) == 1 and problems[file][0].startswith(start), problems[file]
        assert "\n" not in problems[file][0]
    assert reports.latest() == {}


def upload_json(client: FlaskClient, *files: tuple[str, bytes]) -> Any:
    """Post the files to the import page's JSON twin as a signed-in editor."""
    sign_in(client)
    token = CSRF_INPUT.search(text_of(client.get("/duban/import")))
    assert token
    return client.post("/duban/import?format=json", content_type="multipart/form-data", data={
        "csrf_token": token[1], "files": [(io.BytesIO(data), name) for name, data in files]})


# --- the command line: XLSX and DOCX mixed --------------------------------------------------


def test_the_command_line_takes_word_and_excel_lists_together(
        tmp_path: Path, seed_documents: list[Document], accounts: Accounts,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = store_of(dated(seed_documents), tmp_path)
    try:
        client = make_app(store, accounts, tmp_path).test_client()
        agency = run(store, "top_agencies", city="常州", limit=1)[0]
        word, bad_word = (export_docx(client, agency["id"], n) for n in ("回复.docx", "错.docx"))
        sheet = export(client, agency["id"], "回复.xlsx")
    finally:
        store.close()  # the command opens the graph itself (read-only)
    word.fill(word.rows()[0], "已完成", "Word 回复", "2024-05-06")
    bad_word.fill(bad_word.rows()[1], "已完成", reported="下周")
    sheet.fill(sheet.rows()[1], "推进中", "Excel 回复", "2024-05-07")
    paths = []
    for name, data in (word.data(), bad_word.data(), sheet.data(), _not_a_list()):
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    code = main(["progress", "import", *paths], {"GRAPH_PATH": str(tmp_path / "graph.lbdb")})
    out, err = capsys.readouterr()
    assert code == 1
    lines = out.splitlines()
    assert [line.split(":", 1)[0] for line in lines[:4]] == [
        "回复.docx", "错.docx", "回复.xlsx", "一封函.docx"]
    assert f"回复.docx:{agency['name']} 导入 1 条进展" in lines[0]
    assert lines[1] == "错.docx:未导入,有 1 处错误 (refused)"
    assert f"回复.xlsx:{agency['name']} 导入 1 条进展" in lines[2]
    assert lines[3] == "一封函.docx:未导入,有 1 处错误 (refused)"
    assert "Error: 错.docx 第 3 行:报送日期“下周”不是日期" in err
    assert "Error: 一封函.docx:没有含“任务编码”列的表格" in err
    kept = ProgressStore(tmp_path / "progress.sqlite3").latest()
    assert sorted((r.progress, r.file) for r in kept.values()) == [
        ("Excel 回复", "回复.xlsx"), ("Word 回复", "回复.docx")]


def test_the_import_page_offers_word_files(client: FlaskClient) -> None:
    sign_in(client)
    html = text_of(client.get("/duban/import"))
    assert 'accept=".xlsx,.docx' in html and "Word" in html
