"""Find the graph's own names in a question: cities, sectors, agencies, kinds, roles, numbers.

The names come from the graph (read through named queries by the caller and handed in as
`GraphNames`), the sector keywords from loaders/data/sectors.yaml and the agency aliases
from the loaders' lexicon (loaders/data/agencies.yaml): a unit is recognised in a question
exactly as the loader recognises it in a plan, so 工信局, 市工信局 and 常州市工业和信息化局
all land on the agency the plans made. The words for kinds, roles, counts and years are
in data/intents.yaml. Overlapping candidates are settled longest first: 常州市工信局 is one
agency, not a city and a bureau.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.rows import short_name
from loaders.agencies import AgencyLexicon
from loaders.sectors import SectorTaxonomy, fold
from queries.labels import load_labels

LONGEST_AGENCY = 30  # characters; longer spans are never tried as one unit name
# Which of two candidates of the same span wins: a city before a sector before an agency …
PRIORITY = ("city", "sector", "agency", "kind", "type", "role", "limit", "year")
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}


def normalise(question: str) -> str:
    """The question as it is matched: NFKC (５Ｇ is 5G), spaces removed."""
    return "".join(unicodedata.normalize("NFKC", question).split())


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    city: str
    kind: str
    type: str

    @property
    def label(self) -> str:
        """How the agency pages title it, and how an agency parameter may name it."""
        return f"{self.name}({self.city})" if self.city else self.name


@dataclass(frozen=True)
class City:
    full: str
    short: str


@dataclass
class GraphNames:
    """What the graph calls things: cities with plans, tagged sectors, every agency."""

    cities: tuple[City, ...]
    sectors: tuple[str, ...]
    agencies: tuple[Agency, ...]
    by_id: dict[str, Agency] = field(init=False, repr=False)
    by_name: dict[str, list[Agency]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.agencies}
        self.by_name = {}
        for agency in self.agencies:
            self.by_name.setdefault(agency.name, []).append(agency)

    @classmethod
    def from_records(cls, cities: Iterable[Mapping[str, Any]], sectors: Iterable[str],
                     agencies: Iterable[Mapping[str, Any]]) -> GraphNames:
        """From the rows of the named queries plan_cities, sector_names and agency_names."""
        return cls(
            cities=tuple(City(r["city"], r.get("short") or short_name(r["city"]))
                         for r in cities),
            sectors=tuple(sectors),
            agencies=tuple(Agency(r["id"], r["name"], r["city"] or "", r["kind"] or "",
                                  r["type"] or "") for r in agencies))

    @property
    def types(self) -> list[str]:
        return sorted({a.type for a in self.agencies if a.type})

    def city(self, name: str) -> City | None:
        return next((c for c in self.cities if name in (c.full, c.short)), None)


@dataclass(frozen=True)
class Mention:
    """One name found in the question: what it is, where, and what it stands for."""

    kind: str  # one of PRIORITY
    text: str
    start: int
    end: int
    value: Any  # city full name, sector name, kind, role, number, year; for agencies a name
    agencies: tuple[Agency, ...] = ()

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Words:
    """The question words of data/intents.yaml that stand for values."""

    kinds: dict[str, str]  # word → stored kind
    roles: dict[str, str]  # word → role
    limit: re.Pattern[str]  # group `n`: how many rows (前5个, 前十名)
    year: re.Pattern[str]  # group `y`: a year (2025年)
    relative_years: dict[str, int]  # 今年: 0, 明年: 1
    generic: frozenset[str]  # never one agency: 各单位, 有关部门

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Words:
        labels = load_labels()
        kinds = {str(w): k for k, words in data["kinds"].items() for w in words}
        kinds |= {word: kind for kind, word in labels.kinds.items()}
        roles = {str(w): r for r, words in data["roles"].items() for w in words}
        return cls(kinds=kinds, roles=roles, limit=re.compile(data["limit"]),
                   year=re.compile(data["year"]),
                   relative_years={str(k): int(v) for k, v in data["relative_years"].items()},
                   generic=frozenset(str(w) for w in data["generic"]))


class Linker:
    """Finds mentions in questions against one set of graph names (build once, ask often)."""

    def __init__(self, names: GraphNames, words: Words, lexicon: AgencyLexicon | None = None,
                 taxonomy: SectorTaxonomy | None = None, today: date | None = None) -> None:
        self.names = names
        self.words = words
        self.lexicon = lexicon or AgencyLexicon.load()
        self.today = today or date.today()
        self.sector_words = _sector_words(names.sectors, taxonomy or SectorTaxonomy.load())
        # Last characters a unit name can end with: only spans ending in one are tried.
        self.finals = {k[-1] for k in self.lexicon.exact} | {a.name[-1] for a in names.agencies}
        # A city-level place to read unit names in when the question names no city.
        self.reference = next((c.full for c in names.cities if c.full.endswith("市")), None)

    def mentions(self, question: str) -> list[Mention]:
        """Every name in `question` (normalised), longest first, none overlapping."""
        text = normalise(question)
        found = [*self._cities(text), *self._sectors(text), *self._listed(text),
                 *self._numbers(text)]
        cities = [m.value for m in found if m.kind == "city"]
        found += self._agencies(text, cities)
        return _settle(found)

    # -- candidates ----------------------------------------------------------------------

    def _cities(self, text: str) -> Iterator[Mention]:
        for city in self.names.cities:
            for name in {city.full, city.short}:
                if len(name) >= 2:
                    yield from (Mention("city", name, s, s + len(name), city.full)
                                for s in _occurrences(text, name))

    def _sectors(self, text: str) -> Iterator[Mention]:
        folded = fold(text)
        for word, (sector, edges) in self.sector_words.items():
            for start in _occurrences(folded, word):
                if edges is None or edges.match(folded, start):
                    yield Mention("sector", text[start:start + len(word)], start,
                                  start + len(word), sector)

    def _listed(self, text: str) -> Iterator[Mention]:
        """Kinds, roles and agency types: fixed words."""
        for kind, table in (("kind", self.words.kinds), ("role", self.words.roles),
                            ("type", {t: t for t in self.names.types})):
            for word, value in table.items():
                yield from (Mention(kind, word, s, s + len(word), value)
                            for s in _occurrences(text, word))

    def _numbers(self, text: str) -> Iterator[Mention]:
        for m in self.words.limit.finditer(text):
            yield Mention("limit", m[0], m.start(), m.end(), _number(m["n"]))
        for m in self.words.year.finditer(text):
            yield Mention("year", m[0], m.start(), m.end(), int(m["y"]))
        for word, offset in self.words.relative_years.items():
            yield from (Mention("year", word, s, s + len(word), self.today.year + offset)
                        for s in _occurrences(text, word))

    def _agencies(self, text: str, cities: list[str]) -> Iterator[Mention]:
        for end in range(2, len(text) + 1):
            if text[end - 1] not in self.finals:
                continue
            for start in range(max(0, end - LONGEST_AGENCY), end - 1):
                if text[start:end] in self.words.generic:
                    continue
                found = self.agencies_named(text[start:end], cities)
                if found:
                    yield Mention("agency", text[start:end], start, end, found[0].name, found)

    def agencies_named(self, span: str, cities: list[str]) -> tuple[Agency, ...]:
        """The graph's agencies that `span` names, read as the loader reads a unit name.

        A span that starts with a city's name is read in that city only. Otherwise it is
        read in each city the question names, and in a reference city for the name it gives
        every city's body of that kind (工信局 → each city's 市工业和信息化局); when the
        question names one city, that city's agency is preferred.
        """
        own = [c.full for c in self.names.cities
               if span.startswith(c.full) or (len(c.short) >= 2 and span.startswith(c.short))]
        hits = {a.id: a for a in self.names.by_name.get(span, [])
                if not own or a.city in own}
        for city in own or cities:
            ref = self.lexicon.resolve(span, city)
            if ref.id in self.names.by_id:
                hits[ref.id] = self.names.by_id[ref.id]
        if not own and self.reference:
            ref = self.lexicon.resolve(span, self.reference)
            if ref.known:
                hits |= {a.id: a for a in self.names.by_name.get(ref.name, [])}
        found = tuple(hits.values())
        preferred = tuple(a for a in found if a.city in cities)
        return preferred if len(set(cities)) == 1 and preferred else found


def _sector_words(sectors: Iterable[str], taxonomy: SectorTaxonomy
                  ) -> dict[str, tuple[str, re.Pattern[str] | None]]:
    """Folded word → (sector, Latin-edge check): the taxonomy's keywords of the sectors the
    graph holds, and their names (数据中心与算力 is found by 数据中心, 算力 or its name)."""
    present = set(sectors)
    words: dict[str, tuple[str, re.Pattern[str] | None]] = {}
    for sector in taxonomy.sectors:
        if sector.name not in present:
            continue
        for keyword, edges in sector.edged:
            words.setdefault(keyword, (sector.name, edges))
        for keyword in sector.plain:
            words.setdefault(keyword, (sector.name, None))
    for name in sorted(present):
        words.setdefault(fold(name), (name, None))
    return words


def _occurrences(text: str, word: str) -> Iterator[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def _settle(found: list[Mention]) -> list[Mention]:
    """Keep the longest candidates that do not overlap, in the order of the question."""
    ranked = sorted(found, key=lambda m: (-m.size, PRIORITY.index(m.kind), m.start))
    kept: list[Mention] = []
    taken: set[int] = set()
    for mention in ranked:
        span = set(range(mention.start, mention.end))
        if not span & taken:
            kept.append(mention)
            taken |= span
    return sorted(kept, key=lambda m: m.start)


def _number(text: str) -> int:
    """20, 五, 十, 十五, 二十: the small numbers a clerk writes for 前N."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)
    return CN_DIGITS.get(text, 0)
