"""What synthetic plans are made of: cities, each city's way of naming its agencies, keywords.

Everything comes from data files: the templates from data/synth.yaml, the agency names and
abbreviations from the lexicon (data/agencies.yaml), cities from the gazetteer and sector
keywords from the taxonomy, so a generated plan speaks the vocabulary the parser knows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders.datafiles import read_yaml

DATA = Path(__file__).resolve().parent.parent / "data"
SYNTH = DATA / "synth.yaml"


class SynthDataError(ValueError):
    """synth.yaml names something the other data files do not have."""


@dataclass(frozen=True)
class Unit:
    """One agency as a city prints it in unit lists."""

    text: str  # printed on its own: 市工信局, 中国电信常州分公司
    bare: str  # after another 市 name of the same list group: 工信局 (else == text)
    key: str  # one key per body: two units with one key are one agency
    weight: int
    group: str  # where a list prints it: department, party, regulator, zone, …


@dataclass(frozen=True)
class City:
    """A prefecture-level city and the units its plans name."""

    name: str  # 常州市
    short: str  # 常州
    province: str | None
    units: tuple[Unit, ...]
    rule: tuple[Unit, ...]  # the collectives a standing rule names

    def fill(self, template: str) -> str:
        return template.format(city=self.name, place=self.short, abbr=self.short[0])


@dataclass(frozen=True)
class Vocabulary:
    """synth.yaml, with the lexicon's aliases and the taxonomy's keywords it refers to."""

    data: dict[str, Any]
    aliases: dict[str, list[str]]  # lexicon group name -> aliases
    cities: tuple[tuple[str, str, str | None], ...]  # (name, short, province)
    keywords: dict[str, list[str]]  # sector name -> keywords

    @classmethod
    def load(cls) -> Vocabulary:
        return _load(SYNTH)

    def city(self, name: str, short: str, province: str | None, seed: str) -> City:
        """The city's units; which alias and which groups it uses is fixed by `seed`."""
        rng = random.Random(f"{seed}:city:{name}")
        spec = self.data["units"]
        units = [*self._lexicon_units(spec, "department", rng, spec["department_share"]),
                 *self._lexicon_units(spec, "party", rng, 1.0),
                 _printed(spec["telecom_regulator"], "regulator", "regulator", short, rng)]
        units += [_printed(e, f"enterprise:{i}", "enterprise", short, rng)
                  for i, e in enumerate(spec["enterprise"])]
        units += [_printed(e, f"zone:{i}", "zone", short, rng) for i, e in enumerate(spec["zone"])]
        collectives = {k: _printed(e, f"collective:{k}", "collective", short, rng)
                       for k, e in spec["collective"].items()}
        units += collectives.values()
        rule = tuple(collectives[k] for k in spec["standing_rule"])
        return City(name, short, province, tuple(units), rule)

    def _lexicon_units(self, spec: dict[str, Any], kind: str, rng: random.Random,
                       share: float) -> list[Unit]:
        prefix = "市委" if kind == "party" else "市"
        out = []
        for entry in spec[kind]:
            if rng.random() > share:
                continue
            alias = rng.choice(self._choices(entry, spec["aliases"]))
            out.append(Unit(prefix + alias, alias if kind == "department" else prefix + alias,
                            f"{kind}:{entry['group']}", entry["weight"], kind))
        return out

    def _choices(self, entry: dict[str, Any], count: int) -> list[str]:
        known = self.aliases.get(entry["group"])
        if known is None:
            raise SynthDataError(f"synth.yaml names lexicon group {entry['group']!r}, which "
                                 "data/agencies.yaml does not have")
        chosen = entry.get("aliases") or known[:count]
        unknown = [a for a in chosen if a not in known]
        if unknown:
            raise SynthDataError(f"synth.yaml gives {entry['group']} the aliases {unknown}, "
                                 "which data/agencies.yaml does not list for it")
        return list(chosen)


def _printed(entry: dict[str, Any], key: str, group: str, short: str,
             rng: random.Random) -> Unit:
    text = rng.choice(entry["forms"]).format(place=short)
    return Unit(text, text, key, entry["weight"], group)


@cache
def _load(path: Path) -> Vocabulary:
    data = read_yaml(path, SynthDataError)
    lexicon = read_yaml(DATA / "agencies.yaml", SynthDataError)
    aliases = {e["name"]: [str(a) for a in e["aliases"]]
               for entries in lexicon["lexicon"].values() for e in entries}
    sectors = read_yaml(DATA / "sectors.yaml", SynthDataError)
    keywords = {s["name"]: [str(k) for k in s["keywords"]] for s in sectors["sectors"]}
    for topic in data["topics"]:
        missing = [s for s in topic["sectors"] if s not in keywords]
        if missing:
            raise SynthDataError(f"synth.yaml topic {topic['title']!r} names sectors "
                                 f"{missing} that data/sectors.yaml does not have")
    return Vocabulary(data, aliases, _cities(), keywords)


def _cities() -> tuple[tuple[str, str, str | None], ...]:
    """Cities (市, not 自治州 or 地区, whose own bodies print 州 or 地区 where plans print 市)
    whose short name no other city or province shares or contains, so that the title alone
    tells which city issued a plan (吉林 is a province and a city: left out)."""
    gazetteer = read_yaml(DATA / "jurisdictions.yaml", SynthDataError)
    shorts = [c["short"] for c in gazetteer["cities"]] + [p["short"] for p in
                                                          gazetteer["provinces"]]
    out = []
    for c in gazetteer["cities"]:
        clashes = [s for s in shorts if s != c["short"] and (s in c["name"] or c["short"] in s)]
        if (c["name"].endswith("市") and len(c["short"]) >= 2 and not clashes
                and shorts.count(c["short"]) == 1):
            out.append((c["name"], c["short"], c.get("province")))
    return tuple(out)
