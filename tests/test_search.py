"""The search box on the seed graph: the issue's examples (工信 finds 开封's and 深圳's
市工业和信息化局, 发改 every 发展和改革委员会, 基站 and 2025年 every task that prints them),
counts checked against plain Python over the seed plans; the index kept in step with writes
and with its file; hostile text found and shown as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from bench.samples import remove_documents
from graph.model import Document
from graph.store import Store
from queries.catalog import load_catalog
from queries.errors import CatalogError
from queries.excerpts import excerpt
from queries.ngrams import fold, fragment, index_tokens
from queries.search import KINDS, SHAPES, VERSION, SearchIndex
from queries.shortforms import Shortforms, load_shortforms
from tests._graph_fixtures import revised, store_at
from tests.test_webui import HOSTILE_PLAN, LIVE_MARKUP, SAMPLES, load_store, run
from webui import create_app
from webui.db import write

CATALOG = load_catalog()
SEED_CITIES = ("常州市", "连云港市", "开封市", "漳州市", "深圳市")


def search(client: FlaskClient, q: str, **params: Any) -> dict[str, Any]:
    response = client.get("/search", query_string={"q": q, "format": "json", **params})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def rows(page: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return page["tables"][table]["rows"]


def tasks_printing(documents: list[Document], *words: str) -> set[str]:
    """Ids of the seed tasks whose text (title included) prints any of `words`, by NFKC."""
    return {d.task_id(t) for d in documents for t in d.tasks
            if any(fold(w) in fold(t.title + t.text) for w in words)}


def all_tasks(client: FlaskClient, q: str) -> set[str]:
    page = search(client, q, kind="task", limit=200)
    return {r["id"] for r in rows(page, "tasks")}


# --- the examples ------------------------------------------------------------------


def agency_ids(store: Store, canonical: str) -> dict[str, str]:
    """The seed cities' agencies of one lexicon name, by id, with their cities."""
    return {r["id"]: r["city"] for r in run(store, "agency_names")
            if r["name"] == canonical and r["city"] in SEED_CITIES}


def test_gongxin_finds_every_bureau_of_industry_and_it_including_kaifeng_and_shenzhen(
        client: FlaskClient, seed_store: Store, seed_documents: list[Document]) -> None:
    bureaus = agency_ids(seed_store, "市工业和信息化局")
    assert sorted(bureaus.values()) == sorted(SEED_CITIES)
    found = rows(search(client, "工信"), "agencies")
    assert set(bureaus) <= {r["id"] for r in found}
    # 开封 and 深圳 print the name in full: the short form finds them through the lexicon.
    for city in ("开封市", "深圳市"):
        printed = {m.text for d in seed_documents if d.city == city for t in d.tasks
                   for m in t.mentions if m.agency and m.agency.id in bureaus}
        assert printed and not any("工信" in p for p in printed), (city, printed)
        shown = next(r for r in found if r["city"] == city and r["id"] in bureaus)
        assert shown["name"] == "市工业和信息化局"


def test_fagai_finds_every_commission_of_development_and_reform(
        client: FlaskClient, seed_store: Store) -> None:
    commissions = agency_ids(seed_store, "市发展和改革委员会")
    assert len(commissions) == 5
    found = {r["id"] for r in rows(search(client, "发改"), "agencies")}
    assert set(commissions) <= found


def test_jizhan_finds_exactly_the_tasks_that_print_it(
        client: FlaskClient, seed_documents: list[Document]) -> None:
    expected = tasks_printing(seed_documents, "基站")
    page = search(client, "基站")
    assert page["totals"]["task"] == len(expected) > 1
    assert all_tasks(client, "基站") == expected
    assert all("基站" in r["excerpt"] for r in rows(page, "tasks"))


def test_2025_finds_the_tasks_and_the_plans_that_print_it(
        client: FlaskClient, seed_documents: list[Document]) -> None:
    page = search(client, "2025年")
    assert page["totals"]["task"] == len(tasks_printing(seed_documents, "2025年"))
    assert all_tasks(client, "2025年") == tasks_printing(seed_documents, "2025年")
    plans = {d.id for d in seed_documents if "2025年" in (d.title or "") + (d.doc_number or "")}
    assert {r["id"] for r in rows(page, "plans")} == plans and len(plans) == 2


def test_a_full_name_also_finds_its_short_form_in_task_text(
        client: FlaskClient, seed_documents: list[Document]) -> None:
    expected = tasks_printing(seed_documents, "工业和信息化局", "工信局")
    assert tasks_printing(seed_documents, "工信局") - tasks_printing(
        seed_documents, "工业和信息化局"), "the seed plans print both forms"
    assert all_tasks(client, "工业和信息化局") == expected


def test_a_doc_number_finds_its_plan(client: FlaskClient,
                                     seed_documents: list[Document]) -> None:
    numbered = next(d for d in seed_documents if d.doc_number)
    assert numbered.doc_number
    found = rows(search(client, numbered.doc_number), "plans")
    assert [r["id"] for r in found] == [numbered.id]
    assert rows(search(client, "76号"), "plans")[0]["id"] == numbered.id


def test_a_city_before_a_fragment_keeps_to_that_city(client: FlaskClient) -> None:
    found = rows(search(client, "开封工信"), "agencies")
    assert (found[0]["name"], found[0]["city"]) == ("市工业和信息化局", "开封市")
    assert {r["city"] for r in rows(search(client, "常州发改"), "agencies")} == {"常州市"}
    assert {r["city"] for r in rows(search(client, "常州工信局"), "tasks")} == {"常州市"}


def test_words_separated_by_spaces_must_all_be_printed(
        client: FlaskClient, seed_documents: list[Document]) -> None:
    both = tasks_printing(seed_documents, "智慧") & tasks_printing(seed_documents, "医疗")
    assert both and all_tasks(client, "智慧 医疗") == both


def test_titles_rank_before_body_text(client: FlaskClient) -> None:
    found = rows(search(client, "5G"), "tasks")
    in_title = [("5G" in r["title"]) for r in found]
    assert in_title[0] and in_title == sorted(in_title, reverse=True)


def test_full_width_and_case_do_not_matter(client: FlaskClient) -> None:
    assert search(client, "５ｇ")["totals"] == search(client, "5G")["totals"]


def test_one_character_is_looked_for_in_names_and_titles_only(client: FlaskClient) -> None:
    page = search(client, "局", kind="task", limit=200)
    assert rows(page, "tasks") and all("局" in r["title"] for r in rows(page, "tasks"))


def test_pages_of_one_kind_follow_each_other(client: FlaskClient) -> None:
    first = rows(search(client, "5G", kind="task", limit=10), "tasks")
    second = rows(search(client, "5G", kind="task", limit=10, offset=10), "tasks")
    assert len(first) == 10 and not {r["id"] for r in first} & {r["id"] for r in second}
    html = client.get("/search", query_string={"q": "5G"}).get_data(as_text=True)
    assert "下一页" in html and "kind=task" in html


def test_bad_search_parameters_are_refused(client: FlaskClient) -> None:
    assert client.get("/search?q=5G&kind=火星").status_code == 400
    assert client.get("/search?q=5G&offset=-1").status_code == 400
    nothing = search(client, "〔〕")
    assert nothing["totals"] == {} and nothing["tables"] == {}


# --- found words in their passage ----------------------------------------------------------


def test_found_words_are_marked_in_the_text_as_printed(client: FlaskClient) -> None:
    html = BeautifulSoup(client.get("/search?q=基站").data, "lxml")
    marks = html.select("td.excerpt mark.found")
    assert marks and {m.get_text() for m in marks} == {"基站"}


def test_an_excerpt_cuts_around_the_first_match_and_keeps_the_printed_text() -> None:
    text = "前" * 100 + "推进５Ｇ基站建设" + "后" * 100
    pieces = excerpt(text, ["5g基站"], width=40)
    assert ("５Ｇ基站", True) in pieces and pieces[0] == ("…", False)
    assert len("".join(p for p, _ in pieces)) < 60


def test_hostile_text_is_found_and_shown_as_text(tmp_path: Path) -> None:
    store = load_store([SAMPLES, HOSTILE_PLAN], tmp_path)
    try:
        client = create_app(store=store, test_config={"TESTING": True}).test_client()
        html = client.get("/search?q=alert").get_data(as_text=True)
        assert "&lt;" in html and not LIVE_MARKUP.search(html)
        found = search(client, "onerror")
        assert found["totals"]["task"] >= 1
    finally:
        store.close()


# --- the index itself ------------------------------------------------------------------------


def test_pairs_find_fragments_and_stop_at_punctuation() -> None:
    assert index_tokens("市工信局，发改委") == "市工 工信 信局 局, ,发 发改 改委 委"  # NFKC: ，→,
    assert fragment("工信") == '"工信"'
    assert fragment("工业和信息化") == '"工业 业和 和信 信息 息化"'
    assert fragment("〔2022〕76号") == '"20 02 22" AND "76 6号"'
    assert fragment("局", ("title",)) == '{title} : ("局"*)'
    assert fragment("、。") is None


def test_short_forms_are_data_and_swap_one_way_or_the_other() -> None:
    forms = load_shortforms()
    assert forms.variants("工信") == ["工信", "工业和信息化"]
    assert "工信局" in forms.variants("工业和信息化局")
    assert forms.variants("市场监督管理") == ["市场监督管理"]  # alone: not shortened
    with pytest.raises(CatalogError, match="contains"):
        Shortforms.from_data({"shortforms": {"交通": ["交通运输"]}})
    with pytest.raises(CatalogError, match="shortforms"):
        Shortforms.from_data({"pairs": {}})


@pytest.fixture()
def four_plans(tmp_path: Path, seed_documents: list[Document]) -> Iterator[Store]:
    store = store_at(tmp_path)
    store.load(seed_documents[1:])
    yield store
    store.close()


def test_writes_through_the_viewer_reach_the_search(four_plans: Store,
                                                    seed_documents: list[Document]) -> None:
    app = create_app(store=four_plans, test_config={"TESTING": True, "STORE_EXCLUSIVE": True})
    client = app.test_client()
    changzhou = seed_documents[0]
    assert search(client, "常政办发")["totals"]["plan"] == 0
    with app.app_context():
        write(lambda store: store.load([changzhou]))
    assert [r["id"] for r in rows(search(client, "常政办发"), "plans")] == [changzhou.id]
    retitled = changzhou.task_id(changzhou.tasks[0])
    assert retitled not in all_tasks(client, "修订")
    with app.app_context():
        write(lambda store: store.load([revised(changzhou)]))
    assert retitled in all_tasks(client, "修订")
    with app.app_context():
        write(lambda store: remove_documents(store, [changzhou.id]))
    assert search(client, "常政办发")["totals"] == {"agency": 0, "plan": 0, "task": 0}
    assert not any(t.startswith(changzhou.id) for t in all_tasks(client, "修订"))


def indexed(index: SearchIndex) -> dict[str, Any]:
    """What an index holds but its row numbers: the stored rows, the plans of each agency,
    and what a few words find, in order."""
    out: dict[str, Any] = {}
    with index._lock:
        for kind in KINDS:
            columns = ", ".join(SHAPES[kind].columns)
            out[kind] = sorted(index._db.execute(f"SELECT {columns} FROM {kind}").fetchall())
        out["agency_plan"] = sorted(index._db.execute("SELECT * FROM agency_plan").fetchall())
    for word in ("工信", "基站", "常政办发", "修订", "发改", "5G", "市"):
        found = index.search(word, limit=200)
        out[word] = [(k, found.totals[k], [h.fields["id"] for h in found.hits[k]])
                     for k in KINDS]
    return out


def test_a_write_by_the_viewer_reads_again_only_its_plans_and_leaves_the_index_as_new(
        four_plans: Store, seed_documents: list[Document]) -> None:
    """After each write the index reads the plans it loaded, replaced or removed and their
    agencies (2.4 s at scale 1000 when everything was compared), and holds exactly what an
    index built from nothing on the same graph holds."""
    app = create_app(store=four_plans, test_config={"TESTING": True, "STORE_EXCLUSIVE": True})
    client = app.test_client()
    kept = app.extensions["search_index"]
    search(client, "工信")
    assert kept.last.built and kept.last.whole
    changzhou, other = seed_documents[0], seed_documents[1]
    copy = replace(changzhou, doc="常州-副本.txt")
    changes: list[tuple[Callable[[Store], Any], tuple[int, int]]] = [
        (lambda s: s.load([changzhou]), (1, 0)),
        (lambda s: s.load([revised(changzhou)]), (1, 1)),
        (lambda s: s.load([replace(other, tasks=other.tasks[:-1])], force=True), (1, 1)),
        (lambda s: s.load([copy], replace_same=True), (1, 1)),  # the stored one superseded
        (lambda s: s.load([copy]), (0, 0)),  # unchanged: nothing to read again
        (lambda s: remove_documents(s, [copy.id]), (0, 1)),
    ]
    for change, (added, removed) in changes:
        with app.app_context():
            write(change)
        search(client, "工信")
        assert not kept.last.whole
        assert (kept.last.plans_added, kept.last.plans_removed) == (added, removed)
        rebuilt = SearchIndex()
        rebuilt.refresh(lambda name, params: CATALOG[name].run(four_plans, params))
        assert indexed(kept.index) == indexed(rebuilt)
        rebuilt.close()
    assert kept.last.agencies_changed > 0


def test_a_write_the_viewer_cannot_follow_makes_the_index_compare_everything(
        four_plans: Store, seed_documents: list[Document]) -> None:
    app = create_app(store=four_plans, test_config={"TESTING": True, "STORE_EXCLUSIVE": True})
    client = app.test_client()
    kept = app.extensions["search_index"]
    search(client, "工信")
    plan = seed_documents[1]
    with app.app_context():
        write(lambda s: s.run("MATCH (d:Document) WHERE d.id = $id SET d.issuer = $issuer",
                              {"id": plan.id, "issuer": "改写的发文单位"}))
    search(client, "工信")
    assert kept.last.whole and not kept.last.built
    with app.app_context():  # a write the viewer follows again reads only its plan
        write(lambda s: s.load([seed_documents[0]]))
    search(client, "工信")
    assert not kept.last.whole and kept.last.plans_added == 1


def test_an_index_file_survives_a_restart_and_catches_up(
        tmp_path: Path, four_plans: Store, seed_documents: list[Document]) -> None:
    def answer(name: str, params: Any) -> tuple[list[str], list[list[Any]]]:
        return CATALOG[name].run(four_plans, params)

    path = tmp_path / "graph.search.sqlite3"
    index = SearchIndex(path)
    built = index.refresh(answer)
    counts = index.counts()
    index.close()
    assert built.built and built.plans_added == 4 and counts["task"] == sum(
        len(d.tasks) for d in seed_documents[1:])
    index = SearchIndex(path)
    assert index.counts() == counts and index.search("基站").totals["task"] > 0
    four_plans.load([seed_documents[0]])
    caught_up = index.refresh(answer)
    assert (caught_up.built, caught_up.plans_added, caught_up.plans_removed) == (False, 1, 0)
    assert index.counts()["task"] == sum(len(d.tasks) for d in seed_documents)
    index.close()


def test_an_index_file_of_another_version_is_made_anew(tmp_path: Path,
                                                       four_plans: Store) -> None:
    path = tmp_path / "graph.search.sqlite3"
    index = SearchIndex(path)
    index.refresh(lambda name, params: CATALOG[name].run(four_plans, params))
    with index._lock, index._db:  # an older program's file
        index._db.execute("UPDATE meta SET value = ? WHERE key = 'version'", (VERSION + "-old",))
    index.close()
    again = SearchIndex(path)
    assert again.counts() == {"agency": 0, "plan": 0, "task": 0}
    assert again.refresh(lambda name, params: CATALOG[name].run(four_plans, params)).built
    again.close()


def test_a_damaged_index_file_is_made_anew(tmp_path: Path) -> None:
    path = tmp_path / "graph.search.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    index = SearchIndex(path)
    assert index.counts() == {"agency": 0, "plan": 0, "task": 0}
    index.close()


def test_agencies_the_plans_print_differently_are_found_by_every_form(
        seed_store: Store, seed_documents: list[Document]) -> None:
    index = SearchIndex()
    index.refresh(lambda name, params: CATALOG[name].run(seed_store, params))
    unit = next(m for d in seed_documents for t in d.tasks for m in t.mentions
                if m.agency and m.text != m.agency.name and len(m.text) > 3)
    assert unit.agency
    found = index.search(unit.text, kinds=("agency",)).hits["agency"]
    assert unit.agency.id in {h.fields["id"] for h in found}
    index.close()


def test_a_document_without_title_or_number_is_indexed(
        tmp_path: Path, seed_documents: list[Document]) -> None:
    store = store_at(tmp_path)
    try:
        store.load([replace(seed_documents[2], title=None, doc_number=None)])
        index = SearchIndex()
        index.refresh(lambda name, params: CATALOG[name].run(store, params))
        assert index.counts()["plan"] == 1 and index.search("5G").totals["task"] > 0
        index.close()
    finally:
        store.close()


def test_a_plan_read_again_with_the_same_text_is_indexed_again(
        four_plans: Store, seed_documents: list[Document]) -> None:
    """`loaders load --rebuild` by a newer parser keeps each plan's text (and hash) but may
    find other tasks: the index compares task counts and characters too."""
    def answer(name: str, params: Any) -> tuple[list[str], list[list[Any]]]:
        return CATALOG[name].run(four_plans, params)

    index = SearchIndex()
    index.refresh(answer)
    plan = seed_documents[1]
    dropped = plan.tasks[-1]
    assert plan.task_id(dropped) in {h.fields["id"] for h in index.search(
        dropped.title, kinds=("task",)).hits["task"]}
    four_plans.load([replace(plan, tasks=plan.tasks[:-1])], force=True)
    again = index.refresh(answer)
    assert (again.plans_added, again.plans_removed) == (1, 1)
    assert plan.task_id(dropped) not in {h.fields["id"] for h in index.search(
        dropped.title, kinds=("task",)).hits["task"]}
    index.close()


def test_the_benchmark_times_every_search_and_states_the_goal(
        tmp_path: Path, seed_documents: list[Document]) -> None:
    from bench.search_cases import SEARCHES, search_phase, search_report

    with store_at(tmp_path) as store:
        store.load(seed_documents)
    result = search_phase(tmp_path / "graph.lbdb", 2)
    assert set(result["searches"]) == set(SEARCHES)
    assert result["indexed"]["task"] == sum(len(d.tasks) for d in seed_documents)
    assert result["searches"]["基站"]["found"]["task"] == len(
        tasks_printing(seed_documents, "基站"))
    lines = search_report({1: {"search": result}})
    assert any("goal ≤ 50 ms" in line for line in lines)
