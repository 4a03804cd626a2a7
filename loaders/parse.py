"""Turn a plan's text into a Document: its tasks and the units assigned to each.

The steps are named after what they find: lines, regions (main text, attachments),
blocks, task items, unit lists, standing rules, the attachment join.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.model import Document, Mention, Task
from loaders.assignments import UnitList, find_unit_lists
from loaders.attachment import Entry, attachment_entries, join_entries, table_entries
from loaders.errors import NoTasksFound
from loaders.jurisdiction import Gazetteer, Jurisdiction
from loaders.lines import Line, split_lines
from loaders.metadata import read_metadata
from loaders.structure import (
    Block,
    find_blocks,
    heading_label,
    is_excluded,
    split_regions,
    title_of,
)
from loaders.tables import TableEntry, cut_tables, division_entries
from loaders.units import FIRST_IS_LEAD, ORGAN_END, core_name, split_units

# Words that announce a unit list: 责任单位, 牵头部门, 配合单位 …
ROLE_WORDS = re.compile(r"(?:责任|牵头|配合)(?:单位|部门)")

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
    blocks = find_blocks(main)
    document = read_header(text, doc, lines, blocks, encoding, place)
    places = Gazetteer.load().place_names()

    def make(unit_list: UnitList, source: str) -> list[Mention]:
        return to_mentions(unit_list, source, places)

    document.tasks = build_tasks(find_task_items(blocks), make)
    apply_first_listed_rule(document.tasks, text)
    unmatched = join_entries(document.tasks, attachment_entries(attachment), make)
    for tables, source in ((main_tables, "inline"), (attachment_tables, "attachment")):
        for table in tables:
            unmatched += join_table(document.tasks, division_entries(table), source, make)
    document.warnings += [f"entry matches no task: {e.title[:40]}" for e in unmatched]
    document.warnings += unclassified(document.tasks)
    check_found(document)
    return document


def read_header(text: str, doc: str, lines: list[Line], blocks: list[Block],
                encoding: str, place: Jurisdiction | None) -> Document:
    """A Document with the notice's metadata and the issuer's jurisdiction."""
    body_start = blocks[0].lines[0].start if blocks else len(text)
    meta = read_metadata(text, lines, body_start)
    head = " ".join(filter(None, [meta.issuer, meta.title, meta.doc_number]))
    place = place or Gazetteer.load().detect(head, text)
    return Document(doc=doc, text=text, city=place.city, province=place.province,
                    title=meta.title, issuer=meta.issuer, doc_number=meta.doc_number,
                    issued=meta.issued, level=place.level, encoding=encoding)


def unclassified(tasks: list[Task]) -> list[str]:
    """What a clerk should check by eye: role words with no list read from them, and
    names in a list that do not end like the name of an organ."""
    notes = []
    for task in tasks:
        printed = [m for m in task.mentions if m.role != "implied"]
        if not printed and ROLE_WORDS.search(task.text):
            hint = ROLE_WORDS.search(task.text)
            notes.append(f"item {task.no} {task.title[:20]}: role words but no unit list read: "
                         f"…{task.text[max(0, hint.start() - 10) : hint.end() + 20]}…")
        odd = [m.text for m in printed if not ORGAN_END.search(core_name(m.text))]
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


def find_task_items(blocks: list[Block]) -> list[tuple[Block, str]]:
    """Work items with their section: numbered items, and (一)-level entries that have
    no numbered items under them; goals and principles are skipped."""
    items: list[tuple[Block, str]] = []
    h1: Block | None = None
    h2: Block | None = None
    for i, block in enumerate(blocks):
        if block.kind == "h1":
            h1, h2 = block, None
        elif block.kind == "h2":
            h2 = block
        if any(h is not None and is_excluded(h) for h in (h1, h2)):
            continue
        if block.kind == "item":
            items.append((block, heading_label(h2 or h1) if (h2 or h1) else ""))
        elif block.kind == "h2" and _is_leaf(blocks, i):
            items.append((block, heading_label(h1) if h1 else ""))
        elif block.kind == "h1" and _is_leaf(blocks, i) and find_unit_lists(block)[0]:
            items.append((block, ""))
    return items


def _is_leaf(blocks: list[Block], i: int) -> bool:
    """A heading is a leaf when the next block is not below it."""
    below = {"h1": ("h2", "item"), "h2": ("item",)}[blocks[i].kind]
    return i + 1 == len(blocks) or blocks[i + 1].kind not in below


def build_tasks(items: list[tuple[Block, str]], make: MentionMaker) -> list[Task]:
    """Tasks with the units printed at them and those a standing rule gives them."""
    tasks: list[Task] = []
    standing: list[UnitList] = []
    for position, (block, section) in enumerate(items):
        lists, rules, deadline = find_unit_lists(block)
        task = Task(no=block.no, section=section, title=title_of(block), text=block.body,
                    position=position, start=block.start, end=block.end, deadline=deadline)
        for unit_list in lists:
            task.mentions += make(unit_list, "inline")
        for rule in standing:
            task.mentions += make(rule, "inline")
        standing += rules
        task.mentions = _dedupe(task.mentions)
        tasks.append(task)
    return tasks


def join_table(tasks: list[Task], rows: list[TableEntry], source: str,
               make: MentionMaker) -> list[Entry]:
    """Join a division-of-labour table to the items; a table that matches none of
    them is the plan's task list itself, and each of its rows becomes a task."""
    entries = table_entries(rows)
    unmatched = join_entries(tasks, entries, make)
    if entries and len(unmatched) < len(entries):
        return unmatched
    for entry in unmatched:
        tasks.append(task_from_row(entry.table, len(tasks), source, make))
    return []


def task_from_row(row: TableEntry, position: int, source: str, make: MentionMaker) -> Task:
    task = Task(no=row.no, section=row.section, title=row.title, text=row.text,
                position=position, start=row.start, end=row.end, deadline=row.deadline)
    for unit_list in row.lists:
        task.mentions += make(unit_list, source)
    task.mentions = _dedupe(task.mentions)
    return task


def apply_first_listed_rule(tasks: list[Task], text: str) -> None:
    """`排在第一位的部门为牵头部门，下同`: from the item where it is printed on, the
    first-listed unit of an item with no printed lead is printed as its lead."""
    rule = FIRST_IS_LEAD.search(text)
    if not rule:
        return
    for task in tasks:
        if task.end < rule.start() or task.leads:
            continue
        first = next((m for m in task.mentions if m.role == "unit"), None)
        if first:
            first.role = "lead"


def to_mentions(unit_list: UnitList, source: str, places: tuple[str, ...]) -> list[Mention]:
    split = split_units(unit_list.content, unit_list.start, places)
    return [
        Mention(text=p.text, role="lead" if p.lead else unit_list.role, source=source,
                start=unit_list.list_start,
                end=unit_list.end, sentence=unit_list.sentence, printed=p.printed)
        for p in split.units
    ]


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per unit: a unit printed at the item is not implied again."""
    seen: set[str] = set()
    out = []
    for m in sorted(mentions, key=lambda m: m.role == "implied"):
        if m.text not in seen:
            seen.add(m.text)
            out.append(m)
    return out
