"""Split a document into stripped lines that remember where they stand in the text.

Every later step works on these lines, so a span found anywhere maps back to the
original characters: that is how an assignment traces back to its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Web-page junk that is never part of a plan. Each matches a whole stripped line.
JUNK_LINE = re.compile(
    r"""^(?:
        .*\.(?:png|jpe?g|gif|bmp)      # image file names: 1.png, 6.。.png6-1.。.png
      | .*扫一扫.*                      # 扫一扫在手机打开当前页
      | (?:分享到|打印本页|关闭窗口|【打印】|【关闭】).*
      | (?:上一篇|下一篇)[:：].*        # 上一篇:交通运输部…
      | 关联阅读[:：].*
      | .*(?:网站标识码|公网安备|ICP备|网站地图).*
      | .*查看更多>>.*                  # 要 闻查看更多>>
      | 您当前的位置[:：]?.*
      | 首页\s*(?:>>|>|»|\s).*           # 首页 >> 政务公开 >> 正文
      | 浏览次数[:：]?.*
      | 【?(?:字号|字体)[:：]?\s*[【\[]?大.*小.*              # 字号：大 中 小
      | (?:打印|关闭|返回顶部|收藏|纠错)(?:\s*[|｜]?\s*(?:打印|关闭|返回顶部|收藏|纠错))*
    )$""",
    re.VERBOSE,
)
# A line of only a web address, e.g. www.ju111.net
URL_LINE = re.compile(r"^(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z]{2,})+(?:/[!-~]*)?$")


@dataclass(frozen=True)
class Line:
    """One non-empty line: its stripped text and its offset in the document."""

    text: str
    start: int  # offset of text[0] in the document

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# Every kind of space a plan indents with: ideographic, em and other typographic spaces.
BLANKS = " \t\r\n\u3000\xa0\ufeff\u200b\u202f\u205f" + "".join(map(chr, range(0x2000, 0x200B)))
TABLE_OPEN, TABLE_CLOSE = "[table]", "[/table]"


def split_lines(text: str) -> list[Line]:
    """Return the non-empty, non-junk lines of `text`, stripped, with offsets.

    Rows of a `[table]` block keep their tabs: an empty first cell is still a cell.
    """
    lines: list[Line] = []
    offset, in_table = 0, False
    for raw in text.splitlines(keepends=True):
        blanks = BLANKS.replace("\t", "") if in_table else BLANKS
        stripped = raw.strip(blanks)
        if stripped.strip(BLANKS) in (TABLE_OPEN, TABLE_CLOSE):
            in_table = stripped.strip(BLANKS) == TABLE_OPEN
            stripped = stripped.strip(BLANKS)
            blanks = BLANKS
        if stripped.strip(BLANKS) and not is_junk(stripped):
            lead = len(raw) - len(raw.lstrip(blanks))
            lines.append(Line(stripped, offset + lead))
        offset += len(raw)
    return lines


def is_junk(line: str) -> bool:
    """Tell navigation, share buttons, image names and footers from plan text."""
    return bool(JUNK_LINE.match(line) or URL_LINE.match(line))
