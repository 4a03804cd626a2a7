"""Read division-of-labour tables (责任分工表) that readers render as `[table]` blocks.

A reader writes each table as a `[table]` line, one line per row with cells separated
by tabs, and a `[/table]` line. A table is a division of labour when a header row names
a task column (重点任务, 工作任务 …) and a unit column (牵头单位, 责任单位, 配合单位 …);
each later row is then one task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.assignments import UnitList
from loaders.lines import TABLE_CLOSE, TABLE_OPEN, Line

# Header cells, by what the column holds.
COLUMNS = {
    "no": re.compile(r"^(?:序号|编号|序)$"),
    "section": re.compile(r"^(?:类别|领域|重点领域|任务类别|一级任务|主要方面|板块|方向)$"),
    "task": re.compile(r"(?:重点任务|主要任务|工作任务|具体任务|任务名称|任务内容|工作内容|"
                       r"重点工作|工作措施|主要举措|具体措施|任务|举措|事项)"),
    "lead": re.compile(r"(?:牵头单位|牵头部门|主责单位|主责部门|牵头)"),
    "unit": re.compile(r"(?:责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|责任主体)"),
    "deadline": re.compile(r"(?:完成时限|完成时间|时间节点|时限|进度安排)"),
}


@dataclass
class Row:
    cells: list[str]
    starts: list[int]  # document offset of each cell
    line: Line


@dataclass
class TableEntry:
    """One row of a division-of-labour table."""

    no: str
    section: str
    title: str
    text: str
    lists: list[UnitList]
    deadline: str | None
    start: int
    end: int


def cut_tables(lines: list[Line]) -> tuple[list[Line], list[list[Row]]]:
    """Take `[table]` blocks out of the lines: (the other lines, the tables' rows)."""
    rest: list[Line] = []
    tables: list[list[Row]] = []
    current: list[Row] | None = None
    for line in lines:
        if line.text == TABLE_OPEN:
            current = []
        elif line.text == TABLE_CLOSE:
            if current is not None:
                tables.append(current)
            current = None
        elif current is not None:
            current.append(_row(line))
        else:
            rest.append(line)
    if current:
        tables.append(current)
    return rest, tables


def _row(line: Line) -> Row:
    cells, starts, pos = [], [], 0
    for cell in line.text.split("\t"):
        cells.append(cell.strip())
        starts.append(line.start + pos + len(cell) - len(cell.lstrip()))
        pos += len(cell) + 1
    return Row(cells, starts, line)


def division_entries(rows: list[Row]) -> list[TableEntry]:
    """Entries of a division-of-labour table; [] for any other table."""
    for i, row in enumerate(rows):
        if _is_header(row.cells):
            columns = _header(row.cells)
            entries = [_entry(r, columns) for r in rows[i + 1 :]]
            return [e for e in entries if e]
    return []


def _is_header(cells: list[str]) -> bool:
    """A header row, also when a table repeats it on every page."""
    columns = _header(cells)
    has_units = "lead" in columns or "unit" in columns
    return "task" in columns and has_units and all(len(c) <= 10 for c in cells)


def _header(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for j, cell in enumerate(cells):
        name = re.sub(r"\s+", "", cell)
        for key in ("no", "section", "lead", "unit", "deadline", "task"):
            if key not in columns and COLUMNS[key].search(name):
                columns[key] = j
                break
    return columns


def _cell(row: Row, columns: dict[str, int], key: str) -> tuple[str, int]:
    j = columns.get(key)
    if j is None or j >= len(row.cells):
        return "", row.line.start
    return row.cells[j], row.starts[j]


def _entry(row: Row, columns: dict[str, int]) -> TableEntry | None:
    task, _ = _cell(row, columns, "task")
    if not task or _is_header(row.cells):
        return None
    sentence = " | ".join(c for c in row.cells if c)
    lists = []
    for key, role in (("lead", "lead"), ("unit", "unit")):
        content, start = _cell(row, columns, key)
        if content and content not in ("/", "—", "-", "无"):
            lists.append(UnitList(role, content, start, start + len(content), start, sentence))
    deadline = _cell(row, columns, "deadline")[0] or None
    return TableEntry(
        no=_cell(row, columns, "no")[0],
        section=_cell(row, columns, "section")[0],
        title=re.split(r"[。]", task, maxsplit=1)[0].strip(),
        text=task,
        lists=lists,
        deadline=deadline,
        start=row.line.start,
        end=row.line.end,
    )
