"""Join division-of-labour entries (an attachment's 责任分工, a table) to the items.

An attachment numbers its entries its own way (一、/(一) where the main text has
(一)/1.), so entries are matched to items by title, never by number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from graph.model import Deadline, Mention, Task
from loaders.assignments import UnitList, find_assignments
from loaders.deadlines import passage_deadlines
from loaders.lines import Line
from loaders.outline import read_outline, walk
from loaders.tables import TableEntry

PUNCT = re.compile(r"[\s\u3000，,、。．.：:；;“”\"'‘’《》()（）\[\]【】]")

MentionMaker = Callable[[UnitList, str], list[Mention]]


@dataclass
class Entry:
    """Units given to an item elsewhere in the document, found by the item's title."""

    title: str
    lists: list[UnitList]
    deadlines: list[Deadline]
    table: TableEntry | None = None


def title_key(title: str) -> str:
    """Compare titles after NFKC, without punctuation or spaces."""
    return PUNCT.sub("", unicodedata.normalize("NFKC", title))


def attachment_entries(lines: list[Line]) -> list[Entry]:
    """Headings or items of the attachment that print a unit list."""
    entries = []
    for node in walk(read_outline(lines)):
        found = find_assignments(node.passage)
        if found.lists:
            entries.append(Entry(node.title, found.lists, passage_deadlines(node.passage)))
    return entries


def table_entries(rows: list[TableEntry]) -> list[Entry]:
    return [Entry(r.title, r.lists, r.deadlines, r) for r in rows]


def join_entries(tasks: list[Task], entries: list[Entry], make: MentionMaker) -> list[Entry]:
    """Give each entry's units to the item of the same title; return unmatched entries."""
    unmatched = []
    taken: set[int] = set()
    for entry in entries:
        task = _match(tasks, entry.title, taken)
        if task is None:
            unmatched.append(entry)
            continue
        taken.add(task.position)
        task.deadlines += entry.deadlines
        if any(m.role != "implied" for m in task.mentions):
            continue  # units printed at the item itself win
        for unit_list in entry.lists:
            task.mentions += make(unit_list, "attachment")
    return unmatched


def _match(tasks: list[Task], title: str, taken: set[int]) -> Task | None:
    key = title_key(title)
    free = [t for t in tasks if t.position not in taken]
    for t in free:
        if title_key(t.title) == key:
            return t
    for t in free:
        other = title_key(t.title)
        if key and other and (other.startswith(key) or key.startswith(other)):
            return t
    return None
