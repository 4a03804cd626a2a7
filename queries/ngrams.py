"""Chinese text as overlapping character pairs: the tokens of the full-text index, and the
FTS5 expressions that find a fragment among them.

Chinese has no spaces, and clerks search with two-character fragments (工信, 基站, 发改), so
the index stores every pair of neighbouring characters (常州市 → 常州 州市 市) and a fragment
is found as the phrase of its pairs: `"工业 业和 和信"` matches exactly where 工业和信 is printed.
This is the bigram scheme of Lucene's CJK analyzer; SQLite's own trigram tokenizer cannot
find fragments shorter than three characters, and word segmentation (jieba) would miss a
fragment that straddles two of its words. SQLite's `unicode61` tokenizer then cuts the pairs
at punctuation and spaces, so no pair spans a comma, and a character before punctuation or at
the end is a token of its own: every character starts a token, which lets a one-character
fragment be found as a prefix (`"局"*`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# A run of letters and digits: what unicode61 keeps as token characters (`工信局`, `5g`, `2025`)
SEGMENT = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """NFKC and case-folded: ５Ｇ, 5G and 5g compare equal, as they do in the index."""
    return unicodedata.normalize("NFKC", text).casefold()


def index_tokens(text: str) -> str:
    """Text as the index stores it: each character with its right neighbour, space-separated.

    Pairs that hold punctuation or a space are left for unicode61 to cut (`业，` → 业).
    """
    folded = fold(text)
    if not folded:
        return ""
    return " ".join(map(str.__add__, folded, folded[1:])) + " " + folded[-1]


def segments(text: str) -> list[str]:
    """Runs of letters and digits in folded `text`: 常政办发〔2022〕76号 → 常政办发, 2022, 76号."""
    return SEGMENT.findall(fold(text))


def phrase(segment: str) -> str:
    """The FTS5 phrase that finds `segment` (one run of letters and digits) wherever printed."""
    if len(segment) == 1:
        return f'"{segment}"*'  # every character starts a token (see the module's note)
    return '"' + " ".join(map(str.__add__, segment, segment[1:])) + '"'


def fragment(text: str, one_character_in: Sequence[str] = ()) -> str | None:
    """The expression for one fragment: all its runs, each where printed; None if it has none.

    Runs are joined by AND, not by one phrase: the index does not pair across punctuation.
    A run of one character is looked for only in `one_character_in` when given (names and
    titles): in body text it is everywhere and finds nothing in particular.
    """
    runs = segments(text)
    if not runs:
        return None
    return " AND ".join(in_columns(one_character_in, phrase(s))
                        if len(s) == 1 and one_character_in else phrase(s) for s in runs)


def any_of(expressions: Iterable[str]) -> str:
    """OR of expressions, each in brackets; one expression stays as it is."""
    found = list(dict.fromkeys(expressions))
    return found[0] if len(found) == 1 else " OR ".join(f"({e})" for e in found)


def in_columns(columns: Sequence[str], expression: str) -> str:
    """`expression` matched in these columns only."""
    return f"{{{' '.join(columns)}}} : ({expression})"
