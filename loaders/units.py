"""Split a printed unit list into units, the way SCHEMA.md says a reader splits it.

Plans print lists such as `市工信局、发改委、财政局,连云港通管办,各辖市、区人民政府,
市开发区、徐圩新区、高新区、云台山景区管委会等负责`. Commas and semicolons separate groups,
、 separates names inside a group; a shared `市` prefix and a shared `管委会` suffix are
written once. Every character of the list ends in a unit or in a known connective, so
nothing is dropped silently (see `Split.dropped`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from loaders.brackets import split_top
from loaders.vocabulary import roles

ENUM_SEP = "、"
GROUP_SEPS = ",，;；\n"

# A unit marked as lead inside the list: 市发展改革委（牵头）
LEAD_MARK = re.compile(r"[(（]\s*牵头\s*[)）]$")
# `工信局等市直有关单位`: a unit, then 等, then a collective that is a unit of its own.
ETC_COLLECTIVE = re.compile(
    r"^(.+?)等(?:和|及|以及)?((?:市直|省直|区直|县直|有关|相关|其他).*(?:单位|部门|机构)|各.+)$"
)
# `A及B`: two units; B is kept as printed (no shared prefix).
AND_ALSO = re.compile(r"^(.+?)(?:以及|及)(.{2,})$")
# `市财政局和市发改委`: 和 between two whole names (not `文化和旅游局`, `党委和政府`,
# `中央和国家机关工委`).
AND_NAME = re.compile(r"^(.{3,}?)和(.{3,})$")
# A name that ends like an organ: 局, 委, 办, 政府, 管委会, 公司 … (before any parenthetical)
ORGAN_END = re.compile(
    r"(?:政府|局|委|委员会|办|办公室|会|部|厅|署|公司|单位|部门|机构|企业|集团|中心|院|校|"
    r"大学|队|所|站|行|社|台|联|协|处|室|组|馆|团|厂|网|科|中央|地区|各地)$"
)
# A place without its organ: 市开发区, 徐圩新区, 芗城区, 云台山景区, 漳州台商投资区
PLACE_END = re.compile(r"(?:区|县|市|镇|乡|街道|旗|园|岛)$")
# The organ a shared suffix adds: `…景区管委会` → 管委会, `长泰区人民政府` → 人民政府
SHARED_SUFFIX = re.compile(
    r"(?<=[区县市镇乡旗园岛])(管委会|管理委员会|人民政府|政府|党工委|管理局)$"
)
# A collective that itself contains 、: `各辖市、区人民政府`, `各区、县级市`, `各有关区、县级市`:
# its first half names an area type after 各/有关/相关, its second half starts with one.
AREA = r"(?:区|县|市|乡|镇|街道|旗|县区|市区|县级市|区县|区市)"
COLLECTIVE_HEAD = re.compile(rf"^(?:各|有关|相关)(?:有关|相关)?辖?{AREA}$")
COLLECTIVE_TAIL = re.compile(rf"^{AREA}(?:人民政府|政府|党委|党委和人民政府|管委会)?$")
# Prefixes that a following bare name inherits within its group.
SHARED_PREFIX = re.compile(r"^(市|省|区|县)(?!直|场|各)")
# `团市委`, `民革省委`: the place is inside the name already.
PARTY_OF_PLACE = re.compile(r"[市省区县](?:委|人民政府|政府)")
# Collectives: 各区市, 有关单位, 相关部门.
COLLECTIVE_START = re.compile(r"^(?:各|有关|相关)")
# Bodies outside the government keep their printed names.
OUTSIDE_GOVERNMENT = re.compile(
    r"(?:实验室|研究所|研究院|科学院|大学|学院|银行|分行|支行|协会|商会)$")
# Names that already say where they belong and never take a shared prefix.
OWN_PLACE = re.compile(r"^(?:各|市(?!场)|省|区|县|国|中国|全国|全省|全市|沿海|人行|国网|中共)")
# The body of a district, county or zone is not a city department: 福田区政府, 新区管委会
LOCAL_BODY = re.compile(r"(?:区|县|镇|乡|街道|旗)(?:人民政府|政府|管委会|管理委员会|党工委|办事处)")


@dataclass(frozen=True)
class Piece:
    """One unit of a list: as printed, as distributed, and where it stands."""

    text: str  # after prefix/suffix distribution
    printed: str  # as printed
    start: int  # offset of the printed piece in the document
    end: int
    group: int  # index of the comma group it belongs to
    lead: bool = False  # marked as lead where printed: 市发展改革委（牵头）
    as_printed: bool = False  # takes no shared prefix (the part after 及)


@dataclass
class Split:
    units: list[Piece] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # connectives removed, for audit


def split_units(content: str, offset: int = 0, places: tuple[str, ...] = ()) -> Split:
    """Split one unit list; `offset` is where `content` starts in the document.

    `places` are place names (city and county short names) that mark a name as carrying its
    own place, so that it does not inherit the group's `市`.
    """
    split = Split()
    raw = _tokenise(content, offset)
    pieces = [unit for piece in raw for unit in _trim(piece, split)]
    pieces = _merge_collectives(pieces)
    pieces = _distribute_suffix(pieces, places)
    split.units = _distribute_prefix(pieces, places)
    return split


def _tokenise(content: str, offset: int) -> list[Piece]:
    """Cut at separators outside brackets; remember the comma group of each piece."""
    pieces: list[Piece] = []
    group = 0
    for a, b in split_top(content, ENUM_SEP + GROUP_SEPS):  # the last piece even if unbalanced
        _add_piece(pieces, content, a, b, offset, group)
        if b < len(content) and content[b] in GROUP_SEPS:
            group += 1
    return pieces


def _add_piece(pieces: list[Piece], content: str, a: int, b: int, offset: int, group: int) -> None:
    text = content[a:b]
    stripped = text.strip(" \t\u3000\xa0")
    if not stripped:
        return
    a += len(text) - len(text.lstrip(" \t\u3000\xa0"))
    b = a + len(stripped)
    pieces.append(Piece(stripped, stripped, offset + a, offset + b, group))


def _trim(piece: Piece, split: Split) -> list[Piece]:
    """Drop connectives around a name; split `X等市直有关单位` and `A及B` into two units."""
    r = roles()
    text, start, end = piece.text, piece.start, piece.end
    if r.first_listed.search(text) or r.not_unit.match(text):
        split.dropped.append(text)
        return []
    head = r.head.match(text)
    if head and len(text) > head.end() + 1:
        split.dropped.append(head.group())
        text, start = text[head.end():], start + head.end()
    tail = r.trailing.search(text)
    if tail and tail.group() and tail.start() > 0:
        split.dropped.append(tail.group())
        end -= len(text) - tail.start()
        text = text[: tail.start()]
    mark = LEAD_MARK.search(text)
    if mark:
        split.dropped.append(mark.group())
        end -= len(mark.group())
        text = text[: mark.start()]
    if not text:
        return []
    return _two_units(Piece(text, text, start, end, piece.group, lead=bool(mark)), split)


def _two_units(piece: Piece, split: Split) -> list[Piece]:
    """`工信局等市直有关单位`, `A等和各X`, `A及B`: one printed piece that names two units."""
    text, start, end = piece.text, piece.start, piece.end
    for pattern, fresh in ((ETC_COLLECTIVE, False), (AND_ALSO, True), (AND_NAME, False)):
        m = pattern.match(text)
        if not m or m.group(1).startswith("各") or not ORGAN_END.search(core_name(m.group(1))):
            continue
        if pattern is AND_NAME and not ORGAN_END.search(core_name(m.group(2))):
            continue
        first, second = m.group(1), m.group(2)
        tail = roles().tail.search(first)  # `A等相关部门及各地区`
        if tail and tail.start() > 0:
            first = first[: tail.start()]
        split.dropped.append(text[len(first): len(text) - len(second)])
        return [
            replace(piece, text=first, printed=first, end=start + len(first)),
            Piece(second, second, end - len(second), end, piece.group, as_printed=fresh),
        ]
    return [piece]


def reads_as_unit(name: str) -> bool:
    """An organ (`…局`), a collective (`各区、县级市`, `各区市`) or a place (`越秀区`)."""
    core = core_name(name)
    return bool(ORGAN_END.search(core) or COLLECTIVE_START.match(core) or PLACE_END.search(core))


def core_name(name: str) -> str:
    """The name without a trailing parenthetical: `市发改委(大数据局)` → `市发改委`."""
    return re.sub(r"[(（][^()（）]*[)）]$", "", name)


def _merge_collectives(pieces: list[Piece]) -> list[Piece]:
    """Rejoin `各辖市` + `区人民政府`: a collective that itself contains 、."""
    out: list[Piece] = []
    for p in pieces:
        prev = out[-1] if out else None
        if (
            prev
            and prev.group == p.group
            and COLLECTIVE_HEAD.match(prev.text)
            and COLLECTIVE_TAIL.match(p.text)
        ):
            joined = f"{prev.printed}、{p.printed}"
            out[-1] = replace(prev, text=joined, printed=joined, end=p.end)
        else:
            out.append(p)
    return out


def _distribute_suffix(pieces: list[Piece], places: tuple[str, ...] = ()) -> list[Piece]:
    """`市开发区、徐圩新区、高新区、云台山景区管委会` → each of them gets 管委会;
    `济南、青岛、烟台市政府` → a bare place name gets the area and the organ: 济南市政府."""
    out = list(pieces)
    for i, p in enumerate(pieces):
        m = SHARED_SUFFIX.search(core_name(p.text))
        if not m:
            continue
        area = core_name(p.text)[m.start() - 1]
        j = i - 1
        while j >= 0 and out[j].group == p.group:
            q = out[j]
            if q.text in places:
                out[j] = replace(q, text=q.text + area + m.group(1))
            elif _bare_place(q):
                out[j] = replace(q, text=q.text + m.group(1))
            else:
                break
            j -= 1
    return out


def _bare_place(p: Piece) -> bool:
    return bool(PLACE_END.search(p.text)) and not ORGAN_END.search(p.text)


def _distribute_prefix(pieces: list[Piece], places: tuple[str, ...]) -> list[Piece]:
    """`市工信局、发改委` → 市发改委: the first name's 市 goes to the bare names after it."""
    out: list[Piece] = []
    prefix, group = "", -1
    for p in pieces:
        if p.group != group:
            group = p.group
            m = SHARED_PREFIX.match(p.text)
            prefix = m.group(1) if m else ""
        elif prefix and not p.as_printed and _takes_prefix(p.text, places):
            p = replace(p, text=prefix + p.text)
        out.append(p)
    return out


def _takes_prefix(name: str, places: tuple[str, ...]) -> bool:
    """Only bare department names: not `团市委`, not a district (`越秀区`), not a body
    outside the government (`崂山实验室`), not a name with its own place."""
    if OWN_PLACE.match(name) or LOCAL_BODY.search(name) or PARTY_OF_PLACE.search(name):
        return False
    if PLACE_END.search(core_name(name)) or OUTSIDE_GOVERNMENT.search(core_name(name)):
        return False
    return not (places and _place_pattern(places).search(name))


@cache
def _place_pattern(places: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for all place names: a list is checked against hundreds of them."""
    return re.compile("|".join(re.escape(p) for p in sorted(places, key=len, reverse=True) if p))
