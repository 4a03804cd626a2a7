"""Read .txt files: the text exactly as stored, decoded by evidence."""

from __future__ import annotations

import re
from pathlib import Path

from loaders.readers.decoding import decode, read_bytes, require_text
from loaders.readers.limits import DEFAULT_LIMITS, Limits
from loaders.readers.result import ReadResult

# A Windows or old-Mac line end: "\r\n" or a lone "\r".
_CR_LINE_END_RE = re.compile(r"\r\n?")
# A last line ending where no text ends: after a list separator or a colon, "各县、" "牵头单位："
_CUT_END_RE = re.compile(r"[、，,：:；;（(“‘《【]$")
_OPEN_BRACKETS = "（("
_CLOSE_BRACKETS = "）)"
_TAIL_SHOWN = 12  # characters of the cut line quoted in the warning


def read_txt(path: Path, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Return the text as stored; only line ends are unified so lines split the same way."""
    data = read_bytes(path, limits)
    text, encoding, warnings = decode(path, data)
    text = _CR_LINE_END_RE.sub("\n", text)
    require_text(path, text, f"no text, only whitespace (decoded as {encoding})")
    cut = cut_short(text)
    if cut and not any("truncated" in warning for warning in warnings):
        warnings += (cut,)
    return ReadResult(text=text, encoding=encoding, kind="txt", warnings=warnings)


def cut_short(text: str) -> str:
    """A warning when the text stops where no plan does: inside a bracket or after a list
    separator, as a file cut off at a character boundary does; else ""."""
    numbered = [(no, line.strip()) for no, line in enumerate(text.split("\n"), 1)
                if line.strip()]
    if not numbered:
        return ""
    no, last = numbered[-1]
    opened = sum(last.count(ch) for ch in _OPEN_BRACKETS)
    closed = sum(last.count(ch) for ch in _CLOSE_BRACKETS)
    if not (_CUT_END_RE.search(last) or opened > closed):
        return ""
    return (f"the text ends mid-sentence at line {no} (…{last[-_TAIL_SHOWN:]}): the file may "
            "be truncated, so its last task may be cut short")
