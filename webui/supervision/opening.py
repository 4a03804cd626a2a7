"""A returned 任务清单 opened, XLSX or DOCX: whose list it says it is, and its rows.

Both formats come back from the same export (webui.exports): the XLSX names its agency in
the hidden sheet 报送信息 and in its title row, the DOCX in its 单位:… line and in the
填写说明 line below the table (单位编号:…). Either way the rows are handed on as tuples of
cells, with the header row among them, numbered as the file numbers them (a spreadsheet
row; a Word table row, the header being row 1), so webui.supervision.returned checks the
rows of both with the same code and the same words.

Which reader runs is decided by what the file holds (a Word package has
word/document.xml), not by its name; a file that is not a zip package at all is named by
its suffix in the error.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import docx
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from webui.exports import TITLE
from webui.supervision.vocabulary import comparable, vocabulary

MAX_FILE_BYTES = 10 << 20  # a list of a few hundred tasks is tens of kilobytes
MAX_UNZIPPED_BYTES = 100 << 20  # what the zip directory declares, checked before reading
MAX_ROWS = 20_000
WORD_PART = "word/document.xml"  # the main part of every DOCX package
WORD_SUFFIXES = (".docx", ".doc")
# `单位编号:ag-1a2b3c4d5e6f` in the DOCX's 填写说明 line (after NFKC, spaces removed; the id
# is the export's agency id: letters, digits, `-` and `_`)
AGENCY_ID_TEXT = r"{label}:(?P<id>[\w-]+)"


class SheetRefused(Exception):
    """The file as a whole cannot be read as a returned list (the message says why)."""


@dataclass(frozen=True)
class Opened:
    """What a returned file says of itself, before any of it is checked against the graph."""

    agency_id: str  # "" when the file names none
    agency_said: str  # the agency's name where the file keeps its id ("" if not there)
    title: str  # the visible line naming the agency, as written
    expected_prefix: str  # what that line starts with: 任务清单: (XLSX) or 单位: (DOCX)
    place: str  # where the title line stands, for messages: 表头 or 文中
    rows: list[tuple[Any, ...]]  # rows[i] is row i + 1 of the file's table or sheet


def open_returned(file: str, data: bytes) -> Opened:
    """The file read by the reader its contents call for; SheetRefused when neither fits."""
    if len(data) > MAX_FILE_BYTES:
        raise SheetRefused(f"文件超过 {MAX_FILE_BYTES >> 20} MB,不是一份任务清单 (file too large)")
    members = _members(data)
    if WORD_PART in members if members is not None else _word_name(file):
        return open_docx(data, members is not None)
    return open_xlsx(data, members is not None)


def _members(data: bytes) -> set[str] | None:
    """The names in the zip package, after its declared sizes were found sane; None when
    `data` is not a zip package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if sum(member.file_size for member in infos) > MAX_UNZIPPED_BYTES:
        raise SheetRefused(f"解压后超过 {MAX_UNZIPPED_BYTES >> 20} MB,拒绝读取 "
                           "(unzipped size too large)")
    return {member.filename for member in infos}


def _word_name(file: str) -> bool:
    return PurePath(file).suffix.lower() in WORD_SUFFIXES


# --- XLSX -------------------------------------------------------------------------------


def open_xlsx(data: bytes, zipped: bool = True) -> Opened:
    """The hidden sheet's agency, the title row and every row of the list sheet."""
    book = _workbook(data) if zipped else None
    if book is None:
        raise SheetRefused("无法读取为 Excel (XLSX) 文件,请上传从单位页下载并填写的任务清单 "
                           "(not a readable XLSX file)")
    try:
        meta = read_meta(book)
        rows = list_rows(book)
    finally:
        book.close()
    title = str(rows[0][0] if rows and rows[0] and rows[0][0] is not None else "").strip()
    return Opened(meta["agency_id"], meta["agency"], title, f"{TITLE}:", "表头", rows)


def _workbook(data: bytes) -> Workbook | None:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a hostile or broken file fails in many ways; all mean this
        return None


def read_meta(book: Workbook) -> dict[str, str]:
    """The hidden sheet's label → value pairs; SheetRefused when it is not there."""
    meta = vocabulary().meta
    if meta["sheet"] not in book.sheetnames:
        raise SheetRefused(f"没有“{meta['sheet']}”表:不是本系统导出的任务清单,请用单位页"
                           "下载的 Excel 任务清单填写 (no agency sheet: not an exported list)")
    pairs = {}
    for line in book[meta["sheet"]].iter_rows(max_row=20, max_col=2, values_only=True):
        if line and line[0] is not None:
            value = line[1] if len(line) > 1 else None
            pairs[comparable(str(line[0]))] = "" if value is None else str(value).strip()
    if pairs.get(comparable(meta["format"])) != meta["format_value"]:
        raise SheetRefused(f"“{meta['sheet']}”表的格式不是“{meta['format_value']}” "
                           "(unknown list format)")
    return {key: pairs.get(comparable(label), "") for key, label in meta.items()}


def list_rows(book: Workbook) -> list[tuple[Any, ...]]:
    """The rows of the task list (the first sheet that is not the hidden one)."""
    hidden = vocabulary().meta["sheet"]
    names = [n for n in book.sheetnames if n != hidden]
    if not names:
        raise SheetRefused(f"没有“{TITLE}”表 (no task list sheet)")
    return _capped(tuple(line) for line in book[names[0]].iter_rows(values_only=True))


def _capped(rows: Iterator[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    found = []
    for row in rows:
        found.append(row)
        if len(found) > MAX_ROWS:
            raise SheetRefused(f"超过 {MAX_ROWS} 行,不是一份任务清单 (too many rows)")
    return found


# --- DOCX -------------------------------------------------------------------------------


def open_docx(data: bytes, zipped: bool = True) -> Opened:
    """The table holding the task key column, the 单位:… line and the 单位编号 the
    instructions under the table print."""
    document = _document(data) if zipped else None
    if document is None:
        raise SheetRefused("无法读取为 Word (DOCX) 文件,请上传从单位页下载并填写的任务清单"
                           "(.doc 请另存为 .docx) (not a readable DOCX file)")
    rows = table_rows(document)
    lines = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    meta = vocabulary().meta
    unit = comparable(f"{meta['agency']}:")
    title = next((line for line in lines if comparable(line).startswith(unit)), "")
    pattern = re.compile(AGENCY_ID_TEXT.format(label=re.escape(comparable(meta["agency_id"]))))
    found = next((m for line in lines if (m := pattern.search(comparable(line)))), None)
    return Opened(found["id"] if found else "", comparable(title)[len(unit):],
                  title, f"{meta['agency']}:", "文中", rows)


def _document(data: bytes) -> Any:
    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # as for a workbook: a broken package fails in many ways
        return None


def table_rows(document: Any) -> list[tuple[Any, ...]]:
    """The rows of the first table with a task key column, as text; SheetRefused when no
    table has one (a Word file that is not an exported list)."""
    key = comparable(vocabulary().columns["key"])
    for table in document.tables:
        first = table.rows[0].cells if len(table.rows) else []
        if key in (comparable(c.text) for c in first):
            return _capped(tuple(c.text for c in row.cells) for row in table.rows)
    raise SheetRefused(f"没有含“{vocabulary().columns['key']}”列的表格:不是本系统导出的"
                       "任务清单,请用单位页下载的 Word 或 Excel 任务清单填写 "
                       "(no task list table)")
