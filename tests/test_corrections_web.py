"""Corrections from the browser: the task page's forms, the corrections page, export and
import, restoring a dropped item, and the marks every page and export puts on an edge a
correction made.

Everything is real: the five sample plans read by the loaders into an embedded graph in
tmp_path, an editor added to a real account file and signed in through /login, every form
posted with the CSRF token its page carries, the book written beside the graph, and a
rebuild run as `python -m loaders load --rebuild` in another process.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup
from docx import Document as open_docx
from flask import Flask
from flask.testing import FlaskClient

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from loaders.agencies import AgencyLexicon
from loaders.corrections import CorrectionBook, book_path, read_stored
from loaders.pipeline import read_plan
from webui import create_app
from webui.accounts import Accounts

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CHANGZHOU = "000_29c4f374f04b8484"  # 常州: units only, no printed leads
TASK = f"{CHANGZHOU}-002"  # 2 扩大千兆光网覆盖: 市工信局、市通管办、各辖市区、经开区、电信运营企业
GONGXIN = "ag-b8532d89a8cb"  # 常州 市工业和信息化局 (printed 市工信局)
FAGAI = "ag-9da462e54c94"  # 常州 市发展和改革委员会
TONGGUAN = "ag-4c11aaddf493"  # 常州 市通信管理办公室 (printed 市通管办)
OPERATORS = "ag-08fcdfa06ad8"  # 常州 各基础电信运营企业 (printed 电信运营企业)
EDITOR, PASSWORD = "张伟", "correct horse battery"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Site:
    """A viewer over its own graph, with an account file and a corrections book."""

    folder: Path
    graph: Path
    store: Store
    app: Flask

    @property
    def book_file(self) -> Path:
        return book_path(self.graph)

    @property
    def local(self) -> Path:
        return self.folder / "agencies.local.yaml"

    def book(self) -> CorrectionBook:
        return CorrectionBook.load(self.book_file, local_lexicon=self.local)

    def client(self, signed_in: bool = True) -> FlaskClient:
        client = self.app.test_client()
        if signed_in:
            response = client.post("/login", data={"name": EDITOR, "password": PASSWORD,
                                                   "csrf_token": token(client, "/login")})
            assert response.status_code == 302
        return client

    def audit(self) -> list[tuple[str, str, str]]:
        entries = Accounts(self.folder / "webui.sqlite3").entries(action="")
        return [(e.who, e.action, e.target) for e in entries]


def viewer(folder: Path, store: Store) -> Flask:
    return create_app(store=store, test_config={
        "TESTING": True, "STORE_EXCLUSIVE": True,  # answers kept: a write must drop them
        "ACCOUNTS_PATH": folder / "webui.sqlite3",
        "CORRECTIONS_PATH": book_path(folder / "graph.lbdb"),
        "CORRECTIONS_LEXICON": folder / "agencies.local.yaml"})


def new_site(folder: Path, documents: list[Document]) -> Site:
    folder.mkdir(parents=True, exist_ok=True)
    graph = folder / "graph.lbdb"
    store = open_store(Settings(path=graph))
    store.load(documents)
    accounts = Accounts(folder / "webui.sqlite3")
    if EDITOR not in {u.name for u in accounts.users()}:
        accounts.add_user(EDITOR, PASSWORD)
    return Site(folder, graph, store, viewer(folder, store))


@pytest.fixture()
def site(tmp_path: Path, seed_documents: list[Document]) -> Iterator[Site]:
    made = new_site(tmp_path / "site", seed_documents)
    yield made
    made.store.close()


def token(client: FlaskClient, path: str) -> str:
    found = CSRF.search(client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found[1]


def correct(client: FlaskClient, task: str = TASK, **form: str) -> Any:
    """Post one correction form of the task page, with the token that page carries."""
    return client.post(f"/corrections/tasks/{task}",
                       data={"csrf_token": token(client, f"/tasks/{task}"), **form})


def assignments(client: FlaskClient, task: str = TASK) -> dict[str, dict[str, Any]]:
    """agency id -> (role, basis, correction) of the task's rows (a lead is listed twice
    when it is first listed: the lead row wins here)."""
    rows = client.get(f"/api/tasks/{task}").get_json()["tables"]["assignments"]["rows"]
    out: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: r["role"] != "lead", reverse=True):
        out[row["agency_id"]] = row
    return out


def html(client: FlaskClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[-400:]
    return BeautifulSoup(response.data, "lxml")


def badges(page: BeautifulSoup) -> list[str]:
    """The hover text of every 人工更正 mark on a page."""
    return [str(b["title"]) for b in page.select(".badge.corrected")
            if b.get_text() == "人工更正"]


# --- the task page's forms ------------------------------------------------------------

FORMS: dict[str, dict[str, str]] = {
    "add_unit": {"action": "add_unit", "name": "市财政局", "role": "unit"},
    "add_lead": {"action": "add_unit", "name": "市财政局", "role": "lead"},
    "remove_unit": {"action": "remove_unit", "mention": "市通管办"},
    "set_role": {"action": "set_role", "mention": "市工信局", "role": "lead"},
    "alias": {"action": "alias", "mention": "市通管办", "target": "agency", "agency": FAGAI},
    "alias_new": {"action": "alias", "mention": "电信运营企业", "target": "new",
                  "new_name": "常州市信息通信企业联合体", "new_kind": "enterprise"},
}


def finance() -> str:
    return AgencyLexicon.load().resolve("市财政局", "常州市").id


def shown_after(case: str, rows: dict[str, dict[str, Any]], record: str) -> None:
    """What the task's assignments must be after the correction `case` (record id)."""
    if case in ("add_unit", "add_lead"):
        role, basis = ("lead", "explicit") if case == "add_lead" else ("unit", "listed")
        assert (rows[finance()]["role"], rows[finance()]["basis"]) == (role, basis)
        assert rows[finance()]["correction"] == record
    elif case == "remove_unit":
        assert TONGGUAN not in rows and len(rows) == 4
    elif case == "set_role":
        assert (rows[GONGXIN]["role"], rows[GONGXIN]["basis"]) == ("lead", "explicit")
        assert rows[GONGXIN]["correction"] == record
    elif case == "alias":
        assert TONGGUAN not in rows and rows[FAGAI]["correction"] == record
        assert rows[FAGAI]["mention"] == "市通管办"
    else:
        new = [r for r in rows.values() if r["mention"] == "电信运营企业"]
        assert OPERATORS not in rows and len(new) == 1 and new[0]["correction"] == record


@pytest.mark.parametrize("case", FORMS)
def test_each_correction_from_the_task_page_shows_on_it_at_once(site: Site, case: str) -> None:
    client = site.client()
    before = assignments(client)  # asked first, so a kept answer would show the old page
    assert all(r["correction"] == "" for r in before.values())
    why = f"测试:{case} 依据分工表"
    response = correct(client, why=why, **FORMS[case])
    assert response.status_code == 303, response.get_data(as_text=True)[-400:]
    assert response.headers["Location"] == f"/tasks/{TASK}"
    (record,) = site.book().records()
    assert (record.action, record.who, record.why) == (FORMS[case]["action"], EDITOR, why)
    assert record.key.task is not None and record.key.task.no == "2"
    shown_after(case, assignments(client), record.id)
    page = html(client, f"/tasks/{TASK}")
    assert f"已记录更正 {record.id}" in page.get_text()  # the notice after the write
    listed = page.select_one(f"#corrections li#{record.id}")  # for readers too, even a
    assert listed is not None and why in listed.get_text()  # removal that leaves no edge
    assert any(why in title and record.id in title for title in badges(page))
    assert (EDITOR, "correction.add", record.id) in site.audit()


def test_an_item_marked_not_a_task_leaves_the_plan_and_is_restored_from_its_page(
        site: Site) -> None:
    client = site.client()
    tasks = client.get(f"/api/plans/{CHANGZHOU}").get_json()["tables"]["tasks"]["rows"]
    assert TASK in {r["task_id"] for r in tasks}
    response = correct(client, action="not_task", why="这是引言,不是任务")
    assert response.status_code == 303 and response.headers["Location"] == f"/plans/{CHANGZHOU}"
    tasks = client.get(f"/api/plans/{CHANGZHOU}").get_json()["tables"]["tasks"]["rows"]
    assert TASK not in {r["task_id"] for r in tasks} and len(tasks) == 22
    assert client.get(f"/tasks/{TASK}").status_code == 404
    page = html(client, f"/plans/{CHANGZHOU}")
    (item,) = page.select("#dropped li")
    assert "扩大千兆光网覆盖" in item.get_text() and "这是引言,不是任务" in item.get_text()
    (dropped,) = site.book().records()
    restore = item.select_one("form.correct-restore")
    assert restore is not None and restore["action"] == f"/corrections/{dropped.id}/restore"

    assert client.post(restore["action"], data={"why": ""}).status_code == 400  # no token
    answer = client.post(restore["action"], data={
        "csrf_token": token(client, f"/plans/{CHANGZHOU}"), "why": ""})
    assert answer.status_code == 400 and "请填写理由" in answer.get_data(as_text=True)
    answer = client.post(restore["action"], data={
        "csrf_token": token(client, f"/plans/{CHANGZHOU}"), "why": "确是任务"})
    assert answer.status_code == 303
    tasks = client.get(f"/api/plans/{CHANGZHOU}").get_json()["tables"]["tasks"]["rows"]
    assert TASK in {r["task_id"] for r in tasks} and len(tasks) == 23
    assert not html(client, f"/plans/{CHANGZHOU}").select("#dropped li")
    assert [r.action for r in site.book().records()] == ["not_task", "restore_task"]


def test_a_correction_that_does_not_apply_is_refused_and_names_the_reason(site: Site) -> None:
    client = site.client()
    response = correct(client, action="add_unit", name="市工信局", role="unit", why="重复")
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "未记录" in text and "已列有“市工信局”(责任单位)" in text
    assert 'value="重复"' in text  # the form comes back with the input
    response = correct(client, action="remove_unit", mention="市财政局", why="没有这个单位")
    assert response.status_code == 400 and "没有写作“市财政局”的单位" in response.get_data(
        as_text=True)
    response = correct(client, action="set_role", mention="市工信局", role="boss", why="x")
    assert response.status_code == 400 and "角色只能是" in response.get_data(as_text=True)
    response = correct(client, action="add_unit", name="市财政局", role="unit", why=" ")
    assert response.status_code == 400 and "请填写理由" in response.get_data(as_text=True)
    assert not site.book_file.exists()
    assert all(r["correction"] == "" for r in assignments(client).values())


def test_anonymous_and_forged_posts_are_refused_and_change_nothing(site: Site) -> None:
    anonymous = site.client(signed_in=False)
    page = html(anonymous, f"/tasks/{TASK}")
    assert not page.select("section.correct")  # no forms for readers
    form = {**FORMS["add_unit"], "why": "匿名"}
    assert anonymous.post(f"/corrections/tasks/{TASK}", data=form).status_code == 403
    editor = site.client()
    assert editor.post(f"/corrections/tasks/{TASK}", data=form).status_code == 400  # no token
    forged = editor.post(f"/corrections/tasks/{TASK}", data={**form, "csrf_token": "forged"})
    assert forged.status_code == 400
    assert anonymous.post("/corrections/import", data={
        "file": (io.BytesIO(b"[]"), "c.json")}).status_code == 403
    assert anonymous.post("/corrections/c-000000000000/remove").status_code == 403
    assert not site.book_file.exists()
    assert finance() not in assignments(editor)
    assert [a for _, a, _ in site.audit() if a.startswith("correction")] == []


def test_a_correction_is_marked_on_every_page_and_export(site: Site) -> None:
    client = site.client()
    assert correct(client, why="分工表漏读<script>alert(1)</script>",
                   **FORMS["add_unit"]).status_code == 303
    (record,) = site.book().records()
    note = f"人工更正 {record.id}:分工表漏读<script>alert(1)</script>"
    agency = f"/agencies/{finance()}"
    for path in (f"/tasks/{TASK}", f"/plans/{CHANGZHOU}", agency):
        page = html(client, path)
        assert any(title.startswith(note) for title in badges(page)), path
        assert "<script>alert(1)" not in client.get(path).get_data(as_text=True), path
    assert client.get(f"/api/plans/{CHANGZHOU}").get_json()["tables"]["tasks"]["rows"][1][
        "corrections"] == [record.id]
    rows = client.get(f"/api/agencies/{finance()}").get_json()["tables"]["tasks"]["rows"]
    assert [r["corrections"] for r in rows] == [[record.id]]
    named = client.get(f"/api/queries/task_assignments?task={TASK}").get_json()["result"]
    assert record.id in [r["correction"] for r in named["rows"]]
    csv = client.get(f"/tasks/{TASK}?format=csv&table=assignments").data.decode("utf-8-sig")
    assert csv.splitlines()[0].split(",")[5] == "correction" and record.id in csv
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"{agency}/tasks.xlsx").data)).active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    row = dict(zip(header, [c.value for c in sheet[3]], strict=True))
    assert row["角色"] == "责任单位(人工更正)" and row["人工更正记录"] == record.id
    document = open_docx(io.BytesIO(client.get(f"{agency}/tasks.docx").data))
    assert "责任单位(人工更正)" in [c.text for c in document.tables[0].rows[1].cells]
    assert "责任单位(人工更正)" in html(client, f"{agency}/print").get_text()


# --- the corrections page ---------------------------------------------------------------


def test_the_corrections_page_lists_filters_links_and_removes(site: Site) -> None:
    client = site.client()
    for case in ("add_unit", "set_role"):
        assert correct(client, why=f"理由 {case}", **FORMS[case]).status_code == 303
    assert correct(client, task=f"{CHANGZHOU}-003", action="not_task",
                   why="不是任务").status_code == 303
    added, role, dropped = site.book().records()
    page = html(client, "/corrections/")
    rows = page.select("#table-records tbody tr")
    assert [r["id"] for r in rows] == [added.id, role.id, dropped.id]
    assert rows[0].select_one(f'a[href="/tasks/{TASK}"]') is not None
    assert rows[2].select_one(f'a[href="/plans/{CHANGZHOU}"]') is not None  # its task is gone
    assert all("已应用" in r.get_text() for r in rows)
    only = html(client, "/corrections/?action=set_role").select("#table-records tbody tr")
    assert [r["id"] for r in only] == [role.id]
    assert html(client, f"/corrections/?who={EDITOR}&plan={CHANGZHOU}").select(
        "#table-records tbody tr")
    assert not html(client, "/corrections/?state=unmatched").select("#table-records tbody tr")
    records = client.get("/corrections/?format=json").get_json()["tables"]["records"]["rows"]
    assert [r["status"] for r in records] == ["", "", ""]

    remove = rows[0].select_one("form")
    assert remove is not None
    response = client.post(remove["action"], data={
        "csrf_token": token(client, "/corrections/"), "next": "/corrections/?who=x"})
    assert response.status_code == 303 and response.headers["Location"] == "/corrections/?who=x"
    assert finance() not in assignments(client)  # the plan was read again without it
    assert assignments(client)[GONGXIN]["correction"] == role.id
    assert [r.id for r in site.book().records()] == [role.id, dropped.id]
    assert (EDITOR, "correction.remove", added.id) in site.audit()


def test_a_record_that_no_longer_matches_is_shown_with_its_reason(site: Site) -> None:
    client = site.client()
    assert correct(client, why="先加", **FORMS["add_unit"]).status_code == 303
    (added,) = site.book().records()
    stale = {**added.to_data(), "id": "c-stale0000001", "when": "2024-01-01T00:00:00Z",
             "key": {**added.key.to_data(), "task": {"no": "2", "title": "已改名的任务"}}}
    response = client.post("/corrections/import", data={
        "csrf_token": token(client, "/corrections/"),
        "file": (io.BytesIO(json.dumps([stale], ensure_ascii=False).encode()), "old.json")})
    assert response.status_code == 303
    notices = html(client, "/corrections/").select(".notice.warn")
    assert any("c-stale0000001 已不再匹配:方案中已没有任务 2“已改名的任务”" in n.get_text()
               for n in notices)
    (row,) = html(client, "/corrections/?state=unmatched").select("#table-records tbody tr")
    assert row["id"] == "c-stale0000001" and "不再匹配" in row.get_text()
    assert [r["id"] for r in client.get("/corrections/?state=matched&format=json").get_json()[
        "tables"]["records"]["rows"]] == [added.id]


def test_export_and_import_round_trip_through_the_pages(site: Site, tmp_path: Path,
                                                        seed_documents: list[Document]) -> None:
    client = site.client()
    for case in ("add_unit", "alias"):
        assert correct(client, why=f"理由 {case}", **FORMS[case]).status_code == 303
    made = site.book().records()
    exports = {}
    for fmt in ("yaml", "json"):
        response = client.get(f"/corrections/export.{fmt}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == (
            f"attachment; filename=corrections.{fmt}")
        exports[fmt] = response.data
    assert [r["id"] for r in yaml.safe_load(exports["yaml"])] == [r.id for r in made]
    assert [r["id"] for r in json.loads(exports["json"])] == [r.id for r in made]
    assert site.client(signed_in=False).get("/corrections/export.json").status_code == 200

    other = new_site(tmp_path / "other", seed_documents)
    # another office saved the plan under another name: the records key it by its text
    theirs = json.loads(exports["json"])
    for item in theirs:
        item["key"]["doc"] = "常州双千兆行动计划"
    try:
        there = other.client()
        assert finance() not in assignments(there)
        response = there.post("/corrections/import", data={
            "csrf_token": token(there, "/corrections/"),
            "file": (io.BytesIO(json.dumps(theirs).encode()), "from-changzhou.json")})
        assert response.status_code == 303, response.get_data(as_text=True)[-1500:]
        assert [r.to_data() for r in other.book().records()] == theirs
        rows = assignments(there)
        assert rows[finance()]["correction"] == made[0].id
        assert rows[FAGAI]["correction"] == made[1].id and TONGGUAN not in rows
        listed = html(there, f"/corrections/?plan={CHANGZHOU}").select("#table-records tbody tr")
        assert [r["id"] for r in listed] == [r.id for r in made]
        assert all(r.select_one(f'a[href="/tasks/{TASK}"]') for r in listed)
        task_page = html(there, f"/tasks/{TASK}")
        assert [li["id"] for li in task_page.select("#corrections li")] == [r.id for r in made]
        assert (EDITOR, "correction.import", "from-changzhou.json") in other.audit()
        again = there.post("/corrections/import", data={
            "csrf_token": token(there, "/corrections/"),  # the same records: nothing new
            "file": (io.BytesIO(yaml.safe_dump(theirs, allow_unicode=True).encode()),
                     "again")})  # no suffix: read as YAML
        assert again.status_code == 303
        assert "导入 0 条新更正" in html(there, "/corrections/").get_text()
        clash = there.post("/corrections/import", data={
            "csrf_token": token(there, "/corrections/"),  # an id held with other content
            "file": (io.BytesIO(exports["yaml"]), "ours.yaml")})
        assert clash.status_code == 400 and "already holds another record" in clash.get_data(
            as_text=True)
        assert len(other.book()) == 2
    finally:
        other.store.close()


def test_a_bad_import_takes_nothing_and_names_the_record_and_reason(site: Site) -> None:
    client = site.client()
    assert correct(client, why="先加", **FORMS["add_unit"]).status_code == 303
    good = site.book().records()[0].to_data()
    bad = [{**good, "id": "c-new000000001"}, {**good, "id": "c-new000000002", "action": "boss"}]
    response = client.post("/corrections/import", data={
        "csrf_token": token(client, "/corrections/"),
        "file": (io.BytesIO(json.dumps(bad).encode()), "bad.json")})
    text = BeautifulSoup(response.data, "lxml").select_one(".error-box").get_text()
    assert response.status_code == 400
    assert "未导入任何记录" in text and "bad.json" in text
    assert "record 2 of 2" in text and "unknown action 'boss'" in text
    assert [r.id for r in site.book().records()] == [good["id"]]
    broken = client.post("/corrections/import", data={
        "csrf_token": token(client, "/corrections/"),
        "file": (io.BytesIO(b"- id: [unclosed"), "broken.yaml")})
    assert broken.status_code == 400 and "not valid YAML" in broken.get_data(as_text=True)
    assert len(site.book()) == 1


# --- lasting ----------------------------------------------------------------------------


def test_a_correction_survives_a_rebuild_and_the_next_start(site: Site) -> None:
    client = site.client()
    assert correct(client, why="分工表漏读", **FORMS["add_unit"]).status_code == 303
    assert correct(client, why="通管办即发改委", **FORMS["alias"]).status_code == 303
    added, alias = site.book().records()
    site.store.close()  # the viewer holds the graph's writer lock while it runs
    env = {**os.environ, "AGENCY_LEXICON_LOCAL": str(site.local), "GRAPH_BACKEND": "embedded"}
    done = subprocess.run([sys.executable, "-m", "loaders", "load", "--rebuild", str(SAMPLES),
                           "--db", str(site.graph)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "corrections: 2 applied, 0 no longer match" in done.stdout
    with open_store(Settings(path=site.graph)) as store:
        again = viewer(site.folder, store).test_client()
        rows = assignments(again)
        assert rows[finance()]["correction"] == added.id
        assert rows[FAGAI]["correction"] == alias.id and TONGGUAN not in rows
        assert any("分工表漏读" in t for t in badges(html(again, f"/tasks/{TASK}")))


def test_a_plan_read_from_its_stored_text_is_the_plan_read_from_its_file(
        seed_store: Store) -> None:
    """The viewer reads plans again from the graph's copy of their text (no file): it must
    give what the loader gave, task for task and mention for mention."""
    lexicon = AgencyLexicon.load()
    rows = seed_store.run("document_sources", {"ids": [], "fingerprints": [],
                                                "places": ["常州市", "开封市", "漳州市"]})
    assert len(rows) == 3
    for row in rows:
        stored = read_stored(row["text"], row["file"], row["encoding"], row["place"], lexicon)
        read = read_plan(SAMPLES / row["file"], lexicon)
        assert stored.to_schema() == read.to_schema()
        assert [[m.agency for m in t.mentions] for t in stored.tasks] == [
            [m.agency for m in t.mentions] for t in read.tasks]


def test_a_book_that_does_not_read_stops_writes_but_not_the_pages(site: Site) -> None:
    client = site.client()
    assert correct(client, why="先加", **FORMS["add_unit"]).status_code == 303
    site.book_file.write_text("- id: c-1\n  action: boss\n", encoding="utf-8")
    assert client.get(f"/tasks/{TASK}").status_code == 200
    assert client.get(f"/plans/{CHANGZHOU}").status_code == 200
    listing = client.get("/corrections/")
    assert listing.status_code == 503
    assert "更正文件无法读取" in listing.get_data(as_text=True)
    assert "record 1 of 1" in listing.get_data(as_text=True)
    refused = correct(client, why="再加", **FORMS["set_role"])
    assert refused.status_code == 503
    assert site.book_file.read_text(encoding="utf-8") == "- id: c-1\n  action: boss\n"
    assert assignments(client)[GONGXIN]["correction"] == ""


def test_every_correction_form_carries_its_csrf_token(site: Site) -> None:
    client = site.client()
    assert correct(client, task=f"{CHANGZHOU}-003", action="not_task",
                   why="不是任务").status_code == 303
    for path in (f"/tasks/{TASK}", f"/plans/{CHANGZHOU}", "/corrections/"):
        page = html(client, path)
        posting = [f for f in page.select("form") if (f.get("method") or "").lower() == "post"]
        assert len(posting) > 1, path  # the sign-out form and the page's own
        assert all(f.select_one("input[name=csrf_token]") for f in posting), path
        assert not page.select("script:not([src])"), path  # no inline script
    forms = html(client, f"/tasks/{TASK}").select("section.correct form")
    assert {f.select_one("input[name=action]")["value"] for f in forms} == {
        "add_unit", "remove_unit", "set_role", "alias", "not_task"}
    assert len(html(client, f"/tasks/{TASK}").select("details.correct-unit")) == 5
