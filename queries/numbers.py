"""Whole numbers typed by people (request parameters, `--param` values), read with bounds.

Python's `int` takes what nobody means as a count (`1_000`, `١٢`, thousands of digits) and
the graph engine refuses an integer beyond 64 bits with a message about C++ types. These
read ASCII digits only and name the parameter and the accepted range when refusing.
"""

from __future__ import annotations

import re

from queries.errors import ParameterError

INT64 = (-(2**63), 2**63 - 1)  # what the engines store as INT64
# A named query's whole-number parameters are counts: limit, offset, min_shared.
COUNT = (0, 1_000_000_000)
DIGITS = re.compile(r"[+-]?[0-9]+")
SHOWN_DIGITS = 30  # a longer number is described, not echoed


def whole_number(name: str, text: str, low: int, high: int) -> int:
    """`text` as a whole number from `low` to `high`; ParameterError naming `name` if not."""
    text = text.strip()
    if not DIGITS.fullmatch(text):
        raise ParameterError(f"{name} must be a whole number, got {_shown(text, quoted=True)}")
    if len(text.lstrip("+-").lstrip("0")) > max(len(str(low)), len(str(high))):
        value = None  # far out of range; not converted (int() refuses 4,300 digits)
    else:
        value = int(text)
    if value is None or not low <= value <= high:
        raise ParameterError(f"{name} must be between {low} and {high}, got {_shown(text)}")
    return value


def _shown(text: str, quoted: bool = False) -> str:
    if len(text) > SHOWN_DIGITS:
        return f"{text[:SHOWN_DIGITS]}… ({len(text)} characters)"
    return repr(text) if quoted else text
