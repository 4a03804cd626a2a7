"""The question box on the seed graph: the question files scored through GET /api/ask, the
answer page and its editable form, names read from the graph, and a clerk in Chromium who
asks on the home page and follows the answer to an agency page.

tests/data/questions.yaml was written before the intent patterns; questions_heldout.yaml
after them (its first run scored 26/32 and is kept as a check on wording the patterns were
not written for). Both must stay at 90 % or more; the figures go to the terminal summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from bench.browser import serve
from graph.model import Document
from graph.store import Store
from queries.ask import question_box, store_records
from queries.catalog import load_catalog
from queries.cli import main
from queries.intents import load_intents
from queries.linking import GraphNames, Linker
from tests._browser import needs_chromium
from tests._graph_fixtures import store_at
from tests.conftest import QUESTION_SCORES
from tests.test_webui import HOSTILE_PLAN, LIVE_MARKUP, SAMPLES, load_store, run
from webui import create_app

DATA = Path(__file__).with_name("data")
QUESTION_FILES = {"questions.yaml": "question box", "questions_heldout.yaml":
                  "question box (held-out set)"}
GOAL = 0.90
CATALOG = load_catalog()


def questions(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def ask(client: FlaskClient, question: str) -> dict[str, Any]:
    response = client.get("/api/ask", query_string={"q": question})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def as_text(params: dict[str, Any]) -> dict[str, str]:
    """Values as text; `{this_year}` in an expected value is the year the test runs in."""
    return {k: str(v).replace("{this_year}", str(date.today().year)) for k, v in params.items()}


def exactly_right(expected: dict[str, Any], answer: dict[str, Any]) -> bool:
    """Answered with the expected query and exactly its parameters; or, for a question no
    query answers yet, not answered and offering every expected suggestion."""
    if expected.get("answered", True):
        return (answer["answered"] and answer["query"] == expected["query"]
                and as_text(answer["params"]) == as_text(expected["params"]))
    offered = [(s["query"], as_text(s["params"])) for s in answer["suggestions"]]
    return not answer["answered"] and all(
        (s["query"], as_text(s["params"])) in offered for s in expected.get("suggest", []))


# --- the score -------------------------------------------------------------------------


def test_the_question_files_are_big_and_name_real_queries() -> None:
    entries = questions("questions.yaml")
    assert len(entries) >= 60
    assert len({e["q"] for e in entries}) == len(entries), "a question is listed twice"
    for name in QUESTION_FILES:
        for e in questions(name):
            named = [e.get("query")] + [s["query"] for s in e.get("suggest", [])]
            assert all(q in CATALOG for q in named if q), e


@pytest.mark.parametrize("name", QUESTION_FILES)
def test_question_file_is_answered_exactly_right(client: FlaskClient,
                                                 request: pytest.FixtureRequest,
                                                 name: str) -> None:
    entries = questions(name)
    misses = []
    for expected in entries:
        answer = ask(client, expected["q"])
        if not exactly_right(expected, answer):
            misses.append(f"{expected['q']}: got {answer['query']} {answer['params']} "
                          f"({answer['reason'] or 'answered'})")
    right = len(entries) - len(misses)
    line = (f"{QUESTION_FILES[name]}: {right}/{len(entries)} exactly right "
            f"({100 * right / len(entries):.1f} %)")
    request.config.stash.setdefault(QUESTION_SCORES, []).append(line)
    print(line, *misses, sep="\n  ")
    assert right / len(entries) >= GOAL, "\n".join([line, *misses])


# --- the API ---------------------------------------------------------------------------


def test_api_answer_is_the_named_query_run_with_the_chosen_parameters(
        client: FlaskClient, seed_store: Store) -> None:
    answer = ask(client, "哪个部门承担的5G任务最多？")
    assert answer["answered"] and answer["query"] == "top_agencies"
    assert answer["params"] == {"sector": "5G", "kind": "department"}
    assert answer["columns"] == list(CATALOG["top_agencies"].columns)
    assert answer["rows"] == run(seed_store, "top_agencies", sector="5G", kind="department")
    understood = {(u["kind"], u["value"], u["used"]) for u in answer["understood"]}
    assert understood == {("sector", "5G", True), ("kind", "department", True),
                          ("role", "any", True)}
    assert client.get(answer["url"]).status_code == 200


def test_api_answers_an_agency_question_with_that_city_s_agency(
        client: FlaskClient, seed_store: Store) -> None:
    answer = ask(client, "常州市工信局和谁一起承担任务？")
    assert (answer["query"], answer["params"]) == (
        "agency_partners", {"agency": "市工业和信息化局(常州市)"})
    agency = next(u for u in answer["understood"] if u["kind"] == "agency")
    [one] = agency["agencies"]
    assert one["city"] == "常州市"
    assert answer["rows"] == run(seed_store, "agency_partners", agency=one["id"])


def test_an_agency_in_several_cities_is_offered_per_city(client: FlaskClient) -> None:
    answer = ask(client, "市工信局和谁一起承担任务？")
    assert not answer["answered"] and "5个城市" in answer["reason"]
    offered = {s["params"]["agency"] for s in answer["suggestions"]}
    cities = ("常州", "开封", "深圳", "漳州", "连云港")
    assert offered == {f"市工业和信息化局({c}市)" for c in cities}
    for suggestion in answer["suggestions"]:
        assert client.get(suggestion["url"]).status_code == 200


def test_a_comparison_of_cities_is_answered_by_compare_cities(
        client: FlaskClient, seed_store: Store) -> None:
    answer = ask(client, "常州和深圳的5G任务分工有什么不同？")
    assert answer["answered"] and answer["query"] == "compare_cities"
    assert answer["params"] == {"cities": "常州市、深圳市", "sector": "5G"}
    assert answer["rows"] == run(seed_store, "compare_cities", sector="5G",
                                 cities=["常州市", "深圳市"])
    assert {r["city"] for r in answer["rows"]} == {"常州市", "深圳市"}
    assert client.get(answer["url"]).status_code == 200


def test_deadline_questions_list_the_tasks_due_by_that_year(client: FlaskClient,
                                                            seed_documents: list[Any]) -> None:
    answer = ask(client, "2020年底前要完成哪些任务？")
    assert answer["answered"] and answer["query"] == "tasks_by_deadline"
    assert answer["params"] == {"due_by": "2020-12-31"}
    due = sorted(d.task_id(t) for d in seed_documents for t in d.tasks
                 if t.deadline and t.deadline <= "2020-12-31")
    assert due and sorted(r["task_id"] for r in answer["rows"]) == due


def test_an_unrecognised_question_says_what_it_understood(client: FlaskClient) -> None:
    answer = ask(client, "开封的天气怎么样")
    assert not answer["answered"] and "开封" in answer["reason"]
    assert answer["suggestions"] and all(s["params"].get("city") == "开封市"
                                         for s in answer["suggestions"] if s["params"])
    lost = ask(client, "今天天气怎么样")
    assert not lost["answered"] and lost["understood"] == [] and lost["suggestions"]


@pytest.mark.parametrize(("query", "problem"), [("", "q is required"), ("问" * 201, "at most")])
def test_api_refuses_an_empty_or_overlong_question(client: FlaskClient, query: str,
                                                   problem: str) -> None:
    response = client.get("/api/ask", query_string={"q": query})
    assert response.status_code == 400 and problem in response.get_json()["error"]


# --- the page --------------------------------------------------------------------------


def test_answer_page_shows_the_query_and_its_parameters_as_an_editable_form(
        client: FlaskClient) -> None:
    html = BeautifulSoup(client.get("/ask?q=开封哪个单位牵头的任务最多？").data, "lxml")
    assert "承担任务最多的单位" in html.select_one(".chosen").get_text()
    form = html.select_one("form.query-form")
    assert form["action"] == "/query/top_agencies"
    assert form.select_one("input[name=city]")["value"] == "开封市"
    assert form.select_one("select[name=role] option[selected]")["value"] == "lead"
    assert form.select_one("button").get_text() == "重新运行"
    mentions = [li.get_text(" ", strip=True) for li in html.select(".mentions li")]
    assert mentions == ["城市: 开封市 (问题中写作“开封”)", "角色: 牵头"]
    links = [a["href"] for a in html.select("#table-result tbody a")]
    assert links and all(re.fullmatch(r"/agencies/ag-[0-9a-f]{12}", h) for h in links)
    headers = [th.get_text(strip=True) for th in html.select("#table-result th")]
    assert "编号" not in headers and "名称" in headers


def test_the_form_re_runs_with_a_changed_parameter(client: FlaskClient,
                                                   seed_store: Store) -> None:
    html = BeautifulSoup(client.get("/ask?q=开封哪个单位牵头的任务最多？").data, "lxml")
    form = html.select_one("form.query-form")
    values = {i["name"]: i.get("value", "") for i in form.select("input")}
    values |= {s["name"]: s.select_one("option[selected]")["value"]
               for s in form.select("select")}
    values["city"] = "漳州"
    data = client.get(form["action"], query_string={**values, "format": "json"}).get_json()
    assert data["tables"]["result"]["rows"] == run(seed_store, "top_agencies", city="漳州",
                                                   role="lead")


def test_an_agency_type_is_answered_across_cities(client: FlaskClient) -> None:
    answer = ask(client, "网信部门负责哪些任务？")
    assert (answer["query"], answer["params"]) == ("top_agency_types", {})
    [kind] = [u for u in answer["understood"] if u["kind"] == "type"]
    assert kind["value"] == "网信部门" and not kind["used"]
    assert any(r["type"] == "网信部门" for r in answer["rows"])


def test_a_query_that_cannot_run_keeps_its_form_to_fix(client: FlaskClient) -> None:
    question = "任务最多的前99999999999个单位"
    answer = ask(client, question)
    assert not answer["answered"] and "limit must be between" in answer["reason"]
    html = BeautifulSoup(client.get("/ask", query_string={"q": question}).data, "lxml")
    assert html.select_one("form.query-form input[name=limit]")["value"] == "99999999999"
    assert html.select_one("#table-result") is None


def test_unused_names_are_marked(client: FlaskClient) -> None:
    html = BeautifulSoup(client.get("/ask?q=漳州市发改委牵头哪些5G任务").data, "lxml")
    unused = [li.get_text(" ", strip=True) for li in html.select(".mentions li.unused")]
    assert any("牵头" in u for u in unused) and any("5G" in u for u in unused)


def test_home_page_has_the_question_box(client: FlaskClient) -> None:
    html = BeautifulSoup(client.get("/").data, "lxml")
    box = html.select_one("form.ask")
    assert box["action"] == "/ask"
    assert box.select_one("input[name=q]")["placeholder"].startswith("例如")
    examples = [a.get_text() for a in html.select("#ask-hint a")]
    assert examples == list(load_intents().examples)


def test_question_text_is_escaped(client: FlaskClient) -> None:
    question = "<script>alert(1)</script>常州<img src=x onerror=alert(2)>"
    html = client.get("/ask", query_string={"q": question}).get_data(as_text=True)
    assert not LIVE_MARKUP.search(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- names come from the graph ---------------------------------------------------------


@pytest.fixture(scope="module")
def linker(seed_store: Store) -> Linker:
    return question_box(CATALOG, store_records(CATALOG, seed_store)).linker


@pytest.mark.parametrize(("question", "found"), [
    ("常州市工信局负责什么", [("agency", "常州市工信局", 1), ("role", "负责", 0)]),
    ("市工信局牵头什么", [("agency", "市工信局", 5), ("role", "牵头", 0)]),
    ("开封发改委", [("agency", "开封发改委", 1)]),
    ("深圳市政务服务数据管理局", [("agency", "深圳市政务服务数据管理局", 1)]),
    ("各单位的５Ｇ任务", [("sector", "５Ｇ", 0)]),
    ("第五代移动通信", [("sector", "第五代移动通信", 0)]),
    ("开封市政府部门", [("city", "开封市", 0), ("kind", "政府部门", 0)]),
    ("15G网络", []),
])
def test_linker_reads_names_as_the_loader_does(linker: Linker, question: str,
                                               found: list[tuple[str, str, int]]) -> None:
    mentions = linker.mentions(question)
    assert [(m.kind, m.text if m.kind != "sector" else question[m.start:m.end],
             len(m.agencies)) for m in mentions] == found


def test_names_are_the_graph_s_own(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A city that only a loaded plan names (无锡, in the hostile fixture) is understood."""
    store = load_store([SAMPLES, HOSTILE_PLAN], tmp_path_factory.mktemp("ask-names"))
    try:
        client = create_app(store=store, test_config={"TESTING": True}).test_client()
        answer = ask(client, "无锡的任务有哪些？")
        assert (answer["query"], answer["params"]) == ("tasks", {"city": "无锡市"})
        assert answer["rows"] == run(store, "tasks", city="无锡市")
        html = client.get("/ask", query_string={"q": "无锡的任务有哪些？"}).get_data(as_text=True)
        assert "测试&lt;script&gt;alert(1)&lt;/script&gt;任务" in html
        assert not LIVE_MARKUP.search(html)
    finally:
        store.close()


def test_graph_names_are_read_through_named_queries(seed_store: Store) -> None:
    names = GraphNames.from_records(
        run(seed_store, "plan_cities"), [r["sector"] for r in run(seed_store, "sector_names")],
        run(seed_store, "agency_names"))
    assert {c.short for c in names.cities} == {"常州", "连云港", "开封", "漳州", "深圳"}
    assert "5G" in names.sectors and len(names.agencies) == len(names.by_id)


def test_every_intent_names_a_query_or_says_what_is_missing() -> None:
    intents = load_intents()
    for intent in intents.intents:
        assert intent.query in CATALOG or intent.missing, intent.name
        assert all(s.query in CATALOG for s in intent.suggest), intent.name
    assert all(q in CATALOG for q in intents.fallback)


# --- the command line -----------------------------------------------------------------


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory,
               seed_documents: list[Document]) -> Path:
    folder = tmp_path_factory.mktemp("ask-cli")
    store = store_at(folder)
    store.load(seed_documents)
    store.close()
    return folder / "graph.lbdb"


def test_cli_asks_and_says_how_it_read_the_question(graph_path: Path, seed_store: Store,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(graph_path), "ask", "开封哪个单位牵头的任务最多？",
                 "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert "city=开封市" in err and "role=lead" in err
    assert yaml.safe_load(out) == run(seed_store, "top_agencies", city="开封", role="lead")
    assert main(["--db", str(graph_path), "ask", "市工信局和谁一起承担任务"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("understood: 单位=市工业和信息化局(5个城市)")
    assert "--param 'agency=市工业和信息化局(常州市)'" in err


# --- in a browser ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_url(app: Flask) -> Iterator[str]:
    with serve(app) as url:
        yield url


@needs_chromium
def test_clerk_asks_on_the_home_page_and_follows_the_answer(
        page: Any, seed_url: str) -> None:
    page.goto(seed_url + "/")
    page.get_by_label("用中文提问").fill("常州市工信局和谁一起承担任务？")
    page.get_by_role("button", name="提问").click()
    page.wait_for_url("**/ask?q=*")
    assert "与某单位共同承担任务最多的单位" in page.locator(".chosen").inner_text()
    assert page.locator("form.query-form input[name=agency]").input_value() == \
        "市工业和信息化局(常州市)"
    first = page.locator("#table-result tbody tr").first.locator("a").first
    name = first.inner_text()
    first.click()
    page.wait_for_url("**/agencies/ag-*")
    assert page.locator("h1").inner_text().startswith(name)
    assert "常州市" in page.locator("h1").inner_text()
