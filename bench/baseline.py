"""The named queries computed in plain Python over a networkx graph: the benchmark's baseline.

Each function takes the graph index and the query's bound parameters (the catalog's `bind`,
city names still as given) and returns the rows the Cypher query returns, so the benchmark
can check that both compute the same answer before comparing their speed. Only the node
lists per label are prepared in advance (a table scan's worth); everything else is computed
per call from the graph's adjacency, as a script over an exported graph would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

Row = list[Any]
Params = dict[str, Any]
ASSIGNMENTS = ("LEADS", "RESPONSIBLE_FOR")
LEAD_BASES = ("explicit", "first_listed")


class Index:
    """The graph, with its nodes listed per label."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.g = graph
        self.nodes: dict[str, list[str]] = defaultdict(list)
        for node, attrs in graph.nodes(data=True):
            self.nodes[attrs["label"]].append(node)

    def attrs(self, node: str) -> dict[str, Any]:
        return self.g.nodes[node]

    def assigned(self, task: str) -> list[tuple[str, dict[str, Any]]]:
        """(agency node, edge attributes) of every LEADS and RESPONSIBLE_FOR edge of a task."""
        return [(u, d) for u, _, d in self.g.in_edges(task, data=True) if d["type"] in ASSIGNMENTS]

    def assignments(self, agency: str) -> list[tuple[str, dict[str, Any]]]:
        """(task node, edge attributes) of an agency's LEADS and RESPONSIBLE_FOR edges."""
        return [(v, d) for _, v, d in self.g.out_edges(agency, data=True)
                if d["type"] in ASSIGNMENTS]

    def sectors(self, task: str) -> list[str]:
        return [key(v) for _, v, d in self.g.out_edges(task, data=True) if d["type"] == "IN_SECTOR"]

    def document(self, task: str) -> str:
        return next(u for u, _, d in self.g.in_edges(task, data=True) if d["type"] == "HAS_TASK")

    def tasks_of(self, doc: str) -> list[str]:
        return [v for _, v, d in self.g.out_edges(doc, data=True) if d["type"] == "HAS_TASK"]

    def city_ids(self, name: str | None) -> set[str]:
        """Cities whose id or short name is `name` (the catalog's `string` city filters)."""
        return {key(c) for c in self.nodes["City"]
                if name in (key(c), self.attrs(c).get("short"))}

    def city_id(self, name: str | None) -> str | None:
        """A `city` parameter as the catalog resolves it before running the query."""
        if not name:
            return None
        found = sorted(self.city_ids(name))
        return name if name in found else (found[0] if found else name)


def key(node: str) -> str:
    return node.partition(":")[2]


def page(rows: list[Row], params: Params) -> list[Row]:
    offset = params.get("offset") or 0
    return rows[offset:offset + params["limit"]]


def _s(value: Any) -> Any:
    """Sort key that puts None first, as a string column never holds it in these data."""
    return "" if value is None else value


# -- plans and tasks ------------------------------------------------------------------------


def overview(ix: Index, p: Params) -> list[Row]:
    docs = ix.nodes["Document"]
    cities = {ix.attrs(d)["city"] for d in docs} - {None}
    assignments = sum(len(ix.assignments(a)) for a in ix.nodes["Agency"])
    return [[len(cities), len(docs), len(ix.nodes["Task"]), len(ix.nodes["Agency"]), assignments]]


def plans(ix: Index, p: Params) -> list[Row]:
    city = ix.city_id(p["city"])
    rows = []
    for d in ix.nodes["Document"]:
        a = ix.attrs(d)
        if city is None or a["city"] == city:
            rows.append([key(d), a["file"], a["title"], a["city"], a["issued"], a["doc_number"],
                         a["task_count"]])
    rows.sort(key=lambda r: (_s(r[3]), r[0]))
    return page(rows, p)


def plan_info(ix: Index, p: Params) -> list[Row]:
    return [[key(d), a["file"], a["title"], a["city"], a["issuer"], a["doc_number"], a["issued"],
             a["task_count"]] for d in ix.nodes["Document"]
            for a in [ix.attrs(d)] if p["doc"] in (key(d), a["file"])]


def plan_table(ix: Index, p: Params) -> list[Row]:
    rows = []
    for d in ix.nodes["Document"]:
        if p["doc"] not in (key(d), ix.attrs(d)["file"]):
            continue
        for t in ix.tasks_of(d):
            rows.append(_plan_row(ix, t))
    return sorted(rows, key=lambda r: r[-1])


def _plan_row(ix: Index, t: str) -> Row:
    edges = sorted(ix.assigned(t), key=lambda e: e[1]["rank"])
    names = {b: [ix.attrs(a)["name"] for a, e in edges if e["basis"] in b]
             for b in (LEAD_BASES, ("listed",), ("standing_rule",))}
    bases = [e["basis"] for _, e in edges if e["basis"] in LEAD_BASES]
    a = ix.attrs(t)
    return [a["no"], a["section"], a["title"], names[LEAD_BASES], bases_label(bases),
            names[("listed",)], names[("standing_rule",)], a["source"], key(t),
            corrections(e for _, e in edges)]


def corrections(edges: Iterable[Mapping[str, Any]]) -> list[str]:
    """The distinct correction records that made some of these edges (none: as printed)."""
    return list(dict.fromkeys(e["correction"] for e in edges if e.get("correction")))


def bases_label(bases: Iterable[str]) -> str | None:
    found = set(bases)
    return next((b for b in LEAD_BASES if b in found), None)


def task_info(ix: Index, p: Params) -> list[Row]:
    t = "Task:" + p["task"]
    if t not in ix.g:
        return []
    a, d = ix.attrs(t), ix.document(t)
    return [[key(t), key(d), ix.attrs(d)["title"], a["city"], a["section"], a["no"], a["title"],
             a["text"], a["deadline"], a["source"], a["position"], ix.sectors(t)]]


def task_detail(ix: Index, p: Params) -> list[Row]:
    t = "Task:" + p["task"]
    if t not in ix.g:
        return []
    a, plan = ix.attrs(t), ix.attrs(ix.document(t))["title"]
    head = [key(t), plan, a["section"], a["no"], a["title"], a["text"], a["deadline"]]
    edges = ix.assigned(t)
    if not edges:
        return [head + [None] * 9]
    return [[*head, ix.attrs(g)["name"], role(e["basis"]), e["basis"], e["source"],
             e["mention"], e["start"], e["end"], e["sentence"], e.get("correction") or ""]
            for g, e in edges]


def role(basis: str) -> str:
    return "lead" if basis in LEAD_BASES else "unit" if basis == "listed" else "implied"


def task_assignments(ix: Index, p: Params) -> list[Row]:
    t = "Task:" + p["task"]
    if t not in ix.g:
        return []
    return [[key(g), ix.attrs(g)["name"], ix.attrs(g)["city"], ix.attrs(g)["kind"],
             role(e["basis"]), e["basis"], e["source"], e["mention"], e["unit"], e["start"],
             e["end"], e["sentence"], e["rank"], e.get("correction") or ""]
            for g, e in ix.assigned(t)]


def tasks(ix: Index, p: Params) -> list[Row]:
    cities = ix.city_ids(p["city"]) if p["city"] else None
    rows = []
    for t in ix.nodes["Task"]:
        d = ix.document(t)
        da = ix.attrs(d)
        if cities is not None and da["city"] not in cities:
            continue
        if p["doc"] and p["doc"] not in (key(d), da["file"]):
            continue
        if p["sector"] and p["sector"] not in ix.sectors(t):
            continue
        rows.append(_task_row(ix, t, d))
    rows.sort(key=lambda r: r[0])
    return page(rows, p)


def _task_row(ix: Index, t: str, d: str) -> Row:
    edges = ix.assigned(t)
    leads = [(ix.attrs(g)["name"], e["basis"]) for g, e in edges if e["type"] == "LEADS"]
    a, da = ix.attrs(t), ix.attrs(d)
    return [key(t), key(d), da["title"], da["city"], a["section"], a["no"], a["title"],
            [n for n, _ in leads], bases_label(b for _, b in leads),
            len({g for g, _ in edges}), ix.sectors(t)]


def _plan_tasks(ix: Index, p: Params) -> Iterable[tuple[str, str]]:
    city = ix.city_id(p["city"])
    for d in ix.nodes["Document"]:
        da = ix.attrs(d)
        if (city is None or da["city"] == city) and (not p["doc"] or p["doc"] in (key(d),
                                                                                  da["file"])):
            for t in ix.tasks_of(d):
                yield d, t


def tasks_without_lead(ix: Index, p: Params) -> list[Row]:
    rows = []
    for d, t in _plan_tasks(ix, p):
        edges = ix.assigned(t)
        if any(e["type"] == "LEADS" and e["basis"] == "explicit" for _, e in edges):
            continue
        leads: list[str | None] = [g for g, e in edges if e["type"] == "LEADS"] or [None]
        a = ix.attrs(t)
        for f in leads:
            rows.append([key(d), ix.attrs(d)["title"], key(t), a["no"], a["section"], a["title"],
                         ix.attrs(f)["name"] if f else None, f is not None])
    rows.sort(key=lambda r: r[2])
    return page(rows, p)


def tasks_without_units(ix: Index, p: Params) -> list[Row]:
    rows = []
    for d, t in _plan_tasks(ix, p):
        if not ix.assigned(t):
            a = ix.attrs(t)
            rows.append([key(d), ix.attrs(d)["title"], key(t), a["no"], a["section"], a["title"]])
    rows.sort(key=lambda r: r[2])
    return page(rows, p)


def search(ix: Index, p: Params) -> list[Row]:
    q = p["q"]
    if not q:
        return []
    found = [a for a in ix.nodes["Agency"] if ix.assignments(a) and (
        q in ix.attrs(a)["name"] or any(q in e["unit"] for _, e in ix.assignments(a)))]
    agencies = sorted((["agency", key(a), ix.attrs(a)["name"], ix.attrs(a)["city"],
                        ix.attrs(a)["type"]] for a in found), key=lambda r: (_s(r[3]), r[2]))
    tasks_ = sorted((["task", key(t), ix.attrs(t)["title"], ix.attrs(t)["city"],
                      ix.attrs(ix.document(t))["title"]] for t in ix.nodes["Task"]
                     if q in ix.attrs(t)["title"]), key=lambda r: r[1])
    return agencies[:p["limit"]] + tasks_[:p["limit"]]


PLAN_QUERIES: dict[str, Callable[[Index, Params], list[Row]]] = {
    "overview": overview, "plans": plans, "plan_info": plan_info, "plan_table": plan_table,
    "task_info": task_info, "task_detail": task_detail, "task_assignments": task_assignments,
    "tasks": tasks, "tasks_without_lead": tasks_without_lead,
    "tasks_without_units": tasks_without_units, "search": search,
}

