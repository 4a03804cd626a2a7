"""The readers by file suffix, and the one entry point that picks among them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loaders.errors import TooLarge, UnreadableDocument
from loaders.readers.limits import DEFAULT_LIMITS, Limits
from loaders.readers.page import read_html
from loaders.readers.pdf import read_pdf
from loaders.readers.plain import read_txt
from loaders.readers.result import ReadResult
from loaders.readers.word import read_docx

Reader = Callable[[Path, Limits], ReadResult]

# Suffixes in lower case; a file's suffix is lowered before the lookup (PLAN.TXT, 方案.DOCX).
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(sorted(READERS))

# Formats users often keep next to the plans, with what to do about them.
_SUFFIX_HINTS = {
    ".doc": "old binary Word format, save it as .docx",
    ".wps": "WPS format, save it as .docx",
    ".mht": "web archive, save the page as .html",
    ".mhtml": "web archive, save the page as .html",
}


def read_text(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one plan file with the reader for its suffix, within `limits`."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableDocument(path, unsupported_reason(path))
    result = reader(path, limits)
    if len(result.text) > limits.max_text_chars:
        raise TooLarge(path, f"{len(result.text):,} characters of text, over the limit of "
                             f"{limits.max_text_chars:,} (LOADER_MAX_TEXT_CHARS)")
    return result


def unsupported_reason(path: Path) -> str:
    """Say what was given, what is accepted and, for common cases, what to do instead."""
    suffix = path.suffix.lower()
    shown = f"'{suffix}'" if suffix else "(no suffix)"
    hint = f" ({_SUFFIX_HINTS[suffix]})" if suffix in _SUFFIX_HINTS else ""
    return f"unsupported file type {shown}{hint}, supported: {', '.join(SUPPORTED_SUFFIXES)}"
