"""Render query results as an aligned table, JSON (a list of row objects) or CSV.

Every exported table cell (CSV here and in the viewer, XLSX in `webui.exports`) passes the
formula guard: text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+SUM(…)`,
`@…`) gets a leading `'` in CSV and is written as a text cell in XLSX (OWASP's advice
on CSV injection). Numbers, negative ones too, stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from numbers import Number
from typing import Any

FORMATS = ("table", "json", "csv")
MAX_WIDTH = 40  # table cells are cut to this many terminal columns
LIST_SEPARATOR = "、"  # the Chinese enumeration comma, as plans print unit lists
# A spreadsheet reads a cell that starts with one of these as a formula.
FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")


def render(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records(columns, rows), ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        return _csv(columns, rows)
    if fmt == "table":
        return _table(columns, rows)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def records(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(columns, row, strict=True)) for row in rows]


def cell(value: Any) -> str:
    """One value as text: lists joined the way plans print them, null as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def formula_like(value: Any) -> bool:
    """Text a spreadsheet would run as a formula; a number (even a negative one) is not text."""
    return not isinstance(value, Number) and cell(value).startswith(FORMULA_MARKS)


def inert(value: Any) -> str:
    """One value as an exported text cell: `cell(value)`, with a `'` before formula-like text.

    The one guard of every CSV export; XLSX asks `formula_like` and stores such a cell as
    text instead, so the value shows as it is.
    """
    text = cell(value)
    return "'" + text if formula_like(value) else text


def csv_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[list[str]]:
    """The header and the rows of a CSV export, every cell through `inert`."""
    return [[inert(c) for c in columns], *([inert(v) for v in row] for row in rows)]


def _csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """RFC 4180 lines (CRLF): the csv module quotes a field holding a line-end character
    only if the line terminator has it, so with `\n` a stray `\r` would split a row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(csv_rows(columns, rows))
    return buffer.getvalue().removesuffix("\r\n")


def _table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    grid = [list(columns)] + [[_cut(cell(v)) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in grid) for i in range(len(columns))]
    lines = ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip()
             for r in grid]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if _width(text) <= MAX_WIDTH:
        return text
    while _width(text) > MAX_WIDTH - 1:
        text = text[:-1]
    return text + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
