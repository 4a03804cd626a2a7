"""Turn Documents into the row dicts that the `UNWIND $rows` load statements take.

Both backends write exactly these rows, so what a plan means in the graph (which edge a
mention becomes, which lead is explicit and which inferred) is decided once, here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

from graph.model import AgencyRef, Deadline, Document, Mention, Target, Task

Row = dict[str, object]

# Edge basis per printed role; leads come from Task.lead_mentions() with their own basis.
RESPONSIBLE_BASIS = {"unit": "listed", "implied": "standing_rule"}

# The basis of edges that do not print the agency's name: a standing rule names it in the
# rule's words (statement agency_units leaves out the same).
UNPRINTED_BASIS = "standing_rule"
# Row lists holding shared nodes, with the key that identifies one node.
SHARED_KEYS = {"cities": "id", "agency_cities": "id", "agencies": "id",
               "belongs_to": "agency", "sectors": "name"}


@dataclass
class GraphRows:
    """Rows for every node and edge of some documents, one list per load statement."""

    cities: list[Row] = field(default_factory=list)  # jurisdictions that issued plans
    agency_cities: list[Row] = field(default_factory=list)  # cities only agencies name
    agencies: list[Row] = field(default_factory=list)
    belongs_to: list[Row] = field(default_factory=list)
    sectors: list[Row] = field(default_factory=list)
    documents: list[Row] = field(default_factory=list)
    issued_in: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)
    in_sector: list[Row] = field(default_factory=list)
    leads: list[Row] = field(default_factory=list)
    responsible: list[Row] = field(default_factory=list)
    # Every deadline of a task; every target of the plan (its goals' and its tasks'), the
    # tasks that state them, and the sectors each names.
    deadlines: list[Row] = field(default_factory=list)
    targets: list[Row] = field(default_factory=list)
    task_targets: list[Row] = field(default_factory=list)
    target_sectors: list[Row] = field(default_factory=list)
    unresolved: int = 0  # mentions without an agency: not stored

    def total(self) -> int:
        return sum(len(getattr(self, f.name)) for f in fields(self) if f.name != "unresolved")


def short_name(city: str) -> str:
    """常州市 -> 常州, 江苏省 -> 江苏: the form people type in a query."""
    return city[:-1] if len(city) > 2 and city[-1] in "市省" else city


def document_rows(doc: Document) -> GraphRows:
    """All rows one plan contributes to the graph.

    The plan's jurisdiction (its city, or its province for a provincial plan) becomes the
    City node it is ISSUED_IN; a national plan has none.
    """
    place = doc.city or doc.province
    rows = GraphRows(documents=[_document_row(doc, place)])
    if place:
        rows.cities.append({"id": place, "name": place, "short": short_name(place),
                            "province": doc.province, "level": doc.level})
        rows.issued_in.append({"doc": doc.id, "city": place})
    for task in doc.tasks:
        _add_task(rows, doc, task, place)
    _add_targets(rows, doc, place)
    return rows


def combine(parts: Iterable[GraphRows]) -> GraphRows:
    """Concatenate rows of several documents, keeping one row per shared node."""
    out = GraphRows()
    for part in parts:
        for f in fields(GraphRows):
            if f.name == "unresolved":
                out.unresolved += part.unresolved
            else:
                getattr(out, f.name).extend(getattr(part, f.name))
    for name, key in SHARED_KEYS.items():
        setattr(out, name, list({row[key]: row for row in getattr(out, name)}.values()))
    plan_cities = {row["id"] for row in out.cities}
    out.agency_cities = [r for r in out.agency_cities if r["id"] not in plan_cities]
    return out


def _document_row(doc: Document, place: str | None) -> Row:
    return {"id": doc.id, "file": doc.doc, "title": doc.title, "issuer": doc.issuer,
            "doc_number": doc.doc_number, "issued": doc.issued, "city": place,
            "sha256": doc.sha256, "fingerprint": doc.fingerprint, "encoding": doc.encoding,
            "task_count": len(doc.tasks), "place": doc.place, "text": doc.text}


def _add_task(rows: GraphRows, doc: Document, task: Task, place: str | None) -> None:
    task_id = doc.task_id(task)
    rows.tasks.append({"id": task_id, "doc_id": doc.id, "no": task.no, "section": task.section,
                       "title": task.title, "text": task.text, "position": task.position,
                       "source": task.source, "deadline": task.deadline, "city": place})
    for sector in dict.fromkeys(task.sectors):
        rows.sectors.append({"name": sector})
        rows.in_sector.append({"task": task_id, "sector": sector})
    rows.unresolved += sum(1 for m in task.mentions if m.agency is None)
    rank = {id(m): i for i, m in enumerate(task.mentions)}
    others = sorted((m for m in task.mentions if m.role in RESPONSIBLE_BASIS),
                    key=lambda m: (m.role != "unit", rank[id(m)]))
    responsible = [(m, RESPONSIBLE_BASIS[m.role]) for m in others]
    rows.leads += _edge_rows(rows, doc, task_id, task.lead_mentions(), rank, place)
    rows.responsible += _edge_rows(rows, doc, task_id, responsible, rank, place)
    rows.deadlines += [_deadline_row(doc, task_id, n, d) for n, d in enumerate(task.deadlines)]


def _deadline_row(doc: Document, task_id: str, n: int, d: Deadline) -> Row:
    """One printed deadline: `{task id}-d{n}`, n its place among the task's (from 1)."""
    return {"id": f"{task_id}-d{n + 1}", "task_id": task_id, "doc_id": doc.id, "position": n,
            "phrase": d.phrase, "kind": d.kind, "date": d.date, "recurrence": d.recurrence,
            "start": d.start, "end": d.end}


def _add_targets(rows: GraphRows, doc: Document, place: str | None) -> None:
    """The plan's targets in printed order: its goals' (`{doc id}-g{n}`), then each task's
    (`{task id}-t{n}`, stated by the task); `position` orders them within the plan."""
    stated: list[tuple[str, str | None, Target]] = [
        (f"{doc.id}-g{n + 1}", None, t) for n, t in enumerate(doc.targets)]
    for task in doc.tasks:
        stated += [(f"{doc.task_id(task)}-t{n + 1}", doc.task_id(task), t)
                   for n, t in enumerate(task.targets)]
    for position, (target_id, task_id, t) in enumerate(stated):
        rows.targets.append({
            "id": target_id, "doc_id": doc.id, "task_id": task_id, "position": position,
            "metric": t.metric, "value": t.value, "unit": t.unit, "comparison": t.comparison,
            "year": t.year, "phrase": t.phrase, "start": t.start, "end": t.end, "city": place})
        if task_id is not None:
            rows.task_targets.append({"task": task_id, "target": target_id})
        rows.target_sectors += [{"target": target_id, "sector": s}
                                for s in dict.fromkeys(t.sectors)]


def _edge_rows(rows: GraphRows, doc: Document, task_id: str, mentions: list[tuple[Mention, str]],
               rank: dict[int, int], place: str | None) -> list[Row]:
    """One edge per agency and task: a second mention of the same agency adds nothing."""
    out: dict[str, Row] = {}
    for m, basis in mentions:
        if m.agency is None:
            continue
        _add_agency(rows, m.agency, place)
        out.setdefault(m.agency.id, {
            "agency": m.agency.id, "task": task_id, "basis": basis, "source": m.source,
            "mention": m.printed or m.text, "unit": m.text, "start": m.start, "end": m.end,
            "sentence": m.sentence, "doc_id": doc.id, "rank": rank[id(m)],
            "correction": m.correction})
    return list(out.values())


def _add_agency(rows: GraphRows, ref: AgencyRef, place: str | None) -> None:
    city = ref.city or place
    # name is set to the printed name by the store once the edges are written
    # (name_agencies), or by the bulk load from unit_tallies.
    rows.agencies.append({"id": ref.id, "name": ref.name, "canonical": ref.name, "city": city,
                          "kind": ref.kind, "type": ref.type, "known": ref.known})
    if city:
        rows.agency_cities.append({"id": city, "name": city, "short": short_name(city)})
        rows.belongs_to.append({"agency": ref.id, "city": city})


# (home, printed): tasks of the agency's own city that print a name, and all tasks that do.
Tally = tuple[int, int]


def unit_tallies(rows: GraphRows) -> dict[tuple[str, str], Tally]:
    """(agency, name as printed) -> tasks printing it, from one plan's rows (or several
    plans'; a task belongs to one plan, so tallies of separate plans add up).

    The same counts as statement agency_units counts in a stored graph: each task once per
    agency and name, a lead printed again among the units once.
    """
    city = {r["id"]: r["city"] for r in rows.tasks}
    home_of = {r["id"]: r["city"] for r in rows.agencies}
    seen = {(r["agency"], r["unit"], r["task"]) for r in rows.leads + rows.responsible
            if r["basis"] != UNPRINTED_BASIS}
    out: dict[tuple[str, str], Tally] = {}
    for agency, unit, task in seen:
        home, printed = out.get((str(agency), str(unit)), (0, 0))
        at_home = city.get(task) is not None and city.get(task) == home_of.get(agency)
        out[str(agency), str(unit)] = (home + at_home, printed + 1)
    return out


def display_name(canonical: str, tallies: Mapping[str, Tally]) -> str:
    """The name an agency is shown by: the one its city's plans print for it most often.

    Tasks of its own city count first (a provincial body is shown as its province prints
    it, not as the cities do), then tasks anywhere; a tie goes to the lexicon's name, then
    to the first in code-point order. An agency no plan prints (only named by a standing
    rule) keeps the lexicon's name.
    """
    if not tallies:
        return canonical
    return min(tallies, key=lambda unit: (-tallies[unit][0], -tallies[unit][1],
                                          unit != canonical, unit))
