"""Find the outline of a plan: headings, numbered items and the lines that belong to them.

Chinese plans number their parts 一、 / (一) / 1. and print unit lists either inside an
item or on lines of their own (`牵头单位:…;责任单位:…`). A block is one heading or item
line with the lines that follow it up to the next heading or item.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from loaders.lines import Line

# 二、重点任务   四、保障措施
HEADING1 = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.*)$")
# (一)夯实基础支撑   （三）加强产业支撑
HEADING2 = re.compile(r"^([(（][一二三四五六七八九十]{1,3}[)）])\s*(.*)$")
# 1. 加快5G建设部署。  12、推进…   3．实施…   (not 2.5万个, not 2020年)
ITEM = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$")
# 牵头单位:市通管办;责任单位:…   责任单位：市直有关单位
ROLE_LINE = re.compile(
    r"^(?:牵头|责任|配合|参与|协办|主责|负责|协同|实施)(?:单位|部门)\s*[:：]"
)
# 附件:…   附 件   附件1   附录   附表
ATTACHMENT = re.compile(r"^附\s*[件录表]\s*\d*")
# Parts and items that are not work items: goals, principles, guiding ideas.
NOT_TASKS = re.compile(
    r"总体要求|指导思想|基本原则|总体思路|工作思路|发展目标|主要目标|总体目标|工作目标|行动目标|"
    r"建设目标|目标任务|发展现状|现状|基本情况|形势|背景|适用范围|编制依据|总体架构|^目标"
)


@dataclass
class Block:
    """A heading or numbered item with the lines that follow it."""

    kind: str  # "h1", "h2", "item"
    no: str  # as printed: "1", "(一)", "二"
    lines: list[Line] = field(default_factory=list)
    body_offset: int = 0  # where the text after the number starts in lines[0].text

    @property
    def text(self) -> str:
        """The block's lines joined by newlines (offsets map back with `doc_offset`)."""
        return "\n".join(line.text for line in self.lines)

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]

    def doc_offset(self, pos: int) -> int:
        """Map an offset in `text` to an offset in the document."""
        starts, acc = [], 0
        for line in self.lines:
            starts.append(acc)
            acc += len(line.text) + 1
        i = bisect_right(starts, pos) - 1
        return self.lines[i].start + (pos - starts[i])

    @property
    def start(self) -> int:
        return self.lines[0].start + self.body_offset

    @property
    def end(self) -> int:
        return self.lines[-1].end


def split_regions(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Cut the document at its first attachment line: main text, attachments."""
    for i, line in enumerate(lines):
        if ATTACHMENT.match(line.text):
            return lines[:i], lines[i:]
    return lines, []


def find_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into blocks; lines before the first heading or item are dropped."""
    blocks: list[Block] = []
    for line in lines:
        head = classify(line.text)
        if head:
            kind, no, body_offset = head
            blocks.append(Block(kind, no, [line], body_offset))
        elif blocks:
            blocks[-1].lines.append(line)
    return blocks


def classify(text: str) -> tuple[str, str, int] | None:
    """Say whether a line opens a heading or an item, with its number and body offset."""
    for kind, pattern in (("h1", HEADING1), ("h2", HEADING2), ("item", ITEM)):
        m = pattern.match(text)
        if m and m.group(2).strip():
            return kind, m.group(1), m.start(2)
    return None


def heading_label(block: Block) -> str:
    """A heading as printed, without its trailing punctuation: `(一)夯实基础支撑`."""
    first = block.lines[0].text
    label = first.split("。", 1)[0]
    return label.rstrip("。.:：;；,， ")


def is_excluded(block: Block) -> bool:
    """Goals, principles and guiding ideas are headings of no work items."""
    return bool(NOT_TASKS.search(title_of(block)))


def title_of(block: Block) -> str:
    """The item's opening phrase: the text before its first 。, as printed."""
    first = block.lines[0].text[block.body_offset :]
    title = re.split(r"[。]", first, maxsplit=1)[0]
    title = re.sub(r"[(（](?:牵头|责任)[^)）]*[)）]?$", "", title)
    return title.strip().rstrip(":：;；,，")
