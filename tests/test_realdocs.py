"""The parser against the gold readings of seventeen real plans, and the scorer against
the shared score_gold.py that the project is judged by.

The floors hold for the .txt and the .html of each plan alike: a reader for one file type
must not lose what the other keeps.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from loaders.score import (
    MEASURES,
    Reading,
    SetScore,
    TaskDifference,
    differences,
    report_lines,
    score_document,
    score_set,
    total,
)
from tests.test_gold import nfkc

REALDOCS = Path(__file__).resolve().parent / "realdocs"
GOLD, DOCS = REALDOCS / "gold", REALDOCS / "docs"
SCORE_GOLD = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_gold.py"
FLOOR = 0.98
SETS = ("txt", "html")


@pytest.fixture(scope="session")
def realdocs_scores(realdocs_reader: Callable[[Path], Reading]) -> dict[str, SetScore]:
    return {ext: score_set(GOLD, DOCS, ext, realdocs_reader) for ext in SETS}


def test_every_gold_reading_has_its_documents(realdocs_scores: dict[str, SetScore]) -> None:
    """A document missing from the folder would quietly shrink the set the floors judge."""
    golds = sorted(GOLD.glob("*.json"))
    assert len(golds) == 17
    assert all((DOCS / f"{g.stem}.txt").exists() for g in golds)
    assert len(realdocs_scores["txt"].documents) == 17
    assert len(realdocs_scores["html"].documents) == len(list(DOCS.glob("*.html"))) == 7


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize("ext", SETS)
def test_realdocs_reach_the_floor(ext: str, measure: str,
                                  realdocs_scores: dict[str, SetScore]) -> None:
    scored = realdocs_scores[ext]
    figure = scored.figure(measure)
    report = "\n".join(report_lines(scored, verbose=True))
    assert figure >= FLOOR, f"{ext} {measure} F1 below {FLOOR}:\n{report}"


def task(no: str, title: str, leads: list[str] | None = None,
         units: list[str] | None = None) -> dict:
    return {"no": no, "section": None, "title": title, "leads": leads or [],
            "units": units or [], "implied": [], "source": "inline"}


# A gold and a reading that differ in each way the rules treat specially.
CRAFTED_GOLD = {"doc": "crafted.txt", "city": "青岛市", "province": "山东省", "tasks": [
    task("1", "加快建设数字政府", ["市大数据局"], ["市财政局", "市场监管局"]),
    task("2", "推进工业互联网发展", [], ["青岛市工业和信息化局", "市科技局"]),
    task("3", "完善人才政策体系", ["市人力资源社会保障局"], ["市教育局"]),
]}
CRAFTED_PRED = {"doc": "crafted.txt", "tasks": [
    # leads without 市, "市市场…" with a doubled 市, one extra unit
    task("1", "加快建设数字政府", ["大数据局"], ["市财政局", "市市场监管局", "市税务局"]),
    # title runs on past the gold's (12-character match); no city name; 市科技局 missing
    task("2", "推进工业互联网发展，打造一批平台", [], ["市工业和信息化局"]),
    # task 3 missing; an extra task whose lead counts against precision
    task("4", "加强宣传引导", ["市委宣传部"]),
]}


def test_crafted_pair_gives_hand_counted_figures() -> None:
    score = score_document(CRAFTED_GOLD, CRAFTED_PRED)
    counts = {name: (c.tp, c.fp, c.fn) for name, c in score.measures()}
    # task: 1 and 2 match, 3 missing, 4 extra. pair: task 1 {大数据局, 财政局, 市场监管局}
    # found, 税务局 extra; task 2 工业和信息化局 found, 科技局 missed; task 3's two missed;
    # task 4's 委宣传部 extra. lead: 大数据局 found, 人力资源社会保障局 missed, 委宣传部 extra.
    assert counts == {"task": (2, 1, 1), "pair": (4, 2, 3), "lead": (1, 1, 1)}
    assert score.pair.f1 == pytest.approx(8 / 13)
    assert score.task.f1 == pytest.approx(2 / 3) and score.lead.f1 == pytest.approx(0.5)


def test_crafted_pair_differences_by_task() -> None:
    assert differences(CRAFTED_GOLD, CRAFTED_PRED) == [
        TaskDifference("missing task", "3", "完善人才政策体系"),
        TaskDifference("extra task", "4", "加强宣传引导"),
        TaskDifference("task", "1", "加快建设数字政府", (), ("税务局",), ("大数据局",),
                       ("大数据局",)),
        TaskDifference("task", "2", "推进工业互联网发展", ("科技局",), ()),
    ]


def score_gold(gold_dir: Path, pred_dir: Path) -> list[str]:
    """score_gold.py's verbose report; skip where the shared tools are not beside the repo."""
    if not SCORE_GOLD.exists():
        pytest.skip(f"{SCORE_GOLD} not found")
    run = subprocess.run([sys.executable, str(SCORE_GOLD), str(gold_dir), str(pred_dir),
                          "--verbose"], capture_output=True, text=True, check=True)
    return run.stdout.splitlines()


def our_report(golds: list[tuple[str, dict, dict]]) -> list[str]:
    """Our figures and differences, worded and ordered as score_gold.py's report."""
    lines, scores = [], []
    for name, gold, pred in golds:
        found = differences(gold, pred)
        lines += [name, *(f"  {d.line()}" for d in found)] if found else []
        scores.append(score_document(gold, pred))
        lines.append(f"{name}  {scores[-1].detail()}")
    return [*lines, f"overall: {total(scores).overall()}"]


def write_pair(folder: Path, name: str, gold: dict, pred: dict | None) -> None:
    for sub, record in (("gold", gold), ("pred", pred)):
        (folder / sub).mkdir(exist_ok=True)
        if record is not None:
            (folder / sub / name).write_text(json.dumps(record, ensure_ascii=False), "utf-8")


def test_crafted_pair_scores_as_score_gold_does(tmp_path: Path) -> None:
    write_pair(tmp_path, "crafted.json", CRAFTED_GOLD, CRAFTED_PRED)
    expected = score_gold(tmp_path / "gold", tmp_path / "pred")
    assert our_report([("crafted.json", CRAFTED_GOLD, CRAFTED_PRED)]) == expected
    assert expected[-1].startswith("overall: task F1=0.667 (P=0.667 R=0.667)  pair F1=0.615")


@pytest.mark.parametrize("ext", SETS)
def test_realdocs_score_as_score_gold_does(ext: str, tmp_path: Path,
                                           realdocs_reader: Callable[[Path], Reading]) -> None:
    """On the parser's own readings, whatever they are today, the figures are the tool's."""
    golds = []
    for gold_file in sorted(GOLD.glob("*.json")):
        doc = DOCS / f"{gold_file.stem}.{ext}"
        if doc.exists():
            gold, reading = json.loads(gold_file.read_text("utf-8")), realdocs_reader(doc)
            write_pair(tmp_path, gold_file.name, gold, None if reading.error else reading.record)
            golds.append((gold_file.name, gold, reading.record))
    assert our_report(golds) == score_gold(tmp_path / "gold", tmp_path / "pred")


@pytest.mark.parametrize("gold_file", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_realdocs_fields_match_gold_exactly(
        gold_file: Path, realdocs_reader: Callable[[Path], Reading]) -> None:
    """Stricter than the score: the notice's fields, and every task's number, section,
    title, lists in printed order and source, as the gold prints them."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    reading = realdocs_reader(DOCS / gold["doc"])
    assert reading.error is None, reading.error
    pred = reading.record
    for key in ("city", "province", "title", "issuer", "doc_number", "issued"):
        assert nfkc(pred[key]) == nfkc(gold[key]), key
    assert [t["title"] for t in pred["tasks"]] == [t["title"] for t in gold["tasks"]]
    for g, p in zip(gold["tasks"], pred["tasks"], strict=True):
        for key in ("no", "section", "leads", "units", "implied", "source"):
            assert nfkc(p[key]) == nfkc(g[key]), (g["no"], g["title"], key)
