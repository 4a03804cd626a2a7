"""Re-create the list numbers Word prints but does not store ("一、", "（一）", "1.")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

W_VAL = qn("w:val")
OFF_VALUES = frozenset({"0", "false", "off"})
# A "%1" placeholder in a list level text such as "（%1）" or "%1.%2"
_LEVEL_PLACEHOLDER_RE = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class _Level:
    """One level of a Word list definition: where its counter starts and how it prints."""

    start: int = 0  # the OOXML default when <w:start> is absent
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # isLgl: show every level as a decimal number
    style: str = ""  # paragraph style linked to this level


@dataclass(frozen=True)
class _ListInstance:
    """A <w:num>: which abstract definition it uses and what it overrides."""

    abstract_id: str
    levels: dict[int, _Level]
    restarts: dict[int, int]  # level -> startOverride


class Numbering:
    """Re-creates the list numbers Word computes at display time ("一、", "(一)", "1.").

    Word does not store these numbers in the paragraph text. Counters are kept per
    abstract list definition, deeper levels restart when a higher level advances, and
    a <w:num> with startOverride restarts its levels on first use — Word's behaviour for
    the common cases. Not modelled: numStyleLink indirection, lvlRestart overrides,
    legacy fields (LISTNUM, SEQ) and number formats other than those in _format_number.
    """

    def __init__(
        self,
        abstracts: dict[str, dict[int, _Level]],
        nums: dict[str, _ListInstance],
        styles: _StyleNumbering,
    ) -> None:
        self._abstracts = abstracts
        self._nums = nums
        self._styles = styles
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    @classmethod
    def of(cls, document: Any) -> Numbering:
        numbering = _related_element(document, RT.NUMBERING)
        styles = _StyleNumbering(_related_element(document, RT.STYLES))
        if numbering is None:
            return cls({}, {}, styles)
        abstracts = {
            el.get(qn("w:abstractNumId"), ""): _parse_levels(el)
            for el in numbering.iterchildren(qn("w:abstractNum"))
        }
        nums = {
            el.get(qn("w:numId"), ""): _parse_num(el) for el in numbering.iterchildren(qn("w:num"))
        }
        return cls(abstracts, nums, styles)

    def label(self, p: Any) -> str:
        """The number Word would print before this paragraph ("" if it is not a list item)."""
        ref = self._styles.reference(p)
        if ref is None or ref[0] not in self._nums:
            return ""
        num_id, level_no = ref
        instance = self._nums[num_id]
        levels = {**self._abstracts.get(instance.abstract_id, {}), **instance.levels}
        if level_no is None:
            level_no = _level_for_style(levels, self._styles.style_of(p))
        level = levels.get(level_no)
        if level is None or level.fmt == "bullet":
            return ""
        counters = self._advance(num_id, instance, level_no, level)
        return _LEVEL_PLACEHOLDER_RE.sub(
            lambda m: _level_value(levels, counters, int(m.group(1)) - 1, level.legal),
            level.text,
        ).strip()

    def _advance(
        self, num_id: str, instance: _ListInstance, level_no: int, level: _Level
    ) -> dict[int, int]:
        counters = self._counters.setdefault(instance.abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for restarted, start in instance.restarts.items():
                counters[restarted] = start - 1
        counters[level_no] = counters.get(level_no, level.start - 1) + 1
        for deeper in [no for no in counters if no > level_no]:
            del counters[deeper]
        return counters


class _StyleNumbering:
    """List membership a paragraph inherits from its style chain (e.g. a linked heading)."""

    def __init__(self, styles: Any) -> None:
        self._num_pr: dict[str, tuple[str | None, int | None]] = {}
        self._based_on: dict[str, str] = {}
        self._default = ""
        if styles is None:
            return
        for style in styles.iterchildren(qn("w:style")):
            self._add_style(style)

    def _add_style(self, style: Any) -> None:
        if style.get(qn("w:type")) != "paragraph":
            return
        style_id = style.get(qn("w:styleId"), "")
        if style.get(qn("w:default")) in ("1", "true", "on"):
            self._default = style_id
        based_on = style.find(qn("w:basedOn"))
        if based_on is not None:
            self._based_on[style_id] = based_on.get(W_VAL, "")
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is not None:
            self._num_pr[style_id] = _num_pr_values(num_pr)

    def style_of(self, p: Any) -> str:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return style.get(W_VAL, "") if style is not None else self._default

    def reference(self, p: Any) -> tuple[str, int | None] | None:
        """(numId, level) of a paragraph; level None means "the level linked to its style"."""
        num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id, level = _num_pr_values(num_pr) if num_pr is not None else (None, None)
        if num_id is None:
            inherited_id, inherited_level = self._inherited(self.style_of(p))
            num_id, level = inherited_id, level if level is not None else inherited_level
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        return num_id, level

    def _inherited(self, style_id: str) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self._num_pr:
                return self._num_pr[style_id]
            style_id = self._based_on.get(style_id, "")
        return None, None


def _related_element(document: Any, reltype: str) -> Any:
    try:
        return document.part.part_related_by(reltype).element
    except KeyError:
        return None


def _num_pr_values(num_pr: Any) -> tuple[str | None, int | None]:
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    return (
        num_id.get(W_VAL) if num_id is not None else None,
        _int_attr(ilvl, 0) if ilvl is not None else None,
    )


def _int_attr(el: Any, default: int) -> int:
    try:
        return int(el.get(W_VAL, default))
    except (TypeError, ValueError):
        return default


def _parse_levels(container: Any) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in container.iterchildren(qn("w:lvl")):
        levels[int(lvl.get(qn("w:ilvl"), "0"))] = _parse_level(lvl)
    return levels


def _parse_level(lvl: Any) -> _Level:
    def value(tag: str, default: str) -> str:
        el = lvl.find(qn(tag))
        return el.get(W_VAL, default) if el is not None else default

    legal = lvl.find(qn("w:isLgl"))
    start = lvl.find(qn("w:start"))
    return _Level(
        start=_int_attr(start, 0) if start is not None else 0,
        fmt=value("w:numFmt", "decimal"),
        text=value("w:lvlText", ""),
        legal=legal is not None and legal.get(W_VAL, "true").lower() not in OFF_VALUES,
        style=value("w:pStyle", ""),
    )


def _parse_num(num: Any) -> _ListInstance:
    abstract = num.find(qn("w:abstractNumId"))
    levels: dict[int, _Level] = {}
    restarts: dict[int, int] = {}
    for override in num.iterchildren(qn("w:lvlOverride")):
        level_no = int(override.get(qn("w:ilvl"), "0"))
        start = override.find(qn("w:startOverride"))
        if start is not None:
            restarts[level_no] = _int_attr(start, 1)
        lvl = override.find(qn("w:lvl"))
        if lvl is not None:
            levels[level_no] = _parse_level(lvl)
    abstract_id = abstract.get(W_VAL, "") if abstract is not None else ""
    return _ListInstance(abstract_id=abstract_id, levels=levels, restarts=restarts)


def _level_for_style(levels: dict[int, _Level], style_id: str) -> int:
    for level_no, level in levels.items():
        if style_id and level.style == style_id:
            return level_no
    return 0


def _level_value(levels: dict[int, _Level], counters: dict[int, int], no: int, legal: bool) -> str:
    level = levels.get(no, _Level(start=1))
    value = counters.get(no, level.start)
    return _format_number(value, "decimal" if legal else level.fmt)


_CHINESE_DIGITS = "〇一二三四五六七八九"
_CHINESE_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CHINESE_UNITS = ("", "十", "百", "千")
_CHINESE_CAPITAL_UNITS = ("", "拾", "佰", "仟")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
# First code point of 1..20 in the enclosed series: ① ⑴ ⒈
_ENCLOSED_STARTS = {
    "decimalEnclosedCircle": 0x2460,
    "decimalEnclosedCircleChinese": 0x2460,
    "decimalEnclosedParen": 0x2474,
    "decimalEnclosedFullstop": 0x2488,
}
_CHINESE_FORMATS = frozenset(
    {"chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
     "taiwaneseCountingThousand", "ideographDigital"}
)  # fmt: skip


def _format_number(n: int, fmt: str) -> str:
    """Print a list counter in one of Word's number formats (decimal for unknown ones)."""
    if fmt == "none":
        return ""
    if fmt in _CHINESE_FORMATS:
        return _chinese_number(n, _CHINESE_DIGITS, _CHINESE_UNITS, short_teens=True)
    if fmt == "chineseLegalSimplified":
        return _chinese_number(n, _CHINESE_CAPITAL_DIGITS, _CHINESE_CAPITAL_UNITS)
    if fmt in _ENCLOSED_STARTS and 1 <= n <= 20:
        return chr(_ENCLOSED_STARTS[fmt] + n - 1)
    return _format_other(n, fmt)


def _format_other(n: int, fmt: str) -> str:
    if fmt == "ideographTraditional" and 1 <= n <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[n - 1]
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def _chinese_number(
    n: int, digits: str, units: tuple[str, ...], *, short_teens: bool = False
) -> str:
    """一 … 十, 十一, 二十一, 一百零五: how Chinese list numbers print (up to 9999).

    Ordinary numerals say 十一 for 11 (short_teens); capital ones keep 壹拾壹.
    """
    if not 0 <= n < 10000:
        return str(n)
    if n < 10:
        return digits[n]
    out: list[str] = []
    pending_zero = False
    for power in range(len(str(n)) - 1, -1, -1):
        digit = n // 10**power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append(digits[0])
            pending_zero = False
        out.append(digits[digit] + units[power])
    text = "".join(out)
    return text[1:] if short_teens and 10 <= n < 20 else text
