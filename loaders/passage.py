"""A passage: some lines of the document joined by newlines, that remembers where each
character stands in the document.

Finders work on a passage's text with ordinary string offsets and turn them into document
offsets only when they record a span, so an assignment always traces back to its characters.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from loaders import brackets
from loaders.lines import Line


@dataclass(frozen=True)
class Passage:
    """Lines joined by `\\n`; `skip` characters of the first line are not part of it."""

    lines: tuple[Line, ...]
    skip: int = 0
    text: str = field(init=False)
    _starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        first, *rest = self.lines
        pieces = [first.text[self.skip :], *(line.text for line in rest)]
        starts, acc = [], 0
        for piece in pieces:
            starts.append(acc)
            acc += len(piece) + 1
        object.__setattr__(self, "text", "\n".join(pieces))
        object.__setattr__(self, "_starts", tuple(starts))

    def doc(self, pos: int) -> int:
        """The document offset of text[pos] (or of the end, for pos == len(text))."""
        i = max(0, bisect_right(self._starts, pos) - 1)
        base = self.lines[i].start + (self.skip if i == 0 else 0)
        return base + (pos - self._starts[i])

    def doc_end(self, pos: int) -> int:
        """The document offset just after text[pos - 1]."""
        return self.doc(pos - 1) + 1 if pos > 0 else self.doc(0)

    @cached_property
    def groups(self) -> list[tuple[int, int]]:
        """Top-level round-bracket groups of the text, found once for every finder."""
        return brackets.groups(self.text)

    @property
    def start(self) -> int:
        return self.doc(0)

    @property
    def end(self) -> int:
        return self.lines[-1].end
