"""Say which agency a printed unit name stands for, from the lexicon in data/agencies.yaml.

Plans print one body many ways (市工信局, 常州市工业和信息化局, 工信局), print bodies of other
levels (省工信厅, 工业和信息化部) and name collectives, zones and companies in the same lists.
The graph needs one node per body per jurisdiction, so a mention resolves to an `AgencyRef`
whose id depends only on the jurisdiction, the body's level and its lexicon group. The
conventions (what is stripped, levels, display names, kinds) are documented in the data file,
because they are properties of the data, not of this code.

An office's own additions live in a local file beside it (agencies.local.yaml, not shipped):
aliases that say what a printed name stands for in one jurisdiction, written there by
corrections (loaders.corrections), and groups in the shipped file's shape.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import Formatter
from typing import Any

from graph.model import KINDS, AgencyRef
from loaders.datafiles import read_yaml

DATA = Path(__file__).with_name("data") / "agencies.yaml"
LOCAL_DATA = DATA.with_name("agencies.local.yaml")  # an office's additions; may not exist
LEVELS = ("national", "province", "city", "district")
OPEN_BRACKETS = "(（[［{｛【〔〖〈《"
CLOSE_BRACKETS = ")）]］}｝】〕〗〉》"
BRACKETS = str.maketrans(OPEN_BRACKETS + CLOSE_BRACKETS,
                         "(" * len(OPEN_BRACKETS) + ")" * len(CLOSE_BRACKETS))
# Marks that vary between printings of one name: 各县(区) / 各县区, 各辖市、区 / 各辖市区.
LOOSE_DROP = str.maketrans("", "", "()、,，·・•\"'“”‘’")
FIXED_FIELDS = {"jur", "place", "name"}


class LexiconError(ValueError):
    """The lexicon file is malformed; the message names the file and the entry."""


def printed_form(text: str) -> str:
    """The mention as printed, comparable across encodings: NFKC, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def tight(text: str) -> str:
    """Printed form with every bracket shape made ( ), so parentheticals can be found."""
    return printed_form(text).translate(BRACKETS)


def loose(text: str) -> str:
    """Lookup key: brackets and list marks dropped, since printings differ only in those."""
    return tight(text).translate(LOOSE_DROP)


def drop_trailing_parentheticals(text: str) -> str:
    """`市发改委(大数据局)` → `市发改委`: a trailing aside names the same body."""
    while text.endswith(")"):
        depth, i = 0, len(text) - 1
        for i in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[i], 0)
            if depth == 0:
                break
        if depth or i == 0:
            return text
        text = text[:i]
    return text


@dataclass(frozen=True)
class Place:
    """The jurisdiction a mention is read in: whose `市` an unprefixed name carries."""

    name: str  # as given (printed form); "" when unknown
    level: str | None  # None when the caller does not know the jurisdiction
    jur: str  # the prefix its own bodies print: 市, 省, 区, 州; "" at national level
    short: str  # name without its suffix: 常州, 江苏, 延边; "" at national level
    names: tuple[str, ...]  # forms a mention may start with: 常州市, 常州


@dataclass(frozen=True)
class Group:
    """One kind of body: every printing of it in one jurisdiction is one agency."""

    name: str
    kind: str
    type: str
    display: str
    names: dict[str, str]  # level → canonical name at that level, when it differs


@dataclass(frozen=True)
class AliasTarget:
    """What a printed name stands for in one jurisdiction, as a correction says: an agency
    that exists (its id and names, as the graph holds them) or a new one named here."""

    name: str
    kind: str
    type: str
    id: str = ""  # the existing agency's id; "" for a new agency

    @classmethod
    def from_data(cls, data: Any) -> AliasTarget:
        """`{agency: {id, name, kind, type}}` or `{new: {name, kind?, type?}}`; a ValueError
        says what is wrong."""
        if not isinstance(data, dict) or ("agency" in data) == ("new" in data):
            raise ValueError("needs either `agency` (an existing agency: id, name, kind, type) "
                             "or `new` (a new agency: name, optional kind and type)")
        existing = "agency" in data
        body = data["agency" if existing else "new"]
        if not isinstance(body, dict):
            raise ValueError(f"`{'agency' if existing else 'new'}` must be a mapping")
        name, kind, kind_type = body.get("name"), body.get("kind", ""), body.get("type", "")
        ident = body.get("id", "") if existing else ""
        if not isinstance(name, str) or not printed_form(name):
            raise ValueError("the agency needs a name")
        if existing and not (isinstance(ident, str) and ident):
            raise ValueError("an existing agency needs its id")
        if kind not in (*KINDS, "") or (existing and not kind):
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        if not isinstance(kind_type, str):
            raise ValueError("type must be text")
        return cls(name=name, kind=kind, type=kind_type, id=ident)

    def to_data(self) -> dict[str, Any]:
        if self.id:
            return {"agency": {"id": self.id, "name": self.name, "kind": self.kind,
                               "type": self.type}}
        return {"new": {k: v for k, v in (("name", self.name), ("kind", self.kind),
                                          ("type", self.type)) if v}}


@dataclass(frozen=True)
class Found:
    group: Group
    level: str | None  # from a level-tagged alias or the printed prefix; None: jurisdiction's
    slots: tuple[tuple[str, str], ...] = ()


@dataclass
class Rules:
    """The non-lexicon parts of the data file: how names and jurisdictions are read."""

    national: frozenset[str]
    suffixes: list[dict[str, str]]
    unsuffixed_level: str
    ethnic: re.Pattern[str]
    provinces: tuple[str, ...]
    level_prefixes: list[tuple[str, str]]
    level_jur: dict[str, str]
    keep_prefix_before: frozenset[str]
    party_marker: str
    company_words: tuple[str, ...]
    kind_rules: list[tuple[str, re.Pattern[str]]]


RESOLVED_KEPT = 100_000  # memoised (mention, city) answers before the memo starts over


@dataclass
class AgencyLexicon:
    """The curated lexicon plus the rules that read a mention against it."""

    rules: Rules
    exact: dict[str, tuple[Group, str | None]]
    slotted: list[tuple[re.Pattern[str], Group, str | None]]
    # (jurisdiction, loose printed name) -> what it stands for there (the local file)
    aliases: dict[tuple[str, str], AliasTarget] = field(default_factory=dict)
    _places: dict[str | None, Place] = field(default_factory=dict, repr=False)
    _resolved: dict[tuple[str, str | None], AgencyRef] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path | None = None, local: Path | None = None) -> AgencyLexicon:
        """The lexicon at `path` (default: the data file beside this module) with the local
        additions at `local` (default: LOCAL_DATA) when that file exists; read once per
        version of the local file, so an alias added while a process runs is seen."""
        local = Path(local or LOCAL_DATA).resolve()
        return _load(Path(path or DATA).resolve(), local, _stamp(local))

    @classmethod
    def from_data(cls, data: dict[str, Any], source: str = "<data>",
                  local: dict[str, Any] | None = None,
                  local_source: str = "<local>") -> AgencyLexicon:
        """Build from parsed YAML, so a changed lexicon can be checked without a file;
        any malformed entry is reported as one LexiconError naming its file."""
        try:
            aliases, groups = _local_parts(local or {})
        except (KeyError, TypeError, ValueError) as err:
            raise LexiconError(f"{local_source}: {err}") from None
        try:
            lexicon = _build(data, groups)
        except (KeyError, TypeError, ValueError, re.error) as err:
            where = f"{source} with {local_source}" if groups else source
            raise LexiconError(f"{where}: {err}") from None
        lexicon.aliases = aliases
        return lexicon

    # -- resolving ---------------------------------------------------------------------

    def resolve(self, mention: str, city: str | None) -> AgencyRef:
        """The agency `mention` names in jurisdiction `city` (a city, province, district,
        or 国务院 for national plans; None when unknown). Plans repeat the same few dozen
        names on every item, so answers are kept (a bounded memo: the lexicon is fixed)."""
        key = (mention, city)
        ref = self._resolved.get(key)
        if ref is None:
            if len(self._resolved) >= RESOLVED_KEPT:
                self._resolved.clear()
            ref = self._resolved[key] = self._resolve(mention, city)
        return ref

    def _resolve(self, mention: str, city: str | None) -> AgencyRef:
        place = self.place(city)
        target = self.aliases.get((place.name, loose(mention)))
        if target is not None:
            return self.alias_ref(target, place.name)
        found = self.find(mention, place)
        if found is None:
            return self._unknown(mention, place)
        if found.level not in (None, place.level) and self._names_local_unit(mention, place):
            return self._local_unit(mention, found, place)
        return self._ref(found, place)

    def alias_ref(self, target: AliasTarget, city: str | None) -> AgencyRef:
        """The agency an alias points at in `city`: the existing one as given, or a new one
        with the id an unknown mention of that name gets (so printings of it stay one
        agency), or the agency the lexicon already knows by that name."""
        place = self.place(city)
        if target.id:
            return AgencyRef(id=target.id, name=target.name, city=place.name, kind=target.kind,
                             type=target.type, known=True)
        found = self.find(target.name, place)
        if found is not None:
            return self._ref(found, place)
        unknown = self._unknown(target.name, place)
        return AgencyRef(id=unknown.id, name=unknown.name, city=place.name,
                         kind=target.kind or unknown.kind, type=target.type, known=True)

    def _names_local_unit(self, mention: str, place: Place) -> bool:
        """`省大数据集团漳州公司`: a higher-level body's unit in this city is a body of its
        own, not the provincial group; the city's name printed mid-name says so."""
        text = loose(tight(mention))
        return any(name in text[1:] for name in place.names)

    def _local_unit(self, mention: str, found: Found, place: Place) -> AgencyRef:
        unknown = self._unknown(mention, place)
        return AgencyRef(id=unknown.id, name=unknown.name, city=place.name,
                         kind=found.group.kind, type=found.group.type, known=True)

    def place(self, city: str | None) -> Place:
        """How mentions read in `city`: its level, prefix and names (cached per city)."""
        if city not in self._places:
            self._places[city] = _place(self.rules, city)
        return self._places[city]

    def find(self, mention: str, place: Place) -> Found | None:
        """The first lexicon hit among the readings of `mention`, most-stripped first."""
        seen: set[tuple[str, str | None]] = set()
        for key, level in self._readings(mention, place):
            if (key, level) in seen or not key:
                continue
            seen.add((key, level))
            found = self._lookup(key, level)
            if found:
                return found
        return None

    def _readings(self, mention: str, place: Place) -> Iterator[tuple[str, str | None]]:
        variants = _variants(tight(mention))
        for variant in variants:
            yield from self._stripped(loose(variant), place)
        for variant in variants:
            for bare in self._delocalised(loose(variant), place):
                yield from self._stripped(bare, place)

    def _stripped(self, text: str, place: Place) -> Iterator[tuple[str, str | None]]:
        for rest, implied in self._unplaced(text, place):
            for prefix, level in self.rules.level_prefixes:
                if rest.startswith(prefix):
                    yield rest[len(prefix):], level
            yield rest, implied

    def _unplaced(self, text: str, place: Place) -> Iterator[tuple[str, str | None]]:
        """The text without a leading jurisdiction or province name, then as it is."""
        for name in place.names:
            if text.startswith(name) and len(text) > len(name):
                yield text[len(name):], None
        for name in self.rules.provinces:
            if text.startswith(name) and len(text) > len(name) and name not in place.names:
                yield text[len(name):], "province"
        yield text, None

    def _delocalised(self, text: str, place: Place) -> Iterator[str]:
        """Last resort: the jurisdiction's name or a company form printed mid-name."""
        for name in place.names:
            if name in text[1:]:
                yield text.replace(name, "")
        for word in self.rules.company_words:
            if word in text:
                yield text.replace(word, "")

    def _lookup(self, key: str, level: str | None) -> Found | None:
        hit = self.exact.get(key)
        if hit:
            return Found(hit[0], hit[1] or level)
        marker = self.rules.party_marker
        if key.startswith(marker) and len(key) > len(marker):
            hit = self.exact.get(key[len(marker):])
            if hit and hit[0].kind == "party":
                return Found(hit[0], hit[1] or level)
        for pattern, group, tagged in self.slotted:
            match = pattern.fullmatch(key)
            if match:
                return Found(group, tagged or level, tuple(sorted(match.groupdict().items())))
        return None

    # -- building the answer -----------------------------------------------------------

    def _ref(self, found: Found, place: Place) -> AgencyRef:
        level = found.level or place.level
        group = found.group
        slots = dict(found.slots)
        context = {"jur": self._jur(level, place),
                   "place": place.short if level == place.level else "", **slots}
        name = group.names.get(level or "", group.name).format_map(context)
        display = group.display.format_map({**context, "name": name})
        identity = "|".join([group.name, *(f"{k}={v}" for k, v in found.slots)])
        return AgencyRef(id=_agency_id(place, level, identity), name=display, city=place.name,
                         kind=group.kind, type=group.type, known=True)

    def _jur(self, level: str | None, place: Place) -> str:
        if level is None:
            return ""
        if level == place.level:
            return place.jur
        return self.rules.level_jur[level]

    def _unknown(self, mention: str, place: Place) -> AgencyRef:
        body = drop_trailing_parentheticals(tight(mention))
        core, level = self._core(loose(body), place)
        return AgencyRef(id=_agency_id(place, level or place.level, "?" + core),
                         name=printed_form(mention), city=place.name,
                         kind=self.kind_of(body), type="", known=False)

    def _core(self, text: str, place: Place) -> tuple[str, str | None]:
        """An unknown name without its place and level prefix, so that 常州XX中心 and
        市XX中心 are still one agency; 市场…, 市直…, 市委… keep their 市."""
        rest, implied = next(self._unplaced(text, place))
        for prefix, level in self.rules.level_prefixes:
            tail = rest[len(prefix):]
            if rest.startswith(prefix) and tail and tail[0] not in self.rules.keep_prefix_before:
                return tail, level
        return rest, implied

    def kind_of(self, text: str) -> str:
        """The kind a name's printed form suggests, for names not in the lexicon."""
        for kind, pattern in self.rules.kind_rules:
            if pattern.search(text):
                return kind
        return "other"


def _variants(text: str) -> list[str]:
    """The mention, without a trailing aside, and without a leading 中共."""
    out = [text]
    bare = drop_trailing_parentheticals(text)
    if bare != text:
        out.append(bare)
    out += [v[2:] for v in list(out) if v.startswith("中共") and len(v) > 2]
    return out


def _agency_id(place: Place, level: str | None, identity: str) -> str:
    digest = hashlib.sha1(f"{place.name}|{level or ''}|{identity}".encode()).hexdigest()
    return "ag-" + digest[:12]


def _place(rules: Rules, city: str | None) -> Place:
    name = printed_form(city or "")
    if not name:
        return Place("", None, "", "", ())
    if name in rules.national:
        return Place(name, "national", "", "", ())
    for entry in rules.suffixes:
        suffix = entry["suffix"]
        if name.endswith(suffix) and len(name) > len(suffix):
            short = rules.ethnic.sub("", name[: -len(suffix)])
            names = (name, short) if len(short) >= 2 else (name,)
            return Place(name, entry["level"], entry["prefix"], short, names)
    level = rules.unsuffixed_level
    return Place(name, level, rules.level_jur[level], name, (name + "市", name))


# -- reading the data file ------------------------------------------------------------------


def _stamp(path: Path) -> tuple[int, int] | None:
    """What tells one version of a file from the next (None: there is no file)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _load(path: Path, local: Path, stamp: tuple[int, int] | None) -> AgencyLexicon:
    local_data = read_yaml(local, LexiconError) if stamp is not None else None
    if local_data is not None and not isinstance(local_data, dict):
        raise LexiconError(f"{local}: expected a mapping with `aliases` and/or `lexicon`")
    return AgencyLexicon.from_data(read_yaml(path, LexiconError), str(path),
                                   local_data, str(local))


def _local_parts(local: dict[str, Any]) -> tuple[dict[tuple[str, str], AliasTarget],
                                                  dict[str, list[Any]]]:
    """The local file's aliases by (jurisdiction, loose printed name), and its groups."""
    aliases: dict[tuple[str, str], AliasTarget] = {}
    entries = local.get("aliases") or []
    if not isinstance(entries, list):
        raise ValueError("`aliases` must be a list")
    for index, entry in enumerate(entries, 1):
        try:
            if not isinstance(entry, dict):
                raise ValueError("must be a mapping")
            city, printed = entry.get("city"), entry.get("printed")
            if not (isinstance(city, str) and isinstance(printed, str)
                    and printed_form(city) and loose(printed)):
                raise ValueError("needs `city` (the jurisdiction) and `printed` (the name as "
                                 "printed)")
            aliases[printed_form(city), loose(printed)] = AliasTarget.from_data(entry)
        except ValueError as err:
            raise ValueError(f"alias {index}: {err}") from None
    groups = local.get("lexicon") or {}
    if not isinstance(groups, dict):
        raise ValueError("`lexicon` must map kinds to lists of groups, as in agencies.yaml")
    return aliases, groups


def _build(data: dict[str, Any], local_groups: dict[str, list[Any]] | None = None
           ) -> AgencyLexicon:
    rules = _rules(data)
    slots = {k: str(v) for k, v in data["slots"].items()}
    exact: dict[str, tuple[Group, str | None]] = {}
    slotted: list[tuple[int, re.Pattern[str], Group, str | None]] = []
    kinds = [*data["lexicon"].items(), *(local_groups or {}).items()]
    for kind, entries in kinds:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
        for entry in entries:
            group = _group(entry, kind, data["display"], slots)
            for alias, level in _aliases(entry, group):
                _register(alias, level, group, slots, exact, slotted)
    slotted.sort(key=lambda item: -item[0])
    return AgencyLexicon(rules, exact, [(p, g, lv) for _, p, g, lv in slotted])


def _rules(data: dict[str, Any]) -> Rules:
    where = data["jurisdiction"]
    ethnic = "|".join(map(re.escape, sorted(where["ethnic"], key=len, reverse=True)))
    prefixes = [(p["prefix"], p["level"]) for p in data["level_prefixes"]]
    for _, level in prefixes:
        _check_level(level)
    kind_rules = [(r["kind"], re.compile(r["pattern"])) for r in data["kind_rules"]]
    for kind, _ in kind_rules:
        if kind not in KINDS:
            raise ValueError(f"kind rule names unknown kind {kind!r}")
    return Rules(
        national=frozenset(where["national"]), suffixes=where["suffixes"],
        unsuffixed_level=_check_level(where["unsuffixed_level"]),
        ethnic=re.compile(f"(?:{ethnic})+$"), provinces=tuple(where["provinces"]),
        level_prefixes=prefixes, level_jur={k: str(v) for k, v in data["level_jur"].items()},
        keep_prefix_before=frozenset(data["keep_prefix_before"]),
        party_marker=data["party_marker"], company_words=tuple(data["company_words"]),
        kind_rules=kind_rules)


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (expected one of {', '.join(LEVELS)})")
    return level


def _group(entry: dict[str, Any], kind: str, display: dict[str, str],
           slots: dict[str, str]) -> Group:
    name = entry.get("name")
    if not isinstance(name, str) or not name or not entry.get("type"):
        raise ValueError(f"{kind} entry {entry!r} needs a name and a type")
    names = {lv: entry[lv]["name"] for lv in LEVELS if isinstance(entry.get(lv), dict)}
    group = Group(name=name, kind=kind, type=str(entry["type"]),
                  display=entry.get("display", display[kind]), names=names)
    for template in (group.display, name, *names.values()):
        _check_fields(template, FIXED_FIELDS | set(slots), name)
    return group


def _aliases(entry: dict[str, Any], group: Group) -> Iterator[tuple[str, str | None]]:
    """Every (alias, tagged level) of an entry; the canonical names count as aliases."""
    if not isinstance(entry.get("aliases"), list) or not entry["aliases"]:
        raise ValueError(f"{group.name}: aliases must be a non-empty list")
    needed = _fields(group.name) - FIXED_FIELDS
    yield group.name, None
    for alias in entry["aliases"]:
        if not needed <= _fields(str(alias)):
            raise ValueError(f"{group.name}: alias {alias!r} must fill {sorted(needed)}")
        yield str(alias), None
    for level in LEVELS:
        section = entry.get(level) or {}
        for alias in section.get("aliases", []):
            yield str(alias), level


def _register(alias: str, level: str | None, group: Group, slots: dict[str, str],
              exact: dict[str, tuple[Group, str | None]],
              slotted: list[tuple[int, re.Pattern[str], Group, str | None]]) -> None:
    fields = _fields(alias)
    if fields & {"jur", "place"}:
        return  # a canonical name such as 中国电信{place}分公司 is matched by its aliases
    if fields:
        slotted.append(_slot_pattern(alias, slots, group, level))
        return
    key = loose(alias)
    known = exact.setdefault(key, (group, level))
    if known != (group, level):
        raise ValueError(f"alias {alias!r} is in both {known[0].name!r} and {group.name!r}")


def _slot_pattern(alias: str, slots: dict[str, str], group: Group,
                  level: str | None) -> tuple[int, re.Pattern[str], Group, str | None]:
    """An alias such as `{sub}新区管委会` as a regex; the longer its fixed text, the earlier
    it is tried, so `{sub}高新区管委会` wins over `{sub}新区管委会`."""
    parts, literal = [], 0
    for text, name, _, _ in Formatter().parse(alias):
        parts.append(re.escape(loose(text)))
        literal += len(loose(text))
        if name and name not in slots:
            raise ValueError(f"{group.name}: alias {alias!r} uses unknown slot {name!r}")
        if name:
            parts.append(f"(?P<{name}>{slots[name]})")
    return literal, re.compile("".join(parts)), group, level


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def _check_fields(template: str, allowed: set[str], owner: str) -> None:
    unknown = _fields(template) - allowed
    if unknown:
        raise ValueError(f"{owner}: unknown placeholder(s) {sorted(unknown)} in {template!r}")
