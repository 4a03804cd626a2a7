"""Read .docx files: body paragraphs and tables in document order, with list numbers."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from lxml import etree

from loaders.errors import TooLarge, UnreadableDocument
from loaders.readers.decoding import read_bytes, require_text
from loaders.readers.limits import DEFAULT_LIMITS, Limits, megabytes
from loaders.readers.result import ReadResult, cell_clean, table_block
from loaders.readers.word_numbering import OFF_VALUES, W_VAL, Numbering

_W_P = qn("w:p")
_W_TBL = qn("w:tbl")
_W_R = qn("w:r")
_W_T = qn("w:t")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Containers whose children are body blocks (content controls, custom XML).
_DOCX_BLOCK_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})
# Inside a paragraph: deleted text, text boxes (own paragraphs), duplicate fallback
# drawings, field codes and properties are not the printed text.
_DOCX_SKIP = frozenset(
    {qn("w:del"), qn("w:moveFrom"), qn("w:txbxContent"), _MC_FALLBACK, qn("w:instrText"),
     qn("w:pPr"), qn("w:rPr"), qn("w:sdtPr"), qn("w:fldData")}
)  # fmt: skip
_DOCX_CHARS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
# Runs of spaces and tabs inside a paragraph: "常州市人民政府办公室\t\t  2022年"
_INLINE_SPACE_RE = re.compile(r"[ \t\xa0]+")
# A label ending in a full-width character needs no space before the text: "一、" "（一）"
_WIDE_END_RE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2460-\u24ff]$")


def read_docx(path: Path, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read body paragraphs and tables in document order, with Word's list numbers."""
    data = read_bytes(path, limits)
    check_package(path, data, limits)
    document = _open_docx(path, data)
    numbering = Numbering.of(document)
    lines: list[str] = []
    for block in _docx_blocks(document.element.body):
        if block.tag == _W_P:
            lines.extend(_paragraph_lines(block, numbering))
        else:
            lines.extend(table_block(_docx_table_rows(Table(block, document), numbering)))
    text = require_text(path, "\n".join(lines), "the document has no text")
    return ReadResult(text=text, encoding="docx", kind="docx")


def check_package(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a package before it is unzipped: members whose declared size is over the
    limits (zipfile never inflates a member past its declared size, so the declaration
    bounds the work), then XML parts holding more paragraphs than a document can have."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            total = 0
            for member in members:
                total += member.file_size
                if member.file_size > limits.max_part_bytes:
                    raise TooLarge(path, f"package member {member.filename!r} unzips to "
                                         f"{megabytes(member.file_size)}, over the limit of "
                                         f"{megabytes(limits.max_part_bytes)} "
                                         "(LOADER_MAX_PART_MB)")
            if total > limits.max_unzipped_bytes:
                raise TooLarge(path, f"package unzips to {megabytes(total)}, over the limit "
                                     f"of {megabytes(limits.max_unzipped_bytes)} "
                                     "(LOADER_MAX_UNZIPPED_MB)")
            paragraphs = 0
            for member in members:
                paragraphs += _count_paragraphs(package, member, limits.max_elements - paragraphs)
                if paragraphs > limits.max_elements:
                    raise TooLarge(path, f"package member {member.filename!r} takes the "
                                         f"document over the limit of {limits.max_elements:,} "
                                         "paragraphs (LOADER_MAX_ELEMENTS)")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise UnreadableDocument(path, f"not a valid .docx package ({exc})") from exc


def _count_paragraphs(package: zipfile.ZipFile, member: zipfile.ZipInfo, room: int) -> int:
    """Paragraphs in one member, counted while it streams, up to one more than `room`;
    a member that is not XML (an image) counts none and is left to python-docx to judge."""
    count = 0
    try:
        with package.open(member) as stream:
            for _, element in etree.iterparse(stream, events=("end",), tag=_W_P,
                                              resolve_entities=False, no_network=True):
                count += 1
                if count > room:
                    break
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except (etree.XMLSyntaxError, RuntimeError, OSError, EOFError, NotImplementedError,
            zipfile.BadZipFile, zlib.error):
        pass  # not XML, encrypted or broken: python-docx says what is wrong if it needs it
    return count


def _open_docx(path: Path, data: bytes) -> Any:
    try:
        return open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise UnreadableDocument(path, f"not a valid .docx package ({exc})") from exc
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableDocument(path, f"not a Word document: {exc}") from exc


def _docx_blocks(container: Any) -> Iterator[Any]:
    """Paragraphs and tables in order, looking inside content controls that wrap them."""
    for child in container.iterchildren():
        if child.tag in (_W_P, _W_TBL):
            yield child
        elif child.tag in _DOCX_BLOCK_WRAPPERS:
            yield from _docx_blocks(child)


def _paragraph_text(el: Any) -> str:
    """The printed characters of a paragraph, including tracked insertions and hyperlinks."""
    return "".join(_paragraph_pieces(el))


def _paragraph_pieces(el: Any) -> Iterator[str]:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str):  # XML comments and processing instructions
            continue
        if tag in _DOCX_SKIP or (tag == _W_R and _is_hidden_run(child)):
            continue
        if tag == _W_T:
            yield child.text or ""
        elif tag in _DOCX_CHARS:
            yield _DOCX_CHARS[tag]
        else:
            yield from _paragraph_pieces(child)


def _is_hidden_run(run: Any) -> bool:
    vanish = run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")
    return vanish is not None and vanish.get(W_VAL, "true").lower() not in OFF_VALUES


def _paragraph_lines(p: Any, numbering: Numbering) -> list[str]:
    """Manual line breaks become lines, as printed; the list number goes before the first."""
    label = numbering.label(p)
    lines = [_tidy(piece) for piece in _paragraph_text(p).split("\n")]
    lines = [line for line in lines if line]
    if label:
        first = lines[0] if lines else ""
        joiner = "" if not first or _WIDE_END_RE.search(label) else " "
        lines[:1] = [f"{label}{joiner}{first}"]
    return lines


def _tidy(text: str) -> str:
    return _INLINE_SPACE_RE.sub(" ", text).strip()


def _docx_table_rows(table: Table, numbering: Numbering) -> list[list[str]]:
    """Rows as python-docx lays them out: merged cells repeat, so columns stay aligned."""
    texts: dict[Any, str] = {}  # a merged cell is rendered once (its list numbers count once)
    rows: list[list[str]] = []
    for row in table.rows:
        cells = [_cached_cell_text(cell._tc, numbering, texts) for cell in row.cells]
        rows.append([""] * row.grid_cols_before + cells + [""] * row.grid_cols_after)
    return rows


def _cached_cell_text(tc: Any, numbering: Numbering, texts: dict[Any, str]) -> str:
    if tc not in texts:
        texts[tc] = _docx_cell_text(tc, numbering)
    return texts[tc]


def _docx_cell_text(container: Any, numbering: Numbering) -> str:
    """All paragraphs of a cell on one line; a nested table is flattened into it."""
    parts: list[str] = []
    for block in _docx_blocks(container):
        if block.tag == _W_P:
            parts.extend(_paragraph_lines(block, numbering))
        else:
            parts.extend(
                _docx_cell_text(tc, numbering)
                for tr in block.iterchildren(qn("w:tr"))
                for tc in tr.iterchildren(qn("w:tc"))
            )
    return cell_clean(" ".join(parts))
