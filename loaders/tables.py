"""Read division-of-labour tables (责任分工表) that readers render as `[table]` blocks.

A reader writes each table as a `[table]` line, one line per row with cells separated
by tabs, and a `[/table]` line. A table is a division of labour when a header row names
a task column (重点任务, 工作任务 …) and a unit column (牵头单位, 责任单位, 配合单位 …);
each later row is then one task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Deadline, Target
from loaders.assignments import UnitList
from loaders.deadlines import cell_deadlines, text_deadlines
from loaders.lines import TABLE_CLOSE, TABLE_OPEN, Line
from loaders.targets import cell_targets
from loaders.vocabulary import roles

# Header cells, by what the column holds. Role columns are read through the role
# vocabulary (data/roles.yaml, `Roles.role_name`): a label, or 牵头/责任/指导 … with 单位/部门.
COLUMNS = {
    "no": re.compile(r"^(?:序号|编号|序)$"),
    "section": re.compile(r"^(?:类别|领域|重点领域|任务类别|一级任务|主要方面|板块|方向)$"),
    "task": re.compile(r"(?:重点任务|主要任务|工作任务|具体任务|任务名称|任务内容|工作内容|"
                       r"重点工作|工作措施|主要举措|具体措施|改革举措|任务|举措|事项|措施)"),
    "text": re.compile(r"(?:主要内容|具体内容|内容|工作要求|具体要求)"),
}
MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}")
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
    deadlines: list[Deadline]
    targets: list[Target]
    start: int
    end: int


def cut_tables(lines: list[Line]) -> tuple[list[Line], list[list[Row]]]:
    """Take tables out of the lines: `[table]` blocks that readers write, and markdown pipe
    tables (`| 序号 | 任务 | 牵头单位 |`) in text files. Returns (other lines, tables)."""
    rest: list[Line] = []
    tables: list[list[Row]] = []
    current: list[Row] | None = None
    piped = False
    for line in lines:
        is_pipe = line.text.startswith("|")
        if current is not None and piped and not is_pipe:
            tables.append(current)
            current, piped = None, False
        if line.text == TABLE_OPEN:
            current = []
        elif line.text == TABLE_CLOSE:
            if current is not None:
                tables.append(current)
            current = None
        elif current is None and is_pipe:
            current, piped = [_pipe_row(line)], True
        elif current is not None:
            if not (piped and MARKDOWN_RULE.match(line.text)):
                current.append(_pipe_row(line) if piped else _row(line))
        else:
            rest.append(line)
    if current:
        tables.append(current)
    return rest, tables


def _pipe_row(line: Line) -> Row:
    """`| a | b |`: cells between the pipes, with their document offsets."""
    text = line.text.strip()
    inner = text[1:-1] if text.endswith("|") and len(text) > 1 else text[1:]
    cells, starts, pos = [], [], 1
    for cell in inner.split("|"):
        cells.append(cell.strip())
        starts.append(line.start + pos + len(cell) - len(cell.lstrip()))
        pos += len(cell) + 1
    return Row(cells, starts, line)


def _row(line: Line) -> Row:
    cells, starts, pos = [], [], 0
    for cell in line.text.split("\t"):
        cells.append(cell.strip())
        starts.append(line.start + pos + len(cell) - len(cell.lstrip()))
        pos += len(cell) + 1
    return Row(cells, starts, line)


def division_entries(rows: list[Row]) -> list[TableEntry]:
    """Entries of a division-of-labour table; [] for any other table. A row whose cells
    all say the same thing (or only its first cell speaks) is a group row: the section of
    the rows below it."""
    for i, row in enumerate(rows):
        if _is_header(row.cells):
            columns = _header(row.cells)
            section = ""
            entries = []
            for r in rows[i + 1:]:
                group = _group_label(r.cells)
                if group is not None:
                    section = group
                elif (entry := _entry(r, columns, section)) is not None:
                    entries.append(entry)
            return entries
    return []


def _group_label(cells: list[str]) -> str | None:
    filled = [c for c in cells if c]
    if len(cells) > 2 and filled and len(set(filled)) == 1 and (
            len(filled) > 1 or cells[0] == filled[0]):
        return filled[0]
    return None


def _is_header(cells: list[str]) -> bool:
    """A header row, also when a table repeats it on every page."""
    columns = _header(cells)
    has_units = any(k.startswith("role:") for k in columns)
    return "task" in columns and has_units and all(len(c) <= 12 for c in cells)


def _header(cells: list[str]) -> dict[str, int]:
    """Column of each kind; role columns as `role:lead`/`role:unit` (several allowed)."""
    columns: dict[str, int] = {}
    r = roles()
    for j, cell in enumerate(cells):
        name = re.sub(r"\s+", "", cell)
        kind = r.label_roles.get(name) or next(
            (role for word, role in r.label_roles.items()
             if role in ("scope", "deadline") and word in name), None)
        if kind in ("scope", "deadline"):
            columns.setdefault(kind, j)
            continue
        if kind in ("lead", "unit") or r.role_name.search(name):
            columns[f"role:{r.label_role(name)}:{j}"] = j
            continue
        for key in ("no", "section", "task", "text"):
            if key not in columns and COLUMNS[key].search(name):
                columns[key] = j
                break
    return columns


def _cell(row: Row, columns: dict[str, int], key: str) -> tuple[str, int]:
    j = columns.get(key)
    if j is None or j >= len(row.cells):
        return "", row.line.start
    return row.cells[j], row.starts[j]


def _entry(row: Row, columns: dict[str, int], section: str) -> TableEntry | None:
    task, _ = _cell(row, columns, "task")
    if not task or _is_header(row.cells):
        return None
    sentence = " | ".join(c for c in row.cells if c)
    lists = []
    for key in sorted((k for k in columns if k.startswith("role:")), key=columns.__getitem__):
        content, start = _cell(row, columns, key)
        if content and content not in ("/", "—", "-", "无"):
            role = key.split(":")[1]
            lists.append(UnitList(role, content, start, start + len(content), start, sentence))
    text, text_at = _cell(row, columns, "text")
    task_at = _cell(row, columns, "task")[1]
    return TableEntry(
        no=_cell(row, columns, "no")[0],
        section=_cell(row, columns, "section")[0] or section,
        title=re.split(r"[。]", task, maxsplit=1)[0].strip(),
        text=task + ("\n" + text if text else ""),
        lists=lists,
        deadlines=_deadlines(row, columns, ((task, task_at), (text, text_at))),
        targets=cell_targets(task, task_at) + cell_targets(text, text_at),
        start=row.line.start,
        end=row.line.end,
    )


def _deadlines(row: Row, columns: dict[str, int],
               cells: tuple[tuple[str, int], ...]) -> list[Deadline]:
    """Dates printed in the task's own cells, then the deadline column (`完成时限`)."""
    found = [d for text, at in cells for d in text_deadlines(text, at)]
    return found + cell_deadlines(*_cell(row, columns, "deadline"))
