"""A returned 任务清单, XLSX or DOCX, read and checked row by row before anything of it is kept.

Each file stands alone: every row is checked (task key known, the task still printed as
the file shows it and held by the file's agency, a known status, a real date), every
problem is named with the file and the row as the file numbers it, and a file with any
problem gives no report at all, so an office never has half a list taken. The part the
export wrote for the import (the hidden sheet, the DOCX's 单位编号 line;
webui.supervision.sheet) says whose list it is; the visible title must say the same.
webui.supervision.opening reads both formats into rows, so the checks here are one code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from webui.exports import heading
from webui.supervision.assignments import Ledger, Task, same_title
from webui.supervision.keys import parse_key
from webui.supervision.opening import Opened, SheetRefused, open_returned
from webui.supervision.store import Entry
from webui.supervision.vocabulary import COLUMN_KEYS, comparable, vocabulary

MAX_TEXT = 4000  # characters of 进展情况 or 备注
HEADER_SCAN = 10  # the header row is among the first rows
# 2024-05-31, 2024/5/31, 2024.5.31, 2024年5月31日 (after NFKC)
DATE_TEXT = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


@dataclass(frozen=True)
class Problem:
    """Why (part of) a sheet cannot be taken; `row` as the spreadsheet numbers it."""

    file: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"{self.file} 第 {self.row} 行" if self.row else self.file
        return f"{where}:{self.message}"


@dataclass
class Checked:
    """One returned sheet after its checks: the reports it gives, or why it gives none."""

    file: str
    agency_id: str = ""
    agency: str = ""
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blank: int = 0  # rows with nothing filled in: no report, not a problem

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, message: str, row: int | None = None) -> None:
        self.problems.append(Problem(self.file, message, row))


def check_sheet(file: str, data: bytes, ledger: Ledger, today: date) -> Checked:
    """Read `data` (the bytes of `file`, XLSX or DOCX) and check every row against `ledger`."""
    checked = Checked(file)
    try:
        opened = open_returned(file, data)
        checked.agency_id, checked.agency = agency_of(opened, ledger)
        check_rows(checked, opened.rows, ledger, today)
    except SheetRefused as refused:
        checked.problem(str(refused))
    if checked.problems:
        checked.entries = []
    return checked


# --- the file ---------------------------------------------------------------------------


def agency_of(opened: Opened, ledger: Ledger) -> tuple[str, str]:
    """(id, name) of the file's agency: known to the graph, and the one its title names."""
    agency_id = opened.agency_id
    if not agency_id:
        raise SheetRefused(f"{_id_place(opened)}缺少单位编号:不是本系统导出的任务清单 "
                           "(no agency id)")
    known = ledger.agencies.get(agency_id)
    if known is None:
        raise SheetRefused(f"单位编号 {agency_id}({opened.agency_said or '未写名称'})在图谱中"
                           "没有任务:单位已不在图谱中,或清单不是本系统导出的 "
                           "(unknown agency id)")
    named = heading({"name": known[0], "city": known[1]})
    if comparable(opened.title) != comparable(opened.expected_prefix + named):
        whose = "本表" if opened.place == "表头" else "本文件"
        raise SheetRefused(f"{opened.place}写的是“{opened.title or '(空)'}”,但{whose}的单位编号 "
                           f"{agency_id} 是“{named}”:这不是{opened.place}所写单位的清单 "
                           "(the sheet is another agency's)")
    return agency_id, known[0]


def _id_place(opened: Opened) -> str:
    """Where the file should have kept its agency id, in the words of the message."""
    meta = vocabulary().meta
    return f"“{meta['sheet']}”表" if opened.place == "表头" else f"文中“{meta['agency_id']}”一行"


# --- the rows ---------------------------------------------------------------------------


def header(rows: Sequence[tuple[Any, ...]]) -> tuple[int, dict[str, int]]:
    """(index of the header row, column index of each reply column and the task title)."""
    words = vocabulary()
    wanted = {**{k: words.columns[k] for k in COLUMN_KEYS}, "title": words.task_heading}
    for n, line in enumerate(rows[:HEADER_SCAN]):
        cells = [comparable(_text(v)) for v in line]
        if comparable(words.columns["key"]) in cells:
            found = {k: cells.index(comparable(w)) for k, w in wanted.items()
                     if comparable(w) in cells}
            missing = [wanted[k] for k in wanted if k not in found]
            if missing:
                raise SheetRefused(f"表头缺少列:{'、'.join(missing)} (missing columns)")
            return n, found
    raise SheetRefused(f"找不到“{words.columns['key']}”列:请用单位页下载的任务清单"
                       "填写,不要删除列 (no task key column)")


def check_rows(checked: Checked, rows: Sequence[tuple[Any, ...]], ledger: Ledger,
               today: date) -> None:
    """Check each filled-in row; an Entry for each that passes."""
    at, column = header(rows)
    seen: dict[str, int] = {}
    for n, line in enumerate(rows[at + 1:], start=at + 2):
        cells = {k: line[i] if i < len(line) else None for k, i in column.items()}
        if not any(_text(cells[k]) for k in COLUMN_KEYS):
            continue
        if not any(_text(cells[k]) for k in COLUMN_KEYS if k != "key"):
            checked.blank += 1
            continue
        before = len(checked.problems)
        entry = check_row(checked, n, cells, ledger, today)
        key = comparable(_text(cells["key"]))
        if key in seen:
            checked.problem(f"任务编码 {key} 与第 {seen[key]} 行重复 (duplicate row)", n)
        seen.setdefault(key, n)
        if entry and len(checked.problems) == before:
            checked.entries.append(entry)


def check_row(checked: Checked, n: int, cells: dict[str, Any], ledger: Ledger,
              today: date) -> Entry | None:
    """The row's report, or None with its problems added to `checked`."""
    task = row_task(checked, n, cells, ledger)
    status = row_status(checked, n, cells["status"])
    reported = row_date(checked, n, cells["reported"], today)
    progress, note = (row_text(checked, n, cells[k], k) for k in ("progress", "note"))
    if task is None or status is None or reported is None:
        return None
    return Entry(task_key=task.key, agency_id=checked.agency_id, agency=checked.agency,
                 status=status, progress=progress, reported=reported, note=note,
                 doc_id=task.doc_id, plan=task.plan, task_id=task.task_id, no=task.no,
                 title=task.title)


def row_task(checked: Checked, n: int, cells: dict[str, Any], ledger: Ledger) -> Task | None:
    """The task the row's key names, printed as the row shows it, held by the sheet's agency."""
    text, shown = _text(cells["key"]), _text(cells["title"])
    parsed = parse_key(text)
    if not text or parsed is None:
        checked.problem(f"任务编码“{text or '(空)'}”不是本系统的任务编码,请勿改动该列 "
                        "(not a task key)", n)
        return None
    found = ledger.tasks(comparable(text))
    if not found:
        checked.problem(_unknown(comparable(text), shown, ledger), n)
        return None
    if len(found) > 1:
        checked.problem(f"任务编码 {text} 对应图谱中 {len(found)} 项任务"
                        f"({'、'.join(t.task_id for t in found)}),无法确定 (ambiguous key)", n)
        return None
    task = found[0]
    if not same_title(shown, task.title):
        checked.problem(f"任务文字已改变:表中为“{shown or '(空)'}”,图谱中为“{task.title}” "
                        "(task text changed)", n)
        return None
    if ledger.holder(task.task_id, checked.agency_id) is None:
        others = "、".join(a.agency for a in ledger.holders.get(task.task_id, {}).values())
        checked.problem(f"任务“{task.title}”不是{checked.agency}的任务(承担单位:"
                        f"{others or '无'}),请由承担单位报送 (not this agency's task)", n)
        return None
    return task


def _unknown(key: str, shown: str, ledger: Ledger) -> str:
    """Why a well-formed key matches no task: the plan now prints another title under that
    number, or the plan (this version of it) is not in the graph."""
    parsed = parse_key(key)
    now = ledger.printed_as(parsed.plan, parsed.no) if parsed else []
    if now:
        titles = "、".join(f"“{t.title}”" for t in now)
        return (f"任务已变更:表中为“{shown}”,方案现在此序号下为 {titles},"
                "请重新下载任务清单 (task text changed)")
    return (f"未知的任务编码 {key}:图谱中没有这项任务(方案已修订或已删除),"
            "请重新下载任务清单 (unknown task key)")


def row_status(checked: Checked, n: int, value: Any) -> str | None:
    words = vocabulary()
    text = _text(value)
    code = words.status_code(text) if text else None
    if code is None:
        choices = "、".join(words.statuses.values())
        given = f"“{text}”不是" if text else "未填写,应为"
        checked.problem(f"完成状态{given} {choices} 之一 (unknown status)", n)
    return code


def row_date(checked: Checked, n: int, value: Any, today: date) -> str | None:
    """The report date as ISO text ('' when left blank); None after a problem."""
    if value is None or _text(value) == "":
        return ""
    found = _as_date(value)
    if found is None:
        checked.problem(f"报送日期“{_text(value)}”不是日期,{vocabulary().date_hint} "
                        "(bad date)", n)
        return None
    if found > today:
        checked.problem(f"报送日期 {found.isoformat()} 晚于今天 ({today.isoformat()}) "
                        "(date in the future)", n)
        return None
    return found.isoformat()


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None  # a number: a date typed into a cell that is not formatted as one
    found = DATE_TEXT.fullmatch(comparable(value))
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def row_text(checked: Checked, n: int, value: Any, key: str) -> str:
    text = _text(value)
    if len(text) > MAX_TEXT:
        checked.problem(f"{vocabulary().columns[key]}超过 {MAX_TEXT} 字 (text too long)", n)
    return text


def _text(value: Any) -> str:
    """A cell as text, trimmed; empty for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def problems_of(results: Sequence[Checked]) -> Iterator[Problem]:
    for result in results:
        yield from result.problems
