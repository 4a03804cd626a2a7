"""The 督办 tests' graph, sheets and steps: the seed plans with deadlines on the 常州 plan,
the viewer's exported lists filled in as an office would, and signing in and uploading
through the import page (tests/progress/)."""


from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import openpyxl
from flask import Flask
from flask.testing import FlaskClient
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from queries.catalog import load_catalog
from webui import create_app
from webui.accounts import Accounts
from webui.supervision.assignments import QUERY

PASSWORD = "correct horse battery"
EDITOR = "张伟"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
CHANGZHOU = "000_29c4f374f04b8484"  # the one seed plan that prints its issuer and 文号
PAST, FUTURE = "2020-10-31", "2099-12-31"
REPLY = ("任务编码", "进展情况", "完成状态", "报送日期", "备注")
FORMULA_PLAN = Path(__file__).with_name("fixtures") / "formula_plan.txt"


# --- the graph, the editor, the app --------------------------------------------------------


def dated(documents: list[Document]) -> list[Document]:
    """The plans with deadlines on the 常州 plan: even positions long past, odd far ahead."""
    return [replace(d, tasks=[replace(t, deadline=PAST if t.position % 2 == 0 else FUTURE)
                              for t in d.tasks]) if d.id == CHANGZHOU else d
            for d in documents]


def store_of(documents: list[Document], folder: Path) -> Store:
    store = open_store(Settings(path=folder / "graph.lbdb"))
    store.load(documents)
    return store


def make_app(store: Store, accounts: Accounts, folder: Path) -> Flask:
    return create_app(store=store, test_config={
        "TESTING": True, "ACCOUNTS_PATH": accounts.path, "STORE_EXCLUSIVE": True,
        "PROGRESS_PATH": folder / "progress.sqlite3"})


def run(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    columns, rows = load_catalog()[name].run(store, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


@dataclass(frozen=True)
class Agencies:
    """常州's 市工信局 (13 tasks of one plan), and an agency with a task it does not hold."""

    main: dict[str, Any]
    other: dict[str, Any]
    foreign_task: str  # a task id of `other`'s that `main` does not hold


def agencies_of(graph: Store) -> Agencies:
    main_agency = run(graph, "top_agencies", city="常州", limit=1)[0]
    rows = run(graph, QUERY, doc=CHANGZHOU)
    held = {r["task_id"] for r in rows if r["agency_id"] == main_agency["id"]}
    foreign = next(r for r in rows if r["task_id"] not in held
                   and r["agency_id"] != main_agency["id"])
    other = {"id": foreign["agency_id"], "name": foreign["agency"], "city": foreign["city"]}
    return Agencies(main_agency, other, foreign["task_id"])


# --- sheets as an office fills them in ---------------------------------------------------


@dataclass
class Sheet:
    """An exported list opened for filling in: rows by task id, columns by heading."""

    book: Workbook
    name: str = "市工信局.xlsx"

    @property
    def sheet(self) -> Worksheet:
        found = self.book.worksheets[0]
        return found

    def column(self, heading: str) -> int:
        return [c.value for c in self.sheet[2]].index(heading) + 1

    def row_of(self, task_id: str) -> int:
        at = self.column("任务编号")
        return next(r for r in range(3, self.sheet.max_row + 1)
                    if self.sheet.cell(r, at).value == task_id)

    def rows(self) -> list[int]:
        return list(range(3, self.sheet.max_row + 1))

    def get(self, row: int, heading: str) -> Any:
        return self.sheet.cell(row, self.column(heading)).value

    def set(self, row: int, heading: str, value: Any) -> None:
        self.sheet.cell(row, self.column(heading)).value = value

    def fill(self, row: int, status: str | None, progress: str = "按计划推进",
             reported: Any = None, note: str = "") -> None:
        for heading, value in (("完成状态", status), ("进展情况", progress),
                               ("报送日期", reported), ("备注", note)):
            self.set(row, heading, value)

    def data(self) -> tuple[str, bytes]:
        buffer = io.BytesIO()
        self.book.save(buffer)
        return self.name, buffer.getvalue()


def export(client: FlaskClient, agency_id: str, name: str = "市工信局.xlsx") -> Sheet:
    response = client.get(f"/agencies/{agency_id}/tasks.xlsx")
    assert response.status_code == 200
    return Sheet(openpyxl.load_workbook(io.BytesIO(response.data)), name)


def sign_in(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = CSRF_INPUT.search(page)
    assert token
    response = client.post("/login", data={"name": EDITOR, "password": PASSWORD,
                                           "csrf_token": token[1]})
    assert response.status_code == 302


def upload(client: FlaskClient, *sheets: Sheet | tuple[str, bytes]) -> Any:
    """Post the sheets to the import page as a signed-in editor."""
    sign_in(client)
    token = CSRF_INPUT.search(client.get("/duban/import").get_data(as_text=True))
    assert token, "the import form carries a CSRF token"
    files = [s.data() if isinstance(s, Sheet) else s for s in sheets]
    return client.post("/duban/import", content_type="multipart/form-data", data={
        "csrf_token": token[1], "files": [(io.BytesIO(data), name) for name, data in files]})


def text_of(response: Any) -> str:
    return str(response.get_data(as_text=True))


def page_json(client: FlaskClient, url: str, **args: str) -> dict[str, Any]:
    response = client.get(url, query_string={**args, "format": "json"})
    assert response.status_code == 200, text_of(response)[-300:]
    data: dict[str, Any] = response.get_json()
    return data


def table_rows(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = data["tables"][table]["rows"]
    return rows


def held_tasks(graph: Store, agency_id: str) -> list[dict[str, Any]]:
    return run(graph, QUERY, agency=agency_id)
