"""The question box's intents, read from data/intents.yaml: which query answers which wording.

Each intent is a named query with cue patterns and weights; the question (with its names
replaced by {city}, {sector}, {agency}, {type}) goes to the eligible intent whose cues weigh
most. The file's header documents the rules; this module only reads and applies them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders.datafiles import read_yaml
from queries.errors import CatalogError
from queries.linking import Words

DATA = Path(__file__).with_name("data") / "intents.yaml"
NAMED = ("city", "sector", "agency", "type")  # replaced by {kind} before the cues are tried


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: int


@dataclass(frozen=True)
class Suggest:
    """A query offered instead of an answer; `per` = "city" gives one per city named."""

    query: str
    per: str = ""


@dataclass(frozen=True)
class Intent:
    name: str
    query: str
    cues: tuple[Cue, ...]
    needs: Mapping[str, int]  # kind of mention → how many (of distinct values) at least
    avoid: tuple[str, ...]  # kinds of mention that rule the intent out
    missing: str = ""  # said when the query is not in the catalog
    suggest: tuple[Suggest, ...] = ()

    def eligible(self, counts: Mapping[str, int]) -> bool:
        return (all(counts.get(k, 0) >= n for k, n in self.needs.items())
                and not any(counts.get(k, 0) for k in self.avoid))

    def score(self, template: str) -> int:
        return sum(c.weight for c in self.cues if c.pattern.search(template))


@dataclass(frozen=True)
class Intents:
    words: Words
    intents: tuple[Intent, ...]
    fallback: tuple[str, ...]
    examples: tuple[str, ...]  # questions the pages offer as examples

    def best(self, template: str, counts: Mapping[str, int]) -> tuple[Intent | None, int]:
        """The eligible intent whose cues weigh most (the first listed on a tie), or None."""
        best: Intent | None = None
        top = 0
        for intent in self.intents:
            if intent.eligible(counts):
                score = intent.score(template)
                if score > top:
                    best, top = intent, score
        return best, top


@cache
def load_intents(path: Path = DATA) -> Intents:
    """The intents file; a malformed entry is a CatalogError naming the file and entry."""
    data = read_yaml(path, CatalogError)
    try:
        return Intents(words=Words.from_data(data),
                       intents=tuple(_intent(entry) for entry in data["intents"]),
                       fallback=tuple(str(q) for q in data["fallback"]),
                       examples=tuple(str(q) for q in data["examples"]))
    except (KeyError, TypeError, ValueError, re.error) as err:
        raise CatalogError(f"{path}: {type(err).__name__}: {err}") from None


def _intent(entry: Mapping[str, Any]) -> Intent:
    cues = tuple(Cue(re.compile(c["pattern"]), int(c.get("weight", 1)))
                 for c in entry["cues"])
    if not cues:
        raise ValueError(f"intent {entry['name']!r} has no cue")
    return Intent(
        name=str(entry["name"]), query=str(entry["query"]), cues=cues,
        needs={str(k): int(v) for k, v in (entry.get("needs") or {}).items()},
        avoid=tuple(str(k) for k in entry.get("avoid") or ()),
        missing=str(entry.get("missing", "")),
        suggest=tuple(Suggest(str(s["query"]), str(s.get("per", "")))
                      for s in entry.get("suggest") or ()))
