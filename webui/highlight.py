"""Mark where a task's text names its units, as segments a template escapes one by one.

The store keeps, on every LEADS / RESPONSIBLE_FOR edge, the sentence the unit list came
from, the list's length (its span) and the unit as printed. Marks are painted on a copy
of the text character by character and then cut into runs, so the page never receives
HTML built from document text: each run is plain text plus the name of a mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from webui.tables import ordered_groups

Assignment = Mapping[str, Any]  # a row of the task_assignments query

# Edge basis -> mark; a later mark in PRIORITY wins where two overlap (a first-listed
# lead is also a listed unit: it shows as the lead).
MARK_BY_BASIS = {"explicit": "lead", "first_listed": "lead-inferred", "listed": "unit",
                 "standing_rule": "implied"}
PRIORITY = ("", "list", "unit", "implied", "lead-inferred", "lead")


class Segment(NamedTuple):
    text: str
    mark: str  # "" for plain text, else one of PRIORITY


@dataclass(frozen=True)
class Quote:
    """A sentence printed away from the task (division-of-labour table, standing rule)."""

    source: str
    basis: str
    segments: list[Segment]


@dataclass(frozen=True)
class Highlight:
    text: list[Segment]  # the task's own text
    elsewhere: list[Quote]


def highlight(text: str, assignments: Sequence[Assignment]) -> Highlight:
    """Segments of `text` with each unit list and unit marked, and quotes found elsewhere."""
    marks = [""] * len(text)
    elsewhere = []
    for sentence, group in ordered_groups(assignments, "sentence"):
        at = text.find(sentence) if sentence else -1
        if at >= 0:
            _mark_sentence(marks, at, sentence, group)
        elif sentence:
            own = [""] * len(sentence)
            _mark_sentence(own, 0, sentence, group)
            elsewhere.append(Quote(group[0]["source"], group[0]["basis"], runs(sentence, own)))
    return Highlight(runs(text, marks), elsewhere)


def runs(text: str, marks: list[str]) -> list[Segment]:
    """Cut `text` where the mark changes."""
    out: list[Segment] = []
    begin = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[begin]:
            out.append(Segment(text[begin:i], marks[begin]))
            begin = i
    return out


def _mark_sentence(marks: list[str], at: int, sentence: str,
                   group: list[Assignment]) -> None:
    """Paint each unit list of `sentence` (placed at `at`), then its units in order."""
    for _, items in ordered_groups(group, "start"):
        ranked = sorted(items, key=lambda a: a["rank"])
        begin = sentence.find(ranked[0]["mention"] or "\0")
        if begin < 0:
            continue
        length = ranked[0]["end"] - ranked[0]["start"]
        if length > 0 and begin + length <= len(sentence):
            _paint(marks, at + begin, at + begin + length, "list")
        _mark_units(marks, at, sentence, begin, ranked)


def _mark_units(marks: list[str], at: int, sentence: str, cursor: int,
                ranked: list[Assignment]) -> None:
    """Find each printed unit after the previous one, so repeated names land in order."""
    for _, same in ordered_groups(ranked, "rank"):
        mention = same[0]["mention"] or ""
        found = sentence.find(mention, cursor) if mention else -1
        if found < 0:
            continue
        for item in same:
            _paint(marks, at + found, at + found + len(mention),
                   MARK_BY_BASIS.get(item["basis"], "unit"))
        cursor = found + len(mention)


def _paint(marks: list[str], begin: int, end: int, mark: str) -> None:
    level = PRIORITY.index(mark)
    for i in range(begin, min(end, len(marks))):
        if PRIORITY.index(marks[i]) <= level:
            marks[i] = mark
