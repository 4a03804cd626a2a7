"""Read request parameters, refusing values a page cannot use with a 400 that says why."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from flask import request

from queries.errors import ParameterError
from queries.numbers import whole_number
from webui.errors import BadParameter

MAX_TEXT = 200  # longer filter values are mistakes (or abuse), not agency names


def text_arg(name: str, default: str | None = None) -> str | None:
    """A free-text parameter: `default` when absent, None when given empty (全部)."""
    if name not in request.args:
        return default
    value = request.args[name].strip()
    if len(value) > MAX_TEXT:
        raise BadParameter(f"{name} is {len(value)} characters long; at most {MAX_TEXT}")
    return value or None


def choice_arg(name: str, choices: Collection[str], default: str | None = None) -> str | None:
    """A parameter that must be one of `choices`."""
    value = text_arg(name, default)
    if value is not None and value not in choices:
        shown = "、".join(sorted(choices)) if len(choices) <= 40 else f"{len(choices)} values"
        raise BadParameter(f"{name}={value!r} is not known here; use one of: {shown}")
    return value


def int_arg(name: str, default: int, low: int, high: int) -> int:
    """A whole number (ASCII digits) between `low` and `high`."""
    text = text_arg(name)
    if text is None:
        return default
    try:
        return whole_number(name, text, low, high)
    except ParameterError as exc:
        raise BadParameter(str(exc)) from None


def date_arg(name: str) -> str | None:
    """An ISO date (2025-12-31), as deadlines are stored and compared; None when absent."""
    text = text_arg(name)
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(name, text)
    except ValueError:
        return _bad_date(name, text)


def _bad_date(name: str, text: str) -> str:
    raise BadParameter(f"{name} 应为日期,如 2025-12-31 (an ISO date), got {text!r}")
