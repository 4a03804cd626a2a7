"""Join a division-of-labour attachment (附件 … 责任分工) to the main text's items.

The attachment numbers its entries its own way (一、/(一) where the main text has
(一)/1.), so entries are matched to items by title, never by number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from graph.model import Mention, Task
from loaders.assignments import UnitList, find_unit_lists
from loaders.lines import Line
from loaders.structure import Block, find_blocks, title_of

PUNCT = re.compile(r"[\s\u3000，,、。．.：:；;“”\"'‘’《》()（）\[\]【】]")

MentionMaker = Callable[[UnitList, str], list[Mention]]


def title_key(title: str) -> str:
    """Compare titles after NFKC, without punctuation or spaces."""
    return PUNCT.sub("", unicodedata.normalize("NFKC", title))


def attachment_entries(lines: list[Line]) -> list[tuple[Block, list[UnitList]]]:
    """Blocks of the attachment that print a unit list."""
    entries = []
    for block in find_blocks(lines):
        lists, _rules, _deadline = find_unit_lists(block)
        if lists:
            entries.append((block, lists))
    return entries


def join_attachment(tasks: list[Task], lines: list[Line], make: MentionMaker) -> list[str]:
    """Give each attachment entry's units to the item of the same title.

    Returns warnings for entries that match no item, so a clerk sees them.
    """
    warnings = []
    taken: set[int] = set()
    for block, lists in attachment_entries(lines):
        task = _match(tasks, title_of(block), taken)
        if task is None:
            warnings.append(f"attachment entry matches no task: {block.lines[0].text[:40]}")
            continue
        taken.add(task.position)
        if any(m.role != "implied" for m in task.mentions):
            continue  # units printed at the item itself win
        for unit_list in lists:
            task.mentions += make(unit_list, "attachment")
    return warnings


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
