"""The parser against the hand-checked gold readings of the five seed plans."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from loaders.parse import parse_text
from loaders.score import Score, differences, score_document, total

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
GOLD = Path(__file__).resolve().parent / "gold"
GOLD_FILES = sorted(GOLD.glob("*.json"))


def parsed(gold_file: Path) -> dict:
    name = gold_file.with_suffix(".txt").name
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return parse_text(text, name).to_schema()


def nfkc(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value)
    if isinstance(value, list):
        return [nfkc(v) for v in value]
    return value


def seed_readings() -> list[tuple[dict, dict]]:
    """(gold, parsed) for each seed plan."""
    return [(json.loads(f.read_text(encoding="utf-8")), parsed(f)) for f in GOLD_FILES]


def gold_score() -> Score:
    return total(score_document(gold, pred) for gold, pred in seed_readings())


def test_gold_scores_meet_the_bar() -> None:
    readings = seed_readings()
    score = total(score_document(gold, pred) for gold, pred in readings)
    print(f"\nseed plans against gold: {score.line()}")
    print("\n".join(f"{gold['doc']}: {d.line()}" for gold, pred in readings
                    for d in differences(gold, pred)))
    assert len(GOLD_FILES) == 5
    assert score.task.f1 == 1.0
    assert score.pair.f1 >= 0.99
    assert score.lead.f1 == 1.0


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_document_fields_match_gold(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    pred = parsed(gold_file)
    for key in ("city", "province", "title", "issuer", "doc_number", "issued"):
        assert nfkc(pred[key]) == nfkc(gold[key]), key


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_task_fields_match_gold_exactly(gold_file: Path) -> None:
    """Stricter than the score: units as distributed, order, sections, numbers, source."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    pred = parsed(gold_file)
    assert len(pred["tasks"]) == len(gold["tasks"])
    for g, p in zip(gold["tasks"], pred["tasks"], strict=True):
        for key in ("no", "section", "title", "leads", "units", "implied", "source"):
            assert nfkc(p[key]) == nfkc(g[key]), (g["no"], g["title"], key)


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_every_mention_traces_back_to_its_sentence(gold_file: Path) -> None:
    name = gold_file.with_suffix(".txt").name
    text = (SAMPLES / name).read_text(encoding="utf-8")
    for task in parse_text(text, name).tasks:
        for m in task.mentions:
            printed = text[m.start : m.end]
            assert m.printed.replace("\n", "") in printed.replace("\n", ""), m
            assert m.sentence.replace("\n", "") and m.printed in m.sentence.replace("\n", "")


def test_inferred_leads_are_first_listed_and_kept_apart() -> None:
    gold_file = GOLD / "000_29c4f374f04b8484.json"
    for task in parsed(gold_file)["tasks"]:
        assert task["leads"] == []
        assert task["inferred_lead"] == (task["units"][0] if task["units"] else None)
