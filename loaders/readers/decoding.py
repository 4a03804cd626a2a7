"""Bytes to text, by evidence: a BOM, a declared charset, strict UTF-8, then GB18030.

Chinese plans come in UTF-8 or GBK/GB18030. Strict decoding tells them apart, and the
encoding used is reported so a wrong guess is visible instead of becoming mojibake.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from loaders.errors import UnreadableDocument

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


def read_bytes(path: Path) -> bytes:
    """Read the whole file, turning OS errors into the one error callers handle per file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, f"cannot read the file: {exc.strerror or exc}") from exc
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


def decode(path: Path, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode by evidence only: a BOM, then a declared charset, then strict UTF-8, then GB18030.

    Each step is strict, so the first that succeeds is the encoding the bytes are in
    (UTF-8 and GB18030 practically never both accept Chinese text), and it is reported.
    """
    for bom, encoding, codec in _BOMS:
        if data.startswith(bom):
            return _decode_after_bom(path, data, len(bom), codec), encoding
    _reject_binary(path, data)
    if declared is not None:
        try:
            return _plausible(path, data.decode(declared), declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong (or non-text, e.g. "hex") declaration: detect instead
    return _detect(path, data)


def _decode_after_bom(path: Path, data: bytes, skip: int, codec: str) -> str:
    """A BOM is a promise; bytes that break it are an error, not a cue to try another codec."""
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        where = skip + exc.start
        raise UnreadableDocument(
            path, f"starts with a {codec} BOM but {exc.reason} at byte offset {where}"
        ) from exc
    if "\x00" in text:
        raise UnreadableDocument(path, f"binary content (NUL character after a {codec} BOM)")
    return text


def _detect(path: Path, data: bytes) -> tuple[str, str]:
    """Strict UTF-8 first, because GB18030 would accept many non-Chinese byte sequences."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(
            path,
            f"not valid UTF-8 ({utf8_error.reason} at byte offset {utf8_error.start}) and "
            f"GB18030 was tried too ({exc.reason} at byte offset {exc.start}); "
            "re-save it as UTF-8",
        ) from exc
    return _plausible(path, text.removeprefix(_GB18030_BOM), "gb18030"), "gb18030"


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
