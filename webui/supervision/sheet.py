"""The reply columns of an agency's 任务清单: what the export adds so the list can come back.

The XLSX gets, after the list's own columns, the task key (filled) and 进展情况, 完成状态 (a
dropdown of the statuses), 报送日期 and 备注 (blank), and a hidden sheet naming the agency
(id, name, city) and the export date; the DOCX gets the same columns for offices that reply
on paper or in Word. webui.exports calls these after building its own table, so the list's
columns stay its own; the import (webui.supervision.returned) finds every column by its
heading, wherever it stands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from docx.shared import Cm
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from queries.output import formula_like
from webui.supervision.vocabulary import COLUMN_KEYS, vocabulary

HEADER_ROW, FIRST_ROW = 2, 3  # the list's layout (webui.exports.to_xlsx)
WIDTHS = {"key": 24, "progress": 40, "status": 12, "reported": 13, "note": 20}
DOCX_WIDTHS_CM = {"key": 2.6, "progress": 3.0, "status": 1.5, "reported": 1.8, "note": 1.5}
DOCX_TEXT_WIDTH_CM = 26.7  # landscape A4 with the margins below
DOCX_MARGIN_CM = 1.5
TO_FILL = PatternFill("solid", fgColor="FFF4CC")  # the columns the agency fills in
DATE_FORMAT = "yyyy-mm-dd"


def extend_xlsx(sheet: Worksheet, info: Mapping[str, Any], rows: Sequence[Mapping[str, Any]],
                today: date) -> None:
    """Add the reply columns to the list `sheet` and the hidden sheet naming its agency."""
    words = vocabulary()
    first = sheet.max_column + 1
    column = {key: first + n for n, key in enumerate(COLUMN_KEYS)}
    for key, at in column.items():
        cell = sheet.cell(HEADER_ROW, at, words.columns[key])
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(at)].width = WIDTHS[key]
        if key != "key":
            cell.fill = TO_FILL
    for n, row in enumerate(rows):
        line = FIRST_ROW + n
        _text(sheet.cell(line, column["key"]), str(row.get("key") or ""))
        sheet.cell(line, column["reported"]).number_format = DATE_FORMAT
        for at in column.values():
            sheet.cell(line, at).alignment = Alignment(wrap_text=True, vertical="top")
    last = FIRST_ROW + max(len(rows), 1) - 1
    _validate(sheet, column, last)
    assert sheet.parent is not None  # a sheet of a workbook
    _meta_sheet(sheet.parent, info, today)


def _validate(sheet: Worksheet, column: Mapping[str, int], last: int) -> None:
    """A dropdown of the statuses, and a date check, on the cells to fill in."""
    words = vocabulary()
    choices = ",".join(words.statuses.values())
    status = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                            showErrorMessage=True, errorTitle=words.columns["status"],
                            error=f"请从下拉列表中选择:{choices}")
    reported = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)",
                              allow_blank=True, showErrorMessage=True,
                              errorTitle=words.columns["reported"], error=words.date_hint)
    for check, key in ((status, "status"), (reported, "reported")):
        letter = get_column_letter(column[key])
        check.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        sheet.add_data_validation(check)


def _meta_sheet(book: Workbook, info: Mapping[str, Any], today: date) -> None:
    """The hidden sheet the import reads the agency from: label in A, value in B."""
    meta = vocabulary().meta
    sheet = book.create_sheet(meta["sheet"])
    for label, value in ((meta["format"], meta["format_value"]),
                         (meta["agency_id"], info["id"]), (meta["agency"], info["name"]),
                         (meta["city"], info.get("city") or ""),
                         (meta["exported"], today.isoformat())):
        sheet.append([None, None])
        _text(sheet.cell(sheet.max_row, 1), label)
        _text(sheet.cell(sheet.max_row, 2), str(value or ""))
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 40
    sheet.sheet_state = "hidden"


def _text(cell: Any, value: str) -> None:
    """A text cell that a spreadsheet never runs, whatever the text (queries.output)."""
    cell.value = value
    cell.data_type = "s"
    if formula_like(value):
        cell.quotePrefix = True


def extend_docx(document: Any, table: Any, info: Mapping[str, Any],
                rows: Sequence[Mapping[str, Any]]) -> None:
    """The same reply columns in the Word list, and how to fill them in below it."""
    words = vocabulary()
    section = document.sections[0]
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(DOCX_MARGIN_CM))
    old = [col.cells[0].width or 0 for col in table.columns]
    for key in COLUMN_KEYS:
        column = table.add_column(Cm(DOCX_WIDTHS_CM[key]))
        column.cells[0].text = words.columns[key]
        column.cells[0].paragraphs[0].runs[0].bold = True
        if key == "key":
            for cell, row in zip(column.cells[1:], rows, strict=True):
                cell.text = str(row.get("key") or "")
    _fit(table, old)
    statuses = "、".join(words.statuses.values())
    document.add_paragraph(
        f"填写说明:{words.columns['status']}填 {statuses} 之一;{words.date_hint};"
        f"{words.columns['key']}请勿改动。{words.meta['agency_id']}:{info['id']}")


def _fit(table: Any, old: list[int]) -> None:
    """Narrow the list's own columns so the page holds them and the reply columns."""
    room = Cm(DOCX_TEXT_WIDTH_CM - sum(DOCX_WIDTHS_CM.values()))
    scale = room / max(sum(old), 1)
    for column, width in zip(table.columns, old, strict=False):
        for cell in column.cells:
            cell.width = int(width * scale)
