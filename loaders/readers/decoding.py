"""Bytes to text, by evidence: a BOM, a declared charset, strict UTF-8, then GB18030.

Chinese plans come in UTF-8 or GBK/GB18030. Strict decoding tells them apart, and the
encoding used is reported so a wrong guess is visible instead of becoming mojibake. A file
damaged in a few places (cut off inside a character, a few bytes garbled) is still read,
the bad bytes becoming U+FFFD, with a warning naming the byte offset and line of the damage.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import NamedTuple

from loaders.errors import TooLarge, UnreadableDocument
from loaders.readers.limits import DEFAULT_LIMITS, Limits, megabytes

# Bytes that do not occur in text files; \t \n \v \f \r are left out on purpose.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
# Above this share of control bytes a file is binary even without a NUL byte (text has ~0%).
_BINARY_CONTROL_SHARE = 0.05
# Fewer Chinese characters than this are too few to judge whether a GB18030 decode is right.
_MIN_HAN_TO_JUDGE = 20
# Mainland plans are ~100% GB2312 characters; Big5 bytes read as GB18030 give ~45%.
_MIN_GB2312_SHARE = 0.8
# (BOM, name reported, codec for the bytes after the BOM)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_GB18030_BOM = "\ufeff"  # GB18030 spells the BOM as 84 31 95 33; the codec keeps it as U+FEFF


class Decoded(NamedTuple):
    """Text, the encoding it was read in, and what was wrong with the bytes, if anything."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


# A damaged file is still read when its bad byte sequences are this few: at most this share
# of its non-ASCII bytes, and never more than _MAX_DAMAGE_SPOTS (a file in another encoding
# fails at nearly every character, a damaged one in a few places).
_MAX_DAMAGE_SHARE = 0.01
_MAX_DAMAGE_SPOTS = 100
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX only


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read the whole file, turning OS errors into the one error callers handle per file.

    Only a regular file no larger than `limits.max_file_mb` is read, and never more than
    that many bytes, even if the file grows while it is read."""
    cap = limits.max_file_bytes
    try:
        # Non-blocking, so a FIFO or device named plan.txt is refused instead of waited on.
        with open(os.open(path, os.O_RDONLY | _NONBLOCK), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableDocument(path, "not a regular file")
            if info.st_size > cap:
                raise TooLarge(path, f"file of {megabytes(info.st_size)} is over the limit "
                                     f"of {megabytes(cap)} (LOADER_MAX_FILE_MB)")
            data = handle.read(cap + 1)
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > cap:
        raise TooLarge(path, f"file grew over the limit of {megabytes(cap)} while it was read "
                             "(LOADER_MAX_FILE_MB)")
    if not data:
        raise UnreadableDocument(path, "empty file (0 bytes)")
    return data


def require_text(path: Path, text: str, reason: str) -> str:
    """Refuse a document with nothing to extract, so it is reported instead of yielding 0 tasks."""
    if not text.strip():
        raise UnreadableDocument(path, reason)
    return text


def _reject_binary(path: Path, data: bytes) -> None:
    """Stop before decoding: binary files would otherwise decode as ASCII-ish garbage."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise UnreadableDocument(path, f"binary content (NUL byte at offset {nul}), not text")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_CONTROL_SHARE * len(data):
        share = controls / len(data)
        raise UnreadableDocument(path, f"binary content ({share:.0%} control bytes), not text")


def decode(path: Path, data: bytes, declared: str | None = None) -> Decoded:
    """Decode by evidence only: a BOM, then a declared charset, then strict UTF-8, then GB18030.

    Each step is strict, so the first that succeeds is the encoding the bytes are in
    (UTF-8 and GB18030 practically never both accept Chinese text), and it is reported.
    Bytes no encoding accepts everywhere are read in the one that fails least, if it fails
    in a few places only, and the damage is reported in `warnings`.
    """
    for bom, encoding, codec in _BOMS:
        if data.startswith(bom):
            return _decode_after_bom(path, data, len(bom), codec, encoding)
    _reject_binary(path, data)
    if declared is not None:
        try:
            return Decoded(_plausible(path, data.decode(declared), declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong (or non-text, e.g. "hex") declaration: detect instead
    return _detect(path, data)


def _decode_after_bom(path: Path, data: bytes, skip: int, codec: str, name: str) -> Decoded:
    """A BOM is a promise; bytes that break it are damage, not a cue to try another codec."""
    try:
        text = data[skip:].decode(codec)
        warnings: tuple[str, ...] = ()
    except UnicodeDecodeError as exc:
        damaged = _damaged(data, codec, skip)
        if damaged is None:
            where = skip + exc.start
            raise UnreadableDocument(
                path, f"starts with a {codec} BOM but {exc.reason} at byte offset {where}"
            ) from exc
        text, warnings = damaged
    if "\x00" in text:
        raise UnreadableDocument(path, f"binary content (NUL character after a {codec} BOM)")
    return Decoded(text, name, warnings)


def _detect(path: Path, data: bytes) -> Decoded:
    """Strict UTF-8 first, because GB18030 would accept many non-Chinese byte sequences."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        gb_error = exc
    else:
        return Decoded(_plausible(path, text.removeprefix(_GB18030_BOM), "gb18030"), "gb18030")
    damaged = _least_damaged(path, data)
    if damaged is not None:
        return damaged
    raise UnreadableDocument(
        path,
        f"not valid UTF-8 ({utf8_error.reason} at byte offset {utf8_error.start}) and "
        f"GB18030 was tried too ({gb_error.reason} at byte offset {gb_error.start}); "
        "re-save it as UTF-8",
    ) from gb_error


def _least_damaged(path: Path, data: bytes) -> Decoded | None:
    """UTF-8 or GB18030, whichever fails in fewer places, if either fails in few enough."""
    found: list[tuple[int, Decoded]] = []
    for codec in ("utf-8", "gb18030"):
        damaged = _damaged(data, codec, 0)
        if damaged is None:
            continue
        text, warnings = damaged
        if codec == "gb18030":
            try:
                text = _plausible(path, text.removeprefix(_GB18030_BOM), codec)
            except UnreadableDocument:
                continue
        found.append((text.count("\ufffd"), Decoded(text, codec, warnings)))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _damaged(data: bytes, codec: str, skip: int) -> tuple[str, tuple[str, ...]] | None:
    """The text with each bad byte sequence as U+FFFD, and a warning naming where they are;
    None when there are too many for the bytes to be damaged text in this codec."""
    body = data[skip:]
    non_ascii = len(body) - len(body.translate(None, bytes(range(0x80, 0x100))))
    allowed = min(_MAX_DAMAGE_SPOTS, max(1, int(_MAX_DAMAGE_SHARE * non_ascii)))
    pieces: list[str] = []
    spots: list[tuple[int, int]] = []  # (start, end) byte offsets of each bad sequence
    pos = skip
    while True:
        try:
            pieces.append(data[pos:].decode(codec))
            break
        except UnicodeDecodeError as exc:
            spots.append((pos + exc.start, pos + exc.end))
            if len(spots) > allowed:
                return None
            pieces.append(data[pos:pos + exc.start].decode(codec))
            pieces.append("\ufffd")
            pos += exc.end
    return "".join(pieces), (_damage_warning(data, codec, spots),)


def _damage_warning(data: bytes, codec: str, spots: list[tuple[int, int]]) -> str:
    """One line: where the first bad bytes are, how many more, whether the file is cut off."""
    truncated = spots[-1][1] == len(data) and len(data) - spots[-1][0] < 4
    inner = spots[:-1] if truncated else spots
    parts = []
    if inner:
        more = f" and {len(inner) - 1} more place(s) after it" if len(inner) > 1 else ""
        parts.append(f"damaged {codec} text at {_where(data, inner[0][0])}{more}, "
                     "read as U+FFFD")
    if truncated:
        parts.append(f"the file ends inside a {codec} character at "
                     f"{_where(data, spots[-1][0])}: it looks truncated, so its last task "
                     "may be cut short")
    return "; ".join(parts)


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte offset {offset} (line {line})"


def _plausible(path: Path, text: str, encoding: str) -> str:
    """Reject a GB18030 decode made of rare characters: it means the bytes are Big5 or similar."""
    if encoding != "gb18030":
        return text
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if len(han) < _MIN_HAN_TO_JUDGE:
        return text
    share = sum(_in_gb2312(ch) for ch in han) / len(han)
    if share < _MIN_GB2312_SHARE:
        raise UnreadableDocument(
            path,
            f"not UTF-8, and as GB18030 only {share:.0%} of its {len(han)} Chinese characters "
            "are common ones: probably another encoding (Big5?); re-save it as UTF-8",
        )
    return text


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
