"""Short forms and the full words they stand for (工信 ↔ 工业和信息化), from data/shortforms.yaml.

A search for a fragment also looks for the same fragment with one short form written out
(工信局 → 工业和信息化局) or one full form shortened (工业和信息化局 → 工信局), because plans
print both and a clerk types either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders.datafiles import read_yaml
from queries.errors import CatalogError
from queries.ngrams import fold

DATA = Path(__file__).with_name("data") / "shortforms.yaml"
MAX_VARIANTS = 8  # a fragment and at most seven rewritings of it


@dataclass(frozen=True)
class Shortforms:
    """{short form: full forms}, folded (NFKC, case) as searches compare them."""

    pairs: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_data(cls, data: Any, source: str = "<data>") -> Shortforms:
        """Check the file's shape: each short form maps to full forms that do not contain it."""
        entries = data.get("shortforms") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            raise CatalogError(f"{source}: expected `shortforms:` mapping short forms to lists")
        pairs: dict[str, tuple[str, ...]] = {}
        for short, fulls in entries.items():
            if not isinstance(fulls, list) or not fulls or not all(
                    isinstance(f, str) and f for f in fulls):
                raise CatalogError(f"{source}: {short!r} needs a non-empty list of full forms")
            if any(fold(str(short)) in fold(f) for f in fulls):
                raise CatalogError(f"{source}: a full form of {short!r} contains it; a search "
                                   f"for {short!r} finds that form already, leave it out")
            pairs[fold(str(short))] = tuple(fold(f) for f in fulls)
        return cls(pairs)

    def variants(self, fragment: str) -> list[str]:
        """`fragment` (folded) first, then its rewritings with one short or full form swapped.

        A full form is shortened only inside a longer fragment (工业和信息化局 → 工信局): alone,
        a two-character short form would also match unrelated words (市监 in 城市监控).
        """
        out = [fragment]
        for short, fulls in self.pairs.items():
            if short in fragment:
                out += [fragment.replace(short, full) for full in fulls]
            for full in fulls:
                if full in fragment and full != fragment:
                    out += [fragment.replace(full, other) for other in (short, *fulls)
                            if other != full]
        return list(dict.fromkeys(out))[:MAX_VARIANTS]


@cache
def load_shortforms(path: Path = DATA) -> Shortforms:
    return Shortforms.from_data(read_yaml(path, CatalogError), str(path))
