"""Tag tasks with the sectors they are about, from the taxonomy in data/sectors.yaml.

Queries such as "which agencies lead 5G work in each city" need tasks grouped by field. The
plans do not label fields, so a task belongs to a sector when its own words use one of the
sector's keywords. The matching rules are documented in the data file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders.datafiles import read_yaml

DATA = Path(__file__).with_name("data") / "sectors.yaml"
ASCII_WORD = "0-9a-z"  # after case folding
BLANK = "\u3000"  # replaces text that must not count, so its neighbours do not join


class TaxonomyError(ValueError):
    """The taxonomy file is malformed; the message names the file and the entry."""


def fold(text: str) -> str:
    """Compare full-width, half-width and either case alike: ５Ｇ, 5G and 5g are one."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class Sector:
    name: str
    plain: tuple[str, ...]  # folded keywords found by a substring test
    edged: tuple[tuple[str, re.Pattern[str]], ...]  # keywords with a Latin edge, and its check
    exclude: tuple[str, ...]

    def matches(self, text: str) -> bool:
        """Substring tests in C first; the edge pattern only where one is needed."""
        for phrase in self.exclude:
            text = text.replace(phrase, BLANK)
        if any(map(text.__contains__, self.plain)):
            return True
        return any(k in text and edges.search(text) is not None for k, edges in self.edged)


@dataclass(frozen=True)
class SectorTaxonomy:
    """The sectors, in file order."""

    sectors: tuple[Sector, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> SectorTaxonomy:
        """The taxonomy at `path` (default: the data file beside this module), read once."""
        return _load(Path(path or DATA).resolve())

    @classmethod
    def from_data(cls, data: dict[str, Any], source: str = "<data>") -> SectorTaxonomy:
        """Build from parsed YAML, so a changed taxonomy can be checked without a file."""
        try:
            return _build(data)
        except (KeyError, TypeError, ValueError, re.error) as err:
            raise TaxonomyError(f"{source}: {err}") from None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.sectors]

    def tag(self, title: str, text: str,
            assignments: Iterable[tuple[int, int]] = ()) -> list[str]:
        """The sectors whose keywords the task's title or text uses, in taxonomy order.

        `assignments` are the spans of `text` where the parser read unit lists: the units a
        task names say who acts, not what it is about, so those spans are blanked.
        """
        evidence = fold(title) + "\n" + fold(blank(text, assignments))
        return [s.name for s in self.sectors if s.matches(evidence)]


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` with each span [a, b] replaced by spaces of the same length."""
    chars = list(text)
    for a, b in spans:
        chars[a:b + 1] = BLANK * len(chars[a:b + 1])
    return "".join(chars)


@cache
def _load(path: Path) -> SectorTaxonomy:
    return SectorTaxonomy.from_data(read_yaml(path, TaxonomyError), str(path))


def _build(data: dict[str, Any]) -> SectorTaxonomy:
    sectors = tuple(_sector(entry) for entry in data["sectors"])
    names = [s.name for s in sectors]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"sector(s) listed twice: {', '.join(duplicates)}")
    return SectorTaxonomy(sectors)


def _sector(entry: dict[str, Any]) -> Sector:
    name, keywords = entry.get("name"), entry.get("keywords")
    if not isinstance(name, str) or not name or not isinstance(keywords, list) or not keywords:
        raise ValueError(f"sector entry {entry!r} needs a name and a non-empty keyword list")
    folded = sorted({fold(str(k)) for k in keywords}, key=len, reverse=True)
    if "" in folded:
        raise ValueError(f"sector {name!r} has an empty keyword")
    exclude = tuple(fold(str(p)) for p in entry.get("exclude", []))
    edges = {k: _edge_pattern(k) for k in folded}
    plain = tuple(k for k in folded if edges[k] is None)
    edged = tuple((k, e) for k, e in edges.items() if e is not None)
    return Sector(name, plain, edged, exclude)


def _edge_pattern(keyword: str) -> re.Pattern[str] | None:
    """A keyword whose edge is a Latin letter or digit must not continue a Latin word there:
    5G is not found in 15G or 5GHz. None when neither edge is Latin."""
    head = f"(?<![{ASCII_WORD}])" if re.match(f"[{ASCII_WORD}]", keyword) else ""
    tail = f"(?![{ASCII_WORD}])" if re.search(f"[{ASCII_WORD}]$", keyword) else ""
    return re.compile(head + re.escape(keyword) + tail) if head or tail else None
