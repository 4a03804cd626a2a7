"""Find the article of a web page: drop furniture, then pick the container of the prose.

A readability-style heuristic written for Chinese government sites: menus, share bars,
QR codes and footers are removed by tag, by id/class words and when hidden; then text
scores the container of its paragraph, link-heavy containers lose, and the winner is
widened over siblings that are prose too (a notice, a table kept next to the body).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString

# Tags whose content is never part of the article.
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "button", "select", "input", "textarea", "nav", "aside", "map", "link", "meta",
)  # fmt: skip
# Page-level bars; inside <article>/<main> they hold the article's own title or notes.
PAGE_BAR_TAGS = ("header", "footer")
# An inline style that hides the element: "display: none", "visibility:hidden"
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# One id/class token (split at "-", "_", spaces) naming page furniture, e.g. "footer",
# "navbar", "bdsharebuttonbox", "qrcode", "dqwz" (当前位置); "left"/"top" are too ambiguous.
_JUNK_TOKEN_RE = re.compile(
    r"nav\w*|menu\w*|header|head|footer|foot|bottom|breadcrumbs?|crumbs?|position|location"
    r"|dqwz|sidebar|side|share\w*|bdshare\w*|bshare\w*|jiathis\w*|qrcode|ewm|erweima|print"
    r"|close|toolbar|tools?|search|login|banner|copyright|related|xgxx|xgwj|comments?"
    r"|fontsize|zihao"
)
# An id or class value split into tokens: "article-share_box" -> article, share, box
_TOKEN_SPLIT_RE = re.compile(r"[\s_-]+")
# A furniture element holding more than this share of the page text is a page wrapper.
_JUNK_MAX_SHARE = 0.5
# Tags holding one paragraph: their text scores the container around them.
_PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "caption"}
)
# Tags holding paragraphs: the candidates for the article.
_CONTAINER_TAGS = frozenset(
    {"div", "section", "article", "main", "body", "td", "th", "center", "form", "li", "dd"}
)
# Tags that start a new line when the article is rendered.
BLOCK_TAGS = (
    _PARAGRAPH_TAGS
    | _CONTAINER_TAGS
    | {"table", "tbody", "thead", "tfoot", "tr", "ul", "ol", "dl", "hr", "address", "figure",
       "figcaption", "fieldset", "details", "summary", "header", "footer"}
)  # fmt: skip
CELL_TAGS = ("td", "th")
# A cell with at least this much text, and more than this share of its table's text, laid
# out as paragraphs, is an article in a layout table, not a value.
_ARTICLE_CELL_MIN_CHARS = 150
_ARTICLE_CELL_SHARE = 0.6
_TOP_CANDIDATES = 10  # only the best-scored containers are checked for link density
# Widening to the parent is allowed when its extra text has at most this share of links…
_MAX_EXTRA_LINK_SHARE = 0.3
# …and at least one sentence mark per this many characters, as prose has (~1 per 12).
_CHARS_PER_MARK = 25
# Sentence marks that prose has and menus, footers and date lines do not: "，" "。" "、" "；"
_SENTENCE_MARK_RE = re.compile(r"[，。；、,;]")


def find_article(root: Tag) -> Tag:
    """Return the element holding the article; furniture is removed from root on the way."""
    _drop_furniture(root)
    return _main_content(root)


def _drop_furniture(root: Tag) -> None:
    """Remove what is never article text before scoring, so menus cannot win."""
    for tag in root.find_all(_JUNK_TAGS):
        _decompose(tag)
    for tag in root.find_all(PAGE_BAR_TAGS):
        if not tag.decomposed and tag.find_parent(("article", "main")) is None:
            _decompose(tag)
    for tag in root.find_all(style=_HIDDEN_STYLE_RE):
        _decompose(tag)
    total = _text_stats(root).content
    for tag in root.find_all(has_junk_attr):
        if not tag.decomposed and _text_stats(tag).content <= _JUNK_MAX_SHARE * total:
            _decompose(tag)


def _decompose(tag: Tag) -> None:
    if not tag.decomposed:
        tag.decompose()


def has_junk_attr(tag: Tag) -> bool:
    values: list[str] = []
    for attr in ("id", "class"):
        value = tag.get(attr)
        if isinstance(value, str):
            values.append(value)
        elif value:
            values.extend(value)
    tokens = (token for value in values for token in _TOKEN_SPLIT_RE.split(value.lower()))
    return any(_JUNK_TOKEN_RE.fullmatch(token) for token in tokens)


@dataclass
class _TextStats:
    """Counts of letters/digits/Han characters, which is what "amount of text" means here."""

    content: int = 0  # outside links
    link: int = 0  # inside <a>
    marks: int = 0  # sentence marks outside links


def content_len(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def is_text(node: Any) -> bool:
    """Real text nodes only: comments, doctypes and CDATA are PreformattedString."""
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def _text_nodes(el: Tag, skip: Tag | None = None) -> Iterator[tuple[str, bool]]:
    """Each text node under el with whether it is link text, leaving out the subtree skip."""
    stack: list[tuple[Any, bool]] = [(el, el.name == "a")]
    while stack:
        node, in_link = stack.pop()
        if node is skip:
            continue
        if isinstance(node, Tag):
            inner = in_link or node.name == "a"
            stack.extend((child, inner) for child in reversed(node.contents))
        elif is_text(node):
            yield str(node), in_link


def _text_stats(el: Tag, skip: Tag | None = None) -> _TextStats:
    stats = _TextStats()
    for text, in_link in _text_nodes(el, skip):
        if in_link:
            stats.link += content_len(text)
        else:
            stats.content += content_len(text)
            stats.marks += len(_SENTENCE_MARK_RE.findall(text))
    return stats


def _link_share(stats: _TextStats) -> float:
    return stats.link / max(1, stats.content + stats.link)


def _main_content(root: Tag) -> Tag:
    """Pick the container holding the most prose, then widen it over prose-like siblings.

    Text scores the container of its paragraph fully and the next container up by half,
    so the element that directly holds the article's paragraphs wins; link-heavy
    containers are discounted. Widening recovers a notice or table kept in a sibling.
    """
    scores = _candidate_scores(root)
    if not scores:
        return root
    ranked = sorted(scores.values(), key=lambda pair: pair[1], reverse=True)[:_TOP_CANDIDATES]
    best = max(ranked, key=lambda pair: pair[1] * (1 - _link_share(_text_stats(pair[0]))))[0]
    return _widen(best, root)


def _candidate_scores(root: Tag) -> dict[int, tuple[Tag, float]]:
    scores: dict[int, tuple[Tag, float]] = {}
    data_tables: dict[int, bool] = {}
    for node in root.find_all(string=True):
        if not is_text(node) or node.find_parent("a") is not None:
            continue
        weight = content_len(str(node))
        if weight == 0:
            continue
        for target, share in _score_targets(node, root, data_tables):
            _, old = scores.get(id(target), (target, 0.0))
            scores[id(target)] = (target, old + weight * share)
    return scores


def _score_targets(node: Any, root: Tag, data_tables: dict[int, bool]) -> list[tuple[Tag, float]]:
    """Which containers a text node counts for: its paragraph's container, then one up."""
    block = _nearest(node, BLOCK_TAGS, root)
    unit: Tag | None = None
    if block.name in CELL_TAGS:
        table = block.find_parent("table")
        if table is not None and _cached_is_data_table(table, data_tables):
            unit = table
    elif block.name in _PARAGRAPH_TAGS:
        unit = block
    first = _nearest(unit, _CONTAINER_TAGS, root) if unit is not None else block
    second = _nearest(first, _CONTAINER_TAGS, root) if first is not root else root
    return [(first, 1.0), (second, 0.5)]


def _nearest(node: Any, names: frozenset[str], root: Tag) -> Tag:
    """The closest ancestor with one of these tag names, never above root."""
    for parent in node.parents:
        if parent is root or parent.name in names:
            return parent
    return root


def _cached_is_data_table(table: Tag, cache: dict[int, bool]) -> bool:
    if id(table) not in cache:
        cache[id(table)] = is_data_table(table)
    return cache[id(table)]


def _widen(best: Tag, root: Tag) -> Tag:
    """Climb while the parent adds only wrappers or prose, never menus or footers."""
    node = best
    while node is not root and isinstance(node.parent, Tag):
        extra = _text_stats(node.parent, skip=node)
        if extra.content + extra.link > 0 and not _is_prose(extra):
            break
        node = node.parent
    return node


def _is_prose(stats: _TextStats) -> bool:
    return (
        _link_share(stats) <= _MAX_EXTRA_LINK_SHARE
        and stats.marks * _CHARS_PER_MARK >= stats.content
    )


def is_data_table(table: Tag) -> bool:
    """A table of values, as opposed to one that lays out a page or frames an article.

    Layout tables nest tables, have fewer than two multi-cell rows, or have one cell
    holding most of the text as several paragraphs (the article next to a menu cell).
    """
    if table.find("table") is not None:
        return False
    rows = [row.find_all(CELL_TAGS, recursive=False) for row in own_rows(table)]
    if sum(len(cells) >= 2 for cells in rows) < 2:
        return False
    return not any(_frames_article(cell, table) for cells in rows for cell in cells)


def _frames_article(cell: Tag, table: Tag) -> bool:
    text = content_len(cell.get_text())
    share = text / max(1, content_len(table.get_text()))
    if text < _ARTICLE_CELL_MIN_CHARS or share <= _ARTICLE_CELL_SHARE:
        return False
    return len(cell.find_all(("p", "br", "div"))) >= 2


def own_rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]
