"""Read a plan's outline: numbered headings and items of any style, as a tree.

Plans number their parts `一、` `（一）` `1.` `（1）` `①` `第一条`, with any dot-like separator,
a stray glyph or none after the number, in digits of either width. Styles rank in the
conventional order, so a `1.` line belongs to the `（一）` above it whichever styles a plan
skips. The lowest numbered level that carries text is the task level: an item is a task
when nothing numbered stands below it, and a part named as goals, principles, schedules or
layouts (data/sections.yaml) holds no tasks.

Unnumbered lines belong to the item above them, up to the next numbered line, a `专栏`
box or the closing lines of the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from loaders import brackets
from loaders.lines import Line
from loaders.passage import Passage
from loaders.vocabulary import roles, sections

CN = "一二三四五六七八九十百零〇"
# (style, rank, pattern): group `no` is the number as printed, group `sep` its separator.
STYLES = (
    ("chapter", 0, re.compile(rf"^(?P<no>第[{CN}]{{1,3}}(?:章|编|部分))(?P<sep>\s*)")),
    ("article", 1, re.compile(rf"^(?P<no>第[{CN}]{{1,4}}条)(?P<sep>\s*)")),
    ("cn", 2, re.compile(rf"^(?P<no>[{CN}]{{1,3}})(?P<sep>\s*[、.．，,]\s*)")),
    ("cn_paren", 3, re.compile(rf"^(?P<no>[(（]\s*[{CN}]{{1,3}}\s*[)）])(?P<sep>[、.．]?\s*)")),
    ("ar", 4, re.compile(
        r"^(?P<no>[0-9０-９]{1,3})(?P<sep>\s*[.．、。，,:：]\s*|[\ue000-\uf8ff]\s*|\s+|)")),
    ("ar_paren", 5, re.compile(
        r"^(?P<no>[(（][0-9０-９]{1,3}[)）]|[0-9０-９]{1,3}[)）])(?P<sep>\s*)")),
    ("circled", 6, re.compile(r"^(?P<no>[①-⑳])(?P<sep>\s*)")),
)
STRONG_SEP = re.compile(r"[.．、。，,:：\ue000-\uf8ff]")
# What follows a number that is a quantity, not numbering: 5G, 20%, 2025年, 100个, 3万.
QUANTITY_NEXT = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ%％年月日个万亿元]")
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


@dataclass
class Node:
    """A numbered line with the unnumbered lines that follow it, and what is below it."""

    style: str
    rank: int
    no: str  # as printed, without the separator
    value: int
    lines: list[Line]
    skip: int  # characters of the first line that are the number and separator
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    @cached_property
    def passage(self) -> Passage:
        """The item's text; read once the outline is complete."""
        return Passage(tuple(self.lines), self.skip)

    @property
    def first(self) -> str:
        """The numbered line's text after the number."""
        return self.lines[0].text[self.skip:]

    @property
    def label(self) -> str:
        """As a section: the line up to its first 。, number included: `（一）夯实基础支撑`."""
        head = self.lines[0].text
        stop = brackets.first_outside(head, "。")
        return (head if stop < 0 else head[:stop]).rstrip("。.:：;；,， \u3000")

    @cached_property
    def title(self) -> str:
        """The opening phrase: the text after the number up to the first 。, as printed."""
        first = self.first
        stop = brackets.first_outside(first, "。")
        return strip_assignment(first if stop < 0 else first[:stop])


def strip_assignment(title: str) -> str:
    """A title line that ends in its unit list (`加快建设（责任单位：…）`) loses the list."""
    title = title.rstrip(" \u3000")
    spans = brackets.groups(title)
    if spans and spans[-1][1] >= len(title) - 1 and roles().any_word.search(
            title[spans[-1][0]:]):
        title = title[: spans[-1][0]]
    return title.strip(" \u3000").rstrip(":：;；,，")


def number_value(no: str) -> int:
    """`（十二）` → 12, `１０` → 10: numbers compare after NFKC."""
    digits = re.sub(r"[^0-9" + CN + "]", "", unicodedata.normalize("NFKC", no))
    if digits.isdigit():
        return int(digits)
    total, unit = 0, 0
    for ch in digits:
        if ch == "十":
            total += (unit or 1) * 10
            unit = 0
        elif ch == "百":
            total += (unit or 1) * 100
            unit = 0
        else:
            unit = CN_DIGITS.get(ch, 0)
    return total + unit


def numbered(text: str) -> tuple[str, int, str, int, bool] | None:
    """(style, rank, number, skip, strong) when the line opens a numbered part.

    `strong`: the number has a separator and no digit follows it. A weak number
    (`1突破…`, `11.121人才…`) counts only where it continues the sequence.
    """
    for style, rank, pattern in STYLES:
        m = pattern.match(text)
        if not m or not text[m.end():].strip():
            continue
        rest = text[m.end():]
        if style == "ar":
            if QUANTITY_NEXT.match(rest) or (
                    not m.group("sep") and rest[:1].isdigit()):
                continue
            strong = bool(STRONG_SEP.search(m.group("sep"))) and not rest[:1].isdigit()
            return style, rank, m.group("no"), m.end(), strong
        return style, rank, m.group("no"), m.end(), True
    return None


def read_outline(lines: list[Line]) -> list[Node]:
    """The top-level parts of the outline; lines before the first numbered one are dropped."""
    vocab = sections()
    roots: list[Node] = []
    stack: list[Node] = []
    last: dict[str, Node] = {}
    boxed = closed = False
    for line in lines:
        found = numbered(line.text)
        node = _node(found, stack, last) if found else None
        if node is None:
            if vocab.box.match(line.text):
                boxed = True
            elif vocab.closing.match(line.text):
                closed = True
            elif stack and not boxed and not closed:
                stack[-1].lines.append(line)
            continue
        if boxed and not _ends_box(node, stack, last):
            continue
        boxed = closed = False
        node.lines = [line]
        while stack and stack[-1].rank >= node.rank:
            stack.pop()
        node.parent = stack[-1] if stack else None
        (node.parent.children if node.parent else roots).append(node)
        stack.append(node)
        last[node.style] = node
    return roots


def _node(found: tuple[str, int, str, int, bool], stack: list[Node],
          last: dict[str, Node]) -> Node | None:
    style, rank, no, skip, strong = found
    value = number_value(no)
    if not strong and not _continues(style, value, stack, last):
        return None
    return Node(style, rank, no, value, [], skip)


def _continues(style: str, value: int, stack: list[Node], last: dict[str, Node]) -> bool:
    """A weak number continues its style's sequence, or starts one under a heading."""
    prev = last.get(style)
    if prev is not None and prev.value + 1 == value and prev.parent in [*stack, None]:
        return True
    return value == 1 and (not stack or stack[-1].rank < STYLE_RANK[style])


STYLE_RANK = {style: rank for style, rank, _ in STYLES}


def _ends_box(node: Node, stack: list[Node], last: dict[str, Node]) -> bool:
    """A box ends at a heading above the items it interrupted, or at the next item."""
    if not stack:
        return True
    item = stack[-1]
    if node.rank < item.rank:
        return True
    prev = last.get(node.style)
    return prev is not None and node.rank == item.rank and prev.value + 1 == node.value


def walk(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from walk(node.children)


def task_nodes(roots: list[Node], assigns: Callable[[Node], bool]) -> list[Node]:
    """The items that are tasks, in document order.

    A top-level part with nothing numbered below it is a task when the plan's top-level
    parts are its items (a notice's `一、…二、…`), or when it assigns units itself.
    """
    vocab = sections()
    top_has_children = any(n.children for n in roots)
    out: list[Node] = []

    def visit(node: Node) -> None:
        if _closed_to_tasks(node, vocab.holds_no_tasks):
            return
        if node.children:
            for child in node.children:
                visit(child)
        elif node.parent is not None or not top_has_children or assigns(node):
            out.append(node)

    for root in roots:
        visit(root)
    return out


def _closed_to_tasks(node: Node, holds_no_tasks: Callable[[str], bool]) -> bool:
    """Goals, principles, schedules and layouts: headings, and leaves titled as such."""
    title = node.title
    if node.children or node.parent is None or len(title) <= 8:
        return holds_no_tasks(title)
    return False


def section_of(node: Node) -> str | None:
    return node.parent.label if node.parent else None
