"""Turn a plan's text into a Document: its tasks and the units assigned to each.

The pipeline: lines (web junk removed) → regions (main text, attachments) and tables →
the notice's metadata → the outline (loaders.outline) and its task items → the
assignments printed at each item (loaders.assignments) → standing rules and the printed
first-listed rule → division-of-labour attachments and tables joined by title.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from graph.model import Document, Mention, Task
from loaders.assignments import UnitList, find_assignments
from loaders.attachment import Entry, attachment_entries, join_entries, table_entries
from loaders.deadlines import first_date, in_plan_year, passage_deadlines
from loaders.errors import NoTasksFound
from loaders.jurisdiction import Gazetteer, Jurisdiction
from loaders.lines import Line, split_lines
from loaders.metadata import notice_title, read_metadata
from loaders.outline import Node, numbered, read_outline, section_of, task_nodes
from loaders.tables import TableEntry, cut_tables, division_entries
from loaders.targets import passage_targets, plan_targets
from loaders.units import reads_as_unit, split_units
from loaders.vocabulary import roles, sections

MentionMaker = Callable[[UnitList, str], list[Mention]]


def parse_text(text: str, doc: str, encoding: str = "utf-8",
               place: Jurisdiction | None = None) -> Document:
    """Parse one plan; raise NoTasksFound when no work item or no unit list is found.

    `place` sets the issuing jurisdiction where it cannot be read from the text.
    """
    lines = split_lines(text)
    main, attachment = split_regions(lines)
    main, main_tables = cut_tables(main)
    attachment, attachment_tables = cut_tables(attachment)
    body = plan_body(text, main)
    document = read_header(text, doc, lines, body, encoding, place)
    places = Gazetteer.load().place_names()

    def make(unit_list: UnitList, source: str) -> list[Mention]:
        return to_mentions(unit_list, source, places)

    outline = read_outline(body)
    nodes = task_nodes(outline, lambda n: bool(find_assignments(n.passage).lists))
    document.tasks = build_tasks(nodes, make)
    document.targets = plan_targets(outline)
    unmatched = join_entries(document.tasks, attachment_entries(attachment), make)
    for tables, source in ((main_tables, "inline"), (attachment_tables, "attachment")):
        for table in tables:
            unmatched += join_table(document, division_entries(table), source, make)
    apply_first_listed_rule(document.tasks, text)
    date_deadlines(document)
    document.warnings += [f"entry matches no task: {e.title[:40]}" for e in unmatched]
    document.warnings += unclassified(document.tasks)
    check_found(document)
    return document


def split_regions(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Cut the document at its attachments: main text, attachments.

    The notice's own `附件：X` line names an attachment and is not where it starts; the
    attachment starts at the last such line, or at the first one followed by nothing
    numbered in the main text's style.
    """
    pattern = sections().attachment
    marks = [i for i, line in enumerate(lines) if pattern.match(line.text)]
    for i in marks:
        if not any(numbered(line.text) for line in lines[i + 1:] if not line.text.startswith(
                ("[table]", "|"))) or i == marks[-1]:
            return lines[:i], lines[i:]
    return lines, []


def plan_body(text: str, lines: list[Line]) -> list[Line]:
    """The plan after its covering notice: from below the plan's own title line, when the
    notice names the plan (`印发《X》`) and the title is printed again above the plan."""
    title = notice_title(text, lines)
    if not title:
        return lines
    key = _key(title)
    for i, line in enumerate(lines[1:], start=1):
        if _key(line.text) == key and any("《" in ln.text or "印发" in ln.text
                                          for ln in lines[:i]):
            return lines[i + 1:]
    return lines


def _key(text: str) -> str:
    return re.sub(r"[\s《》“”\"]", "", unicodedata.normalize("NFKC", text))


def read_header(text: str, doc: str, lines: list[Line], body: list[Line],
                encoding: str, place: Jurisdiction | None) -> Document:
    """A Document with the notice's metadata and the issuer's jurisdiction."""
    first = next((ln.start for ln in body if numbered(ln.text)), len(text))
    meta = read_metadata(text, lines, first)
    head = " ".join(filter(None, [meta.issuer, meta.title, meta.doc_number]))
    place = place or Gazetteer.load().detect(head, text)
    return Document(doc=doc, text=text, city=place.city, province=place.province,
                    title=meta.title, issuer=meta.issuer, doc_number=meta.doc_number,
                    issued=meta.issued, level=place.level, encoding=encoding)


def build_tasks(nodes: list[Node], make: MentionMaker) -> list[Task]:
    """Tasks with the units printed at them and those a standing rule gives them."""
    tasks: list[Task] = []
    standing: list[UnitList] = []
    for position, node in enumerate(nodes):
        passage = node.passage
        found = find_assignments(passage)
        task = Task(no=node.no, section=section_of(node) or "", title=node.title,
                    text=passage.text, position=position, start=passage.start,
                    end=passage.end, deadlines=passage_deadlines(passage),
                    targets=passage_targets(passage))
        task.list_spans = found.spans
        task.explicit_lead = found.explicit_lead
        for unit_list in found.lists:
            task.mentions += make(unit_list, "inline")
        for rule in standing:
            task.mentions += make(rule, "inline")
        standing += found.standing
        task.mentions = _union(task.mentions)
        tasks.append(task)
    return tasks


def join_table(document: Document, rows: list[TableEntry], source: str,
               make: MentionMaker) -> list[Entry]:
    """Join a division-of-labour table to the items; a table that matches none of them is
    the plan's task list itself: its rows become the tasks, and body items that assign
    nothing (they only name the table's categories) are not counted again."""
    tasks = document.tasks
    entries = table_entries(rows)
    unmatched = join_entries(tasks, entries, make)
    if not entries or len(unmatched) < len(entries):
        return unmatched
    if not any(t.mentions for t in tasks):
        tasks.clear()
    for entry in unmatched:
        if entry.table is not None:
            tasks.append(task_from_row(entry.table, len(tasks), source, make))
    return []


def task_from_row(row: TableEntry, position: int, source: str, make: MentionMaker) -> Task:
    task = Task(no=row.no, section=row.section, title=row.title, text=row.text,
                position=position, start=row.start, end=row.end,
                deadlines=list(row.deadlines), targets=row.targets)
    for unit_list in row.lists:
        task.mentions += make(unit_list, source)
    task.mentions = _union(task.mentions)
    return task


def apply_first_listed_rule(tasks: list[Task], text: str) -> None:
    """`排在第一位的部门为牵头部门，下同`: from the item where it is printed on, the
    first-listed unit of an item with no printed 牵头 is printed as its lead."""
    rule = roles().first_listed.search(text)
    if not rule:
        return
    for task in tasks:
        if task.end < rule.start() or task.leads or task.explicit_lead:
            continue
        first = next((m for m in task.mentions if m.role == "unit"), None)
        if first:
            first.role = "lead"


def date_deadlines(document: Document) -> None:
    """`年内`, `今年底` fall due at the end of the year the plan was issued in; a task's
    `deadline` is its first date."""
    issued = document.issued or ""
    year = int(issued[:4]) if issued[:4].isdigit() else None
    for task in document.tasks:
        task.deadlines = in_plan_year(task.deadlines, year)
        task.deadline = first_date(task.deadlines)


def to_mentions(unit_list: UnitList, source: str, places: tuple[str, ...]) -> list[Mention]:
    split = split_units(unit_list.content, unit_list.start, places)
    return [
        Mention(text=p.text, role="lead" if p.lead else unit_list.role, source=source,
                start=unit_list.list_start, end=unit_list.end, sentence=unit_list.sentence,
                printed=p.printed)
        for p in split.units
    ]


def _union(mentions: list[Mention]) -> list[Mention]:
    """One mention per unit: a unit that leads anywhere in the item is a lead; a unit
    printed at the item is not implied again."""
    rank = {"lead": 0, "unit": 1, "implied": 2}
    best: dict[str, Mention] = {}
    for m in mentions:
        kept = best.get(m.text)
        if kept is None or rank[m.role] < rank[kept.role]:
            best[m.text] = m
    chosen = {id(m) for m in best.values()}
    printed = [m for m in mentions if id(m) in chosen and m.role != "implied"]
    return printed + [m for m in mentions if id(m) in chosen and m.role == "implied"]


def unclassified(tasks: list[Task]) -> list[str]:
    """What a clerk should check by eye: role words with no list read from them, and
    names in a list that do not end like the name of an organ."""
    notes = []
    for task in tasks:
        printed = [m for m in task.mentions if m.role != "implied"]
        hint = roles().role_name.search(task.text)
        if not printed and hint:
            notes.append(f"item {task.no} {task.title[:20]}: role words but no unit list read: "
                         f"…{task.text[max(0, hint.start() - 10) : hint.end() + 20]}…")
        odd = [m.text for m in printed if not reads_as_unit(m.text)]
        if odd:
            notes.append(f"item {task.no} {task.title[:20]}: not read as unit names: "
                         + "、".join(odd))
    return notes


def check_found(document: Document) -> None:
    """A plan with no task, or with tasks but no unit anywhere, is not a plan we read."""
    if not document.tasks:
        raise NoTasksFound(document.doc,
                           "no numbered task items found under the plan's task headings")
    if not any(task.mentions for task in document.tasks):
        raise NoTasksFound(document.doc, f"{len(document.tasks)} task items found but no "
                           "unit list (责任单位/牵头单位) in any of them")
