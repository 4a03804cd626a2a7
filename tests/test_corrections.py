"""Corrections that last: each action changes the stored graph, and again after a rebuild.

The sample plans are loaded by the real command line into a real embedded store in a
temporary folder; the book and the local lexicon live there too. Effects are read back with
Cypher: which edges a task has, their basis, and the `correction` property that says a
correction made them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.model import Document, Task, text_fingerprint
from graph.settings import Settings
from graph.store import open_store, statement
from loaders.__main__ import main as loaders_main
from loaders.agencies import AgencyLexicon, AliasTarget
from loaders.corrections import (
    Correction,
    CorrectionBook,
    CorrectionError,
    Key,
    book_path,
)
from loaders.pipeline import ReadReport, read_plan, read_plans, stream_rows

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CHANGZHOU = "000_29c4f374f04b8484"  # 常州: units only, no printed leads
KAIFENG = "002_56b0b1f0d4126dc9"  # 开封: task numbers repeat per section
ZHANGZHOU = "003_ce560822e58bcc91"  # 漳州: printed leads
GONGXIN = "ag-b8532d89a8cb"  # 常州 市工业和信息化局
FAGAI = "ag-9da462e54c94"  # 常州 市发展和改革委员会
TONGGUAN = "ag-4c11aaddf493"  # 常州 市通信管理办公室
OPERATORS = "ag-08fcdfa06ad8"  # 常州 各基础电信运营企业 (printed 电信运营企业)
NEW_AGENCY = "常州市信息通信企业联合体"


@dataclass
class Env:
    folder: Path
    plans: Path  # a copy of the sample plans, loaded and rebuilt from
    db: Path
    local: Path  # the local agency lexicon

    @property
    def book(self) -> CorrectionBook:
        return CorrectionBook.load(book_path(self.db), local_lexicon=self.local)

    def lexicon(self) -> AgencyLexicon:
        return AgencyLexicon.load(local=self.local)

    def plan(self, doc: str) -> Document:
        return read_plan(self.plans / f"{doc}.txt", self.lexicon())

    def load(self, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
        capsys.readouterr()
        assert loaders_main(["load", str(self.plans), *extra]) == 0
        return capsys.readouterr().out

    def run(self, text: str, **params: Any) -> list[dict[str, Any]]:
        with open_store(Settings(path=self.db, read_only=True)) as store:
            return store.run(text, params)

    def edges(self, kind: str, task: str) -> dict[str, tuple[str, str, str]]:
        """agency id -> (basis, correction, source) of the task's edges of one type."""
        rows = self.run(f"MATCH (a:Agency)-[e:{kind}]->(t:Task {{id: $task}}) "
                        "RETURN a.id AS a, e.basis AS b, e.correction AS c, e.source AS s",
                        task=task)
        return {r["a"]: (r["b"], r["c"], r["s"]) for r in rows}


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    plans = tmp_path / "plans"
    shutil.copytree(SAMPLES, plans)
    db = tmp_path / "graph.lbdb"
    local = tmp_path / "agencies.local.yaml"
    monkeypatch.setenv("GRAPH_BACKEND", "embedded")
    monkeypatch.setenv("GRAPH_PATH", str(db))
    monkeypatch.setenv("AGENCY_LEXICON_LOCAL", str(local))
    return Env(tmp_path, plans, db, local)


def record(action: str, document: Document, task: Task | None = None, mention: str = "",
           payload: dict[str, Any] | None = None, day: int = 1) -> Correction:
    return Correction.new(action, Key.of(document, task, mention), payload, who="张三",
                          why="测试更正", when=datetime(2024, 5, day, 8, tzinfo=UTC))


def task(document: Document, number: int) -> Task:
    """The task with this id number (plan-NNN)."""
    return next(t for t in document.tasks if document.task_id(t).endswith(f"-{number:03d}"))


# -- one case per action: the records to add, then what the graph must show --------------

Make = Callable[[Env], list[Correction]]
Check = Callable[[Env, list[Correction]], None]


def add_unit_make(env: Env) -> list[Correction]:
    plan = env.plan(CHANGZHOU)
    return [record("add_unit", plan, task(plan, 2), payload={"name": "市财政局", "role": "unit"})]


def add_unit_check(env: Env, records: list[Correction]) -> None:
    finance = env.lexicon().resolve("市财政局", "常州市").id
    responsible = env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-002")
    assert responsible[finance] == ("listed", records[0].id, "none")
    assert len(responsible) == 6  # five printed units and the added one
    assert all(c == "" for a, (_, c, _) in responsible.items() if a != finance)


def add_lead_make(env: Env) -> list[Correction]:
    plan = env.plan(CHANGZHOU)  # task 20 (加强组织领导) prints no unit at all
    return [record("add_unit", plan, task(plan, 20), payload={"name": "市工信局", "role": "lead"})]


def add_lead_check(env: Env, records: list[Correction]) -> None:
    assert env.edges("LEADS", f"{CHANGZHOU}-020") == {GONGXIN: ("explicit", records[0].id,
                                                                 "none")}
    assert env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-020") == {}


def remove_unit_make(env: Env) -> list[Correction]:
    plan = env.plan(CHANGZHOU)
    return [record("remove_unit", plan, task(plan, 2), "电信运营企业")]


def remove_unit_check(env: Env, records: list[Correction]) -> None:
    responsible = env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-002")
    assert OPERATORS not in responsible and len(responsible) == 4
    assert OPERATORS in env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-001")  # other tasks keep it


def set_lead_make(env: Env) -> list[Correction]:
    plan = env.plan(CHANGZHOU)
    return [record("set_role", plan, task(plan, 1), "市工信局", {"role": "lead"})]


def set_lead_check(env: Env, records: list[Correction]) -> None:
    assert env.edges("LEADS", f"{CHANGZHOU}-001") == {GONGXIN: ("explicit", records[0].id,
                                                                 "inline")}
    assert GONGXIN not in env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-001")


def set_unit_make(env: Env) -> list[Correction]:
    plan = env.plan(ZHANGZHOU)  # task 1 prints 牵头单位: 市通管办
    return [record("set_role", plan, task(plan, 1), "市通管办", {"role": "unit"})]


def set_unit_check(env: Env, records: list[Correction]) -> None:
    tongguan = env.lexicon().resolve("市通管办", "漳州市").id
    # no printed lead left: the first-listed unit (the same body) leads by convention
    assert env.edges("LEADS", f"{ZHANGZHOU}-001") == {tongguan: ("first_listed",
                                                                  records[0].id, "inline")}
    assert env.edges("RESPONSIBLE_FOR", f"{ZHANGZHOU}-001")[tongguan] == (
        "listed", records[0].id, "inline")


def not_task_make(env: Env) -> list[Correction]:
    plan = env.plan(KAIFENG)
    return [record("not_task", plan, task(plan, 1))]


def not_task_check(env: Env, records: list[Correction]) -> None:
    ids = {r["id"] for r in env.run("MATCH (t:Task) WHERE t.doc_id = $doc RETURN t.id AS id",
                                    doc=KAIFENG)}
    assert f"{KAIFENG}-001" not in ids and f"{KAIFENG}-002" in ids  # ids do not shift
    assert len(ids) == 21
    assert env.run("MATCH (d:Document {id: $doc}) RETURN d.task_count AS n",
                   doc=KAIFENG) == [{"n": 21}]


def restore_make(env: Env) -> list[Correction]:
    plan = env.plan(KAIFENG)
    return [record("not_task", plan, task(plan, 1), day=1),
            record("restore_task", plan, task(plan, 1), day=2)]


def restore_check(env: Env, records: list[Correction]) -> None:
    assert len(env.run("MATCH (t:Task {id: $id}) RETURN t.id", id=f"{KAIFENG}-001")) == 1
    assert len(env.edges("RESPONSIBLE_FOR", f"{KAIFENG}-001")) == 12


def alias_make(env: Env) -> list[Correction]:
    plan = env.plan(CHANGZHOU)
    target = {"agency": {"id": FAGAI, "name": "市发展和改革委员会", "kind": "department",
                         "type": "发展改革主管部门"}}
    return [record("alias", plan, mention="市通管办", payload={"city": "常州市", **target})]


def alias_check(env: Env, records: list[Correction]) -> None:
    responsible = env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-002")
    assert responsible[FAGAI] == ("listed", records[0].id, "inline")
    assert TONGGUAN not in responsible
    # 常州通管办 (task 3) is another printed name: still the 通信管理办公室
    assert TONGGUAN in env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-003")


def new_agency(env: Env) -> str:
    fresh = AgencyLexicon.load(local=env.folder / "none.yaml")
    return fresh.alias_ref(AliasTarget(name=NEW_AGENCY, kind="enterprise", type=""), "常州市").id


def alias_new_make(env: Env) -> list[Correction]:
    plan = env.plan(CHANGZHOU)
    return [record("alias", plan, task(plan, 2), "电信运营企业",
                   {"city": "常州市", "new": {"name": NEW_AGENCY, "kind": "enterprise"}})]


def alias_new_check(env: Env, records: list[Correction]) -> None:
    new = new_agency(env)
    # the key names task 2; the whole plan's printings of the name follow (as the
    # local lexicon makes them resolve), but only task 2's edge says which record
    assert env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-002")[new] == (
        "listed", records[0].id, "inline")
    # named as the editor named it; shown, as every agency, by the name its plans print
    assert env.run("MATCH (a:Agency {id: $id}) RETURN a.canonical AS canonical, "
                   "a.name AS name, a.kind AS kind, a.known AS known", id=new) == [
        {"canonical": NEW_AGENCY, "name": "电信运营企业", "kind": "enterprise", "known": True}]


CASES: dict[str, tuple[Make, Check]] = {
    "add_unit": (add_unit_make, add_unit_check),
    "add_unit_lead": (add_lead_make, add_lead_check),
    "remove_unit": (remove_unit_make, remove_unit_check),
    "set_role_lead": (set_lead_make, set_lead_check),
    "set_role_unit": (set_unit_make, set_unit_check),
    "not_task": (not_task_make, not_task_check),
    "restore_task": (restore_make, restore_check),  # the graph as read, both applied
    "alias": (alias_make, alias_check),
    "alias_new": (alias_new_make, alias_new_check),
}


@pytest.mark.parametrize("case", CASES)
def test_each_action_changes_the_graph_after_load_and_again_after_rebuild(
        case: str, env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    make, check = CASES[case]
    env.load(capsys)  # the graph as read, before the correction
    if case != "restore_task":
        with pytest.raises((AssertionError, KeyError)):  # the check tells the two apart
            check(env, make(env))
    book = env.book
    records = [book.add(r) for r in make(env)]
    applied = f"corrections: {len(records)} applied, 0 no longer match"
    out = env.load(capsys)  # into the graph that holds the plans: they are written again
    assert applied in out and "written again to apply corrections" in out
    check(env, records)
    out = env.load(capsys, "--rebuild")
    assert applied in out and "5 documents: 5 loaded" in out
    check(env, records)


def test_a_record_that_matches_nothing_is_reported(env: Env,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    plan = env.plan(CHANGZHOU)
    book = env.book
    gone = Key.of(plan, Task(no="99", section="", title="没有这一项", text="", position=98))
    missing = book.add(Correction.new("not_task", gone, who="张三", why="测试"))
    unknown_unit = book.add(record("remove_unit", plan, task(plan, 2), "市不存在局"))
    other_plan = Key(plan=text_fingerprint("另一个方案"), task=gone.task)
    book.add(Correction.new("not_task", other_plan, who="张三", why="不在这次装载中"))
    out = env.load(capsys)
    assert "corrections: 0 applied, 2 no longer match:" in out
    assert f"{missing.id} not_task {CHANGZHOU} task 99 没有这一项: task 99 没有这一项 is not in " \
           "the plan" in out
    assert f"{unknown_unit.id} remove_unit" in out and "names no unit printed 市不存在局" in out
    assert env.run("MATCH (t:Task) RETURN count(t) AS n") == [{"n": 141}]  # nothing dropped


def test_a_removed_record_leaves_the_graph_at_the_next_load(
        env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    env.load(capsys)
    book = env.book
    (made,) = set_lead_make(env)
    book.add(made)
    env.load(capsys)
    set_lead_check(env, [made])
    assert book.remove(made.id) == made and len(env.book) == 0
    out = env.load(capsys)  # the stored edges name the record: the plan is written again
    assert "written again to apply corrections: 1 document: 0 loaded, 1 replaced" in out
    assert env.edges("LEADS", f"{CHANGZHOU}-001") == {GONGXIN: ("first_listed", "", "inline")}


def test_alias_to_a_new_agency_lands_in_the_local_lexicon(
        env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    (made,) = alias_new_make(env)
    env.book.add(made)
    local = yaml.safe_load(env.local.read_text(encoding="utf-8"))
    assert local["aliases"] == [{"city": "常州市", "printed": "电信运营企业",
                                 "new": {"name": NEW_AGENCY, "kind": "enterprise"},
                                 "correction": made.id}]
    # without the book, the lexicon alone resolves the name on the next load
    empty = env.folder / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    out = env.load(capsys, "--corrections", str(empty))
    assert "corrections:" not in out
    new = new_agency(env)
    assert env.edges("RESPONSIBLE_FOR", f"{CHANGZHOU}-002")[new] == ("listed", "", "inline")
    plan = env.plan(CHANGZHOU)
    assert {m.agency.id for m in task(plan, 3).mentions
            if m.text == "电信运营企业" and m.agency} == {new}
    env.book.remove(made.id)
    assert yaml.safe_load(env.local.read_text(encoding="utf-8"))["aliases"] == []
    assert new not in {m.agency.id for m in env.plan(CHANGZHOU).tasks[1].mentions if m.agency}


# -- the book: import, export, validation -----------------------------------------------


def three_records(env: Env) -> list[Correction]:
    return [*add_unit_make(env), *not_task_make(env), *alias_new_make(env)]


BAD_RECORDS = {
    "unknown action": ({"action": "rename_unit"}, "unknown action 'rename_unit'"),
    "missing why": ({"why": "  "}, "`why` is missing"),
    "bad key": ({"key": {"plan": "0f74", "task": {"no": "1", "title": "x"}}},
                "key.plan '0f74' must be the plan's fingerprint"),
    "no task": ({"key": {"plan": "0" * 64}}, "not_task needs key.task"),
    "naive time": ({"when": "2024-05-01T08:00:00"}, "must be an ISO time with its offset"),
    "unknown field": ({"note": "x"}, "unknown field(s) note"),
}


@pytest.mark.parametrize("fault", BAD_RECORDS)
def test_import_of_a_bad_file_imports_nothing_and_names_the_record(
        fault: str, env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    records = [r.to_data() for r in three_records(env)]
    change, message = BAD_RECORDS[fault]
    records[1] = {**records[1], **change}
    bad = env.folder / "bad.json"
    bad.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    book = env.book
    with pytest.raises(CorrectionError, match="record 2 of 3") as caught:
        book.import_(bad)
    assert str(bad) in str(caught.value) and message in str(caught.value)
    assert len(book) == 0 and not book.path.exists() and not env.local.exists()
    assert loaders_main(["corrections", "import", str(bad)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"Error: {bad}: record 2 of 3: ") and "\n" not in err
    assert len(env.book) == 0


def test_export_and_import_round_trip(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    book = env.book
    made = [book.add(r) for r in three_records(env)]  # one time: kept in the book's order
    for fmt in ("yaml", "json"):
        exported = env.folder / f"out.{fmt}"
        assert loaders_main(["corrections", "export", str(exported)]) == 0
        other = CorrectionBook.load(env.folder / f"other-{fmt}.yaml",
                                    local_lexicon=env.folder / f"local-{fmt}.yaml")
        assert other.import_(exported) == made
        assert CorrectionBook.load(other.path).records() == made  # as saved
        assert other.import_(exported) == []  # the same records again: nothing new
        assert (env.folder / f"local-{fmt}.yaml").exists()  # the alias came along
    changed = [r.to_data() for r in made]
    changed[0]["why"] = "另一个理由"
    clash = env.folder / "clash.yaml"
    clash.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CorrectionError, match="already holds another record"):
        book.import_(clash)
    assert env.book.records() == made
    capsys.readouterr()
    assert loaders_main(["corrections", "list", "--plan", f"{CHANGZHOU}.txt",
                         "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in listed] == [r.id for r in made if r.key.doc == CHANGZHOU]
    assert loaders_main(["corrections", "list", "--action", "not_task"]) == 0
    dropped = next(r.id for r in made if r.action == "not_task")
    assert f"{dropped} not_task {KAIFENG} task 1" in capsys.readouterr().out


def test_a_record_needs_a_known_action_a_reason_and_its_key(env: Env) -> None:
    plan = env.plan(CHANGZHOU)
    with pytest.raises(CorrectionError, match="unknown action 'merge'"):
        Correction.new("merge", Key.of(plan, task(plan, 1)), who="张三", why="x")
    with pytest.raises(CorrectionError, match="`why` is missing"):
        Correction.new("not_task", Key.of(plan, task(plan, 1)), who="张三", why="")
    with pytest.raises(CorrectionError, match=r"set_role needs key\.mention"):
        Correction.new("set_role", Key.of(plan, task(plan, 1)), {"role": "lead"}, who="张三",
                       why="x")
    with pytest.raises(CorrectionError, match=r"payload\.role 'owner'"):
        Correction.new("add_unit", Key.of(plan, task(plan, 1)), {"name": "市财政局",
                       "role": "owner"}, who="张三", why="x")


def test_cli_add_checks_the_record_against_the_reading(
        env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    kaifeng = str(env.plans / f"{KAIFENG}.txt")
    assert loaders_main(["corrections", "add", "not_task", "--plan", kaifeng, "--task", "1",
                         "--why", "x"]) == 1
    assert "prints task 1 5 times" in capsys.readouterr().err
    assert loaders_main(["corrections", "add", "set_role", "--plan", kaifeng, "--task",
                         f"{KAIFENG}-002", "--mention", "市不存在局", "--role", "lead",
                         "--why", "x"]) == 1
    assert "names no unit printed 市不存在局" in capsys.readouterr().err
    assert len(env.book) == 0
    assert loaders_main(["corrections", "add", "not_task", "--plan", kaifeng, "--task",
                         f"{KAIFENG}-001", "--why", "引言", "--who", "李四"]) == 0
    (made,) = env.book.records()
    assert (made.who, made.why, made.key.task and made.key.task.title) == (
        "李四", "引言", "统筹5G基站规划布局")


# -- the reading without a book, and the paths that carry records ------------------------


def test_an_empty_book_or_other_plans_records_change_no_reading(env: Env) -> None:
    plain = read_plans([SAMPLES])
    elsewhere = Key(plan=text_fingerprint("另一个方案"), task=Key.of(
        plain.documents[0], plain.documents[0].tasks[0]).task)
    other = [Correction.new("not_task", elsewhere, who="张三", why="x")]
    for records in ([], other):
        read = read_plans([SAMPLES], corrections=records)
        assert [d.to_schema() for d in read.documents] == [d.to_schema()
                                                           for d in plain.documents]
        assert read.corrections == []


def test_parse_json_stays_the_pure_reading_unless_a_book_is_given(
        env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    env.book.add(not_task_make(env)[0])
    plan = str(env.plans / f"{KAIFENG}.txt")
    assert loaders_main(["parse", plan, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["tasks"]) == 22
    assert loaders_main(["parse", plan, "--json", "--corrections", str(env.book.path)]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["tasks"]) == 21
    assert "corrections: 1 applied, 0 no longer match" in captured.err
    assert loaders_main(["parse", plan, "--corrections", str(env.folder / "nope.yaml")]) == 1
    assert "no such corrections file" in capsys.readouterr().err


def test_worker_processes_apply_the_records_they_are_given(env: Env) -> None:
    records = [*not_task_make(env), *add_unit_make(env)]
    report = ReadReport()
    rows = {r.documents[0]["id"]: r for r in stream_rows(
        [env.plans], report, workers=2, corrections=records, lexicon_local=env.local)}
    assert len(rows[KAIFENG].tasks) == 21
    assert [e["correction"] for e in rows[CHANGZHOU].responsible
            if e["correction"]] == [records[1].id]
    assert sorted((a.doc, a.applied) for a in report.corrections) == sorted(
        [(KAIFENG, [records[0].id]), (CHANGZHOU, [records[1].id])])


def test_a_graph_made_before_corrections_gets_the_edge_property(tmp_path: Path) -> None:
    """An older graph file (edges without `correction`) takes loads after the upgrade."""
    import ladybug

    from graph.readonly import split_statements

    path = tmp_path / "old.lbdb"
    old = statement("schema", "embedded").replace(", correction STRING", "")
    database = ladybug.Database(str(path))
    connection = ladybug.Connection(database)
    for text in split_statements(old):
        if not text.lstrip().startswith("ALTER"):
            connection.execute(text)
    connection.close()
    database.close()
    documents = read_plans([SAMPLES / f"{CHANGZHOU}.txt"]).documents
    with open_store(Settings(path=path)) as store:
        store.load(documents)
        rows = store.run("MATCH ()-[e:RESPONSIBLE_FOR]->() RETURN DISTINCT e.correction AS c")
    assert rows == [{"c": ""}]


def test_records_apply_in_the_order_made_and_in_book_order_within_a_second(env: Env) -> None:
    plan = env.plan(CHANGZHOU)
    added = record("add_unit", plan, task(plan, 2), payload={"name": "市财政局", "role": "unit"})
    promoted = record("set_role", plan, task(plan, 2), "市财政局", {"role": "lead"})
    assert added.when == promoted.when
    forward = env.plan(CHANGZHOU)
    result = CorrectionBook(env.folder / "a.yaml", [added, promoted]).apply(forward, env.lexicon())
    assert result.applied == [added.id, promoted.id]
    assert task(forward, 2).leads == ["市财政局"]
    backward = env.plan(CHANGZHOU)
    result = CorrectionBook(env.folder / "b.yaml", [promoted, added]).apply(backward,
                                                                             env.lexicon())
    assert result.applied == [added.id] and [i for i, _ in result.unmatched] == [promoted.id]
    assert task(backward, 2).leads == [] and "市财政局" in task(backward, 2).units


def test_an_alias_holds_in_every_plan_of_its_city(env: Env,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A second 常州 plan (another text) prints the name too: the alias reaches it."""
    source = env.plans / f"{CHANGZHOU}.txt"
    revised = env.plans / "005_changzhou_revised.txt"
    text = source.read_text(encoding="utf-8").replace("〔2022〕76号", "〔2024〕12号")  # not
    revised.write_text(text + "\n(2024年修订)\n", encoding="utf-8")  # the same plan again
    env.load(capsys)
    (made,) = alias_make(env)
    env.book.add(made)
    out = env.load(capsys)
    assert "written again to apply corrections: 2 documents: 0 loaded, 2 replaced" in out
    assert "corrections: 1 applied, 0 no longer match" in out
    assert env.edges("RESPONSIBLE_FOR", "005_changzhou_revised-002")[FAGAI] == (
        "listed", made.id, "inline")


def test_a_plan_read_through_the_book_loads_as_the_graph_should_hold_it(env: Env) -> None:
    """The web pages' way: add a record, read the plan through the book, replace it."""
    with open_store(Settings(path=env.db)) as store:
        store.load(read_plans([env.plans]).documents)
    book = env.book
    (made,) = not_task_make(env)
    book.add(made)
    document, applied = book.read_plan(env.plans / f"{KAIFENG}.txt")
    assert applied.applied == [made.id] and applied.doc == KAIFENG
    with open_store(Settings(path=env.db)) as store:
        assert store.load([document], force=True).replaced == [KAIFENG]
    not_task_check(env, [made])
