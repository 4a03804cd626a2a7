"""Read .txt files: the text exactly as stored, decoded by evidence."""

from __future__ import annotations

import re
from pathlib import Path

from loaders.readers.decoding import decode, read_bytes, require_text
from loaders.readers.result import ReadResult

# A Windows or old-Mac line end: "\r\n" or a lone "\r".
_CR_LINE_END_RE = re.compile(r"\r\n?")


def read_txt(path: Path) -> ReadResult:
    """Return the text as stored; only line ends are unified so lines split the same way."""
    data = read_bytes(path)
    text, encoding = decode(path, data)
    text = _CR_LINE_END_RE.sub("\n", text)
    require_text(path, text, f"no text, only whitespace (decoded as {encoding})")
    return ReadResult(text=text, encoding=encoding, kind="txt")
