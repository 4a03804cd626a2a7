"""Read .pdf files with a text layer, rejoining the paragraphs the layout broke into lines.

pdfminer inflates every stream a page draws from, with no limit of its own, so pages are laid
out one at a time within the readers' limits: a PDF whose page tree declares more than
`max_pages` pages is refused before any page is read, one that turns out to hold more when
its pages are read is refused at the first page past the limit, and reading stops as soon as
the text of the pages read so far passes `max_text_chars`. The streams of the page being read
are still inflated whole: what one stream inflates to is bounded only through the file's size
(deflate reaches about a thousand times its input).
"""

from __future__ import annotations

import io
import itertools
import re
import struct
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTContainer, LTPage, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException

from loaders.errors import TooLarge, UnreadableDocument
from loaders.readers.decoding import read_bytes
from loaders.readers.limits import DEFAULT_LIMITS, Limits
from loaders.readers.result import ReadResult

# A PDF starts with "%PDF-1.7"; some writers put junk before it, within the first kilobyte.
_PDF_HEADER = b"%PDF-"
_PDF_HEADER_WINDOW = 1024
# pdfminer raises its own errors for broken files, but also plain ones from deep inside.
_PDF_PARSE_ERRORS = (
    PSException, ValueError, TypeError, KeyError, IndexError, EOFError, zlib.error, struct.error,
)  # fmt: skip
# A glyph pdfminer could not map to Unicode: "(cid:1234)"
_CID_GLYPH_RE = re.compile(r"\(cid:\d+\)")
_MAX_CID_SHARE = 0.3  # above this share of unmapped glyphs the text layer is unusable
# Kangxi radicals and CJK radical supplements that some PDF fonts emit instead of the
# ordinary ideograph: "⽣" (U+2F63) for "生"
_RADICAL_RE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")
# A page number line in the top or bottom margin: "— 3 —", "-3-", "3", "第3页 共10页"
_PAGE_NUMBER_RE = re.compile(
    r"^[\s\-—–－]*\d{1,4}[\s\-—–－]*$|^第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$"
)
# The start of a numbered item, heading or unit list, which never continues the line above:
# "一、" "（一）" "(一)" "1." "1、" "1．" "（1）" "①" "第一章" "附件" "牵头单位：" "责任单位："
_NEW_BLOCK_RE = re.compile(
    r"""^\s*(?:
        [一二三四五六七八九十百]+[、.．]
      | [(（][一二三四五六七八九十百]+[)）]
      | \d{1,3}\s*[.．、](?!\d)
      | [(（]\d{1,3}[)）]
      | [\u2460-\u2473\u2474-\u2487\u2488-\u249b]
      | 第[一二三四五六七八九十百零〇\d]+[章节条部分]
      | 附件 | 附表
      | (?:牵头|责任|配合|参与|协办|主责)单位
    )""",
    re.X,
)
# Marks that end a paragraph, possibly followed by a closing quote: "。" "；" "：" "！" "？" "。”"
_PARAGRAPH_END_RE = re.compile(r"[。；;：:!！?？][”’」』\"']*$")
# A wrapped line ending here is "full": closer to the right edge than this many line heights.
_FULL_LINE_SLACK = 2.0
# A line starting this many line heights right of the text's left edge is indented.
_INDENT_MIN = 1.0
# Paragraph starts needed before deciding that a document indents its paragraphs.
_MIN_INDENT_EVIDENCE = 3
# A character of a piece a word processor keeps on one line: "500Mbps", "IPv6", "2.5"
_UNBREAKABLE_RE = re.compile(r"[A-Za-z0-9.%]")
# ASCII letters or digits on both sides of a line break need a space when the lines join:
# "supports" + "IPv6" -> "supports IPv6"
_ASCII_WORD_CHAR_RE = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class _PdfLine:
    """One text line as laid out, with the geometry needed to decide whether it wraps."""

    text: str
    x0: float
    x1: float
    height: float  # about the font size
    lead: float  # width of the first unbreakable piece: one ideograph, or "500Mbps"
    left: float  # left edge of the text on this page
    right: float  # right edge of the text on this page

    def wraps_into(self, following: _PdfLine) -> bool:
        """Whether this line stops at the right edge because the next piece did not fit."""
        slack = _FULL_LINE_SLACK * self.height + following.lead
        return self.x1 >= self.right - slack

    @property
    def indented(self) -> bool:
        return self.x0 >= self.left + _INDENT_MIN * self.height


def read_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read the text layer and rejoin paragraphs the page layout broke into lines."""
    data = read_bytes(path, limits)
    if _PDF_HEADER not in data[:_PDF_HEADER_WINDOW]:
        raise UnreadableDocument(path, "not a PDF file (no %PDF- header)")
    pages, lines = _pdf_lines(path, data, limits)
    if not lines:
        raise UnreadableDocument(
            path,
            f"no text layer on any of its {pages} page(s): a scanned PDF, OCR is needed",
        )
    text = "\n".join(_join_wrapped(lines))
    _reject_unmapped_glyphs(path, text)
    return ReadResult(text=text, encoding="pdf", kind="pdf")


def _pdf_lines(path: Path, data: bytes, limits: Limits) -> tuple[int, list[_PdfLine]]:
    """The number of pages and the text lines of all of them, page by page within `limits`."""
    cap = limits.max_pages
    pages, chars, lines = 0, 0, []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        declared = _declared_pages(document)
        if declared > cap:
            raise TooLarge(path, f"PDF of {declared:,} pages is over the limit of {cap:,} "
                                 "pages (LOADER_MAX_PAGES)")
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
        interpreter = PDFPageInterpreter(manager, device)
        for page in PDFPage.create_pages(document):
            pages += 1
            if pages > cap:  # the page tree declared fewer than it holds
                raise TooLarge(path, f"PDF of more than {cap:,} pages is over the limit of "
                                     f"{cap:,} pages (LOADER_MAX_PAGES)")
            interpreter.process_page(page)
            found = _page_lines(device.get_result())
            lines += found
            chars += sum(len(line.text) for line in found)  # the joined text holds as many
            if chars > limits.max_text_chars:
                raise TooLarge(path, f"{chars:,} characters of text in its first {pages:,} "
                                     f"page(s), over the limit of {limits.max_text_chars:,} "
                                     "(LOADER_MAX_TEXT_CHARS)")
    except PDFEncryptionError as exc:
        raise UnreadableDocument(path, f"encrypted PDF, a password is needed ({exc})") from exc
    except _PDF_PARSE_ERRORS as exc:
        raise UnreadableDocument(
            path, f"cannot parse the PDF ({type(exc).__name__}: {exc})"
        ) from exc
    return pages, lines


def _declared_pages(document: PDFDocument) -> int:
    """The page count the root of the page tree declares (/Count); 0 when it declares none."""
    tree = resolve1(document.catalog.get("Pages"))
    count = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
    return count if isinstance(count, int) and not isinstance(count, bool) else 0


def _page_lines(page: LTPage) -> list[_PdfLine]:
    """The page's text lines in pdfminer's reading order, without page-number furniture."""
    found = [(line, _fix_radicals(line.get_text().strip())) for line in _layout_text_lines(page)]
    found = _drop_page_numbers([(line, text) for line, text in found if text])
    if not found:
        return []
    left = min(line.x0 for line, _ in found)
    right = max(line.x1 for line, _ in found)
    return [
        _PdfLine(text, line.x0, line.x1, line.height, _lead_width(line), left, right)
        for line, text in found
    ]


def _lead_width(line: LTTextLine) -> float:
    """Width of the line's first piece a word processor will not break: an ASCII word or
    number ("500Mbps", "10G"), else the first character."""
    chars = [item for item in line if isinstance(item, LTChar) and item.get_text().strip()]
    if not chars:
        return 0.0
    end = chars[0]
    for char in chars:
        if not _UNBREAKABLE_RE.fullmatch(char.get_text()):
            break
        end = char
    return end.x1 - chars[0].x0


def _layout_text_lines(container: LTContainer[Any]) -> Iterator[LTTextLine]:
    for item in container:
        if isinstance(item, LTTextLine):
            yield item
        elif isinstance(item, LTContainer):
            yield from _layout_text_lines(item)


def _fix_radicals(text: str) -> str:
    return _RADICAL_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _drop_page_numbers(found: list[tuple[LTTextLine, str]]) -> list[tuple[LTTextLine, str]]:
    """Page numbers in the margins would split a paragraph running across pages."""
    if not found:
        return found
    lowest = min(found, key=lambda pair: pair[0].y0)
    highest = max(found, key=lambda pair: pair[0].y0)
    return [
        pair
        for pair in found
        if not ((pair is lowest or pair is highest) and _PAGE_NUMBER_RE.match(pair[1]))
    ]


def _join_wrapped(lines: list[_PdfLine]) -> list[str]:
    paragraphs: list[str] = []
    indents = _uses_first_line_indent(lines)
    previous: _PdfLine | None = None
    for line in lines:
        if previous is not None and _continues(previous, line, indents):
            paragraphs[-1] = _glue(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def _uses_first_line_indent(lines: list[_PdfLine]) -> bool:
    """Whether paragraphs start indented (公文 style): most lines that certainly start one
    (the line above stops short of the right edge) are indented."""
    starts = [line for previous, line in itertools.pairwise(lines) if not previous.wraps_into(line)]
    indented = sum(line.indented for line in starts)
    return len(starts) >= _MIN_INDENT_EVIDENCE and 2 * indented > len(starts)


def _ends_sentence(line: _PdfLine) -> bool:
    return _PARAGRAPH_END_RE.search(line.text) is not None


def _continues(previous: _PdfLine, line: _PdfLine, indents: bool) -> bool:
    """Whether line carries on the paragraph of the line above it.

    Never when the line starts a numbered item, heading or unit list, or the line above
    stops short of the right edge. Otherwise, in a document with first-line indents an
    unindented line is a continuation even after "。" (a wrap can fall after any
    sentence); without indents only a line above that does not end a sentence is joined.
    """
    if _NEW_BLOCK_RE.match(line.text) or not previous.wraps_into(line):
        return False
    if indents:
        return not line.indented
    return not _ends_sentence(previous)


def _glue(left: str, right: str) -> str:
    if _ASCII_WORD_CHAR_RE.match(left[-1]) and _ASCII_WORD_CHAR_RE.match(right[0]):
        return f"{left} {right}"
    return left + right


def _reject_unmapped_glyphs(path: Path, text: str) -> None:
    """Fonts without a Unicode map yield "(cid:NN)" codes: as useless as no text layer."""
    unmapped = len(_CID_GLYPH_RE.findall(text))
    visible = len("".join(_CID_GLYPH_RE.sub("x", text).split()))
    if unmapped and unmapped > _MAX_CID_SHARE * visible:
        raise UnreadableDocument(
            path,
            f"the text layer is unusable ({unmapped} glyphs without a Unicode mapping): "
            "treat it as a scanned PDF, OCR is needed",
        )
