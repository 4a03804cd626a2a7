"""How much one file may hold before a reader refuses it, checked before the work is done.

A plan is a few hundred kilobytes of text; these limits are two orders of magnitude above
any real one and keep a hostile or broken file (a zip bomb, a page nested thousands deep,
a document of a million paragraphs, a PDF of ten thousand pages) from costing gigabytes or
minutes before it is refused. Like `graph.settings.Settings`, only the entry points read
the environment (`Limits.from_env(os.environ)`); everything else receives a `Limits`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

MB = 1 << 20

# Environment variable -> Limits field.
ENVIRONMENT = {
    "LOADER_MAX_FILE_MB": "max_file_mb",
    "LOADER_MAX_PART_MB": "max_part_mb",
    "LOADER_MAX_UNZIPPED_MB": "max_unzipped_mb",
    "LOADER_MAX_ELEMENTS": "max_elements",
    "LOADER_MAX_TEXT_CHARS": "max_text_chars",
    "LOADER_MAX_PAGES": "max_pages",
}
# Limits counted in whole numbers; the others are sizes in MB.
COUNTS = ("max_elements", "max_text_chars", "max_pages")


def _help(text: str) -> Any:
    return {"help": text}


@dataclass(frozen=True)
class Limits:
    """Per-file caps of the readers; a file over one is refused with the cap it broke."""

    max_file_mb: float = field(default=50, metadata=_help(
        "size of a file on disk; checked before it is read"))
    max_part_mb: float = field(default=100, metadata=_help(
        "unzipped size of each member of a .docx package, as its zip directory declares "
        "it; checked before anything is unzipped"))
    max_unzipped_mb: float = field(default=250, metadata=_help(
        "unzipped size of all members of a .docx package together"))
    max_elements: int = field(default=200_000, metadata=_help(
        "paragraphs of a .docx body (tables' included), or tags of an HTML page; counted "
        "before the document is built"))
    max_text_chars: int = field(default=5_000_000, metadata=_help(
        "characters of text a reader hands to the parser; a PDF is refused as soon as the "
        "pages read so far pass it"))
    max_pages: int = field(default=500, metadata=_help(
        "pages of a PDF, as its page tree declares them (checked before any page is read) "
        "and as they are read"))

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"loader limit {f.name} must be a positive number, "
                                 f"got {value!r}")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_part_bytes(self) -> int:
        return int(self.max_part_mb * MB)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * MB)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Limits:
        """Limits from `environ` (the LOADER_MAX_* variables); unset ones keep the default."""
        values: dict[str, Any] = {}
        for var, name in ENVIRONMENT.items():
            raw = environ.get(var, "").strip()
            if not raw:
                continue
            kind = int if name in COUNTS else float
            try:
                values[name] = kind(raw.replace("_", ""))
            except ValueError:
                raise ValueError(f"{var} must be a {'whole ' if kind is int else ''}number, "
                                 f"got {raw!r}") from None
        return cls(**values)


DEFAULT_LIMITS = Limits()


def megabytes(size: int) -> str:
    """A size as a person reads it: "1.5 MB", "300 MB", "0.001 MB"."""
    return f"{size / MB:,.3f}".rstrip("0").rstrip(".") + " MB"
