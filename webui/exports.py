"""An agency's task list (任务清单) as the files a coordination office sends out.

The rows are the agency page's task table in words a reader of the plan uses; XLSX and
DOCX are built with openpyxl and python-docx in memory, never written to disk. Every XLSX
cell of text is a text cell: openpyxl would store `=HYPERLINK(…)` from a plan as a live
formula (`queries.output.formula_like` is the guard the CSV exports share). DOCX has no
formulas; its cells hold the plan's text as it is. A task the agency holds because of a
correction says so in its role (责任单位(人工更正)) and names the records in a column.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from queries.output import formula_like
from webui.labels import CORRECTED_MARK, LIST_SEPARATOR, role_label
from webui.supervision import sheet as reply
from webui.tables import Table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE = "任务清单"

# Export column -> (heading, width in spreadsheet characters).
COLUMNS = {
    "plan": ("方案", 34), "section": ("章节", 22), "no": ("序号", 6), "task": ("任务", 30),
    "role": ("角色", 16), "partners": ("共同责任单位", 40), "sectors": ("领域", 22),
    "sentence": ("原文依据", 60), "task_id": ("任务编号", 26),
    "corrections": (f"{CORRECTED_MARK}记录", 18),
    # Deadlines (as printed, with the date they mean) and targets; after the columns an
    # earlier list had, so a sheet read by column position still reads those.
    "deadlines": ("完成时限", 24), "targets": ("量化目标", 36),
}
# The DOCX table: what a recipient needs on paper.
DOCX_COLUMNS = ("plan", "task", "role", "partners", "sentence", "deadlines", "targets")
DOCX_WIDTHS_CM = (3.8, 4.4, 2.2, 4.6, 7.0, 3.0, 3.6)
EAST_ASIAN_FONT = "SimSun"  # 宋体: the default of government documents


def task_list(tasks: Table) -> list[dict[str, str]]:
    """The agency page's task table as export rows of text."""
    return [{
        "plan": r["plan"] or "", "section": r["section"] or "", "no": r["no"] or "",
        "task": r["title"] or "", "role": _role(r),
        "partners": LIST_SEPARATOR.join(r["co_agencies"]),
        "sectors": LIST_SEPARATOR.join(r["sectors"]),
        # deadlines as printed with their normalised date; targets in words (webui.due)
        "deadlines": LIST_SEPARATOR.join(r.get("deadlines") or []),
        "targets": LIST_SEPARATOR.join(r.get("targets") or []),
        "sentence": "\n".join(r["sentences"]), "task_id": r["task_id"],
        "corrections": LIST_SEPARATOR.join(r.get("corrections") or []),
    } for r in tasks.records()]


def _role(row: Mapping[str, Any]) -> str:
    """The role in words, marked when a correction made or changed the edge."""
    role = role_label(row["role"], row["basis"])
    return f"{role}({CORRECTED_MARK})" if row.get("corrections") else role


def heading(info: Mapping[str, Any]) -> str:
    return f"{info['name']}({info['city'] or '—'})"


def to_xlsx(info: Mapping[str, Any], rows: list[dict[str, str]],
            today: date | None = None) -> bytes:
    """One sheet: a title line, then a header row and one row per task; the reply columns
    (task key, 进展情况 …) and the hidden sheet naming the agency after them."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = TITLE
    sheet.append([f"{TITLE}:{heading(info)}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([COLUMNS[c][0] for c in COLUMNS])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    for at, (_, width) in enumerate(COLUMNS.values(), start=1):
        sheet.column_dimensions[get_column_letter(at)].width = width
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    reply.extend_xlsx(sheet, info, rows, today or date.today())  # progress reporting
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell, Cell):
                as_text(cell)
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_text(cell: Cell) -> None:
    """A string stays a string: never a formula, and marked as text (`'`) if it looks like one.

    openpyxl makes any value starting with `=` a formula; the text type undoes that, and
    the quote prefix keeps Excel from reading it as one when the cell is edited.
    """
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if formula_like(cell.value):
            cell.quotePrefix = True


def to_docx(info: Mapping[str, Any], rows: list[dict[str, str]], today: date) -> bytes:
    """A landscape page: title, agency, date, and the task table."""
    document = new_docx()
    _use_chinese_font(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.add_heading(TITLE, level=0)
    document.add_paragraph(f"单位:{heading(info)}")
    document.add_paragraph(f"日期:{today.isoformat()}    任务数:{len(rows)}")
    table = _add_table(document, rows)
    reply.extend_docx(document, table, info, rows)  # progress reporting
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_table(document: Any, rows: list[dict[str, str]]) -> Any:
    table = document.add_table(rows=1, cols=len(DOCX_COLUMNS))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, DOCX_COLUMNS, strict=True):
        cell.text = COLUMNS[column][0]
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, column in zip(cells, DOCX_COLUMNS, strict=True):
            cell.text = row[column]
    for column, width in zip(table.columns, DOCX_WIDTHS_CM, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def _use_chinese_font(document: Any) -> None:
    """python-docx sets only the Latin font; Chinese text needs the East Asian one too."""
    for name in ("Normal", "Title", "Table Grid"):
        style = document.styles[name]
        style.font.name = EAST_ASIAN_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    document.styles["Normal"].font.size = Pt(10.5)
