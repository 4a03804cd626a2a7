"""The passage of a text around what a search found, with the found words marked.

Matching is on folded text (NFKC, case), as in the index; the passage is cut from the text
as printed, so the page shows the plan's own characters. The result is plain (text, marked)
pieces: the page escapes each and wraps the marked ones, no HTML is built here.
"""

from __future__ import annotations

from collections.abc import Sequence

from queries.ngrams import fold

Excerpt = tuple[tuple[str, bool], ...]  # (piece as printed, is it a found word)
WIDTH = 80  # characters of context shown around the first match, about two lines


def folded_map(text: str) -> tuple[str, list[int]]:
    """`text` folded character by character, and for each folded character its position in
    `text` (NFKC may turn one character into several)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch)
        out.append(f)
        where += [i] * len(f)
    return "".join(out), where


def spans(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """Every place in `text` where one of the (folded) needles is printed, as
    non-overlapping (start, end) in `text`, in order; the longest needle wins a tie."""
    folded, where = folded_map(text)
    found: list[tuple[int, int]] = []
    for needle in sorted({n for n in needles if n}, key=len, reverse=True):
        at = folded.find(needle)
        while at >= 0:
            start, end = where[at], where[at + len(needle) - 1] + 1
            if all(end <= s or start >= e for s, e in found):
                found.append((start, end))
            at = folded.find(needle, at + 1)
    return sorted(found)


def first_found(text: str, needles: Sequence[str]) -> tuple[int, int] | None:
    found = spans(text, needles)
    return found[0] if found else None


def excerpt(text: str, needles: Sequence[str], width: int = WIDTH) -> Excerpt:
    """About `width` characters around the first match, every match in them marked; the
    text's beginning when nothing matches (a match in another column, or in the city)."""
    found = spans(text, needles)
    if not found:
        return ((_cut(text, 0, width), False),) if text else ()
    start = max(0, found[0][0] - width // 4)
    end = min(len(text), start + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for s, e in found:
        if s < at or s >= end:
            continue
        pieces += [(text[at:s], False), (text[s:e], True)]
        at = e
    pieces.append((text[at:end] + ("…" if end < len(text) else ""), False))
    return tuple(p for p in pieces if p[0])


def _cut(text: str, start: int, width: int) -> str:
    return text[start:start + width] + ("…" if len(text) > start + width else "")
