"""Expand the paths a user gives into the files to read, saying why others are left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from loaders.readers.registry import READERS, unsupported_reason


class Skipped(NamedTuple):
    """A path given to :func:`iter_documents` that will not be read, and why.

    A tuple, so callers can unpack it: ``for path, reason in skipped``.
    """

    path: Path
    reason: str


def iter_documents(
    paths: Iterable[Path | str], *, recursive: bool = False
) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders into the files to read, and say why the others are left out.

    Paths are taken in the order given; a folder contributes its entries sorted by name.
    By default folders are not descended into, and each subfolder is listed as skipped so
    nothing is dropped unnoticed; ``recursive=True`` walks subfolders depth-first instead.
    Inside folders, hidden entries and Office lock files (``~$plan.docx``) are skipped; a
    file named explicitly is always taken. A file reached twice is listed once.
    """
    found = _Found()
    for raw in [paths] if isinstance(paths, str | Path) else paths:
        path = Path(raw)
        if path.is_dir():
            _add_folder(path, found, recursive)
        elif path.exists():
            found.add(path)
        else:
            found.skip(path, "no such file or folder")
    return found.files, found.skipped


@dataclass
class _Found:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seen: set[Path] = field(default_factory=set)

    def add(self, path: Path) -> None:
        key = path.resolve()
        if key in self.seen:
            return
        self.seen.add(key)
        reason = _skip_reason(path)
        if reason:
            self.skip(path, reason)
        else:
            self.files.append(path)

    def skip(self, path: Path, reason: str) -> None:
        self.skipped.append(Skipped(path, reason))


def _add_folder(folder: Path, found: _Found, recursive: bool) -> None:
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "~$")):
            found.skip(entry, f"hidden or temporary {'folder' if entry.is_dir() else 'file'}")
        elif not entry.is_dir():
            found.add(entry)
        elif recursive:
            _add_folder(entry, found, recursive)
        else:
            found.skip(entry, "folder not searched (recursive=False)")


def _skip_reason(path: Path) -> str:
    if not path.is_file():
        return "not a regular file"
    if path.suffix.lower() not in READERS:
        return unsupported_reason(path)
    return ""
