"""The agency and ranking queries in plain Python over networkx (see bench.baseline)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from itertools import combinations
from typing import Any

from bench.baseline import (
    LEAD_BASES,
    PLAN_QUERIES,
    Index,
    Params,
    Row,
    corrections,
    key,
    page,
    role,
)


def _edges(ix: Index, p: Params, agencies: list[str]) -> list[tuple[str, str, dict[str, Any]]]:
    """(agency, task, edge) passing the ranking filters: kind, role, sector."""
    out = []
    for a in agencies:
        if p.get("kind") and ix.attrs(a)["kind"] != p["kind"]:
            continue
        for t, e in ix.assignments(a):
            if p.get("role") == "lead" and e["basis"] not in LEAD_BASES:
                continue
            if p.get("sector") and p["sector"] not in ix.sectors(t):
                continue
            out.append((a, t, e))
    return out


def top_agencies(ix: Index, p: Params) -> list[Row]:
    city = ix.city_id(p["city"])
    agencies = [a for a in ix.nodes["Agency"] if city is None or ix.attrs(a)["city"] == city]
    tasks: dict[str, set[str]] = defaultdict(set)
    leads: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a, t, e in _edges(ix, p, agencies):
        tasks[a].add(t)
        if e["basis"] in LEAD_BASES:
            leads[a][LEAD_BASES.index(e["basis"])] += 1
    rows = [[ix.attrs(a)["name"], ix.attrs(a)["city"], ix.attrs(a)["kind"], ix.attrs(a)["type"],
             len(ts), leads[a][0], leads[a][1], key(a)] for a, ts in tasks.items()]
    rows.sort(key=lambda r: (-r[4], r[0], r[1] or ""))
    return rows[:p["limit"]]


def top_agency_types(ix: Index, p: Params) -> list[Row]:
    agencies = [a for a in ix.nodes["Agency"] if ix.attrs(a)["type"] != ""]
    sets: dict[str, list[set[Any]]] = defaultdict(lambda: [set(), set(), set(), set(), set()])
    for a, t, e in _edges(ix, p, agencies):
        s = sets[ix.attrs(a)["type"]]
        s[0].add(a)
        s[1].add(ix.attrs(a)["city"])
        s[2].add(t)
        if e["basis"] in LEAD_BASES:
            s[3 + LEAD_BASES.index(e["basis"])].add(t)
    rows: list[Row] = [[kind, len(s[0]), len(s[1] - {None}), len(s[2]), len(s[3]), len(s[4])]
                       for kind, s in sets.items()]
    rows.sort(key=lambda r: (-r[3], r[0]))
    return rows[:p["limit"]]


def co_responsibility(ix: Index, p: Params) -> list[Row]:
    city = ix.city_id(p["city"])
    pairs: dict[tuple[str, str, Any], list[int]] = defaultdict(lambda: [0, 0, 0])
    for t in ix.nodes["Task"]:
        if city is not None and ix.attrs(t)["city"] != city:
            continue
        edges = ix.assigned(t)
        agencies = sorted({key(a) for a, _ in edges})
        leads = {key(a) for a, e in edges if e["basis"] in LEAD_BASES}
        for x, y in combinations(agencies, 2):
            c = pairs[(x, y, ix.attrs(t)["city"])]
            c[0] += 1
            c[1] += x in leads
            c[2] += y in leads
    name = {key(a): ix.attrs(a)["name"] for a in ix.nodes["Agency"]}
    rows = [[name[x], name[y], city_, *c] for (x, y, city_), c in pairs.items()
            if c[0] >= p["min_shared"]]
    rows.sort(key=lambda r: (-r[3], r[0], r[1]))
    return rows[:p["limit"]]


def _agency(ix: Index, p: Params) -> str | None:
    node = "Agency:" + p["agency"]
    return node if node in ix.g else None


def agency_detail(ix: Index, p: Params) -> list[Row]:
    a = _agency(ix, p)
    if a is None:
        return []
    edges = ix.assignments(a)
    by = {b: {t for t, e in edges if e["basis"] in b} for b in (LEAD_BASES, ("explicit",),
                                                               ("first_listed",))}
    at = ix.attrs(a)
    return [[key(a), at["name"], at["city"], at["kind"], at["type"], at["known"],
             len({t for t, _ in edges}), len(by[LEAD_BASES]), len(by[("explicit",)]),
             len(by[("first_listed",)])]]


def agency_evidence(ix: Index, p: Params) -> list[Row]:
    a = _agency(ix, p)
    per_task: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t, e in ix.assignments(a) if a else []:
        per_task[key(t)].append(e)
    rows = []
    for task_id, edges in sorted(per_task.items()):
        edges.sort(key=lambda e: e["rank"])
        rows.append([task_id, list(dict.fromkeys(e["mention"] for e in edges)),
                     list(dict.fromkeys(e["sentence"] for e in edges))])
    return rows


def agency_partners(ix: Index, p: Params) -> list[Row]:
    a = _agency(ix, p)
    stats: dict[str, list[set[str]]] = defaultdict(lambda: [set(), set(), set()])
    for t, mine in ix.assignments(a) if a else []:
        for o, e in ix.assigned(t):
            if o == a:
                continue
            s = stats[o]
            s[0].add(t)
            if e["basis"] in LEAD_BASES:
                s[1].add(t)
            if mine["basis"] in LEAD_BASES:
                s[2].add(t)
    rows = [[key(o), ix.attrs(o)["name"], ix.attrs(o)["city"], ix.attrs(o)["kind"],
             len(s[0]), len(s[1]), len(s[2])] for o, s in stats.items()]
    rows.sort(key=lambda r: (-r[4], r[1], r[0]))
    return rows[:p["limit"]]


def _named(ix: Index, p: Params) -> list[str]:
    """Agencies an agency parameter names: by id, by name, or by a unit as printed."""
    city, wanted = ix.city_id(p["city"]), p["agency"]
    return [a for a in ix.nodes["Agency"]
            if (city is None or ix.attrs(a)["city"] == city)
            and (wanted in (key(a), ix.attrs(a)["name"])
                 or any(e["unit"] == wanted for _, e in ix.assignments(a)))]


def agency_sectors(ix: Index, p: Params) -> list[Row]:
    groups: dict[tuple[Any, Any, str], list[Any]] = defaultdict(lambda: [set(), 0, 0])
    for a in _named(ix, p):
        at = ix.attrs(a)
        for t, e in ix.assignments(a):
            for s in ix.sectors(t):
                g = groups[(at["name"], at["city"], s)]
                g[0].add(t)
                g[1] += e["basis"] == "explicit"
                g[2] += e["basis"] == "first_listed"
    rows = [[n, c, s, len(g[0]), g[1], g[2]] for (n, c, s), g in groups.items()]
    rows.sort(key=lambda r: (r[1] or "", -r[3], r[2], r[0]))
    return page(rows, p)


def agency_tasks(ix: Index, p: Params) -> list[Row]:
    return _task_rows(ix, _named(ix, p), p)


def agency_tasks_by_id(ix: Index, p: Params) -> list[Row]:
    a = _agency(ix, p)
    return _task_rows(ix, [a] if a else [], p)


def _task_rows(ix: Index, agencies: list[str], p: Params) -> list[Row]:
    """agency_tasks' rows for these agencies: one per (agency, task), with corrections."""
    rows = []
    for a in agencies:
        edges: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for t, e in ix.assignments(a):
            edges[t].append(e)
        for t, es in edges.items():
            rows.append([*_agency_task_row(ix, a, t, [e["basis"] for e in es]),
                         corrections(es)])
    rows.sort(key=lambda r: (r[1] or "", r[3], r[11], r[0]))
    return page(rows, p)


def _agency_task_row(ix: Index, a: str, t: str, bases: list[str]) -> Row:
    basis = next(b for b in ("explicit", "first_listed", "listed", "standing_rule")
                 if b in bases or b == "standing_rule")
    others = list(dict.fromkeys(ix.attrs(o)["name"] for o, _ in ix.assigned(t) if o != a))
    d, ta = ix.document(t), ix.attrs(t)
    return [ix.attrs(a)["name"], ix.attrs(a)["city"], ix.attrs(d)["title"], key(d),
            ta["section"], ta["no"], ta["title"], role(basis), basis, others, ix.sectors(t),
            key(t)]


def sectors(ix: Index, p: Params) -> list[Row]:
    cities = ix.city_ids(p["city"]) if p["city"] else None
    stats: dict[str, list[set[Any]]] = defaultdict(lambda: [set(), set(), set()])
    for t in ix.nodes["Task"]:
        if cities is not None and ix.attrs(t)["city"] not in cities:
            continue
        agencies = {a for a, _ in ix.assigned(t)}
        for s in ix.sectors(t):
            st = stats[s]
            st[0].add(t)
            st[1] |= agencies
            st[2].add(ix.attrs(t)["city"])
    rows: list[Row] = [[s, len(st[0]), len(st[1]), len(st[2] - {None})]
                       for s, st in stats.items()]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return rows


def network_edges(ix: Index, p: Params) -> list[Row]:
    cities = ix.city_ids(p["city"]) if p["city"] else None
    rows = []
    for t in ix.nodes["Task"]:
        ta = ix.attrs(t)
        if cities is not None and ta["city"] not in cities:
            continue
        if p["sector"] and p["sector"] not in ix.sectors(t):
            continue
        edges = ix.assigned(t)
        if p["agency"] and all(key(a) != p["agency"] for a, _ in edges):
            continue
        for a, e in edges:
            if p["role"] == "lead" and e["basis"] not in LEAD_BASES:
                continue
            at = ix.attrs(a)
            rows.append([key(a), at["name"], at["city"], at["kind"], key(t), ta["title"],
                         ta["no"], ta["doc_id"], e["basis"]])
    rows.sort(key=lambda r: (r[4], r[0]))
    return page(rows, p)


BASELINES: dict[str, Callable[[Index, Params], list[Row]]] = {
    **PLAN_QUERIES, "top_agencies": top_agencies, "top_agency_types": top_agency_types,
    "co_responsibility": co_responsibility, "agency_detail": agency_detail,
    "agency_evidence": agency_evidence, "agency_partners": agency_partners,
    "agency_sectors": agency_sectors, "agency_tasks": agency_tasks,
    "agency_tasks_by_id": agency_tasks_by_id, "sectors": sectors,
    "network_edges": network_edges,
}
