"""Agency-task edges in, a network vis-network can draw at once out. No Flask, no files.

Measured in headless Chromium, vis-network's physics needs seconds to settle 200 nodes
and never settles 2,000, so positions are computed here (`webui.placement`) and the
browser only draws, physics off. The node count is capped (the focus agency's
neighbourhood first, then nodes by degree) and the view reports what it left out.
Tooltips are plain text; the page turns them into text nodes.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from networkx.algorithms import bipartite
from pyvis.network import Network

from webui.labels import BASIS_LABELS, KIND_LABELS
from webui.placement import Part, place

MODES = ("tasks", "agencies")  # agencies and tasks, or agencies joined by shared tasks
NODE_LIMIT = 1000  # more than this and the browser is slow to draw and to read
LEAD_BASES = ("explicit", "first_listed")

# Colour per agency kind (and for tasks): legend and nodes share these.
COLOURS = {
    "department": "#2f6fb0", "party": "#c0392b", "collective": "#8e44ad", "zone": "#16a085",
    "enterprise": "#d68910", "institution": "#5d6d7e", "other": "#7f8c8d", "task": "#b8c2cc",
}
EDGE_STYLES = {  # basis -> vis edge options: leads stand out, inferred leads dashed
    "explicit": {"color": "#b03a2e", "width": 2.5},
    "first_listed": {"color": "#d98880", "width": 2, "dashes": True},
    "listed": {"color": "#aab4be", "width": 1},
    "standing_rule": {"color": "#d5dbe1", "width": 1, "dashes": True},
}

Row = Mapping[str, Any]  # a row of the network_edges query
Linker = Callable[[str, str], str]  # (node type "agency"/"task", id) -> page address


@dataclass
class NetworkView:
    """What the page draws and what it must say it left out."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    mode: str
    captions: list[dict[str, Any]] = field(default_factory=list)  # text drawn above parts
    total: dict[str, int] = field(default_factory=dict)  # nodes before the cap, per type
    omitted: dict[str, int] = field(default_factory=dict)  # nodes left out, per type

    def to_json(self) -> dict[str, Any]:
        return {"mode": self.mode, "total": self.total, "omitted": self.omitted,
                "nodes": self.nodes, "edges": self.edges, "options": self.options,
                "captions": self.captions}


def build_network(rows: Sequence[Row], *, mode: str = "tasks", max_nodes: int = 300,
                  focus: str | None = None, link: Linker = lambda kind, key: "") -> NetworkView:
    """Draw the agencies and tasks of `rows` (or the agencies joined by shared tasks)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    if not 1 <= max_nodes <= NODE_LIMIT:
        raise ValueError(f"max_nodes must be between 1 and {NODE_LIMIT}, got {max_nodes}")
    graph = task_graph(rows)
    if mode == "agencies":
        graph = co_responsibility(graph)
    focus_node = f"a:{focus}" if focus else None
    keep = pick_nodes(graph, max_nodes, focus_node)
    shown = graph.subgraph(keep)
    placement = place(shown, focus_node)
    net = _draw(shown, placement.positions, link, focus_node)
    return NetworkView(nodes=net.nodes, edges=net.edges, options=_options(net), mode=mode,
                       captions=_captions(shown, placement.parts),
                       total=_count_types(graph), omitted=_count_types(graph, exclude=keep))


def task_graph(rows: Sequence[Row]) -> nx.Graph:
    """Agency and task nodes; one edge per pair, its basis the strongest printed one."""
    graph: nx.Graph[str] = nx.Graph()
    for r in rows:
        agency, task = f"a:{r['agency_id']}", f"t:{r['task_id']}"
        graph.add_node(agency, type="agency", key=r["agency_id"], name=r["agency"],
                       city=r["city"] or "", kind=r["kind"] or "other")
        graph.add_node(task, type="task", key=r["task_id"], name=r["task"] or "",
                       no=r["no"] or "", doc=r["doc_id"], kind="task")
        old = graph.edges[agency, task]["basis"] if graph.has_edge(agency, task) else None
        graph.add_edge(agency, task, basis=_stronger(old, r["basis"]))
    for node, data in graph.nodes(data=True):
        data["tasks"] = graph.degree(node) if data["type"] == "agency" else 0
        data["leads"] = sum(1 for _, _, e in graph.edges(node, data=True)
                            if e.get("basis") in LEAD_BASES)
    return graph


def co_responsibility(graph: nx.Graph) -> nx.Graph:
    """Agencies only, joined when they share tasks; `weight` counts the shared tasks."""
    agencies = [n for n, t in graph.nodes(data="type") if t == "agency"]
    return bipartite.weighted_projected_graph(graph, agencies)


def pick_nodes(graph: nx.Graph, max_nodes: int, focus: str | None = None) -> list[str]:
    """At most `max_nodes`: the focus and its neighbours first, then by degree."""
    by_degree = sorted(graph, key=lambda n: (-graph.degree(n), n))
    first = [focus, *sorted(graph[focus], key=lambda n: (-graph.degree(n), n))] \
        if focus in graph else []
    return list(dict.fromkeys(first + by_degree))[:max_nodes]


def _draw(graph: nx.Graph, positions: Mapping[str, tuple[float, float]], link: Linker,
          focus: str | None) -> Network:
    net = Network(directed=True)  # directed: pyvis then skips its quadratic duplicate check
    net.toggle_physics(False)
    net.options.edges.smooth.enabled = False
    for node, (x, y) in positions.items():
        net.add_node(node, **_node(graph.nodes[node], x, y, link, node == focus))
    for a, b, data in graph.edges(data=True):
        net.add_edge(a, b, **_edge(data))
    return net


def _node(data: Mapping[str, Any], x: float, y: float, link: Linker,
          focused: bool) -> dict[str, Any]:
    is_agency = data["type"] == "agency"
    colour = COLOURS.get(data["kind"], COLOURS["other"])
    return {
        "label": data["name"] if is_agency else _short(f"{data['no']} {data['name']}"),
        "title": _tooltip(data), "x": x, "y": y, "physics": False,
        "color": {"background": colour, "border": "#111" if focused else colour},
        "borderWidth": 4 if focused else 1,
        "shape": "dot" if is_agency else "square",
        "size": 8 + 4 * math.sqrt(data["tasks"]) if is_agency else 7,
        "font": {"size": 14 + math.sqrt(data["tasks"]) if is_agency else 11},
        "url": link(data["type"], data["key"]), "kind": data["kind"],
    }


def _edge(data: Mapping[str, Any]) -> dict[str, Any]:
    if "weight" in data:  # co-responsibility: thicker for more shared tasks
        return {"arrows": "", "color": "#aab4be", "width": min(1 + data["weight"] / 3, 8),
                "title": f"共同任务 {data['weight']} 项"}
    style = EDGE_STYLES.get(data["basis"], EDGE_STYLES["listed"])
    return {"arrows": "", "title": BASIS_LABELS.get(data["basis"], data["basis"]), **style}


def _tooltip(data: Mapping[str, Any]) -> str:
    if data["type"] == "task":
        return f"任务 {data['no']}:{data['name']}\n{data['doc']}"
    kind = KIND_LABELS.get(data["kind"], data["kind"])
    counts = f"任务 {data['tasks']} 项,牵头 {data['leads']} 项"
    return f"{data['name']}\n{data['city']} · {kind}\n{counts}"


def _captions(graph: nx.Graph, parts: Sequence[Part]) -> list[dict[str, Any]]:
    """Name each part of three or more nodes after the city most of its agencies are in."""
    out = []
    for part in parts:
        cities = Counter(graph.nodes[n].get("city") for n in part.nodes)
        cities.pop(None, None)
        if len(part.nodes) >= 3 and cities:
            out.append({"text": cities.most_common(1)[0][0], "x": part.x, "y": part.y})
    return out


def _options(net: Network) -> dict[str, Any]:
    options = json.loads(net.options.to_json())
    options["interaction"].update({"hover": True, "tooltipDelay": 120})
    # Labels appear as one zooms in, the busiest agencies' (larger font) first.
    options["nodes"] = {"scaling": {"label": {"drawThreshold": 10}}}
    options["physics"]["stabilization"]["enabled"] = False
    return options


def _count_types(graph: nx.Graph, exclude: Sequence[str] = ()) -> dict[str, int]:
    left = set(graph) - set(exclude)
    counts = Counter(graph.nodes[n]["type"] for n in left)
    return {"agency": counts["agency"], "task": counts["task"]}


def _stronger(old: str | None, new: str) -> str:
    """Of two edges between the same agency and task, keep the lead (explicit first)."""
    order = ("explicit", "first_listed", "listed", "standing_rule")
    return min((b for b in (old, new) if b), key=lambda b: order.index(b) if b in order else 9)


def _short(text: str, width: int = 10) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
