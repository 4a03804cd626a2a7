"""The Chinese words for stored values and column names, from data/labels.yaml.

One vocabulary for the pages, the query forms and the question box: the viewer shows these
words, the catalog accepts them as parameter values, and the question box names what it
understood with them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from graph.model import KINDS
from loaders.datafiles import read_yaml
from queries.errors import CatalogError

DATA = Path(__file__).with_name("data") / "labels.yaml"
SECTIONS = ("kinds", "roles", "bases", "sources", "flags", "booleans", "columns", "levels",
            "examples", "deadline_kinds", "comparisons", "timeline")


@dataclass(frozen=True)
class Labels:
    """Each section of the data file as {stored value: word}; `values` maps a column to
    the section that labels its cells."""

    kinds: dict[str, str]
    roles: dict[str, str]
    bases: dict[str, str]
    sources: dict[str, str]
    flags: dict[str, str]
    booleans: dict[str, str]
    columns: dict[str, str]
    levels: dict[str, str]
    examples: dict[str, str]
    deadline_kinds: dict[str, str]
    comparisons: dict[str, str]
    timeline: dict[str, str]
    values: dict[str, str]

    def section(self, name: str) -> dict[str, str]:
        return dict(getattr(self, name))

    def for_column(self, column: str) -> dict[str, str]:
        """The words of `column`'s stored values; empty when they are shown as stored."""
        section = self.values.get(column)
        return getattr(self, section) if section else {}


def same(text: str) -> str:
    """The comparable form of a word typed by a person: NFKC, no spaces, case folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def stored_value(text: str, words: dict[str, str]) -> str | None:
    """The stored value that `text` names, given as itself or as its word; None if neither."""
    wanted = same(text)
    for value, word in words.items():
        if wanted in (same(value), same(word)):
            return value
    return None


@cache
def load_labels(path: Path = DATA) -> Labels:
    """The labels file, checked: every section present, every agency kind labelled."""
    data = read_yaml(path, CatalogError)
    try:
        sections = {name: _words(data[name]) for name in SECTIONS}
        values = {str(k): str(v) for k, v in data["values"].items()}
    except (KeyError, TypeError, AttributeError) as err:
        raise CatalogError(f"{path}: needs the sections {', '.join(SECTIONS)} and values, "
                           f"each a mapping ({err})") from None
    missing = sorted(set(KINDS) - set(sections["kinds"]))
    if missing:
        raise CatalogError(f"{path}: kinds lacks a word for {', '.join(missing)}")
    unknown = sorted(set(values.values()) - set(SECTIONS))
    if unknown:
        raise CatalogError(f"{path}: values names unknown section(s) {', '.join(unknown)}")
    return Labels(**sections, values=values)


def _words(section: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in section.items()}
