"""Score the parser's readings against gold readings, with the rules of score_gold.py.

The shared tool (`shared/tools/score_gold.py`) is the yardstick the project is judged by, so
these rules copy it exactly, quirks included; a figure here that differs from the tool's is a
bug here. Tasks match by normalised title (its first 40 characters, else a shared
12-character start); a pair is (task, unit) over leads + units + implied; a lead is an explicit
lead only. Units compare after NFKC, without spaces or ASCII brackets, without the gold
document's city (or province) name and without a leading `市`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.errors import LoaderError

# What a title key drops: "（一）加快建设，数字 政府。" -> "一加快建设数字政府"
TITLE_PUNCT = re.compile(r"[\s\u3000，,、。．.：:；;“”\"'‘’《》〈〉()（）\[\]【】]")
TITLE_KEY_LENGTH = 40  # titles that differ only after this many characters are one task
NEAR_PREFIX = 12  # a trailing clause may differ: titles sharing this start still match
# Units starting with 市 whose 市 is part of the name, not the city: "市直机关工委", "市场监管局"
KEEPS_SHI = ("市直", "市场")
UNIT_KINDS = ("leads", "units", "implied")
EXTENSIONS = {"txt": ("txt",), "html": ("html",), "all": ("txt", "html")}


@dataclass
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], pred: set[str]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """1 when nothing was predicted and nothing was due, as score_gold.py has it."""
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


MEASURES = ("task", "pair", "lead")


@dataclass
class Score:
    """Counts of the three measures, for one document or summed over many."""

    task: Counts = field(default_factory=Counts)
    pair: Counts = field(default_factory=Counts)
    lead: Counts = field(default_factory=Counts)

    def __add__(self, other: Score) -> Score:
        return Score(self.task + other.task, self.pair + other.pair, self.lead + other.lead)

    def measures(self) -> list[tuple[str, Counts]]:
        return [(name, getattr(self, name)) for name in MEASURES]

    def line(self) -> str:
        """F1 only: the short form for a summary."""
        return "  ".join(f"{name} F1={c.f1:.3f}" for name, c in self.measures())

    def detail(self) -> str:
        """A document's figures, worded as score_gold.py words them."""
        return "  ".join(f"{name} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}"
                         for name, c in self.measures())

    def overall(self) -> str:
        """Summed figures, worded as score_gold.py's overall line."""
        return "  ".join(f"{name} F1={c.f1:.3f} (P={c.precision:.3f} R={c.recall:.3f})"
                         for name, c in self.measures())


def total(scores: Iterable[Score]) -> Score:
    """Micro-averaged: counts are summed before P/R/F1, as score_gold.py does."""
    return sum(scores, Score())


def title_key(task: dict) -> str:
    text = unicodedata.normalize("NFKC", task.get("title") or "")
    return TITLE_PUNCT.sub("", text)[:TITLE_KEY_LENGTH]


def unit_key(unit: str, city: str) -> str:
    """The unit as compared: "青岛市工业和信息化局" and "市工业和信息化局" are one unit."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit or "").strip())
    for name in (city, city[:-1] if city.endswith(("市", "省")) else None):
        if name and s.startswith(name) and len(s) > len(name) + 1:
            s = s[len(name):]
            break
    names_city = s.startswith("市") and len(s) > 2 and not s.startswith(KEEPS_SHI)
    if s.startswith("市市") or names_city:  # "市市场监管局" keeps one 市
        s = s[1:]
    return s.replace("(", "").replace(")", "")


def all_units(task: dict, city: str) -> set[str]:
    return {unit_key(u, city) for kind in UNIT_KINDS for u in task.get(kind) or []}


def lead_units(task: dict, city: str) -> set[str]:
    return {unit_key(u, city) for u in task.get("leads") or []}


Slot = tuple[str, int]  # (title key, position among the tasks with that key)


def _by_key(tasks: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for task in tasks:
        grouped.setdefault(title_key(task), []).append(task)
    return grouped


def _first_free(pred: dict[str, list[dict]], key: str, used: set[Slot]) -> Slot | None:
    return next(((key, i) for i in range(len(pred.get(key, []))) if (key, i) not in used), None)


def _first_near(pred: dict[str, list[dict]], key: str, used: set[Slot]) -> Slot | None:
    for pk in pred:
        near = pk and key and (pk.startswith(key[:NEAR_PREFIX])
                               or key.startswith(pk[:NEAR_PREFIX]))
        slot = _first_free(pred, pk, used) if near else None
        if slot:
            return slot
    return None


def match_tasks(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """Pair gold and predicted tasks, each used once.

    The order is score_gold.py's and it matters when titles repeat: gold tasks grouped by
    key in first-seen order, each taking the first free prediction with its key, else the
    first free one, in grouped order, whose key shares a 12-character start.
    """
    by_key, pairs = _by_key(pred), []
    used: set[Slot] = set()
    for key, tasks in _by_key(gold).items():
        for g in tasks:
            slot = _first_free(by_key, key, used) or _first_near(by_key, key, used)
            if slot:
                used.add(slot)
                pairs.append((g, by_key[slot[0]][slot[1]]))
    return pairs


@dataclass(frozen=True)
class TaskDifference:
    """One task where the reading and the gold disagree."""

    kind: str  # "missing task", "extra task" or "task" (matched, units differ)
    no: str | None
    title: str
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    gold_leads: tuple[str, ...] = ()
    pred_leads: tuple[str, ...] = ()

    def line(self) -> str:
        """score_gold.py's wording, so a verbose report reads the same from either."""
        if self.kind != "task":
            return f"{self.kind} {self.no} {self.title}"
        leads = (f" leads gold {list(self.gold_leads)} pred {list(self.pred_leads)}"
                 if self.gold_leads != self.pred_leads else "")
        return (f"task {self.no} {self.title[:20]}: missing {list(self.missing)} "
                f"extra {list(self.extra)}{leads}")


@dataclass(frozen=True)
class Comparison:
    """A gold reading set against a predicted one: tasks matched, missed and extra."""

    city: str
    matched: list[tuple[dict, dict]]
    missing: list[dict]
    extra: list[dict]

    @classmethod
    def of(cls, gold: dict, pred: dict) -> Comparison:
        gold_tasks, pred_tasks = gold.get("tasks") or [], pred.get("tasks") or []
        matched = match_tasks(gold_tasks, pred_tasks)
        gold_seen, pred_seen = {id(g) for g, _ in matched}, {id(p) for _, p in matched}
        return cls(gold.get("city") or gold.get("province") or "", matched,
                   [t for t in gold_tasks if id(t) not in gold_seen],
                   [t for t in pred_tasks if id(t) not in pred_seen])


def score_document(gold: dict, pred: dict) -> Score:
    """A document's counts; a task missed or extra costs all its units and leads."""
    c, score = Comparison.of(gold, pred), Score()
    score.task = Counts(len(c.matched), len(c.extra), len(c.missing))
    for g in c.missing:
        score.pair.add(all_units(g, c.city), set())
        score.lead.add(lead_units(g, c.city), set())
    for p in c.extra:
        score.pair.add(set(), all_units(p, c.city))
        score.lead.add(set(), lead_units(p, c.city))
    for g, p in c.matched:
        score.pair.add(all_units(g, c.city), all_units(p, c.city))
        score.lead.add(lead_units(g, c.city), lead_units(p, c.city))
    return score


def differences(gold: dict, pred: dict) -> list[TaskDifference]:
    """Every task that costs points: missing ones, extra ones, then matched ones whose units
    or leads differ (score_gold.py's order)."""
    c = Comparison.of(gold, pred)
    found = [TaskDifference("missing task", g.get("no"), g.get("title") or "")
             for g in c.missing]
    found += [TaskDifference("extra task", p.get("no"), p.get("title") or "") for p in c.extra]
    changed = (_changed(g, p, c.city) for g, p in c.matched)
    return found + [d for d in changed if d]


def _changed(gold: dict, pred: dict, city: str) -> TaskDifference | None:
    gu, pu = all_units(gold, city), all_units(pred, city)
    gl, pl = lead_units(gold, city), lead_units(pred, city)
    if gu == pu and gl == pl:
        return None
    return TaskDifference("task", gold.get("no"), gold.get("title") or "",
                          tuple(sorted(gu - pu)), tuple(sorted(pu - gu)),
                          tuple(sorted(gl)), tuple(sorted(pl)))


# -- scoring a folder of documents ---------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """A document as the parser read it (the SCHEMA.md record), or why it could not be.

    A document that fails is scored as empty rather than stopping the run, so one bad file
    costs its own points and no one else's.
    """

    record: dict
    error: str | None = None


def read_document(path: Path) -> Reading:
    """Read as `python -m loaders parse --json` does, so the score is of what users get."""
    from loaders.pipeline import read_plan  # the parser stack loads only when reading

    try:
        return Reading(read_plan(path).to_schema())
    except LoaderError as err:
        return Reading({"tasks": []}, " ".join(str(err).split()))


@dataclass
class DocumentScore:
    """One document's score, its differences, and its parse error if it had one."""

    name: str
    score: Score
    differences: list[TaskDifference]
    error: str | None = None


@dataclass
class SetScore:
    """The documents of one file type scored against their gold readings."""

    ext: str
    documents: list[DocumentScore]

    @property
    def total(self) -> Score:
        return total(d.score for d in self.documents)

    def figure(self, measure: str) -> float:
        return getattr(self.total, measure).f1


def gold_readings(gold_dir: Path) -> list[tuple[Path, dict]]:
    """Every gold JSON in `gold_dir`, in file-name order as score_gold.py reads them."""
    return [(p, json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(gold_dir.glob("*.json"))]


def document_for(gold_file: Path, gold: dict, docs_dir: Path, ext: str) -> Path | None:
    """The document a gold reading is of: its `doc` (a .txt), or the .html of the same stem.

    Every gold has its .txt (a missing one is scored as an error); only some have an .html,
    and the html set is the ones that do.
    """
    txt = docs_dir / (gold.get("doc") or f"{gold_file.stem}.txt")
    if ext == "txt":
        return txt
    html = txt.with_suffix(f".{ext}")
    return html if html.exists() else None


def score_set(gold_dir: Path, docs_dir: Path, ext: str,
              read: Callable[[Path], Reading] = read_document) -> SetScore:
    """Read every document of type `ext` that has a gold reading and score it."""
    scored = []
    for gold_file, gold in gold_readings(gold_dir):
        path = document_for(gold_file, gold, docs_dir, ext)
        if path is not None:
            reading = read(path)
            scored.append(DocumentScore(path.name, score_document(gold, reading.record),
                                        differences(gold, reading.record), reading.error))
    return SetScore(ext, scored)


def score_sets(gold_dir: Path, docs_dir: Path, ext: str,
               read: Callable[[Path], Reading] = read_document) -> list[SetScore]:
    """One set per file type `ext` names ("all": txt and html, kept apart)."""
    return [score_set(gold_dir, docs_dir, one, read) for one in EXTENSIONS[ext]]


def report_lines(scored: SetScore, verbose: bool = False) -> list[str]:
    """Per-document lines (with their differences when verbose), then the overall line."""
    lines = []
    for doc in scored.documents:
        if doc.error:
            lines.append(f"{doc.name}  error: {doc.error}")
        lines.append(f"{doc.name}  {doc.score.detail()}")
        if verbose:
            lines += [f"  {d.line()}" for d in doc.differences]
    failed = sum(1 for d in scored.documents if d.error)
    lines.append(f"overall {scored.ext} ({len(scored.documents)} documents, {failed} failed): "
                 f"{scored.total.overall()}")
    return lines
