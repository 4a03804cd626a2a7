"""Find the unit lists printed at an item, with their roles and where they stand.

Three ways a plan prints them at the item itself:
- inside brackets after the text: `(责任单位:市工信局、…)`, `(市工信局、发改委…等负责)`,
  `（牵头单位：…，配合单位：…）`, `(市发展改革委牵头，市财政局配合)`;
- on lines of their own: `牵头单位:市通管办;责任单位:市委网信办,…`;
- a standing rule that gives units to every later item:
  `以下均需各县区人民政府、功能板块管委会负责,不再列出`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.structure import ROLE_LINE, Block
from loaders.units import CLOSE, OPEN, ORGAN_END, split_units

# A field label inside a unit list: 牵头单位: 责任部门： 配合单位: 完成时限:
LABEL = re.compile(
    r"(牵头单位|牵头部门|主责单位|主责部门|责任单位|责任部门|配合单位|配合部门|参与单位|参与部门|"
    r"协办单位|协同单位|实施单位|负责单位|负责部门|适用范围|完成时限|完成时间|时间节点|时限)\s*[:：]"
)
LEAD_LABELS = ("牵头", "主责")
UNIT_LABELS = ("责任", "配合", "参与", "协办", "协同", "实施", "负责")
DEADLINE_LABELS = ("完成时限", "完成时间", "时间节点", "时限")
# 以下均需各县区人民政府、功能板块管委会负责,不再列出
STANDING_RULE = re.compile(
    r"以下(?:各项|所有)?(?:任务|工作|措施|事项)?(?:均需|均须|均由|均要|都需|都由|均)"
    r"(?P<units>[^。；;]+?)(?:负责|参与|落实|配合)[,，、]?(?:不再(?:一一)?列出)?"
)
# An unlabelled list ends in a connective: …等负责, …牵头, …配合
ENDS_AS_LIST = re.compile(r"(?:负责|牵头|配合|参与)$")
# Prose roles: 由市发展改革委牵头，市工业和信息化局、市财政局配合
PROSE_LEAD = re.compile(r"^由?(?P<lead>[^，,；;]+?)牵头(?:负责)?[，,；;]?(?P<rest>.*)$", re.S)
# Prose in the item's text: 由市发展改革委牵头，市工业和信息化局、市财政局配合。
PROSE_CLAUSE = re.compile(
    r"由?(?P<lead>[^。；;，,（(）)]+?)牵头(?:负责)?"
    r"(?:[，,](?P<rest>[^。；;（(）)]+?)(?:等(?:单位|部门)?)?"
    r"(?:按职责分工负责|按职责负责|分工负责|共同负责|配合|参与|负责))?(?=[。；;]|$)"
)
# Words that show a phrase is an action, not a unit's name: 鼓励龙头企业牵头
VERBISH = re.compile(r"鼓励|支持|推动|引导|组织|加快|推进|探索|发挥|依托|建立|企业牵头")
SENTENCE_END = "。！？!?"
# A lone bracketed name counts as a unit list only when it says whose it is: (市水利局)
OWN_JURISDICTION = re.compile(r"^(?:市|省|区|县|各|国家)")


@dataclass
class UnitList:
    """A printed list of units with one role."""

    role: str  # "lead", "unit" or "implied"
    content: str
    start: int  # document offset of content[0]
    end: int  # document offset after the whole list (label and brackets included)
    list_start: int  # document offset where the printed list begins
    sentence: str


def find_unit_lists(block: Block) -> tuple[list[UnitList], list[UnitList], str | None]:
    """Unit lists printed at the item, standing rules found in it, and a deadline."""
    lists: list[UnitList] = []
    deadline: str | None = None
    text = block.text
    role_lines = _role_line_spans(block)
    for a, b in role_lines:
        found, dl = _labelled(block, a, b, text[a:b])
        lists += found
        deadline = deadline or dl
    rules: list[UnitList] = []
    prose_end = role_lines[0][0] if role_lines else len(text)
    for a, b in _bracket_groups(text[:prose_end], block.body_offset):
        found, dl, rule = _bracketed(block, a, b)
        lists += found
        rules += rule
        deadline = deadline or dl
    if not rules:
        rules = _standing_rules(block, 0, len(text))
    if not lists:
        lists = _prose(block, prose_end)
    return lists, rules, deadline


def _prose(block: Block, end: int) -> list[UnitList]:
    """`由X牵头，Y配合` written in the item's sentences rather than in brackets."""
    text = block.text
    for m in PROSE_CLAUSE.finditer(text, block.body_offset, end):
        names = m.group("lead") + "、" + (m.group("rest") or "")
        if not _all_unit_names(names):
            continue
        sentence = _sentence(text, m.start(), m.end() - 1)
        out = [_unit_list(block, "lead", m.start("lead"), len(m.group("lead")), m.end(),
                          m.start(), sentence)]
        if m.group("rest"):
            out.append(_unit_list(block, "unit", m.start("rest"), len(m.group("rest")),
                                  m.end(), m.start(), sentence))
        return out
    return []


def _all_unit_names(names: str) -> bool:
    units = [u.text for u in split_units(names).units]
    return bool(units) and all(
        len(u) <= 25 and ORGAN_END.search(u) and not VERBISH.search(u) for u in units
    )


def _role_line_spans(block: Block) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for i, line in enumerate(block.lines):
        if i and ROLE_LINE.match(line.text):
            spans.append((pos, pos + len(line.text)))
        pos += len(line.text) + 1
    return spans


def _labelled(block: Block, a: int, b: int, sentence: str) -> tuple[list[UnitList], str | None]:
    """Split `牵头单位:X;责任单位:Y` into one list per label."""
    text = block.text
    labels = list(LABEL.finditer(text, a, b))
    out: list[UnitList] = []
    deadline = None
    for i, m in enumerate(labels):
        c_end = labels[i + 1].start() if i + 1 < len(labels) else b
        content = text[m.end() : c_end].rstrip(" ;；,，。")
        name = m.group(1)
        if name.startswith(DEADLINE_LABELS):
            deadline = content or None
            continue
        role = "lead" if name.startswith(LEAD_LABELS) else "unit"
        if name.startswith(UNIT_LABELS) or role == "lead":
            out.append(_unit_list(block, role, m.end(), len(content), b, a, sentence))
    return out, deadline


def _unit_list(
    block: Block, role: str, c_start: int, c_len: int, end: int, list_start: int, sentence: str
) -> UnitList:
    return UnitList(
        role,
        block.text[c_start : c_start + c_len],
        block.doc_offset(c_start),
        block.doc_offset(max(end - 1, c_start)) + 1,
        block.doc_offset(list_start),
        sentence,
    )


def _bracket_groups(text: str, from_pos: int) -> list[tuple[int, int]]:
    """Top-level bracket groups (content spans) after the item number."""
    groups, depth, start = [], 0, 0
    for i in range(from_pos, len(text)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
            if depth == 1:
                start = i + 1
        elif ch in CLOSE and depth:
            depth -= 1
            if depth == 0:
                groups.append((start, i))
    return groups


def _sentence(text: str, a: int, b: int) -> str:
    """The sentence around a bracket group: from the previous 。 to the group's end."""
    begin = max(text.rfind(ch, 0, a) for ch in SENTENCE_END) + 1
    return text[begin : b + 1].strip()


def _bracketed(
    block: Block, a: int, b: int
) -> tuple[list[UnitList], str | None, list[UnitList]]:
    text = block.text
    content = text[a:b]
    sentence = _sentence(text, a, b)
    if LABEL.match(content.lstrip()):
        found, deadline = _labelled(block, a, b, sentence)
        return found, deadline, _standing_rules(block, a, b)
    rules = _standing_rules(block, a, b)
    cut = min([r.list_start for r in rules], default=None)
    end = (cut - block.doc_offset(a) + a) if cut is not None else b
    body = text[a:end].rstrip(" ,，;；、")
    if not _looks_like_list(body, at_end=text[b + 1 :].strip(" 。\n") == ""):
        return [], None, rules
    return _prose_or_list(block, a, len(body), b + 1, sentence), None, rules


def _looks_like_list(body: str, at_end: bool) -> bool:
    """An unlabelled group is a unit list when it ends in 负责/牵头, or, at the very
    end of the item, when every name in it ends like an organ (`(中心)` does not count)."""
    if not body:
        return False
    if ENDS_AS_LIST.search(body) or "牵头" in body:
        return True
    names = [u.text for u in split_units(body).units]
    if not (at_end and names and all(len(n) >= 3 and ORGAN_END.search(n) for n in names)):
        return False
    return len(names) > 1 or bool(OWN_JURISDICTION.match(names[0]))


def _prose_or_list(block: Block, a: int, n: int, end: int, sentence: str) -> list[UnitList]:
    """`X牵头，Y配合` gives a lead list and a unit list; anything else one unit list."""
    body = block.text[a : a + n]
    m = PROSE_LEAD.match(body)
    if not m:
        return [_unit_list(block, "unit", a, n, end, a - 1, sentence)]
    out = [_unit_list(block, "lead", a + m.start("lead"), len(m.group("lead")), end, a - 1,
                      sentence)]
    if m.group("rest").strip():
        out.append(_unit_list(block, "unit", a + m.start("rest"), len(m.group("rest")), end,
                              a - 1, sentence))
    return out


def _standing_rules(block: Block, a: int, b: int) -> list[UnitList]:
    text = block.text
    out = []
    for m in STANDING_RULE.finditer(text, a, b):
        sentence = _sentence(text, m.start(), m.end())
        out.append(
            UnitList(
                "implied",
                m.group("units"),
                block.doc_offset(m.start("units")),
                block.doc_offset(m.end() - 1) + 1,
                block.doc_offset(m.start()),
                sentence,
            )
        )
    return out
