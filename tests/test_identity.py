"""One plan is loaded once: the same text in another file type or under another name, or the
same issuer and 文号, is recognised; what a plan needs to be read again is stored with it;
agencies are shown by the name their city's plans print."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from graph.embedded import EmbeddedStore
from graph.errors import LoadError
from graph.identity import SAME_NUMBER, SAME_TEXT
from graph.model import Document, comparable_text
from graph.readonly import split_statements
from graph.rows import display_name, document_rows
from graph.settings import Settings
from graph.store import Store, open_store, statement
from loaders.__main__ import main as loaders_main
from loaders.pipeline import read_plan
from queries.catalog import load_catalog
from tests._graph_fixtures import gold_documents, store_at

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CHANGZHOU = SAMPLES / "000_29c4f374f04b8484.txt"
KAIFENG = SAMPLES / "002_56b0b1f0d4126dc9.txt"
REALDOCS = Path(__file__).resolve().parent / "realdocs" / "docs"
# Real plans whose .txt (without its provenance line) and .html print the same text. The
# other two do not: gwb_chuangxin_2018.html repeats merged table cells the .txt prints
# once, and gz_rencai_2012.txt carries a title line the .html fragment lacks.
SAME_AS_HTML = ["gwb_tiyu_2018", "gwb_wufei_2018", "gwy_jiuye_2018", "gwy_zhbsq_2019",
                "gwy_zmq_gaige_2018"]
NUMBER = "常政办发〔2022〕76号"


def as_docx(source: Path, target: Path) -> Path:
    """The plan as a Word file, a paragraph per line, as a clerk would save it."""
    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(target))
    return target


def industry_tasks(store: Store, city: str = "常州") -> int:
    """Tasks of the city's 市工信局, as the agency page counts them."""
    _columns, rows = load_catalog()["agency_tasks"].run(store, {"agency": "市工信局",
                                                                "city": city})
    return len(rows)


def counts(store: Store) -> dict[str, int]:
    return {row["name"]: row["count"] for row in store.run("counts")}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = store_at(tmp_path)
    opened.load(gold_documents())
    yield opened
    opened.close()


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_a_sample_plan_as_docx_has_the_fingerprint_of_its_txt(sample: Path,
                                                              tmp_path: Path) -> None:
    txt = read_plan(sample)
    word = read_plan(as_docx(sample, tmp_path / "plan.docx"))
    assert word.fingerprint == txt.fingerprint


@pytest.mark.parametrize("name", SAME_AS_HTML)
def test_a_real_plan_as_html_has_the_fingerprint_of_its_txt(name: str, tmp_path: Path) -> None:
    lines = (REALDOCS / f"{name}.txt").read_text(encoding="utf-8").split("\n", 1)
    assert lines[0].startswith("来源")  # provenance, not part of the plan
    (tmp_path / f"{name}.txt").write_text(lines[1], encoding="utf-8")
    html = read_plan(REALDOCS / f"{name}.html")
    assert read_plan(tmp_path / f"{name}.txt").fingerprint == html.fingerprint


def test_comparable_text_drops_what_differs_between_printings() -> None:
    printed = "一、重点任务\n　　1．市\u200b工信局牵头\ufeff（责任单位：市发改委）"
    assert comparable_text(printed) == "一、重点任务1.市工信局牵头(责任单位:市发改委)"
    assert comparable_text("市工信局，市发改委") != comparable_text("市工信局、市发改委")


def test_the_same_plan_as_docx_or_renamed_is_reported_and_not_added(
        store: Store, tmp_path: Path) -> None:
    before, tasks = counts(store), industry_tasks(store)
    assert tasks == 13
    word = read_plan(as_docx(CHANGZHOU, tmp_path / "常州方案.docx"))
    assert word.sha256 != read_plan(CHANGZHOU).sha256  # the reader spaces it otherwise
    renamed = read_plan(Path(shutil.copy(CHANGZHOU, tmp_path / "copy.txt")))
    result = store.load([word, renamed])
    assert result.same == [("常州方案", CHANGZHOU.stem, SAME_TEXT),
                           ("copy", CHANGZHOU.stem, SAME_TEXT)]
    assert result.same_files == ["常州方案.docx", "copy.txt"]
    assert result.loaded == result.replaced == [] and result.rows == 0
    assert "2 documents: 0 loaded, 0 replaced, 0 unchanged, 2 the same as" in str(result)
    assert counts(store) == before and industry_tasks(store) == 13
    assert store.find_same(word) == [(CHANGZHOU.stem, SAME_TEXT)]
    assert store.find_same(read_plan(SAMPLES / "001_dd2bc50c87d10c0b.txt")) == [
        ("001_dd2bc50c87d10c0b", SAME_TEXT)]  # its own id, stored with this text


def revised_changzhou(folder: Path, number: str = NUMBER) -> Path:
    """The 常州 plan amended, under another name: another text, the same 文号 (as given)."""
    text = CHANGZHOU.read_text(encoding="utf-8").replace(NUMBER, number)
    path = folder / "常州双千兆修订.txt"
    path.write_text(text + "\n附：修订说明\n", encoding="utf-8")
    return path


def test_the_same_issuer_and_number_is_the_same_plan(store: Store, tmp_path: Path) -> None:
    before = counts(store)
    revised = read_plan(revised_changzhou(tmp_path, "常政办发〔２０２２〕７６号"))  # NFKC-equal
    assert revised.fingerprint != read_plan(CHANGZHOU).fingerprint
    result = store.load([revised])
    assert result.same == [(revised.id, CHANGZHOU.stem,
                            f"{SAME_NUMBER} 常政办发〔２０２２〕７６号")]
    assert counts(store) == before
    other_issuer = replace(revised, issuer="常州市人民政府")
    assert store.find_same(other_issuer) == []


def test_replace_same_puts_the_new_plan_in_place_of_the_stored_one(store: Store,
                                                                   tmp_path: Path) -> None:
    revised = read_plan(revised_changzhou(tmp_path))
    result = store.load([revised], replace_same=True)
    assert result.loaded == [revised.id] and result.same == []
    assert result.superseded == [(revised.id, CHANGZHOU.stem, f"{SAME_NUMBER} {NUMBER}")]
    assert "1 stored plan replaced by the same plan" in str(result)
    ids = [r["id"] for r in store.run("MATCH (d:Document) RETURN d.id AS id ORDER BY id")]
    assert CHANGZHOU.stem not in ids and revised.id in ids and len(ids) == 5
    assert industry_tasks(store) == 13
    tasks = store.run("MATCH (t:Task) WHERE t.doc_id = $id RETURN count(t) AS n",
                      {"id": CHANGZHOU.stem})
    assert tasks == [{"n": 0}]


def test_a_failing_replace_same_keeps_the_stored_plan(store: Store, tmp_path: Path) -> None:
    before = counts(store)
    revised = read_plan(revised_changzhou(tmp_path))
    mention = revised.tasks[1].mentions[0]
    revised.tasks[1].mentions[0] = replace(mention, start="x")  # type: ignore[arg-type]
    with pytest.raises(LoadError, match="rolled back"):
        store.load([revised], replace_same=True)
    assert counts(store) == before and industry_tasks(store) == 13


def test_files_of_one_plan_in_one_load_are_taken_once(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(CHANGZHOU, folder / "plan.txt")
    as_docx(CHANGZHOU, folder / "plan.docx")
    shutil.copy(CHANGZHOU, folder / "renamed.txt")
    plans = [read_plan(folder / n) for n in ("plan.docx", "plan.txt", "renamed.txt")]
    with store_at(tmp_path) as fresh:
        result = fresh.load(plans)
        assert result.loaded == ["plan"] and result.same_files == ["plan.txt", "renamed.txt"]
        assert [(new, stored) for new, stored, _ in result.same] == [("plan", "plan"),
                                                                    ("renamed", "plan")]
        assert industry_tasks(fresh) == 13


def test_the_bulk_load_takes_one_plan_once(tmp_path: Path) -> None:
    plans = [read_plan(CHANGZHOU), read_plan(as_docx(CHANGZHOU, tmp_path / "plan.docx")),
             read_plan(Path(shutil.copy(CHANGZHOU, tmp_path / "renamed.txt"))),
             read_plan(revised_changzhou(tmp_path)), read_plan(KAIFENG)]
    with open_store(Settings(path=tmp_path / "bulk.lbdb")) as bulk, \
            open_store(Settings(path=tmp_path / "cypher.lbdb")) as cypher:
        result = bulk.load_bulk(document_rows(d) for d in plans)
        assert result.loaded == [CHANGZHOU.stem, KAIFENG.stem]
        assert [(new, reason) for new, _, reason in result.same] == [
            ("plan", SAME_TEXT), ("renamed", SAME_TEXT),
            ("常州双千兆修订", f"{SAME_NUMBER} {NUMBER}")]
        assert industry_tasks(bulk) == 13
        expected = cypher.load(plans)
        assert expected.same == result.same and expected.same_files == result.same_files
        assert counts(bulk) == counts(cypher)


def test_cli_load_reports_the_same_plan_and_replaces_it_when_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.lbdb")
    folder = tmp_path / "new"
    folder.mkdir()
    as_docx(CHANGZHOU, folder / "常州方案.docx")
    assert loaders_main(["load", str(SAMPLES), "--db", db]) == 0
    capsys.readouterr()
    assert loaders_main(["load", str(folder), "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"same as {CHANGZHOU.stem} ({SAME_TEXT}): 常州方案.docx" in out
    assert "1 document: 0 loaded, 0 replaced, 0 unchanged, 1 the same as" in out
    revised = revised_changzhou(folder)
    assert loaders_main(["load", str(revised), "--db", db, "--replace-same"]) == 0
    out = capsys.readouterr().out
    assert f"replaced {CHANGZHOU.stem} ({SAME_NUMBER} {NUMBER}) by {revised.stem}" in out
    with open_store(Settings(path=Path(db))) as store:
        assert store.run("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 5}]
        assert industry_tasks(store) == 13


def test_a_first_cli_load_takes_one_copy_of_each_plan(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "plans"
    shutil.copytree(SAMPLES, folder)
    as_docx(CHANGZHOU, folder / "常州方案.docx")
    db = str(tmp_path / "cli.lbdb")
    assert loaders_main(["load", str(folder), "--db", db]) == 0  # an empty graph: bulk
    out = capsys.readouterr().out
    assert "6 documents: 5 loaded" in out
    assert f"same as {CHANGZHOU.stem} ({SAME_TEXT}): " in out


def test_a_plan_keeps_its_text_and_the_place_it_was_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("数字乡村建设方案\n一、重点任务\n1.完善农村网络。推进光纤入村。"
                    "（责任单位：区工信局）\n", encoding="utf-8")
    db = str(tmp_path / "g.lbdb")
    assert loaders_main(["load", str(plan), str(KAIFENG), "--db", db,
                         "--jurisdiction", "常州市武进区"]) == 0
    assert loaders_main(["load", str(CHANGZHOU), "--db", db]) == 0
    with open_store(Settings(path=Path(db))) as store:
        rows = store.run("MATCH (d:Document) RETURN d.id AS id, d.place AS place, "
                         "d.text AS text, d.fingerprint AS fingerprint ORDER BY id")
    given = {r["id"]: r["place"] for r in rows}
    assert given == {CHANGZHOU.stem: "", KAIFENG.stem: "常州市武进区", "plan": "常州市武进区"}
    kaifeng = read_plan(KAIFENG)
    stored = next(r for r in rows if r["id"] == KAIFENG.stem)
    assert (stored["text"], stored["fingerprint"]) == (kaifeng.text, kaifeng.fingerprint)


def test_agencies_are_shown_as_their_city_prints_them(store: Store) -> None:
    education = store.run("MATCH (a:Agency {city: '开封市', canonical: '市教育局'}) "
                          "RETURN a.name AS name, a.type AS type")
    assert education == [{"name": "市教育体育局", "type": "教育主管部门"}]
    _columns, rows = load_catalog()["agency_tasks"].run(store, {"agency": "市教育局",
                                                                "city": "开封"})
    assert rows and {r[0] for r in rows} == {"市教育体育局"}  # found by the lexicon name


def test_the_shown_name_follows_the_plans_as_they_change(store: Store) -> None:
    """Other 开封 plans printing 市教育体育局 as 市教育局 make that the name; removing or
    replacing them brings the printed name back."""
    kaifeng = read_plan(KAIFENG)
    assert any(m.text == "市教育体育局" for t in kaifeng.tasks for m in t.mentions)

    def other(name: str) -> Document:
        return replace(relabelled(kaifeng, "市教育体育局", "市教育局"), doc=f"{name}.txt",
                       text=f"{kaifeng.text}\n{name}")

    store.load([other("开封第二方案")])
    assert shown(store, "开封市", "市教育局") == "市教育局"  # a tie: the lexicon's name
    store.remove(["开封第二方案"])
    assert shown(store, "开封市", "市教育局") == "市教育体育局"
    third, fourth = other("开封第三方案"), other("开封第四方案")
    store.load([third, fourth])
    assert shown(store, "开封市", "市教育局") == "市教育局"  # printed so in two plans of three
    store.load([replace(third, tasks=kaifeng.tasks, text=third.text + "修订")])
    assert shown(store, "开封市", "市教育局") == "市教育体育局"  # replaced: two of three again


def relabelled(doc: Document, old: str, new: str) -> Document:
    """The plan with every mention printed `old` printed `new` instead."""
    tasks = [replace(t, mentions=[replace(m, text=new) if m.text == old else m
                                  for m in t.mentions]) for t in doc.tasks]
    return replace(doc, tasks=tasks)


def shown(store: Store, city: str, canonical: str) -> str:
    rows = store.run("MATCH (a:Agency {city: $city, canonical: $canonical}) RETURN a.name AS n",
                     {"city": city, "canonical": canonical})
    assert len(rows) == 1, rows
    return str(rows[0]["n"])


@pytest.mark.parametrize(("tallies", "name"), [
    ({}, "市工业和信息化局"),
    ({"市工信局": (3, 3), "市工业和信息化局": (1, 5)}, "市工信局"),  # its own city first
    ({"市工信局": (2, 2), "市工业和信息化局": (2, 2)}, "市工业和信息化局"),  # tie: lexicon
    ({"市工信局": (2, 2), "市经信局": (2, 2)}, "市工信局"),  # then code-point order
    ({"省工信厅": (0, 4), "省工业和信息化厅": (0, 1)}, "省工信厅"),  # named only elsewhere
])
def test_display_name_rule(tallies: dict[str, tuple[int, int]], name: str) -> None:
    assert display_name("市工业和信息化局", tallies) == name


def test_a_graph_made_before_these_columns_gains_them(tmp_path: Path) -> None:
    """A graph written by the release before fingerprints and canonical names still loads."""
    path = tmp_path / "old.lbdb"
    schema = statement("schema", "embedded").split("// Columns added")[0]
    schema = schema.replace("task_count INT64,\n    fingerprint STRING, place STRING, "
                            "text STRING,", "task_count INT64,")
    schema = schema.replace("known BOOLEAN,\n    canonical STRING,", "known BOOLEAN,")
    assert "fingerprint" not in schema and "canonical" not in schema
    with EmbeddedStore(Settings(path=path)) as old:  # no ensure_schema: the old tables only
        for text in split_statements(schema):
            old.run(text)
        assert "canonical" not in {r["name"] for r in old.run("CALL table_info('Agency') "
                                                                "RETURN name")}
    with open_store(Settings(path=path)) as store:
        result = store.load(gold_documents())
        assert len(result.loaded) == 5
        assert industry_tasks(store) == 13
        assert shown(store, "开封市", "市教育局") == "市教育体育局"
