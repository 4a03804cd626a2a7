"""The shape every reader returns: text, one paragraph per line, tables as blocks.

Tables are kept as ``[table]`` blocks (one row per line, cells separated by tabs) because
the division of labour is often printed as a table and the extraction recognises it from
that shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadResult:
    """The text of one file plus how it was obtained, so odd output can be traced back."""

    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "gb18030", "html:<codec>", "docx", "pdf"
    kind: str  # "txt", "html", "docx" or "pdf"
    # What was wrong with the file though it was read: damaged bytes, a text cut short.
    warnings: tuple[str, ...] = ()


TABLE_START = "[table]"  # the same markers loaders.lines splits tables on
TABLE_END = "[/table]"
# Tabs separate cells and newlines separate rows, so neither may survive inside a cell:
# a run like "\t", "\n  " or "\xa0 " becomes one space.
_CELL_SPACE_RE = re.compile(r"[\t\n\r\f\v\xa0 ]+")


def cell_clean(text: str) -> str:
    """Flatten a cell to one line so the row stays one line and its cells stay apart."""
    return _CELL_SPACE_RE.sub(" ", text).strip()


def table_block(rows: list[list[str]]) -> list[str]:
    """Render rows as the block the extraction recognises; rows with no text are dropped."""
    lines = ["\t".join(cells) for cells in rows if any(cells)]
    return [TABLE_START, *lines, TABLE_END] if lines else []
