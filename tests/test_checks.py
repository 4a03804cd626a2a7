"""The accountability check list (问题清单) on the seed plans and on a crafted plan.

Every check's findings are compared with what the parsed Documents say, computed here in
Python from the mentions (role, agency kind, known, lead basis): per plan, for every plan,
and per agency. The pages count the same findings and link each count to its list; the
plan page's counts lead to lists of the same length; the XLSX and DOCX lists hold the same
rows and keep formula-like text inert. A crafted plan (tests/fixtures/checks_plan.txt) has
one task for each problem, so each check is seen finding exactly what it should.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from graph.model import Document, Task
from graph.settings import Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from queries.catalog import load_catalog
from queries.checks import (
    AGENCY_COUNTS,
    ALL_FINDINGS,
    FINDING_COLUMNS,
    PLAN_COUNTS,
    CheckList,
    load_checks,
    shortest_words,
)
from queries.errors import CatalogError, ParameterError
from webui import create_app

CATALOG = load_catalog()
CHECKS = load_checks()
CHECKS_PLAN = Path(__file__).with_name("fixtures") / "checks_plan.txt"
XLSX_TASK_ID = "任务编号"


# --- what the Documents say, computed without the graph -----------------------------------


def assigned(task: Task) -> list[Any]:
    """Mentions that became edges: those resolved to an agency."""
    return [m for m in task.mentions if m.agency is not None]


def is_vague(mention: Any, words: tuple[str, ...]) -> bool:
    printed = mention.printed or mention.text
    return any(w in printed or w in mention.agency.name for w in words)


PREDICATES: dict[str, Callable[[Task, tuple[str, ...]], bool]] = {
    "no_units": lambda t, w: not assigned(t),
    "no_explicit_lead": lambda t, w: bool(assigned(t))
    and not any(m.role == "lead" for m in assigned(t)),
    "first_listed_lead": lambda t, w: any(
        basis == "first_listed" and m.agency is not None for m, basis in t.lead_mentions()),
    "several_leads": lambda t, w: len(
        {m.agency.id for m in assigned(t) if m.role == "lead"}) > 1,
    "only_collectives": lambda t, w: bool(assigned(t))
    and all(m.agency.kind == "collective" for m in assigned(t)),
    "vague_units": lambda t, w: any(is_vague(m, w) for m in assigned(t)),
    "no_deadline": lambda t, w: not t.deadline,
    "unknown_agencies": lambda t, w: any(not m.agency.known for m in assigned(t)),
}


def expected(documents: list[Document], check_id: str, doc: str | None = None,
             agency: str | None = None) -> set[str]:
    """Task ids the check should find, from the parsed plans."""
    found = set()
    for document in documents:
        if doc and document.id != doc:
            continue
        for task in document.tasks:
            if agency and agency not in {m.agency.id for m in assigned(task)}:
                continue
            if PREDICATES[check_id](task, CHECKS.vague_words):
                found.add(document.task_id(task))
    return found


def found_ids(store: Store, check_id: str, **scope: Any) -> list[str]:
    check = CHECKS.get(check_id)
    assert check is not None
    query = CATALOG[check.query]
    columns, rows = query.run(store, {**CHECKS.params(check, query), **scope})
    return [r[columns.index("task_id")] for r in rows]


def agencies_of(documents: list[Document]) -> dict[str, str]:
    return {m.agency.id: m.agency.name for d in documents for t in d.tasks for m in assigned(t)}


# --- the data file and the queries ---------------------------------------------------------


def test_every_check_names_a_query_taking_plan_and_agency() -> None:
    CHECKS.verify(CATALOG)
    assert [c.id for c in CHECKS.checks] == list(PREDICATES)
    for check in CHECKS.checks:
        names = [p.name for p in CATALOG[check.query].params]
        assert "doc" in names and "agency" in names
        assert not any(p.required for p in CATALOG[check.query].params if p.name != "words")


def test_vague_words_come_from_the_agency_lexicon() -> None:
    words = CHECKS.vague_words
    assert {"有关部门", "相关单位", "有关单位"} <= set(words)
    assert "各有关部门和单位" not in words  # it holds 有关部门, so it adds nothing
    assert shortest_words(["各有关部门", "有关部门", "相关单位", "有关部门"]) == [
        "有关部门", "相关单位"]


@pytest.mark.parametrize(("text", "problem"), [
    ("checks: [{id: a, title: 甲, explanation: 说明, query: q}]\n"
     "vague_units: {lexicon_group: 火星部门}\n", "no group named '火星部门'"),
    ("checks: [{id: a, title: 甲, query: q}]\nvague_units: {lexicon_group: 有关部门和单位}\n",
     "lacks explanation"),
    ("checks: [{id: a, title: 甲, explanation: 说明, query: q},\n"
     "         {id: a, title: 乙, explanation: 说明, query: q}]\n"
     "vague_units: {lexicon_group: 有关部门和单位}\n", "unique"),
])
def test_a_bad_check_list_is_refused_naming_the_file(tmp_path: Path, text: str,
                                                     problem: str) -> None:
    path = tmp_path / "checks.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=problem) as caught:
        load_checks.__wrapped__(path)
    assert str(path) in str(caught.value)


def test_a_check_whose_query_lacks_the_columns_is_refused() -> None:
    check = CHECKS.checks[0]
    broken = CheckList((type(check)(check.id, check.title, check.explanation, "plans",
                                    check.found, check.per_agency),), CHECKS.vague_words)
    with pytest.raises(CatalogError, match="must take doc, agency"):
        broken.verify(CATALOG)


def test_words_parameter_reads_a_list_as_clerks_type_it() -> None:
    query = CATALOG["check_vague_units"]
    assert query.bind({"words": "有关部门、相关单位, 有关单位 有关部门"})["words"] == [
        "有关部门", "相关单位", "有关单位"]
    with pytest.raises(ParameterError, match="at least one word"):
        query.bind({"words": " 、 "})
    with pytest.raises(ParameterError, match="required"):
        query.bind({})


@pytest.fixture(params=["portable", "shaped"])
def texts(request: pytest.FixtureRequest, seed_store: Store,
          monkeypatch: pytest.MonkeyPatch) -> str:
    """Each check's portable text, then its LadybugDB-shaped one (check_*.embedded.cypher),
    which the store itself picks only from 1,000 tasks up (graph.embedded)."""
    monkeypatch.setattr(seed_store, "tuned_texts", request.param == "shaped")
    return str(request.param)


def test_every_check_has_a_text_shaped_for_the_embedded_engine() -> None:
    """At scale 1000 the portable texts take 0.1-1 s per plan or agency (EXISTS subqueries
    scan whole edge tables); the shaped ones start from the plan or the agency."""
    for check in CHECKS.checks:
        assert "embedded" in CATALOG[check.query].overrides, check.query


@pytest.mark.parametrize("check_id", list(PREDICATES))
def test_each_check_finds_what_the_documents_say_per_plan(
        seed_store: Store, seed_documents: list[Document], check_id: str, texts: str) -> None:
    everything = found_ids(seed_store, check_id)
    assert len(everything) == len(set(everything))  # one row per task
    assert set(everything) == expected(seed_documents, check_id)
    for document in seed_documents:
        assert set(found_ids(seed_store, check_id, doc=document.id)) == \
            expected(seed_documents, check_id, doc=document.id), (check_id, document.id)


@pytest.mark.parametrize("check_id", list(PREDICATES))
def test_each_check_finds_what_the_documents_say_per_agency(
        seed_store: Store, seed_documents: list[Document], check_id: str, texts: str) -> None:
    # Agencies on the check's findings (where there are any), and the busiest ones.
    hit = [t for d in seed_documents for t in d.tasks
           if PREDICATES[check_id](t, CHECKS.vague_words)]
    chosen = list(dict.fromkeys([m.agency.id for t in hit for m in assigned(t)][:40:8]))
    chosen += list(agencies_of(seed_documents))[:2]
    for agency in chosen:
        assert set(found_ids(seed_store, check_id, agency=agency)) == \
            expected(seed_documents, check_id, agency=agency), (check_id, agency)


def test_the_seed_plans_hold_problems_of_most_kinds(seed_documents: list[Document]) -> None:
    """So the comparisons above compare something: every check but unknown_agencies finds
    tasks in the seed plans (the seed prints no unit the lexicon lacks)."""
    empty = [c for c in PREDICATES if not expected(seed_documents, c)]
    assert empty == ["unknown_agencies"]


# --- the pages --------------------------------------------------------------------------


def page_json(client: FlaskClient, url: str) -> dict[str, Any]:
    response = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert response.status_code == 200, response.get_data(as_text=True)[-400:]
    return response.get_json()


def html_of(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.data, "lxml")


def test_overview_counts_per_plan_match_the_documents(
        client: FlaskClient, seed_documents: list[Document]) -> None:
    rows = page_json(client, "/checks/")["tables"]["plans"]["rows"]
    assert {r["doc_id"] for r in rows} == {d.id for d in seed_documents}
    for row in rows:
        for check_id in PREDICATES:
            assert row[check_id] == len(expected(seed_documents, check_id, doc=row["doc_id"]))


def test_every_count_on_the_overview_opens_a_list_of_that_length(client: FlaskClient) -> None:
    links = [a for a in html_of(client, "/checks/").select("#table-plans td.num a")]
    assert len(links) > 20
    for a in links:
        listed = page_json(client, a["href"])
        assert listed["count"] == int(a.get_text()) == len(listed["tables"]["findings"]["rows"])


def test_a_check_over_every_plan_is_paged_by_plan_once_it_finds_many(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """At scale 1000 a check over every plan lists up to 132,584 tasks, past what one query
    may hold; past WINDOW_ROWS the page lists a window of plans and links the next."""
    import webui.checks

    whole = page_json(client, "/checks/no_deadline")
    assert whole["window"] is None and whole["count"] > 5
    expected_ids = [r["task_id"] for r in whole["tables"]["findings"]["rows"]]
    monkeypatch.setattr(webui.checks, "WINDOW_ROWS", 5)
    url: str | None = "/checks/no_deadline"
    seen: list[str] = []
    pages = 0
    while url:
        got = page_json(client, url)
        assert got["count"] == whole["count"]
        seen += [r["task_id"] for r in got["tables"]["findings"]["rows"]]
        pages += 1
        url = f"/checks/no_deadline?start={got['window']['next']}" \
            if got["window"]["next"] else None
    assert pages > 1 and seen == expected_ids
    first = html_of(client, "/checks/no_deadline")
    assert first.find("a", string="下一页")["href"].startswith("/checks/no_deadline?start=")


def test_agencies_overview_matches_the_documents(client: FlaskClient,
                                                 seed_documents: list[Document]) -> None:
    rows = page_json(client, "/checks/agencies")["tables"]["agencies"]["rows"]
    assert rows
    for row in rows[:60]:
        for check_id in PREDICATES:
            if check_id != "no_units":
                assert row[check_id] == len(expected(seed_documents, check_id,
                                                     agency=row["agency_id"]))


def test_plan_page_counts_link_to_check_lists(client: FlaskClient) -> None:
    doc_id = "000_29c4f374f04b8484"
    plan = page_json(client, f"/plans/{doc_id}")
    html = html_of(client, f"/plans/{doc_id}")
    for flag in ("no_units", "no_explicit_lead"):
        link = html.select_one(f".flags a.flag-{flag}")
        assert link is not None and link["href"].startswith(f"/checks/{flag}?")
        listed = page_json(client, link["href"])
        assert listed["count"] == plan["flags"][flag] == int(link.b.get_text()) > 0
    assert html.select_one(f'.flags a[href="/checks/plan/{doc_id}"]') is not None


def test_a_finding_links_to_its_task_and_shows_its_clause(client: FlaskClient,
                                                          seed_store: Store) -> None:
    html = html_of(client, "/checks/several_leads?doc=003_ce560822e58bcc91")
    rows = html.select("table.findings tbody tr")
    assert len(rows) == 5
    first = rows[0]
    task = first.select_one('a[href^="/tasks/"]')
    assert task is not None
    info = page_json(client, task["href"])
    assert info["title"] == task.get_text(strip=True)
    clause = first.select_one("td.clause").get_text()
    assert "牵头单位" in clause  # the sentence with the unit list
    assert [th.get_text() for th in html.select("table.findings th")] == [
        "序号", "任务", "牵头单位", "原文依据"]


def test_agency_list_says_when_a_check_does_not_apply(client: FlaskClient,
                                                      seed_documents: list[Document]) -> None:
    agency = next(iter(agencies_of(seed_documents)))
    page = page_json(client, f"/checks/agency/{agency}")
    assert page["counts"]["no_units"] is None
    for check_id in PREDICATES:
        if check_id != "no_units":
            assert page["counts"][check_id] == len(
                expected(seed_documents, check_id, agency=agency))
    assert "不适用" in html_of(client, f"/checks/agency/{agency}").get_text()


@pytest.mark.parametrize("url", ["/checks/nothing", "/checks/plan/nothing",
                                 "/checks/agency/ag-000000000000",
                                 "/checks/no_units?doc=nothing"])
def test_unknown_checks_plans_and_agencies_are_404(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "没有" in response.get_data(as_text=True)


# --- the exports ------------------------------------------------------------------------


def xlsx_rows(data: bytes) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()]
            for sheet in book.worksheets}


def test_plan_xlsx_holds_every_finding(client: FlaskClient, seed_store: Store) -> None:
    doc_id = "003_ce560822e58bcc91"
    response = client.get(f"/checks/plan/{doc_id}/checklist.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheets = xlsx_rows(response.data)
    summary = sheets.pop("概况")
    assert summary[0][0].startswith("问题清单:漳州市")
    counted = {r[1]: r[2] for r in summary if isinstance(r[0], int)}
    for check in CHECKS.checks:
        ids = found_ids(seed_store, check.id, doc=doc_id)
        assert counted[check.title] == len(ids)
        sheet = [rows for name, rows in sheets.items() if name.endswith(check.title)]
        if not ids:
            assert not sheet, check.id
            continue
        header = sheet[0][2]
        assert XLSX_TASK_ID in header and "方案" not in header  # one plan: no plan column
        assert [r[header.index(XLSX_TASK_ID)] for r in sheet[0][3:]] == ids


def test_agency_docx_holds_every_finding(client: FlaskClient, seed_store: Store,
                                         seed_documents: list[Document]) -> None:
    agency = next(iter(agencies_of(seed_documents)))
    response = client.get(f"/checks/agency/{agency}/checklist.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "问题清单" in text and "单位:" in text
    summary, *tables = document.tables
    found = [c for c in CHECKS.checks if c.per_agency
             and found_ids(seed_store, c.id, agency=agency)]
    assert len(tables) == len(found) > 0
    for check, table in zip(found, tables, strict=True):
        titles = [r["title"] for r in query_records(seed_store, check.id, agency=agency)]
        header = [c.text for c in table.rows[0].cells]
        assert header[:2] == ["方案", "文号"]  # an agency's list spans plans
        at = header.index("任务")
        assert [row.cells[at].text for row in table.rows[1:]] == titles
    shown = {row.cells[0].text: row.cells[1].text for row in summary.rows[1:]}
    assert shown["未列责任单位"] == "不适用"


def query_records(store: Store, check_id: str, **scope: Any) -> list[dict[str, Any]]:
    check = CHECKS.get(check_id)
    assert check is not None
    query = CATALOG[check.query]
    columns, rows = query.run(store, {**CHECKS.params(check, query), **scope})
    return [dict(zip(columns, row, strict=True)) for row in rows]


def count_rows(store: Store, name: str, key: str) -> dict[str, dict[str, Any]]:
    """The count query's rows for every plan, per `key`; rows of one agency in several
    plans are summed (a task is in one plan)."""
    docs = [r[0] for r in CATALOG["plan_ids"].run(store, {})[1]]
    columns, rows = CATALOG[name].run(store, CHECKS.counts_params(docs))
    found: dict[str, dict[str, Any]] = {}
    for r in (dict(zip(columns, row, strict=True)) for row in rows):
        held = found.setdefault(r[key], {c: 0 for c in columns if c not in ("doc_id", key)})
        for c in held:
            held[c] += r[c]
    return found


def test_the_count_queries_count_what_each_check_lists(seed_store: Store,
                                                        seed_documents: list[Document],
                                                        texts: str) -> None:
    """The overviews' one-pass counts equal the lengths of the checks' own lists, for every
    plan and for every agency (the lists are held to the Documents above)."""
    per_plan = count_rows(seed_store, PLAN_COUNTS, "doc_id")
    assert set(per_plan) == {d.id for d in seed_documents}
    for check in CHECKS.checks:
        listed = Counter(query_records_doc_ids(seed_store, check.id))
        assert {d: r[check.id] for d, r in per_plan.items() if r[check.id]} == dict(listed)
    per_agency = count_rows(seed_store, AGENCY_COUNTS, "agency_id")
    assert set(per_agency) == set(agencies_of(seed_documents))
    for agency_id, row in per_agency.items():
        for check in CHECKS.checks:
            if check.per_agency:
                assert row[check.id] == len(found_ids(seed_store, check.id, agency=agency_id))
    assert sum(r["tasks"] for r in per_plan.values()) == sum(len(d.tasks)
                                                             for d in seed_documents)


def query_records_doc_ids(store: Store, check_id: str) -> list[str]:
    return [r["doc_id"] for r in query_records(store, check_id)]


def test_a_count_query_lacking_a_check_is_refused() -> None:
    catalog = dict(CATALOG)
    catalog.pop(AGENCY_COUNTS)
    with pytest.raises(CatalogError, match="check_agency_counts lacks a column"):
        CHECKS.verify(catalog)


def test_a_findings_query_lacking_a_check_is_refused() -> None:
    catalog = dict(CATALOG)
    catalog.pop(ALL_FINDINGS)
    with pytest.raises(CatalogError, match="check_findings lacks the columns"):
        CHECKS.verify(catalog)


def _sorted_lists(rows: list[list[Any]]) -> list[str]:
    """Rows in a stable order, lists inside cells sorted: collect() order within rank ties
    is the engine's."""
    return sorted(repr([sorted(v) if isinstance(v, list) else v for v in row]) for row in rows)


def test_one_pass_finds_what_each_check_lists(seed_store: Store,
                                             seed_documents: list[Document],
                                             texts: str) -> None:
    """ALL_FINDINGS split per check gives each check's own rows: for every plan, for the
    busiest agencies and those on findings, for a plan with an agency, and for all."""
    query = CATALOG[ALL_FINDINGS]
    agencies = list(agencies_of(seed_documents))
    scopes = [{}, *({"doc": d.id} for d in seed_documents), {"doc": "003_ce560822e58bcc91.txt"},
              *({"agency": a} for a in agencies[:40:5]),
              {"doc": seed_documents[0].id, "agency": agencies[0]}]
    for scope in scopes:
        columns, rows = query.run(seed_store, {**scope, "words": list(CHECKS.vague_words)})
        split = CHECKS.split(columns, rows)
        for check in CHECKS.checks:
            own = CATALOG[check.query]
            expected = own.run(seed_store, {**CHECKS.params(check, own), **scope})
            assert list(expected[0]) == list(FINDING_COLUMNS)
            assert _sorted_lists(split[check.id]) == _sorted_lists(expected[1]), (check.id, scope)


# --- a crafted plan: one task per problem ---------------------------------------------------


@pytest.fixture(scope="module")
def crafted_documents() -> list[Document]:
    report = read_plans([CHECKS_PLAN])
    assert not report.failures, report.failures
    return report.documents


@pytest.fixture(scope="module")
def crafted_store(tmp_path_factory: pytest.TempPathFactory,
                  crafted_documents: list[Document]) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("checks") / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(crafted_documents)
    opened = open_store(Settings(path=path, read_only=True))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def crafted_client(crafted_store: Store) -> FlaskClient:
    return create_app(store=crafted_store, test_config={"TESTING": True}).test_client()


# Item numbers of tests/fixtures/checks_plan.txt each check must find.
CRAFTED = {"no_units": ["6"], "no_explicit_lead": ["3", "4"], "first_listed_lead": ["3", "4"],
           "several_leads": ["2"], "only_collectives": ["3"], "vague_units": ["4"],
           "no_deadline": ["1", "2", "3", "4", "5", "6"], "unknown_agencies": ["5"]}


@pytest.mark.parametrize("check_id", list(CRAFTED))
def test_each_check_finds_its_task_in_a_crafted_plan(crafted_store: Store,
                                                     crafted_documents: list[Document],
                                                     check_id: str) -> None:
    records = query_records(crafted_store, check_id, doc="checks_plan")
    assert [r["no"] for r in records] == CRAFTED[check_id]
    assert {r["task_id"] for r in records} == expected(crafted_documents, check_id)
    if check_id == "unknown_agencies":
        assert records[0]["found"] == ["市火星通信保障中心"]
    if check_id == "vague_units":
        assert records[0]["found"] == ["相关单位"]  # as printed
    if check_id == "several_leads":  # the two leads, as the graph names them
        columns, rows = CATALOG["task_assignments"].run(crafted_store,
                                                        {"task": records[0]["task_id"]})
        leads = [r[columns.index("agency")] for r in rows
                 if r[columns.index("basis")] == "explicit"]
        assert records[0]["found"] == leads and len(leads) == 2


def test_checklist_xlsx_keeps_formula_like_titles_as_text(crafted_client: FlaskClient) -> None:
    response = crafted_client.get("/checks/plan/checks_plan/checklist.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    risky = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+"))]
    # both formula titles, in the no-deadline and unknown-agency sheets at least
    assert {c.value[:10] for c in risky} == {'=HYPERLINK', "+SUM(1,2)开"}
    assert len(risky) >= 3
    for cell in risky:
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name


def test_checklist_docx_shows_formula_like_titles_as_printed(
        crafted_client: FlaskClient) -> None:
    response = crafted_client.get("/checks/plan/checks_plan/checklist.docx")
    document = docx.Document(io.BytesIO(response.data))
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert any(c.startswith('=HYPERLINK("http://evil.example/') for c in cells)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "六、单位表述模糊(共 1 项)" in headings
