"""The comparison of cities as an XLSX workbook: one sheet per measure, then the long table.

Built in memory with openpyxl. Names come from the plans (agency types, cities), so every
text cell goes through `queries.output.inert` and is stored as text: `=HYPERLINK(…)` in a
plan must never become a live formula in the office's spreadsheet.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from queries.output import inert
from webui.labels import column_label
from webui.tables import Table

if TYPE_CHECKING:
    from webui.compare import Cell, Matrix

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CITY_ROW = "全部任务"  # the label of each city's own row


def sheets() -> list[tuple[str, str, str]]:
    """(sheet title, what its cells hold, number format)."""
    return [("承担任务数", "tasks", "0"), ("占本市任务比例", "share", "0%"),
            ("牵头比例", "lead", "0%"), ("未写明牵头比例", "unnamed", "0%")]


def to_xlsx(matrix: Matrix, table: Table) -> io.BytesIO:
    book = Workbook()
    first = book.active
    assert isinstance(first, Worksheet)  # a new workbook's one sheet
    book.remove(first)
    for title, measure, number in sheets():
        _matrix_sheet(book.create_sheet(title), matrix, measure, number)
    _long_sheet(book.create_sheet("明细"), table)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _matrix_sheet(sheet: Worksheet, matrix: Matrix, measure: str, number: str) -> None:
    _append_text(sheet, [f"{matrix.sector}:{sheet.title}"])
    sheet["A1"].font = Font(bold=True, size=13)
    _append_text(sheet, ["单位类型", *matrix.cities])
    for kind in [CITY_ROW, *matrix.types]:
        cells = [matrix.totals[c] if kind == CITY_ROW else matrix.cell(kind, c)
                 for c in matrix.cities]
        sheet.append([inert(kind), *(_value(c, measure) for c in cells)])
    for row in sheet.iter_rows(min_row=3, min_col=2):
        for cell in row:
            cell.number_format = number
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["A"].width = 30
    sheet.freeze_panes = "B3"
    _as_text(sheet)


def _value(cell: Cell | None, measure: str) -> Any:
    if cell is None or not cell.tasks:
        return None
    return cell.tasks if measure == "tasks" else round(cell.measure(measure), 4)


def _long_sheet(sheet: Worksheet, table: Table) -> None:
    _append_text(sheet, [column_label(c) for c in table.columns])
    for row in table.rows:
        sheet.append([v if isinstance(v, int | float) else inert(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    _as_text(sheet)


def _append_text(sheet: Worksheet, values: list[str]) -> None:
    sheet.append([inert(v) for v in values])


def _as_text(sheet: Worksheet) -> None:
    """Strings stay strings: openpyxl would make any value that starts with `=` a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
