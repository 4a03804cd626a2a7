"""Errors a loader raises; each names the file and the reason in one line."""

from __future__ import annotations

import re
from pathlib import Path


class LoaderError(Exception):
    """A document that cannot be read or parsed; nothing of it is loaded."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnreadableDocument(LoaderError):
    """Empty, binary, undecodable, unsupported, or a scan without a text layer."""


class TooLarge(UnreadableDocument):
    """Over one of the readers' limits (`loaders.readers.limits`), refused before the work."""


class NoTasksFound(LoaderError):
    """The text was read but no numbered task or unit list could be found in it."""


class ReadFailed(LoaderError):
    """Something no reader foresaw went wrong inside one file (an exception, the parser's
    process dying); the file is reported and the other files of the batch still load."""


# Characters that would break a report line or disguise it: C0 and C1 controls (newline,
# carriage return, escape sequences), bidirectional overrides and marks, invisible
# separators, and lone surrogates (the bytes of a file name that is not UTF-8).
_UNSAFE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` safe to print as one line of a report: unsafe characters as escapes (\\n,
    \\x1b, \\u202e; a byte of an undecodable file name as \\xff), everything else as is."""
    return _UNSAFE_RE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
