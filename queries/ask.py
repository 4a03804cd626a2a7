"""The question box: a question in ordinary Chinese, read as one named query with parameters.

No language model and no network: the graph's own names are found in the question
(queries.linking), the wording picks an intent (queries.intents, data/intents.yaml), and the
intent's query takes the names as parameters. The reading says what it found, what it chose
and what it could not use, so a clerk can see how the question was understood and correct
it; a question no query answers gets the closest queries instead, filled in with the names
found, never a made-up answer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.store import Store
from queries.catalog import NamedQuery
from queries.intents import NAMED, Intent, Intents, load_intents
from queries.labels import load_labels
from queries.linking import Agency, GraphNames, Linker, Mention, normalise

Records = Callable[[str], list[dict[str, Any]]]  # named query (no parameters) → its rows

MAX_SUGGESTIONS = 6
KIND_WORDS = {"city": "城市", "sector": "领域", "agency": "单位", "kind": "单位类别",
              "type": "单位类型", "role": "角色", "limit": "条数", "year": "年份"}


@dataclass(frozen=True)
class Suggestion:
    """A named query offered with parameters filled in from the question."""

    query: str
    title: str
    params: dict[str, Any]


@dataclass
class Reading:
    """How a question was understood, and what to show for it."""

    question: str
    mentions: list[Mention]
    intent: str = ""
    query: str = ""
    title: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    answered: bool = False
    reason: str = ""  # why nothing was run, in Chinese; empty when answered
    unused: list[Mention] = field(default_factory=list)  # found but not taken by the answer
    suggestions: list[Suggestion] = field(default_factory=list)

    def understood(self) -> list[dict[str, Any]]:
        """Each name found: what it is, as typed, and what it stood for."""
        return [describe(m, unused=m in self.unused) for m in self.mentions]


@dataclass
class Slots:
    """The names found, grouped by what they fill."""

    mentions: list[Mention]

    def values(self, kind: str) -> list[Any]:
        out: list[Any] = []
        for m in self.mentions:
            if m.kind == kind and m.value not in out:
                out.append(m.value)
        return out

    def first(self, kind: str) -> Mention | None:
        return next((m for m in self.mentions if m.kind == kind), None)

    def counts(self) -> dict[str, int]:
        return {kind: len(self.values(kind)) for kind in KIND_WORDS}


def question_box(catalog: Mapping[str, NamedQuery], records: Records) -> QuestionBox:
    """A question box over the graph's names as `records` returns them (plan_cities,
    sector_names, agency_names); the caller decides how those answers are kept."""
    names = GraphNames.from_records(records("plan_cities"),
                                    [r["sector"] for r in records("sector_names")],
                                    records("agency_names"))
    intents = load_intents()
    return QuestionBox(catalog, intents, Linker(names, intents.words))


def store_records(catalog: Mapping[str, NamedQuery], store: Store) -> Records:
    """`records` read straight from a store (the command line, tests)."""
    def records(name: str) -> list[dict[str, Any]]:
        columns, rows = catalog[name].run(store, {})
        return [dict(zip(columns, row, strict=True)) for row in rows]
    return records


class QuestionBox:
    """Reads questions against one catalog, one set of intents and one linker."""

    def __init__(self, catalog: Mapping[str, NamedQuery], intents: Intents,
                 linker: Linker) -> None:
        self.catalog = catalog
        self.intents = intents
        self.linker = linker

    def read(self, question: str) -> Reading:
        mentions = self.linker.mentions(question)
        reading = Reading(question=question, mentions=mentions)
        slots = Slots(mentions)
        intent, _ = self.intents.best(template(normalise(question), mentions), slots.counts())
        if intent is None:
            return self._not_understood(reading, slots)
        reading.intent = intent.name
        if intent.query not in self.catalog:
            return self._cannot_answer(reading, slots, intent)
        return self._answer(reading, slots, self.catalog[intent.query])

    # -- outcomes ------------------------------------------------------------------------

    def _answer(self, reading: Reading, slots: Slots, query: NamedQuery) -> Reading:
        reading.query, reading.title = query.name, query.shown_title
        cities = slots.values("city")
        if len(cities) > 1 and _takes(query, "city"):
            reading.reason = (f"问题提到了{len(cities)}个城市({'、'.join(cities)}),"
                              f"“{query.shown_title}”一次只查一个城市;请选择:")
            reading.suggestions = self._per_city(query, slots, cities)
            return self._finish(reading, slots, set())
        filled = fill(query, slots)
        if filled.choices:
            reading.reason = filled.problem
            reading.suggestions = [Suggestion(query.name, query.shown_title, p)
                                   for p in filled.choices[:MAX_SUGGESTIONS * 2]]
            return self._finish(reading, slots, filled.used)
        missing = [p.label or p.name for p in query.params
                   if p.required and p.name not in filled.params]
        reading.params = filled.params
        if missing:
            reading.reason = f"“{query.shown_title}”需要{'、'.join(missing)},问题里没有找到。"
            reading.suggestions = self._closest(slots, exclude=query.name)
            return self._finish(reading, slots, filled.used)
        reading.answered = True
        return self._finish(reading, slots, filled.used)

    def _cannot_answer(self, reading: Reading, slots: Slots, intent: Intent) -> Reading:
        reading.reason = intent.missing or "还没有能回答这个问题的命名查询。"
        out: list[Suggestion] = []
        for offer in intent.suggest:
            query = self.catalog.get(offer.query)
            if query is None:
                continue
            if offer.per == "city" and slots.values("city"):
                out += self._per_city(query, slots, slots.values("city"))
            else:
                filled = fill(query, _without(slots, "city") if offer.per else slots)
                out.append(Suggestion(query.name, query.shown_title, filled.params))
        reading.suggestions = out
        return self._finish(reading, slots, set())

    def _not_understood(self, reading: Reading, slots: Slots) -> Reading:
        found = "、".join(f"{KIND_WORDS[m.kind]}“{m.text}”" for m in reading.mentions)
        reading.reason = ("没能确定用哪个查询回答" + (f";从问题中认出了{found}" if found else "")
                          + "。下面是最接近的查询:")
        reading.suggestions = self._closest(slots)
        return self._finish(reading, slots, set())

    def _finish(self, reading: Reading, slots: Slots, used: set[int]) -> Reading:
        """Note the names the answer could not use (nothing is unused when nothing ran)."""
        if reading.answered:
            reading.unused = [m for m in slots.mentions if id(m) not in used]
        return reading

    # -- suggestions ---------------------------------------------------------------------

    def _per_city(self, query: NamedQuery, slots: Slots, cities: list[str]) -> list[Suggestion]:
        out = []
        for city in cities:
            filled = fill(query, _only_city(slots, city))
            out.append(Suggestion(query.name, query.shown_title, filled.params))
        return out

    def _closest(self, slots: Slots, exclude: str = "") -> list[Suggestion]:
        """Queries that can take the most of the names found, filled in with them; with no
        names, the file's fallback list."""
        counts = slots.counts()
        ranked: list[tuple[int, int, NamedQuery]] = []
        for order, intent in enumerate(self.intents.intents):
            query = self.catalog.get(intent.query)
            if query is None or query.name == exclude or not intent.eligible(
                    {k: n for k, n in counts.items() if k not in intent.avoid}):
                continue
            usable = sum(1 for kind, n in counts.items() if n and _takes(query, kind))
            if usable:
                ranked.append((-usable, order, query))
        if not ranked:
            ranked = [(0, n, self.catalog[name]) for n, name in enumerate(self.intents.fallback)
                      if name in self.catalog]
        out: list[Suggestion] = []
        for _, _, query in sorted(ranked, key=lambda r: (r[0], r[1])):
            filled = fill(query, slots)
            if filled.choices or any(p.required and p.name not in filled.params
                                     for p in query.params):
                continue
            if query.name not in {s.query for s in out}:
                out.append(Suggestion(query.name, query.shown_title, filled.params))
        return out[:MAX_SUGGESTIONS]


@dataclass
class Filled:
    """Parameters filled from the names found; `choices` when the names allow several."""

    params: dict[str, Any] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # ids of the mentions that went in
    choices: list[dict[str, Any]] = field(default_factory=list)
    problem: str = ""


def fill(query: NamedQuery, slots: Slots) -> Filled:
    """The query's parameters from the names found: city, sector, kind, role (lead),
    limit and agency, by parameter name; defaults are left out."""
    out = Filled()
    agency = slots.first("agency")
    if agency is not None and _takes(query, "agency"):
        _fill_agency(query, agency, slots, out)
    # 负责, 参与: every role, which is what every query counts unless told 牵头
    out.used |= {id(m) for m in slots.mentions if m.kind == "role" and m.value != "lead"}
    for kind in ("city", "sector", "kind", "role", "limit"):
        mention = _lead_first(slots) if kind == "role" else slots.first(kind)
        if mention is None or not _takes(query, kind) or kind in out.params:
            continue
        if kind == "role" and mention.value != "lead":
            continue
        out.params[kind] = mention.value
        out.used |= {id(m) for m in slots.mentions if m.kind == kind and m.value == mention.value}
    return out


def _lead_first(slots: Slots) -> Mention | None:
    """牵头 wins over 负责 in one question: 牵头负责 asks for the lead."""
    roles = [m for m in slots.mentions if m.kind == "role"]
    return next((m for m in roles if m.value == "lead"), roles[0] if roles else None)


def _fill_agency(query: NamedQuery, mention: Mention, slots: Slots, out: Filled) -> None:
    """One agency (`name(city)`) for an agency parameter; a name (and its city) for the
    queries that take a name and may cover every city's body of that name."""
    cities = slots.values("city")
    found = [a for a in mention.agencies if a.city in cities] if len(cities) == 1 else []
    candidates = found or list(mention.agencies)
    param = next(p for p in query.params if p.name == "agency")
    if param.type == "agency":
        if len(candidates) == 1:
            out.params["agency"] = candidates[0].label
        else:
            out.choices = [{"agency": a.label} for a in candidates]
            out.problem = (f"“{mention.text}”在{len(candidates)}个城市都有,"
                           f"“{query.shown_title}”一次只查一个单位;请选择:")
    else:
        names = {a.name for a in candidates}
        if len(names) > 1:
            out.choices = [_name_and_city(query, a) for a in candidates]
            out.problem = f"“{mention.text}”可能指几个不同的单位;请选择:"
            return
        out.params.update(_name_and_city(query, candidates[0]) if len(
            {a.city for a in candidates}) == 1 else {"agency": candidates[0].name})
    out.used.add(id(mention))
    if "city" in out.params:
        out.used |= {id(m) for m in slots.mentions if m.kind == "city"}


def _name_and_city(query: NamedQuery, agency: Agency) -> dict[str, Any]:
    if _takes(query, "city") and agency.city:
        return {"agency": agency.name, "city": agency.city}
    return {"agency": agency.label}


def _takes(query: NamedQuery, kind: str) -> bool:
    return any(p.name == kind for p in query.params)


def _only_city(slots: Slots, city: str) -> Slots:
    return Slots([m for m in slots.mentions if m.kind != "city" or m.value == city])


def _without(slots: Slots, kind: str) -> Slots:
    return Slots([m for m in slots.mentions if m.kind != kind])


def template(text: str, mentions: list[Mention]) -> str:
    """The question with its names replaced by {city}, {sector}, {agency}, {type}."""
    out, at = [], 0
    for m in mentions:
        if m.kind in NAMED:
            out += [text[at:m.start], "{" + m.kind + "}"]
            at = m.end
    return "".join([*out, text[at:]])


def describe(mention: Mention, unused: bool = False) -> dict[str, Any]:
    """A name found, for the page and the API: kind, its Chinese word, text, value, shown."""
    out = {"kind": mention.kind, "label": KIND_WORDS[mention.kind], "text": mention.text,
           "value": mention.value, "shown": shown(mention), "used": not unused}
    if mention.agencies:
        out["agencies"] = [{"id": a.id, "name": a.name, "city": a.city}
                           for a in mention.agencies]
    return out


def shown(mention: Mention) -> str:
    """The value as a clerk reads it: 政府部门, 牵头, 市工业和信息化局(常州市)."""
    labels = load_labels()
    if mention.kind == "kind":
        return labels.kinds.get(mention.value, mention.value)
    if mention.kind == "role":
        return labels.roles.get(mention.value, mention.value)
    if mention.kind == "agency":
        cities = sorted({a.city for a in mention.agencies})
        if len(cities) == 1:
            return mention.agencies[0].label
        return f"{mention.value}({len(cities)}个城市)"
    return str(mention.value)
