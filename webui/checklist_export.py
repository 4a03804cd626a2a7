"""The 问题清单 and the evidence lists as files an office sends: XLSX and DOCX.

Both list clauses: a task of a plan, with its 文号, item number and the sentence that names
(or fails to name) its units. The check list has a summary and one table per check that
found something; the evidence list one table of the tasks behind a count. Built in memory
with openpyxl and python-docx, as the agency task lists are (webui.exports): every XLSX
text cell is a text cell, formula-like text marked as such (`exports.as_text`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from queries.checks import Check
from webui.exports import DOCX_TYPE, XLSX_TYPE, _use_chinese_font, as_text
from webui.labels import LIST_SEPARATOR, role_label

__all__ = ["DOCX_TYPE", "XLSX_TYPE", "Scope", "Section", "checklist_docx", "checklist_xlsx",
           "clause_rows", "evidence_docx"]

TITLE = "问题清单"
EVIDENCE_TITLE = "原文依据"
# Export column -> (heading, spreadsheet width in characters, DOCX width in cm).
COLUMNS = {
    "plan": ("方案", 30, 4.2), "doc_number": ("文号", 18, 3.0), "no": ("序号", 6, 1.4),
    "section": ("章节", 18, 3.0), "task": ("任务", 28, 4.5), "found": ("涉及单位", 24, 4.0),
    "basis": ("依据", 14, 2.4), "clause": ("原文依据", 60, 9.0), "task_id": ("任务编号", 26, 3.5),
}
NUMERALS = "一二三四五六七八九十"
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")  # characters a sheet name may not hold


@dataclass(frozen=True)
class Scope:
    """Whose list it is: one plan (方案) or one agency (单位), with lines that identify it."""

    label: str  # 方案 or 单位
    name: str
    details: tuple[str, ...] = ()  # 文号:…, 发文机关:…
    one_plan: bool = True  # every row from one plan: no plan and 文号 columns


@dataclass(frozen=True)
class Section:
    """One check and its findings as export rows (`clause_rows`)."""

    check: Check
    rows: list[dict[str, str]]
    applies: bool = True  # False: the check concerns no agency (shown as 不适用)

    def columns(self, scope: Scope) -> list[str]:
        shown = [] if scope.one_plan else ["plan", "doc_number"]
        shown += ["no", "section", "task"] + (["found"] if self.check.found else [])
        return [*shown, "clause", "task_id"]

    def heading(self, column: str) -> str:
        return self.check.found if column == "found" else COLUMNS[column][0]


def clause_rows(records: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Rows of a check query or of the evidence query as text cells."""
    return [{"plan": r.get("plan") or "", "doc_number": r.get("doc_number") or "",
             "no": r.get("no") or "", "section": r.get("section") or "",
             "task": r.get("title") or "", "found": LIST_SEPARATOR.join(r.get("found") or []),
             "basis": role_label("", r["basis"]) if r.get("basis") else "",
             "clause": clause_text(r), "task_id": r.get("task_id") or ""} for r in records]


def clause_text(record: Mapping[str, Any]) -> str:
    """The sentences naming the task's units; the item's text when it names none."""
    sentences = [s for s in record.get("sentences") or [] if s]
    return "\n".join(sentences) if sentences else (record.get("text") or "")


# --- XLSX ---------------------------------------------------------------------------------


def checklist_xlsx(scope: Scope, sections: Sequence[Section], today: date) -> bytes:
    """A summary sheet, then one sheet per check that found something."""
    book = Workbook()
    summary = book.active
    assert isinstance(summary, Worksheet)  # a new workbook's one sheet
    _summary_sheet(summary, scope, sections, today)
    found = [s for s in sections if s.rows]
    for number, section in enumerate(found, 1):  # numbered as the DOCX headings are
        _check_sheet(book.create_sheet(_sheet_name(number, section.check)), number, section,
                     scope)
    for sheet in book.worksheets:
        _text_cells(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary_sheet(sheet: Worksheet, scope: Scope, sections: Sequence[Section],
                   today: date) -> None:
    sheet.title = "概况"
    sheet.append([f"{TITLE}:{scope.name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"{scope.label}:{scope.name}"])
    for line in scope.details:
        sheet.append([line])
    sheet.append([f"日期:{today.isoformat()}"])
    sheet.append([])
    sheet.append(["序号", "检查项", "问题数", "说明"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for number, section in enumerate(sections, 1):
        count: int | str = len(section.rows) if section.applies else "不适用"
        sheet.append([number, section.check.title, count, section.check.explanation])
    for letter, width in zip("ABCD", (6, 20, 8, 70), strict=True):
        sheet.column_dimensions[letter].width = width


def _check_sheet(sheet: Worksheet, number: int, section: Section, scope: Scope) -> None:
    columns = section.columns(scope)
    sheet.append([f"{_numeral(number)}、{section.check.title}(共 {len(section.rows)} 项)"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([section.check.explanation])
    sheet.append([section.heading(c) for c in columns])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in section.rows:
        sheet.append([row[c] for c in columns])
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMNS[column][1]
    for line in sheet.iter_rows(min_row=4):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A4"


def _text_cells(sheet: Worksheet) -> None:
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell, Cell):
                as_text(cell)


def _sheet_name(number: int, check: Check) -> str:
    """`1 未列责任单位`: unique by its number, within Excel's 31 characters."""
    return SHEET_NAME_BAD.sub("_", f"{number} {check.title}")[:31]


# --- DOCX ---------------------------------------------------------------------------------


def checklist_docx(scope: Scope, sections: Sequence[Section], today: date) -> bytes:
    """Title, whose list, the count per check, then a table per check that found something."""
    document = _landscape_document()
    document.add_heading(TITLE, level=0)
    document.add_paragraph(f"{scope.label}:{scope.name}")
    for line in scope.details:
        document.add_paragraph(line)
    document.add_paragraph(f"日期:{today.isoformat()}")
    _add_grid(document, ["检查项", "问题数"], [
        [s.check.title, str(len(s.rows)) if s.applies else "不适用"] for s in sections],
        [6.0, 2.5])
    found = [s for s in sections if s.rows]
    for number, section in enumerate(found, 1):
        document.add_heading(
            f"{_numeral(number)}、{section.check.title}(共 {len(section.rows)} 项)", level=1)
        document.add_paragraph(section.check.explanation)
        columns = [c for c in section.columns(scope) if c not in ("section", "task_id")]
        _add_grid(document, [section.heading(c) for c in columns],
                  [[row[c] for c in columns] for row in section.rows],
                  [COLUMNS[c][2] for c in columns])
    if not found:
        document.add_paragraph("各项检查均未发现问题。")
    return _saved(document)


def evidence_docx(title: str, described: Sequence[str], rows: list[dict[str, str]],
                  today: date) -> bytes:
    """The tasks behind one count: what was counted, how many, and each clause."""
    document = _landscape_document()
    document.add_heading(EVIDENCE_TITLE, level=0)
    document.add_paragraph(" · ".join(described))
    document.add_paragraph(f"日期:{today.isoformat()}    任务数:{len(rows)}")
    columns = ["plan", "doc_number", "no", "task", "basis", "clause"]
    _add_grid(document, [COLUMNS[c][0] for c in columns],
              [[row[c] for c in columns] for row in rows], [COLUMNS[c][2] for c in columns])
    return _saved(document)


def _landscape_document() -> Any:
    document = new_docx()
    _use_chinese_font(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    return document


def _add_grid(document: Any, headings: list[str], rows: list[list[str]],
              widths_cm: list[float]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for column, width in zip(table.columns, widths_cm, strict=True):
        for cell in column.cells:
            cell.width = Cm(width)


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _numeral(number: int) -> str:
    """一 … 十 for a heading's number, digits beyond."""
    return NUMERALS[number - 1] if 1 <= number <= len(NUMERALS) else str(number)
