"""Render the article of a web page as lines: blocks break lines, tables become blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Tag

from loaders.readers.page_article import (
    BLOCK_TAGS,
    CELL_TAGS,
    content_len,
    is_data_table,
    is_text,
    own_rows,
)
from loaders.readers.result import cell_clean, table_block

_MAX_SPAN = 1000  # a colspan/rowspan beyond this is a broken page, not a table
# A line of (almost) only link text is a menu or a related-articles list.
_LINK_LINE_SHARE = 0.9
# HTML whitespace runs, &nbsp; included: "加快  建设", "\n\t  "
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f\xa0]+")
# A source line break between two CJK characters, which a reader does not see as a space:
# "加快\n    建设" -> "加快建设" (the CSS segment-break rule for Chinese)
_CJK_SEGMENT_BREAK_RE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t\r\f\xa0]*\n[ \t\n\r\f\xa0]*"
    r"(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])"
)
# Page furniture lines, by how they start: "扫一扫在手机打开当前页", "分享到：微信",
# "【打印本页】", "上一篇：…", "当前位置：首页 > 政务公开", "发布时间：2022-11-16", "来源：…"
_JUNK_LINE_RE = re.compile(
    r"^[\s【\[(（]*(?:扫一扫|分享到|打印本页|关闭窗口|字号|字体|浏览次数|阅读次数|访问次数"
    r"|点击数|上一篇|下一篇|返回顶部|当前位置|您当前的位置|您现在的位置|您所在的位置"
    r"|发布时间|发布日期|信息来源|来源[:：])"
)
# A line made only of widget words: "【打印】【关闭】", "收藏 | 打印 | 关闭", "字号：大 中 小"
_WIDGET_LINE_RE = re.compile(
    r"(?:[\s【】\[\]|｜/()（）:：]*(?:打印|关闭|收藏|纠错|分享|返回|顶部|本页|窗口|大|中|小|默认))+"
    r"[\s【】\[\]|｜/()（）:：]*"
)


@dataclass
class _Line:
    text: str
    link_share: float = 0.0
    fixed: bool = False  # table lines, which are never filtered


@dataclass
class _LineBuilder:
    """Collects inline text into lines; block elements and <br> end the current line."""

    lines: list[_Line] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)
    _link_chars: int = 0

    def add(self, text: str, in_link: bool) -> None:
        self._parts.append(text)
        if in_link:
            self._link_chars += content_len(text)

    def add_fixed(self, lines: list[str]) -> None:
        self.flush()
        self.lines.extend(_Line(text, fixed=True) for text in lines)

    def flush(self) -> None:
        text = collapse("".join(self._parts))
        if text:
            share = self._link_chars / max(1, content_len(text))
            self.lines.append(_Line(text, link_share=share))
        self._parts.clear()
        self._link_chars = 0


def article_lines(article: Tag) -> list[str]:
    """Render the article as lines, leaving out widget and menu lines inside it."""
    builder = _LineBuilder()
    _render_tag(builder, article, in_link=False)
    builder.flush()
    return [line.text for line in builder.lines if line.fixed or not _is_junk_line(line)]


def collapse(text: str) -> str:
    """Whitespace as a browser shows it, minus the spaces source line breaks put into Chinese."""
    text = _CJK_SEGMENT_BREAK_RE.sub("", text)
    return _HTML_SPACE_RE.sub(" ", text).strip()


def _render_children(out: _LineBuilder, el: Tag, in_link: bool) -> None:
    for child in el.children:
        if isinstance(child, Tag):
            _render_tag(out, child, in_link)
        elif is_text(child):
            out.add(str(child), in_link)


def _render_tag(out: _LineBuilder, tag: Tag, in_link: bool) -> None:
    name = tag.name
    if name == "br":
        out.flush()
    elif name == "table" and is_data_table(tag):
        out.add_fixed(table_block(_html_table_rows(tag)))
    elif name == "pre":
        for piece in tag.get_text().split("\n"):
            out.flush()
            out.add(piece, in_link)
        out.flush()
    elif name in BLOCK_TAGS:
        out.flush()
        _render_children(out, tag, in_link)
        out.flush()
    else:
        _render_children(out, tag, in_link or name == "a")


def _html_table_rows(table: Tag) -> list[list[str]]:
    """Expand rowspan/colspan so every row has a cell per column, repeating merged cells.

    Without this, the columns after a merged 牵头单位 cell would shift in the rows below.
    """
    rows: list[list[str]] = []
    carried: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    for tr in own_rows(table):
        cells = iter(tr.find_all(CELL_TAGS, recursive=False))
        row: list[str] = []
        while True:
            if len(row) in carried:
                row.append(_take_carried(carried, len(row)))
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text = _html_cell_text(cell)
            rowspan = _span(cell, "rowspan")
            for _ in range(_span(cell, "colspan")):
                if rowspan > 1:
                    carried[len(row)] = (text, rowspan - 1)
                row.append(text)
        rows.append(row)
    return rows


def _take_carried(carried: dict[int, tuple[str, int]], column: int) -> str:
    text, left = carried.pop(column)
    if left > 1:
        carried[column] = (text, left - 1)
    return text


def _span(cell: Tag, attr: str) -> int:
    value = cell.get(attr)
    try:
        span = int(value) if isinstance(value, str) else 1
    except ValueError:
        return 1
    return min(max(span, 1), _MAX_SPAN)


def _html_cell_text(cell: Tag) -> str:
    builder = _LineBuilder()
    _render_children(builder, cell, in_link=False)
    builder.flush()
    return cell_clean(" ".join(line.text for line in builder.lines))


def _is_junk_line(line: _Line) -> bool:
    text = line.text
    if _JUNK_LINE_RE.match(text) or _WIDGET_LINE_RE.fullmatch(text):
        return True
    is_menu = line.link_share >= _LINK_LINE_SHARE and "。" not in text
    return is_menu and not text.startswith("附件")
