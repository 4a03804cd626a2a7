"""What the review page shows of a plan read but not loaded: its reading beside its text.

The reading is every task with the units named for it, by role and basis, and the agency
each printed name resolved to, marked new when the lexicon does not know it or the graph
does not hold it yet. The text is the whole document cut into runs (webui.highlight's
segments): unit lists and units marked where the loader found them, each task's span a
block of its own, so the template escapes every run and never receives HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graph.model import Document, Mention, Task
from webui.highlight import MARK_BY_BASIS, PRIORITY, Segment, runs

RESPONSIBLE_BASIS = {"unit": "listed", "implied": "standing_rule"}


@dataclass(frozen=True)
class Unit:
    """One printed name of a task, with the agency it resolved to."""

    role: str  # lead, unit, implied
    basis: str  # explicit, first_listed, listed, standing_rule
    printed: str
    agency: str  # the agency's name, "" when the name resolved to none
    agency_id: str
    known: bool  # in the curated lexicon
    in_graph: bool  # the graph already holds the agency
    source: str  # inline or attachment

    @property
    def new(self) -> bool:
        return bool(self.agency_id) and not (self.known and self.in_graph)


@dataclass(frozen=True)
class TaskReading:
    anchor: str
    no: str
    section: str
    title: str
    deadline: str | None
    sectors: list[str]
    leads: list[Unit]
    units: list[Unit]
    implied: list[Unit]
    source: str  # where its units were printed: inline, attachment, none


@dataclass(frozen=True)
class SourceBlock:
    """A run of the document's text: a task's span (`anchor` names its reading) or the
    text between tasks (`anchor` is "")."""

    anchor: str
    no: str
    segments: list[Segment]


@dataclass(frozen=True)
class Review:
    tasks: list[TaskReading]
    source: list[SourceBlock]
    new_agencies: list[Unit]  # one per agency, in order of first mention

    @property
    def without_units(self) -> int:
        return sum(1 for t in self.tasks if not (t.leads or t.units or t.implied))


def review(doc: Document, in_graph: Callable[[Iterable[str]], set[str]]) -> Review:
    """The reading of `doc`; `in_graph(ids)` says which agency ids the graph holds."""
    held = in_graph(sorted({m.agency.id for t in doc.tasks for m in t.mentions if m.agency}))
    tasks = [_reading(doc, t, held) for t in doc.tasks]
    new: dict[str, Unit] = {}
    for t in tasks:
        for unit in (*t.leads, *t.units, *t.implied):
            if unit.new:
                new.setdefault(unit.agency_id, unit)
    return Review(tasks, source_blocks(doc), list(new.values()))


def anchor(task: Task) -> str:
    return f"t{task.position + 1}"


def _reading(doc: Document, task: Task, held: set[str]) -> TaskReading:
    leads = [_unit(m, "lead", basis, held) for m, basis in task.lead_mentions()]
    units = [_unit(m, m.role, RESPONSIBLE_BASIS[m.role], held)
             for m in task.mentions if m.role == "unit"]
    implied = [_unit(m, m.role, RESPONSIBLE_BASIS[m.role], held)
               for m in task.mentions if m.role == "implied"]
    return TaskReading(anchor(task), task.no, task.section, task.title, task.deadline,
                       list(task.sectors), leads, units, implied, task.source)


def _unit(m: Mention, role: str, basis: str, held: set[str]) -> Unit:
    ref = m.agency
    return Unit(role, basis, m.printed or m.text, ref.name if ref else "",
                ref.id if ref else "", bool(ref and ref.known), bool(ref and ref.id in held),
                m.source)


def source_blocks(doc: Document) -> list[SourceBlock]:
    """The whole text in runs, cut at task boundaries, unit lists and units marked."""
    marks = source_marks(doc)
    blocks: list[SourceBlock] = []
    cursor = 0
    for task in sorted(doc.tasks, key=lambda t: t.start):
        begin, end = max(task.start, cursor), min(task.end, len(doc.text))
        if end <= begin:
            continue
        if begin > cursor:
            blocks.append(SourceBlock("", "", runs(doc.text[cursor:begin], marks[cursor:begin])))
        blocks.append(SourceBlock(anchor(task), task.no,
                                  runs(doc.text[begin:end], marks[begin:end])))
        cursor = end
    if cursor < len(doc.text):
        blocks.append(SourceBlock("", "", runs(doc.text[cursor:], marks[cursor:])))
    return blocks


def source_marks(doc: Document) -> list[str]:
    """One mark per character of the text: each unit list, then each unit in it by role."""
    marks = [""] * len(doc.text)
    for task in doc.tasks:
        bases = _mention_bases(task)
        lists: dict[tuple[int, int], list[Mention]] = {}
        for m in task.mentions:
            lists.setdefault((m.start, m.end), []).append(m)
        for (start, end), mentions in lists.items():
            _paint(marks, start, end, "list")
            cursor = start
            for m in mentions:  # printed in this order: find each after the one before
                printed = m.printed or m.text
                found = doc.text.find(printed, cursor, end) if printed else -1
                if found >= 0:
                    _paint(marks, found, found + len(printed),
                           MARK_BY_BASIS.get(bases[id(m)], "unit"))
                    cursor = found + len(printed)
    return marks


def _mention_bases(task: Task) -> dict[int, str]:
    """The edge basis of each mention: a lead's, else its role's (an inferred lead is also
    a listed unit; its mark shows it as the lead)."""
    bases = {id(m): RESPONSIBLE_BASIS.get(m.role, "listed") for m in task.mentions}
    bases.update({id(m): basis for m, basis in task.lead_mentions()})
    return bases


def _paint(marks: list[str], begin: int, end: int, mark: str) -> None:
    level = PRIORITY.index(mark)
    for i in range(max(begin, 0), min(end, len(marks))):
        if PRIORITY.index(marks[i]) <= level:
            marks[i] = mark
