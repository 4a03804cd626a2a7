"""Render query results as an aligned table, JSON (a list of row objects) or CSV."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")
MAX_WIDTH = 40  # table cells are cut to this many terminal columns
LIST_SEPARATOR = "、"  # the Chinese enumeration comma, as plans print unit lists


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


def _csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(v) for v in row] for row in rows)
    return buffer.getvalue().rstrip("\n")


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
