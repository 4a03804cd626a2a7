"""Save the files a request carries, under names that are safe and still the user's own.

A plan's file name becomes its id in the graph (`Document.doc`), so the name is kept as
given (Chinese included) with only what a file system or a URL path cannot hold replaced;
werkzeug's `secure_filename` would reduce 常州市方案.docx to "docx". Each file is copied in
chunks and refused as soon as it passes the readers' size limit, so an oversized upload
never lands on disk whole.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from loaders.readers import SUPPORTED_SUFFIXES, Limits
from loaders.readers.limits import megabytes
from loaders.readers.registry import unsupported_reason

CHUNK = 1 << 16
MAX_STEM = 100  # characters of the name before its suffix
FALLBACK_STEM = "上传方案"
# Path separators, characters Windows refuses, controls, bidirectional and invisible marks:
# "a/b?.txt" -> "a_b_.txt".
UNSAFE_RE = re.compile(
    '[/\\\\:*?"<>|\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]')


class Refused(Exception):
    """A file not taken: `name` as given, `reason` in one line."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True)
class Saved:
    given: str  # the name as uploaded, for messages
    name: str  # the safe name it was saved under: the plan's file name in the graph
    path: Path


def safe_name(given: str) -> str:
    """The last part of `given` with unsafe characters as "_", its stem at most MAX_STEM
    characters; never empty, never hidden (no leading dot)."""
    base = unicodedata.normalize("NFC", re.split(r"[/\\]", given)[-1])
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = UNSAFE_RE.sub("_", stem).strip(" .")[:MAX_STEM] or FALLBACK_STEM
    suffix = UNSAFE_RE.sub("_", suffix).strip()
    return f"{stem}.{suffix}" if suffix else stem


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name-2`, `name-3` … before the suffix when one of `taken` has it already
    (compared case-blind, as Windows and macOS file systems do)."""
    stem, dot, suffix = name.rpartition(".")
    stem, suffix = (stem, dot + suffix) if dot else (name, "")
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    taken.add(candidate.casefold())
    return candidate


def check_type(given: str) -> None:
    """Refuse a name whose suffix no reader takes, saying which ones are taken."""
    if Path(safe_name(given)).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise Refused(given, unsupported_reason(Path(safe_name(given))))


def save(stream: IO[bytes], given: str, folder: Path, limits: Limits,
         taken: set[str]) -> Saved:
    """Copy `stream` to `folder` under a safe, unique name within `limits.max_file_bytes`."""
    check_type(given)
    name = unique_name(safe_name(given), taken)
    path = folder / name
    size = 0
    with path.open("wb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limits.max_file_bytes:
                break
            out.write(chunk)
    if size > limits.max_file_bytes:
        path.unlink()
        raise Refused(given, f"文件超过 {megabytes(limits.max_file_bytes)} 的上限 "
                             f"(over the limit of {megabytes(limits.max_file_bytes)}, "
                             "LOADER_MAX_FILE_MB)")
    if size == 0:
        path.unlink()
        raise Refused(given, "空文件 (the file is empty)")
    return Saved(given, name, path)
