"""The one bracket scanner: plans mix half- and full-width brackets, `(…）` included, and
nest them (`（责任单位：市发改委（牵头）、…）`), so every finder asks this module where a
bracket group starts and ends and where a separator stands outside brackets.
"""

from __future__ import annotations

import re
from functools import cache

OPEN, CLOSE = "(（[【〔", ")）]】〕"
ROUND_OPEN, ROUND_CLOSE = "(（", ")）"


def _marks(chars: str) -> re.Pattern[str]:
    """The characters a scan stops at; the text between them is skipped in C."""
    return re.compile("[" + re.escape(chars) + "]")


ROUND_MARKS = _marks(ROUND_OPEN + ROUND_CLOSE + "\n")


def groups(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Top-level round-bracket groups in text[start:end] as (open, close) indices.

    A group left open at the end of its line closes there: a missing `）` must not
    swallow the rest of the item.
    """
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    depth, begin = 0, 0
    for m in ROUND_MARKS.finditer(text, start, end):
        ch, i = m.group(), m.start()
        if ch in ROUND_OPEN:
            if depth == 0:
                begin = i
            depth += 1
        elif ch in ROUND_CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((begin, i))
        elif ch == "\n" and depth:
            out.append((begin, i))
            depth = 0
    if depth:
        out.append((begin, end))
    return out


def split_top(text: str, seps: str, start: int = 0,
              end: int | None = None) -> list[tuple[int, int]]:
    """Spans of text[start:end] cut at `seps` outside brackets (separators excluded)."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    depth, begin = 0, start
    for m in _cached_marks(OPEN + CLOSE + seps).finditer(text, start, end):
        ch, i = m.group(), m.start()
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append((begin, i))
            begin = i + 1
    out.append((begin, end))
    return out


def first_outside(text: str, chars: str, start: int = 0) -> int:
    """Index of the first of `chars` outside brackets, or -1."""
    depth = 0
    for m in _cached_marks(OPEN + CLOSE + chars).finditer(text, start):
        ch = m.group()
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            return m.start()
    return -1


_cached_marks = cache(_marks)


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos <= b for a, b in spans)
