"""Evidence behind every number: each count of a ranking opens the clauses that make it up.

On the seed plans: the evidence query's rows equal the tasks computed in Python from the
parsed Documents for (agency, sector, role, basis); every count link on the home ranking,
the agencies list, a sector page and an agency page opens an evidence page listing exactly
that many tasks; the DOCX export holds the same rows.
"""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from graph.model import Document, Task
from graph.store import Store
from tests.test_webui import run


def tasks_of(documents: list[Document], agency: str, sector: str | None = None,
             role: str = "any", basis: str | None = None) -> set[str]:
    """Task ids where `agency` holds an edge of the kind counted, from the Documents."""
    found = set()
    for document in documents:
        for task in document.tasks:
            if sector and sector not in task.sectors:
                continue
            if agency in edges(task, role, basis):
                found.add(document.task_id(task))
    return found


def edges(task: Task, role: str, basis: str | None) -> set[str]:
    """Agency ids of the task's edges of that role and basis (as graph.rows makes them)."""
    leads = {(m.agency.id, b) for m, b in task.lead_mentions() if m.agency is not None}
    out = {a for a, b in leads if basis in (None, b)}
    if role == "any" and basis is None:
        out |= {m.agency.id for m in task.mentions
                if m.agency is not None and m.role in ("unit", "implied")}
    return out


def evidence_ids(store: Store, **params: Any) -> list[str]:
    return [r["task_id"] for r in run(store, "evidence", **params)]


def page_json(client: FlaskClient, url: str) -> dict[str, Any]:
    response = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert response.status_code == 200, (url, response.get_data(as_text=True)[-400:])
    return response.get_json()


def count_links(client: FlaskClient, url: str) -> list[tuple[int, str]]:
    """(number shown, link) for every count that links to its evidence on a page."""
    html = BeautifulSoup(client.get(url).data, "lxml")
    return [(int(a.get_text(strip=True)), a["href"])
            for a in html.select('main a[href^="/evidence/?"]')]


# --- the query against the documents -------------------------------------------------------


@pytest.mark.parametrize(("sector", "role", "basis"), [
    (None, "any", None), ("5G", "any", None), ("5G", "lead", None), (None, "lead", None),
    (None, "any", "explicit"), ("5G", "any", "first_listed"),
    ("千兆光网/双千兆", "lead", "first_listed")])
def test_evidence_lists_the_tasks_the_documents_give(
        seed_store: Store, seed_documents: list[Document], sector: str | None, role: str,
        basis: str | None) -> None:
    ranking = run(seed_store, "top_agencies", sector=sector, role=role, limit=8)
    assert ranking
    for agency in ranking:
        ids = evidence_ids(seed_store, agency=agency["id"], sector=sector, role=role,
                           basis=basis or "any")
        assert len(ids) == len(set(ids))
        assert set(ids) == tasks_of(seed_documents, agency["id"], sector, role, basis)
        count = {None: "tasks", "explicit": "explicit_leads",
                 "first_listed": "first_listed_leads"}[basis]
        assert len(ids) == agency[count], (agency["name"], sector, role, basis)


def test_evidence_matches_agency_types_and_partners(seed_store: Store) -> None:
    for row in run(seed_store, "top_agency_types", sector="5G", limit=5):
        assert len(evidence_ids(seed_store, type=row["type"], sector="5G")) == row["tasks"]
        assert len(evidence_ids(seed_store, type=row["type"], sector="5G",
                                basis="explicit")) == row["explicit_leads"]
    top = run(seed_store, "top_agencies", limit=1)[0]["id"]
    for row in run(seed_store, "agency_partners", agency=top, limit=5):
        assert len(evidence_ids(seed_store, agency=top, partner=row["id"])) == row["shared"]
        assert len(evidence_ids(seed_store, agency=top, partner=row["id"],
                                role="lead")) == row["led_by_agency"]
        assert len(evidence_ids(seed_store, agency=row["id"], partner=top,
                                role="lead")) == row["led_by_partner"]


def test_evidence_rows_carry_plan_number_and_sentence(seed_store: Store) -> None:
    agency = run(seed_store, "top_agencies", city="常州", limit=1)[0]
    rows = run(seed_store, "evidence", agency=agency["id"])
    assert rows and all(r["plan"] and r["no"] and r["title"] for r in rows)
    assert {r["doc_number"] for r in rows} == {"常政办发〔2022〕76号"}
    # the sentence names the agency as printed
    assert all(any(m in s for m in r["mentions"] for s in r["sentences"]) for r in rows)


# --- every count on the pages opens its evidence -------------------------------------------


@pytest.mark.parametrize("url", ["/", "/?sector=&kind=&role=lead", "/agencies/?city=常州",
                                 "/agencies/?sector=5G&role=lead&city=开封", "/sectors/5G"])
def test_ranking_counts_open_lists_of_that_length(client: FlaskClient, url: str) -> None:
    links = count_links(client, url)
    assert len(links) >= 9, url
    for number, href in links[:45]:
        page = page_json(client, href)
        assert page["count"] == number == len(page["tables"]["clauses"]["rows"]), (url, href)


def test_agency_page_counts_open_lists_of_that_length(client: FlaskClient,
                                                      ids: dict[str, str]) -> None:
    agency = ids["agency"]
    info = page_json(client, f"/agencies/{agency}")
    links = count_links(client, f"/agencies/{agency}")
    assert [n for n, _ in links[:4]] == [info["tasks"], info["leads"], info["explicit_leads"],
                                        info["first_listed_leads"]]
    partners = [h for _, h in links if "partner=" in h]
    per_sector = [h for _, h in links if "sector=" in h]
    assert partners and per_sector
    for number, href in links:
        assert page_json(client, href)["count"] == number, href


def test_evidence_page_names_what_was_counted(client: FlaskClient, ids: dict[str, str]) -> None:
    html = BeautifulSoup(client.get(
        f"/evidence/?agency={ids['agency']}&sector=5G&role=lead").data, "lxml")
    meta = html.select_one(".meta").get_text()
    assert "5G" in meta and "牵头" in meta
    headers = [th.get_text() for th in html.select("table.clauses th")]
    assert headers == ["方案", "文号", "序号", "任务", "依据", "原文写法", "原文"]
    assert all(a["href"].startswith(("/plans/", "/tasks/"))
               for a in html.select("table.clauses a"))


def test_evidence_docx_holds_the_same_rows(client: FlaskClient, seed_store: Store,
                                           ids: dict[str, str]) -> None:
    rows = run(seed_store, "evidence", agency=ids["agency"], sector="5G")
    response = client.get(f"/evidence/evidence.docx?agency={ids['agency']}&sector=5G")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["方案", "文号", "序号", "任务", "依据", "原文依据"]
    assert [r.cells[3].text for r in table.rows[1:]] == [r["title"] for r in rows]
    assert [r.cells[5].text for r in table.rows[1:]] == ["\n".join(r["sentences"])
                                                         for r in rows]
    assert f"任务数:{len(rows)}" in "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/evidence/", 400, "请指定单位"), ("/evidence/?agency=ag-000000000000", 404, "没有"),
    ("/evidence/?agency={agency}&basis=boss", 400, "basis"),
    ("/evidence/?agency={agency}&sector=火星", 400, "sector")])
def test_bad_evidence_requests_say_why(client: FlaskClient, ids: dict[str, str], url: str,
                                       status: int, words: str) -> None:
    response = client.get(url.format(agency=ids["agency"]))
    assert response.status_code == status
    assert words in response.get_data(as_text=True)
