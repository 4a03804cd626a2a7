"""The query catalog in Chinese: every `.cypher` header carries a Chinese title, question and
parameter labels; every catalog page shows them and none of the English; parameters take
the words the pages use (政府部门, 牵头, 5g, 常州市工信局) and refuse the rest with a 400 that
lists what is accepted; results link names to their pages and keep ids out of sight."""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from graph.model import KINDS
from graph.store import Store
from queries.catalog import NamedQuery, load_catalog
from queries.errors import ParameterError
from queries.labels import load_labels
from tests.test_queries import NOTHING_IN_SEED
from tests.test_webui import run
from webui.labels import COLUMN_LABELS, KIND_LABELS

CATALOG = load_catalog()
HAN = re.compile(r"[\u4e00-\u9fff]")
# Placeholders read as examples or as what an empty field means, never as a value.
PLACEHOLDER = re.compile(r"例如：.+|不填为 .+|不填为全部|必填")


def page(client: FlaskClient, url: str, **params: Any) -> BeautifulSoup:
    response = client.get(url, query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)[-500:]
    return BeautifulSoup(response.data, "lxml")


@pytest.mark.parametrize("query", CATALOG.values(), ids=list(CATALOG))
def test_every_header_has_chinese_title_question_and_labels(query: NamedQuery) -> None:
    assert HAN.search(query.title_zh) and HAN.search(query.question_zh), query.name
    assert query.question_zh.endswith(("?", "？")), query.name
    for p in query.params:
        assert HAN.search(p.label) and HAN.search(p.hint), f"{query.name}.{p.name}"
    assert all(c in COLUMN_LABELS for c in query.columns), query.name


@pytest.mark.parametrize("query", CATALOG.values(), ids=list(CATALOG))
def test_every_catalog_page_is_in_chinese(client: FlaskClient, query: NamedQuery) -> None:
    html = page(client, f"/query/{query.name}", run=1, **query.example)
    text = html.get_text(" ")
    assert html.select_one("h1").get_text() == query.title_zh
    assert query.question_zh in text
    assert query.title not in text and query.question not in text
    labels = [s.get_text(strip=True).rstrip("*").strip() for s in html.select(".param-name")]
    assert labels == [p.label for p in query.params]
    for field in html.select("form.query-form input[placeholder]"):
        assert PLACEHOLDER.fullmatch(field["placeholder"]), (query.name, field["placeholder"])
    result = html.select("#table-result th")
    if query.name in NOTHING_IN_SEED:
        assert not result and "没有结果" in text, query.name
        return
    assert result, f"{query.name}: the example finds nothing"
    assert all(HAN.search(th.get_text()) for th in result), query.name
    assert "error-box" not in str(html)


def test_catalog_index_is_in_chinese(client: FlaskClient) -> None:
    html = page(client, "/query/")
    text = html.get_text(" ")
    assert [th.get_text(strip=True) for th in html.select("#table-queries th")] == [
        "标题", "问题", "参数"]
    for query in CATALOG.values():
        assert query.title_zh in text and query.title not in text
        assert query.question not in text
        assert html.select_one(f'a[href="/query/{query.name}"]').get_text() == query.title_zh


@pytest.mark.parametrize(("url", "words"), [
    ("/query/top_agencies?run=1&kind=boss", ["政府部门", "党委机构", "企业"]),
    ("/query/top_agencies?run=1&role=boss", ["牵头", "全部角色"]),
    ("/query/top_agencies?run=1&sector=火星探测", ["5G", "物联网", "千兆光网/双千兆"]),
    ("/query/tasks?run=1&city=无锡", ["常州市", "深圳市"]),
    # Agencies are shown as their city prints them: 常州 and 连云港 both print 市工信局.
    ("/query/agency_partners?run=1&agency=市工信局", ["市工信局(常州市)", "市工信局(连云港市)"]),
    ("/query/agency_detail?run=1&agency=火星局", ["市工业和信息化局(常州市)"]),
])
def test_unknown_values_are_refused_with_the_accepted_ones(client: FlaskClient, url: str,
                                                           words: list[str]) -> None:
    response = client.get(url)
    assert response.status_code == 400
    box = BeautifulSoup(response.data, "lxml").select_one(".error-box").get_text()
    assert all(w in box for w in words), box
    api = client.get("/api/queries/" + url.removeprefix("/query/").replace("run=1&", ""))
    assert api.status_code == 400 and all(w in api.get_json()["error"] for w in words)


@pytest.mark.parametrize(("given", "stored"), [
    ({"kind": "政府部门", "sector": "5g", "role": "牵头"},
     {"kind": "department", "sector": "5G", "role": "lead"}),
    ({"sector": "５Ｇ", "city": "常州"}, {"sector": "5G", "city": "常州市"}),
    ({"sector": "第五代移动通信", "kind": "企业"}, {"sector": "5G", "kind": "enterprise"}),
    ({"sector": "千兆", "role": "全部角色"}, {"sector": "千兆光网/双千兆"}),
])
def test_chinese_labels_are_accepted(client: FlaskClient, seed_store: Store,
                                     given: dict[str, str], stored: dict[str, str]) -> None:
    expected = run(seed_store, "top_agencies", **stored)
    assert expected
    data = client.get("/query/top_agencies", query_string={"run": 1, "format": "json", **given})
    assert data.get_json()["tables"]["result"]["rows"] == expected
    api = client.get("/api/queries/top_agencies", query_string=given).get_json()
    assert api["result"]["rows"] == expected


def test_an_agency_parameter_takes_a_name(seed_store: Store, ids: dict[str, str]) -> None:
    by_id = run(seed_store, "agency_partners", agency=ids["agency"])
    detail = run(seed_store, "agency_detail", agency=ids["agency"])[0]
    label = f"{detail['name']}({detail['city']})"
    assert run(seed_store, "agency_partners", agency=label) == by_id
    changzhou = run(seed_store, "agency_detail", agency="常州市工信局")[0]
    assert (changzhou["name"], changzhou["city"]) == ("市工信局", "常州市")  # as printed
    assert run(seed_store, "agency_detail", agency="市工业和信息化局(常州)") == [changzhou]
    with pytest.raises(ParameterError, match="多个城市"):
        run(seed_store, "agency_detail", agency="工信局")


def test_results_link_names_and_hide_ids(client: FlaskClient) -> None:
    agencies = page(client, "/query/top_agencies", run=1, sector="5G")
    headers = [th.get_text(strip=True) for th in agencies.select("#table-result th")]
    assert "编号" not in headers
    names = agencies.select("#table-result tbody td:first-child a")
    assert names and all(re.fullmatch(r"/agencies/ag-[0-9a-f]{12}", a["href"]) for a in names)
    tasks = page(client, "/query/tasks", run=1, city="常州", sector="5G")
    headers = [th.get_text(strip=True) for th in tasks.select("#table-result th")]
    assert "任务编号" not in headers and "文件编号" not in headers
    hrefs = [a["href"] for a in tasks.select("#table-result tbody a")]
    assert any(h.startswith("/tasks/") for h in hrefs)
    assert any(h.startswith("/plans/") for h in hrefs)
    assert not re.search(r"\d{3}_[0-9a-f]{16}", tasks.select_one("#table-result").get_text())


def test_search_results_link_agencies_and_tasks_to_their_own_pages(
        client: FlaskClient) -> None:
    agencies = page(client, "/query/search", run=1, q="工信")
    hrefs = [a["href"] for a in agencies.select("#table-result tbody td:first-child a")]
    assert hrefs and all(h.startswith("/agencies/ag-") for h in hrefs)
    tasks = page(client, "/query/search", run=1, q="5G")
    hrefs = [a["href"] for a in tasks.select("#table-result tbody td:first-child a")]
    assert hrefs and all(re.fullmatch(r"/tasks/\d{3}_[0-9a-f]{16}-\d{3}", h) for h in hrefs)
    assert "ag-" not in agencies.select_one("#table-result").get_text()


def test_forms_offer_words_not_stored_values(client: FlaskClient) -> None:
    html = page(client, "/query/top_agencies")
    kinds = {o["value"]: o.get_text() for o in html.select("select[name=kind] option")}
    assert kinds == {"": "全部", **KIND_LABELS}
    roles = {o["value"]: o.get_text() for o in html.select("select[name=role] option")}
    assert roles == {"lead": "牵头", "any": "全部角色"}
    assert html.select_one("select[name=role] option[selected]")["value"] == "any"
    assert html.select_one("input[name=city]")["placeholder"] == "例如：常州"
    cities = {o["value"] for o in html.select("datalist option")} & {"常州市", "深圳市"}
    assert cities == {"常州市", "深圳市"}


def test_api_catalog_carries_the_chinese(client: FlaskClient) -> None:
    listed = {q["name"]: q for q in client.get("/api/queries").get_json()["queries"]}
    top = listed["top_agencies"]
    assert (top["title_zh"], top["question_zh"]) == (CATALOG["top_agencies"].title_zh,
                                                     CATALOG["top_agencies"].question_zh)
    assert {p["name"]: p["label"] for p in top["params"]} == {
        "sector": "领域", "city": "城市", "kind": "单位类别", "role": "角色", "limit": "条数"}


def test_pages_and_queries_read_one_vocabulary() -> None:
    labels = load_labels()
    assert labels.kinds == KIND_LABELS and set(KIND_LABELS) == set(KINDS)
    assert labels.columns == COLUMN_LABELS
