"""Read a saved government web page (.html/.htm): its article, as lines and tables."""

from __future__ import annotations

import codecs
import re
import warnings
from pathlib import Path

import bs4
from bs4 import BeautifulSoup, Tag

from loaders.errors import TooLarge
from loaders.readers.decoding import decode, read_bytes, require_text
from loaders.readers.limits import DEFAULT_LIMITS, Limits
from loaders.readers.page_article import PAGE_BAR_TAGS, find_article, has_junk_attr
from loaders.readers.page_lines import article_lines, collapse
from loaders.readers.result import ReadResult

# Only the head of the page is searched for a charset declaration, as browsers do.
_CHARSET_SNIFF_BYTES = 4096
# <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
_META_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# <?xml version="1.0" encoding="GBK"?> at the very start of an XHTML page
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Labels sites use for GBK content; GB18030 decodes all of them (and is what browsers use).
_GBK_LABELS = frozenset({"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "csgb2312", "gb_2312-80"})
# Western single-byte labels accept any byte, so on a Chinese page they prove nothing;
# a UTF-16/32 label without a BOM is a mistake browsers ignore too.
_USELESS_CODECS = frozenset(
    {"ascii", "iso8859-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32"}
)
# The name of the title meta tag Chinese government sites carry, any case:
# <meta name="ArticleTitle" content="…的通知">
_ARTICLE_TITLE_META_RE = re.compile(r"^articletitle$", re.I)
# Elements nested deeper than this are a broken or hostile page (real ones stay under 50);
# it is libxml2's own limit for XML, and keeps the recursive renderer far from Python's.
MAX_HTML_DEPTH = 256


def read_html(path: Path, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Keep only the article of a saved government page, as its paragraphs and tables."""
    data = read_bytes(path, limits)
    markup, encoding, warnings = decode(
        path, data, _declared_charset(data[:_CHARSET_SNIFF_BYTES]))
    tags = markup.count("<") - markup.count("</")  # at least as many as the page's elements
    if tags > limits.max_elements:
        raise TooLarge(path, f"HTML page of up to {tags:,} elements is over the limit of "
                             f"{limits.max_elements:,} (LOADER_MAX_ELEMENTS)")
    soup = _parse_html(markup)
    depth = nesting_depth(soup, MAX_HTML_DEPTH)
    if depth > MAX_HTML_DEPTH:
        raise TooLarge(path, f"HTML elements nested more than {MAX_HTML_DEPTH} deep; "
                             "a broken or hostile page, not a saved article")
    lines = _html_lines(soup)
    text = require_text(path, "\n".join(lines), "no article text found in the HTML page")
    return ReadResult(text=text, encoding=f"html:{encoding}", kind="html", warnings=warnings)


def nesting_depth(soup: BeautifulSoup, limit: int) -> int:
    """How deep elements nest, counted without recursion; stops once past `limit`."""
    depths: dict[int, int] = {id(soup): 0}
    deepest = 0
    for tag in soup.find_all(True):
        depth = depths.get(id(tag.parent), 0) + 1
        depths[id(tag)] = depth
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def _declared_charset(head: bytes) -> str | None:
    """The codec the page says it uses, if that codec can tell Chinese text apart."""
    match = _XML_ENCODING_RE.search(head) or _META_CHARSET_RE.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _GBK_LABELS:
        return "gb18030"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return None if codec in _USELESS_CODECS else codec


def _html_lines(soup: BeautifulSoup) -> list[str]:
    """Put the page title first when the article body does not repeat it near the top."""
    title = _page_title(soup)
    lines = article_lines(find_article(soup.body or soup))
    if title and title not in lines[:5]:
        lines.insert(0, title)
    return lines


def _parse_html(markup: str) -> BeautifulSoup:
    """Parse leniently; bs4's hints about XHTML or tiny inputs are not problems here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", bs4.XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", bs4.MarkupResemblesLocatorWarning)
        return BeautifulSoup(markup, "lxml")


def _page_title(soup: BeautifulSoup) -> str:
    """The title from the ArticleTitle meta tag, else the first <h1> outside furniture."""
    meta = soup.find("meta", attrs={"name": _ARTICLE_TITLE_META_RE})
    if isinstance(meta, Tag):
        content = meta.get("content")
        if isinstance(content, str) and content.strip():
            return collapse(content)
    for h1 in soup.find_all("h1"):
        if h1.find_parent(PAGE_BAR_TAGS) is None and not _is_furniture(h1):
            text = collapse(h1.get_text())
            if text and h1.find("a") is None:
                return text
    return ""


def _is_furniture(tag: Tag) -> bool:
    return any(has_junk_attr(parent) for parent in [tag, *tag.parents] if isinstance(parent, Tag))
