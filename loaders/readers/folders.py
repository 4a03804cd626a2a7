"""Expand the paths a user gives into the files to read, saying why others are left out.

Nothing found on the way stops the walk: a symbolic link loop, a broken link, a folder that
cannot be listed, a name that is not text are each one skipped entry with its reason.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
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
    nothing is dropped unnoticed; ``recursive=True`` walks subfolders depth-first instead,
    each folder once however many links lead to it. Inside folders, hidden entries and
    Office lock files (``~$plan.docx``) are skipped; a file named explicitly is always
    taken. A file reached twice (by two names or links) is listed once.
    """
    found = _Found()
    for raw in [paths] if isinstance(paths, str | Path) else paths:
        path = Path(raw)
        info = _stat(path)
        if isinstance(info, str):
            found.skip(path, info)
        elif stat.S_ISDIR(info.st_mode):
            _add_folder(path, info, found, recursive)
        else:
            found.add(path, info)
    return found.files, found.skipped


@dataclass
class _Found:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)  # (device, inode) of files
    folders: set[tuple[int, int]] = field(default_factory=set)  # … of folders searched

    def add(self, path: Path, info: os.stat_result) -> None:
        key = (info.st_dev, info.st_ino)
        if key in self.seen:
            return
        self.seen.add(key)
        reason = _skip_reason(path, info)
        if reason:
            self.skip(path, reason)
        else:
            self.files.append(path)

    def skip(self, path: Path, reason: str) -> None:
        self.skipped.append(Skipped(path, reason))


def _add_folder(folder: Path, info: os.stat_result, found: _Found, recursive: bool) -> None:
    """The folder's entries, and with `recursive` its subfolders', depth-first, by name;
    iterative, so no depth of folders exhausts the stack."""
    listing = _listing(folder, info, found)
    if listing is None:
        return
    stack: list[Iterator[Path]] = [iter(listing)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith((".", "~$")):
            found.skip(entry, f"hidden or temporary {'folder' if entry.is_dir() else 'file'}")
            continue
        entry_info = _stat(entry)
        if isinstance(entry_info, str):
            found.skip(entry, entry_info)
        elif not stat.S_ISDIR(entry_info.st_mode):
            found.add(entry, entry_info)
        elif not recursive:
            found.skip(entry, "folder not searched (recursive=False)")
        else:
            inner = _listing(entry, entry_info, found)
            if inner is not None:
                stack.append(iter(inner))


def _listing(folder: Path, info: os.stat_result, found: _Found) -> list[Path] | None:
    """The folder's entries sorted by name, or None when it was searched already (said
    when a link led back into it) or cannot be listed (said, with the reason)."""
    key = (info.st_dev, info.st_ino)
    if key in found.folders:  # named twice, said once; reached by a link, said why
        if folder.is_symlink():
            found.skip(folder, "folder searched already (a symbolic link leads back to it)")
        return None
    found.folders.add(key)
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        found.skip(folder, f"cannot list the folder: {exc.strerror or exc}")
        return None


def _stat(path: Path) -> os.stat_result | str:
    """The path's status, following links, or the reason it has none."""
    try:
        return path.stat()
    except OSError as exc:
        return _os_reason(path, exc)
    except ValueError as exc:  # a NUL character in the name
        return f"not a usable path ({exc})"


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself)"
    if exc.errno == errno.ENOENT:
        try:
            broken = path.is_symlink()
        except (OSError, ValueError):
            broken = False
        return ("broken symbolic link (what it points to does not exist)" if broken
                else "no such file or folder")
    return f"cannot open it: {exc.strerror or exc}"


def _skip_reason(path: Path, info: os.stat_result) -> str:
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if path.suffix.lower() not in READERS:
        return unsupported_reason(path)
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid text in the system's encoding; rename the file"
    return ""
