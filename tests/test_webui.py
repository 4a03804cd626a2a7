"""The viewer through Flask's test client, on the seed plans loaded by the real loaders.

Pages, their CSV/JSON twins, exports (opened with openpyxl and python-docx and compared
with the store), error pages, the read-only console, and hostile document text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

import docx
import openpyxl
import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.errors import StoreError
from graph.settings import Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import load_catalog
from webui import create_app
from webui.__main__ import ensure_plans, plan_count

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
HOSTILE_PLAN = Path(__file__).with_name("fixtures") / "hostile_plan.txt"
API_DOC = ROOT / "README.md"
# What the hostile plan puts in task text and unit names.
PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
            "<svg onload=alert(3)>", "</script><script>alert(5)</script>")
# Markup that would run if a payload reached the page unescaped.
LIVE_MARKUP = re.compile(r"<script>alert|<img src=x|<svg onload|<b onmouseover|<imgsrc")
# Named queries the pages depend on, with the columns they read.
WEBUI_QUERIES = ("overview", "sectors", "agency_detail", "agency_partners", "agency_evidence",
                 "task_info", "task_assignments", "plan_info", "tasks", "network_edges")


def run(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    columns, rows = load_catalog()[name].run(store, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def load_store(paths: list[Path], folder: Path) -> Store:
    """A fresh embedded store holding the plans under `paths`, read by the real loaders."""
    report = read_plans(paths)
    assert not report.failures, report.failures
    store = open_store(Settings(path=folder / "graph.lbdb"))
    store.load(report.documents)
    return store


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = load_store([SAMPLES, HOSTILE_PLAN], tmp_path_factory.mktemp("hostile"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def hostile_client(hostile_store: Store) -> FlaskClient:
    return create_app(store=hostile_store, test_config={"TESTING": True}).test_client()


def pages(ids: dict[str, str]) -> list[str]:
    return ["/", "/?sector=&kind=&role=lead", "/search?q=工信", "/agencies/",
            f"/agencies/{ids['agency']}", f"/agencies/{ids['agency']}/print", "/tasks/",
            f"/tasks/{ids['task']}", "/plans/", f"/plans/{ids['plan']}", "/sectors/",
            f"/sectors/{ids['sector']}", f"/sectors/{quote('千兆光网/双千兆')}", "/network",
            "/network?mode=agencies", f"/network?agency={ids['agency']}&limit=10",
            "/query/", "/query/top_agencies", "/query/cypher",
            "/query/cypher?q=MATCH (t:Task) RETURN count(t) AS tasks",
            "/checks/", "/checks/agencies", f"/checks/plan/{ids['plan']}",
            f"/checks/agency/{ids['agency']}", "/checks/no_deadline",
            f"/evidence/?agency={ids['agency']}&sector=5G"]


def text_of(response: Any) -> str:
    return response.get_data(as_text=True)


# --- pages and twins -----------------------------------------------------------------


def test_every_page_renders(client: FlaskClient, ids: dict[str, str]) -> None:
    for url in pages(ids):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "text/html", url
        assert "Traceback" not in text_of(response), url


def test_pages_load_nothing_from_other_hosts(client: FlaskClient, ids: dict[str, str]) -> None:
    for url in pages(ids):
        html = text_of(client.get(url))
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), url


def test_security_headers_forbid_inline_and_foreign_scripts(client: FlaskClient) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("path", ["/", "/agencies/", "/tasks/", "/plans/", "/sectors/"])
def test_lists_have_csv_and_json_twins(client: FlaskClient, path: str) -> None:
    page = client.get(path + "?format=json").get_json()
    for name, table in page["tables"].items():
        rows = list(csv.reader(io.StringIO(text_of(
            client.get(f"{path}?format=csv&table={name}")).lstrip("\ufeff"))))
        assert rows[0] == table["columns"]
        assert len(rows) - 1 == table["count"] == len(table["rows"])


def test_detail_pages_have_twins_of_every_table(client: FlaskClient, ids: dict[str, str]) -> None:
    details = [f"/agencies/{ids['agency']}", f"/tasks/{ids['task']}", f"/plans/{ids['plan']}",
               f"/sectors/{ids['sector']}", "/network"]
    for url in details:
        page = client.get(url, query_string={"format": "json"}).get_json()
        for name in page["tables"]:
            response = client.get(url, query_string={"format": "csv", "table": name})
            assert response.status_code == 200 and response.mimetype == "text/csv", (url, name)
            assert "attachment" in response.headers["Content-Disposition"]


def test_home_ranks_5g_departments_like_the_named_query(client: FlaskClient,
                                                        seed_store: Store) -> None:
    page = client.get("/?format=json").get_json()
    expected = run(seed_store, "top_agencies", sector="5G", kind="department")
    assert page["filters"] == {"sector": "5G", "city": None, "kind": "department", "role": "any"}
    assert page["tables"]["ranking"]["rows"] == expected
    assert page["counts"]["tasks"] == 141 and page["counts"]["plans"] == 5
    html = text_of(client.get("/"))
    assert html.count('<svg class="bar"') == len(expected)


def test_sort_parameter_orders_a_table(client: FlaskClient) -> None:
    rows = client.get("/agencies/?format=json&sort=-first_listed_leads").get_json()
    counts = [r["first_listed_leads"] for r in rows["tables"]["agencies"]["rows"]]
    assert counts == sorted(counts, reverse=True)
    names = client.get("/agencies/?format=json&sort=name").get_json()
    listed = [r["name"] for r in names["tables"]["agencies"]["rows"]]
    assert listed == sorted(listed)
    assert 'href="/agencies/?table=agencies&amp;sort=name#table-agencies"' in text_of(
        client.get("/agencies/"))


def test_search_finds_agencies_and_tasks(client: FlaskClient) -> None:
    page = client.get("/search?q=工信&format=json").get_json()
    agencies = page["tables"]["agencies"]["rows"]
    # Shown as each city prints them (常州's 市工信局); one found by an alias says which
    # (every 工业和信息化局 is found: tests/test_search.py)
    assert agencies and all("工信" in r["name"] or "工业和信息化" in r["name"] + r["matched"]
                            for r in agencies)
    html = text_of(client.get("/search?q=5G"))
    assert "加快5G建设部署" in html and "/tasks/000_29c4f374f04b8484-001" in html


# --- agency page and its exports -------------------------------------------------------


def test_agency_page_groups_tasks_and_tells_inferred_leads_apart(
        client: FlaskClient, seed_store: Store) -> None:
    explicit = run(seed_store, "top_agencies", city="漳州", kind="department", role="lead")[0]
    html = text_of(client.get(f"/agencies/{explicit['id']}"))
    assert '<span class="role explicit">牵头</span>' in html
    inferred = run(seed_store, "top_agencies", city="常州", kind="department", role="lead")[0]
    html = text_of(client.get(f"/agencies/{inferred['id']}"))
    assert '<span class="role first_listed">牵头(按排序推定)</span>' in html
    for task in run(seed_store, "agency_tasks", agency=inferred["id"]):
        assert f"/tasks/{task['task_id']}" in html


def test_agency_page_lists_sectors_and_partners(client: FlaskClient, seed_store: Store,
                                                ids: dict[str, str]) -> None:
    page = client.get(f"/agencies/{ids['agency']}?format=json").get_json()
    sectors = run(seed_store, "agency_sectors", agency=ids["agency"])
    assert {r["sector"]: r["tasks"] for r in page["tables"]["sectors"]["rows"]} == {
        r["sector"]: r["tasks"] for r in sectors}
    partners = page["tables"]["partners"]["rows"]
    assert partners and partners == sorted(partners, key=lambda r: -r["shared"])


def test_xlsx_task_list_matches_the_store(client: FlaskClient, seed_store: Store,
                                          ids: dict[str, str]) -> None:
    response = client.get(f"/agencies/{ids['agency']}/tasks.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    info = run(seed_store, "agency_detail", agency=ids["agency"])[0]
    tasks = run(seed_store, "agency_tasks", agency=ids["agency"])
    assert info["name"] in rows[0][0]
    assert rows[1][:5] == ("方案", "章节", "序号", "任务", "角色")
    assert sorted(r[8] for r in rows[2:]) == sorted(t["task_id"] for t in tasks)
    assert {(r[3], r[4]) for r in rows[2:]} == {
        (t["title"], {"first_listed": "牵头(按排序推定)", "explicit": "牵头"}.get(
            t["basis"], "责任单位")) for t in tasks}
    assert all(r[7] for r in rows[2:]), "every task has the sentence that names the agency"


def test_docx_task_list_matches_the_store(client: FlaskClient, seed_store: Store,
                                          ids: dict[str, str]) -> None:
    response = client.get(f"/agencies/{ids['agency']}/tasks.docx")
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    info = run(seed_store, "agency_detail", agency=ids["agency"])[0]
    assert document.paragraphs[0].text == "任务清单"
    assert info["name"] in text and re.search(r"日期:\d{4}-\d{2}-\d{2}", text)
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["方案", "任务", "角色", "共同责任单位", "原文依据", "完成时限", "量化目标",
                      # then the reply (督办)
                      "任务编码", "进展情况", "完成状态", "报送日期", "备注"]
    tasks = run(seed_store, "agency_tasks", agency=ids["agency"])
    assert sorted(row.cells[1].text for row in table.rows[1:]) == sorted(
        t["title"] for t in tasks)
    evidence = run(seed_store, "agency_evidence", agency=ids["agency"])
    assert {row.cells[4].text for row in table.rows[1:]} == {
        "\n".join(e["sentences"]) for e in evidence}


def test_print_view_lists_every_task(client: FlaskClient, seed_store: Store,
                                     ids: dict[str, str]) -> None:
    html = text_of(client.get(f"/agencies/{ids['agency']}/print"))
    assert "print.css" in html and "<h1>任务清单</h1>" in html
    for task in run(seed_store, "agency_tasks", agency=ids["agency"]):
        assert task["title"] in html


# --- task, plan, sector and network pages --------------------------------------------


def test_task_page_marks_the_units_in_the_source_sentence(client: FlaskClient) -> None:
    html = text_of(client.get("/tasks/003_ce560822e58bcc91-001"))
    assert '<mark class="lead">市通管办</mark>' in html
    assert '<mark class="unit">市委网信办</mark>' in html
    inferred = text_of(client.get("/tasks/000_29c4f374f04b8484-001"))
    assert '<mark class="lead-inferred">市工信局</mark>' in inferred


def test_task_page_shows_lead_and_units(client: FlaskClient, seed_store: Store) -> None:
    page = client.get("/tasks/003_ce560822e58bcc91-001?format=json").get_json()
    assigned = run(seed_store, "task_assignments", task="003_ce560822e58bcc91-001")
    assert page["tables"]["assignments"]["count"] == len(assigned)
    assert page["plan"] and page["section"] and page["sectors"]


@pytest.mark.parametrize("filters", [{}, {"sector": "5G"}, {"city": "常州"},
                                     {"doc": "003_ce560822e58bcc91"}, {"limit": 7}])
def test_task_list_is_the_tasks_query_however_it_is_asked(
        client: FlaskClient, seed_store: Store, filters: dict[str, Any],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every task, or a sector's, is read in two steps (task_ids_by_sector, then task_rows),
    a city's or a plan's by `tasks` itself: the page is the rows `tasks` gives either way,
    with the portable texts and with the LadybugDB-shaped ones."""
    expected = run(seed_store, "tasks", **{"limit": 500, **filters})
    assert expected
    for tuned in (False, True):
        monkeypatch.setattr(seed_store, "tuned_texts", tuned)
        page = client.get("/tasks/", query_string={**filters, "format": "json"}).get_json()
        rows = page["tables"]["tasks"]["rows"]
        assert [r["task_id"] for r in rows] == [r["task_id"] for r in expected]
        # The page adds deadlines and targets (webui.due); the rows of `tasks` are the same.
        assert [{k: sorted(v) if isinstance(v, list) else v for k, v in r.items() if k in e}
                for r, e in zip(rows, expected, strict=True)] == [
            {k: sorted(v) if isinstance(v, list) else v for k, v in e.items()}
            for e in expected]


def test_plan_page_flags_tasks_without_units_or_explicit_lead(
        client: FlaskClient, seed_store: Store) -> None:
    page = client.get("/plans/000_29c4f374f04b8484?format=json").get_json()
    missing = run(seed_store, "tasks_without_units", doc="000_29c4f374f04b8484")
    no_lead = run(seed_store, "tasks_without_lead", doc="000_29c4f374f04b8484")
    assert page["flags"]["no_units"] == len(missing) == 4
    assert page["flags"]["no_units"] + page["flags"]["no_explicit_lead"] == len(no_lead)
    flagged = [r["task_id"] for r in page["tables"]["tasks"]["rows"] if r["flag"] == "no_units"]
    assert flagged == [t["task_id"] for t in missing]
    assert text_of(client.get("/plans/000_29c4f374f04b8484")).count(
        '<tr class="flag-no_units">') == 4


def test_sector_page_ranks_agencies_per_city_and_by_type(client: FlaskClient,
                                                         seed_store: Store) -> None:
    page = client.get("/sectors/5G?format=json").get_json()
    ranked = page["tables"]["agencies"]["rows"]
    assert {r["city"] for r in ranked} == {r["city"] for r in run(
        seed_store, "top_agencies", sector="5G", limit=1000)}
    assert page["tables"]["types"]["rows"][0]["type"]
    html = text_of(client.get("/sectors/5G"))
    for city in {r["city"] for r in ranked}:
        assert f"<h3>{city} <small>" in html


def test_network_page_embeds_escaped_json_and_local_scripts(client: FlaskClient) -> None:
    html = text_of(client.get("/network"))
    match = re.search(r'<script type="application/json" id="network-data">(.*?)</script>',
                      html, re.S)
    assert match
    data = json.loads(match.group(1))
    assert len(data["nodes"]) == 301 and not data["omitted"]["agency"] + data["omitted"]["task"]
    assert all("x" in n and "y" in n and n["url"].startswith("/") for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False
    assert "/vendor/vis-network/vis-network.min.js" in html
    with client.get("/vendor/vis-network/vis-network.min.js") as script:
        assert script.status_code == 200 and b"vis-network" in script.data[:400]


def test_network_says_what_the_cap_left_out(client: FlaskClient, ids: dict[str, str]) -> None:
    page = client.get("/network?limit=50&format=json").get_json()
    assert page["total"]["agency"] + page["total"]["task"] == 301
    assert page["omitted"]["agency"] + page["omitted"]["task"] == 251
    assert "未显示 251 个节点" in text_of(client.get("/network?limit=50"))
    focused = client.get(f"/network?agency={ids['agency']}&limit=5&format=json").get_json()
    urls = [n["url"] for n in focused["tables"]["nodes"]["rows"]]
    assert len(urls) == 5 and f"/agencies/{ids['agency']}" in urls


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/agencies/ag-000000000000", "/tasks/nope-001", "/plans/nope",
                                 "/sectors/没有这个领域", "/query/no_such_query", "/no/such/page",
                                 "/vendor/vis-network/template.html"])
def test_unknown_ids_give_404_pages(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "找不到" in text_of(response) and "Traceback" not in text_of(response)


@pytest.mark.parametrize("url, reason", [
    ("/?sector=不存在", "sector"), ("/?kind=ministry", "kind"), ("/?role=boss", "role"),
    ("/?limit=abc", "whole number"), ("/?limit=100000", "between"), ("/?format=xml", "format"),
    ("/?format=csv&table=nope", "no table"), ("/agencies/?sort=nope", "cannot sort"),
    ("/network?limit=5000", "between"), ("/network?agency=ag-nope", "agency"),
    ("/network?mode=3d", "mode"), ("/tasks/?city=火星", "city"),
    ("/query/cypher?format=csv", "no table"), ("/query/agency_tasks?sort=name", "no table"),
])
def test_bad_parameters_give_400_with_the_reason(client: FlaskClient, url: str,
                                                 reason: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert reason in text_of(response) and "Traceback" not in text_of(response)


def test_api_errors_are_json(client: FlaskClient) -> None:
    missing = client.get("/api/agencies/ag-nope")
    assert missing.status_code == 404 and "error" in missing.get_json()
    bad = client.get("/api/queries/top_agencies?bogus=1")
    assert bad.status_code == 400 and "bogus" in bad.get_json()["error"]


def test_unexpected_errors_show_no_trace(seed_store: Store) -> None:
    app = create_app(store=seed_store)

    @app.get("/test-only/boom")
    def boom() -> str:
        raise RuntimeError("secret detail /etc/passwd")

    response = app.test_client().get("/test-only/boom")
    assert response.status_code == 500
    assert "secret detail" not in text_of(response) and "Traceback" not in text_of(response)


# --- query page ------------------------------------------------------------------------


@pytest.mark.parametrize("statement, word", [
    ("CREATE (a:Agency {id: 'x'})", "CREATE"),
    ("MATCH (a:Agency) SET a.name = 'x'", "SET"),
    ("MATCH (a:Agency) DETACH DELETE a", "DETACH"),
    ("MERGE (s:Sector {name: 'x'})", "MERGE"),
    ("CALL db.clear()", "CALL"),
    ("MATCH (a) RETURN a; MATCH (b) DELETE b", "several statements"),
])
def test_console_refuses_writes(client: FlaskClient, seed_store: Store, statement: str,
                                word: str) -> None:
    before = run(seed_store, "overview")
    response = client.get("/query/cypher", query_string={"q": statement})
    assert response.status_code == 400
    html = text_of(response)
    assert word in html and "error-box" in html
    assert "&lt;/textarea&gt;" not in html and statement.replace("'", "&#39;") in html
    assert client.get("/query/cypher", query_string={"q": statement, "format": "json"}
                      ).status_code == 400
    assert run(seed_store, "overview") == before


def test_console_runs_reads_with_twins(client: FlaskClient) -> None:
    q = "MATCH (t:Task) RETURN count(t) AS tasks"
    html = text_of(client.get("/query/cypher", query_string={"q": q}))
    assert '<td class="num">141</td>' in html
    data = client.get("/query/cypher", query_string={"q": q, "format": "json"}).get_json()
    assert data["tables"]["result"]["rows"] == [{"tasks": 141}]
    table = text_of(client.get("/query/cypher", query_string={"q": q, "format": "csv"}))
    assert table.lstrip("\ufeff").splitlines() == ["tasks", "141"]


def test_console_queries_stop_at_the_time_limit(tmp_path: Path,
                                                seed_documents: list[Any]) -> None:
    with closing(open_store(Settings(path=tmp_path / "g.lbdb", query_timeout_ms=50))) as store:
        store.load(seed_documents)
        client = create_app(store=store).test_client()
        slow = ("MATCH (a:Task), (b:Task), (c:Task), (d:Task) "
                "WHERE a.position + b.position + c.position + d.position = 7 RETURN count(*)")
        response = client.get("/query/cypher", query_string={"q": slow})
        assert response.status_code == 400 and "time limit" in text_of(response)


def test_named_query_form_keeps_input_on_error(client: FlaskClient) -> None:
    response = client.get("/query/top_agencies?run=1&sector=5G&limit=abc")
    assert response.status_code == 400
    html = text_of(response)
    assert "limit must be a whole number" in html
    assert 'name="limit" value="abc"' in html and 'name="sector" value="5G"' in html


def test_named_query_runs_from_its_form(client: FlaskClient, seed_store: Store) -> None:
    waiting = text_of(client.get("/query/agency_tasks"))
    assert "error-box" not in waiting and 'name="agency"' in waiting
    data = client.get("/query/top_agencies?run=1&sector=5G&format=json").get_json()
    assert data["tables"]["result"]["rows"] == run(seed_store, "top_agencies", sector="5G")


def test_catalog_page_lists_every_named_query(client: FlaskClient) -> None:
    html = text_of(client.get("/query/"))
    for query in load_catalog().values():
        assert f'href="/query/{query.name}"' in html


@pytest.mark.parametrize("name", WEBUI_QUERIES)
def test_webui_queries_return_their_declared_columns(seed_store: Store, name: str) -> None:
    query = load_catalog()[name]
    columns, rows = query.run(seed_store, query.example)
    assert tuple(columns) == query.columns and rows


# --- API -------------------------------------------------------------------------------


def test_api_endpoints_answer_json(client: FlaskClient, ids: dict[str, str]) -> None:
    endpoints = client.get("/api/").get_json()["endpoints"]
    concrete = {**endpoints, "agency": f"/api/agencies/{ids['agency']}",
                "task": f"/api/tasks/{ids['task']}", "plan": f"/api/plans/{ids['plan']}",
                "sector": "/api/sectors/5G", "query": "/api/queries/top_agencies?sector=5G"}
    for name, url in concrete.items():
        response = client.get(url)
        assert response.status_code == 200 and response.is_json, name


def test_api_task_returns_highlight_segments(client: FlaskClient) -> None:
    data = client.get("/api/tasks/003_ce560822e58bcc91-001").get_json()
    text = "".join(s["text"] for s in data["highlight"]["text"])
    assert text == data["text"]
    assert {"text": "市通管办", "mark": "lead"} in data["highlight"]["text"]


def test_api_routes_are_documented(app: Flask) -> None:
    documented = API_DOC.read_text(encoding="utf-8")
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            shown = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule)
            assert f"`GET {shown}" in documented, f"{shown} is not in the README"


# --- hostile document text -------------------------------------------------------------


def hostile_urls(store: Store) -> list[str]:
    tasks = run(store, "tasks", city="无锡")
    agencies = run(store, "top_agencies", city="无锡", limit=50)
    return (["/?city=无锡&sector=&kind=", "/?city=无锡", "/agencies/?city=无锡",
             "/tasks/?city=无锡", "/search?q=<", f"/plans/{tasks[0]['doc_id']}",
             "/network?city=无锡", "/network?city=无锡&mode=agencies",
             "/query/search?q=<", "/query/tasks?city=无锡",
             "/query/cypher?q=MATCH (t:Task) RETURN t.title, t.text"]
            + [f"/tasks/{t['task_id']}" for t in tasks]
            + [f"/agencies/{a['id']}" for a in agencies]
            + [f"/agencies/{a['id']}/print" for a in agencies]
            + [f"/checks/plan/{tasks[0]['doc_id']}", "/checks/unknown_agencies",
               "/checks/agencies"]
            + [f"/checks/agency/{a['id']}" for a in agencies]
            + [f"/evidence/?agency={a['id']}" for a in agencies])


def test_hostile_text_is_escaped_everywhere(hostile_client: FlaskClient,
                                            hostile_store: Store) -> None:
    urls = hostile_urls(hostile_store)
    assert len(urls) > 15
    for url in urls:
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        html = text_of(response)
        assert not LIVE_MARKUP.search(html), url
    task_page = text_of(hostile_client.get(urls[11]))
    assert "测试&lt;script&gt;alert(1)&lt;/script&gt;任务" in task_page
    network = text_of(hostile_client.get("/network?city=无锡"))
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(5)" in network


def test_hostile_text_survives_exports(hostile_client: FlaskClient, hostile_store: Store) -> None:
    agency = run(hostile_store, "top_agencies", city="无锡", limit=50)[0]
    response = hostile_client.get(f"/agencies/{agency['id']}/tasks.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "<script>alert(1)</script>" in cells or "<b onmouseover=alert(4)>" in cells
    assert re.fullmatch(r'attachment; filename=.*', response.headers["Content-Disposition"])
    data = hostile_client.get(f"/api/agencies/{agency['id']}").get_json()
    assert any(p in json.dumps(data, ensure_ascii=False) for p in PAYLOADS)


# --- the command line ------------------------------------------------------------------


def test_first_start_loads_the_samples_once(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings(path=tmp_path / "graph.lbdb")
    ensure_plans(settings, SAMPLES)
    assert "loading the sample plans" in capsys.readouterr().out
    ensure_plans(settings, SAMPLES)
    assert capsys.readouterr().out == ""
    with closing(open_store(Settings(path=settings.path, read_only=True))) as store:
        assert plan_count(store) == 5
        app = create_app(store=store)
        assert app.test_client().get("/").status_code == 200


def test_a_graph_that_cannot_be_opened_is_an_error_not_a_reason_to_load_samples(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "graph.lbdb"
    graph.write_bytes(b"not a graph, but someone's data" * 100)
    before = graph.read_bytes()
    with pytest.raises(StoreError, match=r"not a LadybugDB graph\. Move it aside.*"
                                         r"Nothing was loaded"):
        ensure_plans(Settings(path=graph), SAMPLES)
    assert "loading the sample plans" not in capsys.readouterr().out
    assert graph.read_bytes() == before


def test_create_app_opens_the_configured_store_read_only(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph"):
        create_app(settings=Settings(path=tmp_path / "missing.lbdb", read_only=True))
