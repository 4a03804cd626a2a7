"""The synthetic corpus: deterministic for a seed, and read back by the real parser exactly.

The generator draws each plan as data before printing it, so its manifest says how many
tasks each plan has and how many units each task lists, names as lead, or gets from a
standing rule; the parser must read exactly that, and resolve every unit to a known agency.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Document
from graph.rows import document_rows
from loaders.pipeline import read_plans
from loaders.synth import CorpusError, read_corpus, write_corpus
from loaders.synth.__main__ import main as synth_main
from loaders.synth.corpus import MANIFEST
from loaders.synth.render import chinese

STYLES = {"inline", "standing", "role_lines", "attachment"}
# A seed whose ten plans at scale 2 use every style and both encodings (checked below).
SEED = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    """Scale 2: ten plans, every print style, a GB18030 file among them."""
    return write_corpus(2, tmp_path_factory.mktemp("synth"), seed=SEED)


@pytest.fixture(scope="module")
def parsed(corpus) -> dict[str, Document]:
    report = read_plans([corpus.folder])
    assert not report.failures, report.failures
    assert [p for p, _ in report.skipped] == [str(corpus.folder / MANIFEST)]
    return {d.doc: d for d in report.documents}


def test_corpus_covers_every_print_style(corpus) -> None:
    documents = corpus.manifest["documents"]
    assert {d["style"] for d in documents} == STYLES
    assert {d["encoding"] for d in documents} == {"utf-8", "gb18030"}
    assert corpus.manifest["plans"] == 10 and corpus.manifest["cities"] == 10


def test_scale_one_is_about_the_seed_plans(tmp_path: Path) -> None:
    manifest = write_corpus(1, tmp_path).manifest
    assert manifest["plans"] == 5
    assert 100 <= manifest["tasks"] <= 180
    assert 500 <= manifest["assignments"] <= 900


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    first = write_corpus(1, tmp_path / "a", seed=3)
    again = write_corpus(1, tmp_path / "b", seed=3)
    other = write_corpus(1, tmp_path / "c", seed=4)
    assert first.manifest == again.manifest
    assert [p.read_bytes() for p in first.files] == [p.read_bytes() for p in again.files]
    assert [p.name for p in first.files] != [p.name for p in other.files]


def test_parser_reads_every_task_and_mention_the_manifest_lists(corpus, parsed) -> None:
    for entry in corpus.manifest["documents"]:
        doc = parsed[entry["file"]]
        assert (doc.city, doc.title) == (entry["city"], entry["title"]), entry["file"]
        got = [[len(t.leads), len(t.units), len(t.implied)] for t in doc.tasks]
        assert got == entry["per_task"], (entry["file"], entry["style"])


def test_every_mention_resolves_to_a_known_agency(parsed) -> None:
    unknown = [(d.doc, m.text) for d in parsed.values() for t in d.tasks for m in t.mentions
               if m.agency is None or not m.agency.known]
    assert unknown == []


def test_graph_rows_have_the_edges_the_manifest_counts(corpus, parsed) -> None:
    for entry in corpus.manifest["documents"]:
        rows = document_rows(parsed[entry["file"]])
        assert (len(rows.leads), len(rows.responsible)) == (
            entry["lead_edges"], entry["responsible_edges"]), entry["file"]


def test_totals_add_up(corpus) -> None:
    m = corpus.manifest
    for key in ("tasks", "leads", "units", "implied"):
        assert m[key] == sum(d[key] for d in m["documents"])
    assert m["assignments"] == m["leads"] + m["units"] + m["implied"]


def test_a_corpus_replaces_an_earlier_one_but_nothing_else(tmp_path: Path) -> None:
    write_corpus(2, tmp_path / "out")
    corpus = write_corpus(1, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [MANIFEST] + [p.name for p in corpus.files])
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CorpusError, match="not empty"):
        write_corpus(1, tmp_path / "other")
    with pytest.raises(CorpusError, match=r"no manifest\.json"):
        read_corpus(tmp_path / "other")


def test_cli_writes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert synth_main(["--scale", "1", "--out", str(tmp_path / "c"), "--seed", "2"]) == 0
    assert "5 plans in 5 cities" in capsys.readouterr().out
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.txt").write_text("x", encoding="utf-8")
    assert synth_main(["--scale", "1", "--out", str(tmp_path / "busy")]) == 1
    assert capsys.readouterr().err.startswith("Error: ")


@pytest.mark.parametrize(("n", "numeral"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"),
                                            (35, "三十五")])
def test_chinese_numerals(n: int, numeral: str) -> None:
    assert chinese(n) == numeral
