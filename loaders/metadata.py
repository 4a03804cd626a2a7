"""Read a plan's title, issuer, document number and date from its covering notice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.lines import Line

# Words a plan's own title ends with (before an optional year range).
PLAN_WORD = r"(?:计划|方案|措施|意见|规划|纲要|办法|要点|清单|细则|通知)"
# 印发《X》的通知   《X》已经市政府同意
YEARS = r"(?:[(（][^()（）]{4,15}[)）])?"
QUOTED_TITLE = re.compile(r"《([^《》]{4,80}?" + PLAN_WORD + YEARS + r")》")
# The words around a title the notice issues: 现将《X》印发, 《X》已经市政府同意, 印发《X》的通知
ISSUING_BEFORE = re.compile(r"(?:现将|印发|制定了?|出台了?)$")
ISSUING_AFTER = re.compile(r"(?:（以下简称[^）]*）)?(?:已经|印发|的通知|经)")
# 关于印发X的通知 (no 《》)
NOTICE_TITLE = re.compile(r"关于印发(.{4,80}?" + PLAN_WORD + YEARS + r")的通知")
# (2020—2022年) on a line of its own under the title
YEAR_RANGE_LINE = re.compile(r"^[(（]\d{4}\s*[—–\-－~至]+\s*\d{4}\s*年[)）]$")
# 发布机构:常州市人民政府办公室   来源:深圳市人民政府办公厅
ISSUER_FIELD = re.compile(r"(?:发布机构|发文机关|发文单位)\s*[:：]\s*(\S+?)(?:\s|$)")
# A signature line: 漳州市人民政府办公室, 深圳市人民政府办公厅, 国务院办公厅
ISSUER_LINE = re.compile(
    r"^(国务院(?:办公厅)?|\S{2,20}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|国务院))$")
# 文件编号:常政办发〔2022〕76号   or a document number alone on a line
DOC_NUMBER_FIELD = re.compile(r"(?:文件编号|文号|发文字号)\s*[:：]\s*(\S+?〔\d{4}〕\d+号)")
DOC_NUMBER_LINE = re.compile(r"^(\S{1,12}〔\d{4}〕\d+号)$")
# 2022年10月28日 alone on a line (the notice's date)
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DATE_FIELD = re.compile(
    r"(?:成文日期|生成日期|发文日期)\s*[:：]\s*(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})"
)


@dataclass
class Metadata:
    title: str | None
    issuer: str | None
    doc_number: str | None
    issued: str | None


def read_metadata(text: str, lines: list[Line], body_start: int) -> Metadata:
    """Metadata from the notice; `body_start` is where the plan's first heading stands."""
    head = [ln for ln in lines if ln.start < body_start]
    signed = _signature(head) or _signature(lines)
    return Metadata(
        title=find_title(text, lines, body_start),
        issuer=_first(ISSUER_FIELD, text) or (signed[0] if signed else None),
        doc_number=_first(DOC_NUMBER_FIELD, text) or _line_match(DOC_NUMBER_LINE, head),
        issued=(signed[1] if signed else None) or _date(head) or _date_field(text),
    )


def find_title(text: str, lines: list[Line], body_start: int | None = None) -> str | None:
    """The plan's own title: quoted in the notice, else named by it, else a title line
    above the plan's first numbered part (a notice's title may run over two lines)."""
    named = notice_title(text, lines)
    if named:
        return named
    head = [ln for ln in lines if body_start is None or ln.start < body_start]
    for i, line in enumerate(head):
        if re.search(PLAN_WORD + r"$", line.text) and len(line.text) <= 60:
            above = head[i - 1].text if i else ""
            if "关于" in above and not re.search(r"[。：:，,]$", above) and len(above) <= 40:
                return above + line.text
            return _with_year_range(line.text, lines)
    return None


def notice_title(text: str, lines: list[Line]) -> str | None:
    """The title a covering notice gives the plan it issues (`现将《X》印发给你们`,
    `《X》已经市政府同意`, `关于印发X的通知`); a plan merely cited (`根据《X》`) is not it."""
    for m in QUOTED_TITLE.finditer(text):
        before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 8]
        if (ISSUING_BEFORE.search(before) or ISSUING_AFTER.match(after)) and not m.group(
                1).startswith("关于印发"):
            return _with_year_range(m.group(1), lines)
    named = NOTICE_TITLE.search(text)
    if named and not named.group(1).startswith("关于印发"):
        return _with_year_range(named.group(1), lines)
    return None


def _with_year_range(title: str, lines: list[Line]) -> str:
    """Add a `(2020—2022年)` printed on the line below a title that lacks it."""
    for i, line in enumerate(lines[:-1]):
        if line.text == title and YEAR_RANGE_LINE.match(lines[i + 1].text):
            return title + lines[i + 1].text
    return title


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(1) if m else None


def _line_match(pattern: re.Pattern[str], lines: list[Line]) -> str | None:
    for line in lines:
        m = pattern.match(line.text)
        if m:
            return m.group(1)
    return None


def _signature(lines: list[Line]) -> tuple[str, str] | None:
    """(issuer, date): a signature line standing just above a date line, in the notice or
    at the end of the text (the fullest name, since pages repeat a shortened
    `政府办公室` under the full one)."""
    for i, line in enumerate(lines):
        m = DATE_LINE.match(line.text)
        if m:
            above = [ISSUER_LINE.match(a.text) for a in lines[max(0, i - 3) : i]]
            names = [n.group(1) for n in above if n]
            if names:
                return max(names, key=len), _iso(*m.groups())
    return None


def _date(head: list[Line]) -> str | None:
    for line in head:
        m = DATE_LINE.match(line.text)
        if m:
            return _iso(*m.groups())
    return None


def _date_field(text: str) -> str | None:
    m = DATE_FIELD.search(text)
    return _iso(*m.groups()) if m else None


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
