"""Agency-task edges (or agency pairs) in, a network vis-network can draw at once out.

No Flask, no files.

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
from pyvis.network import Network

from webui.labels import BASIS_LABELS, KIND_LABELS
from webui.placement import Part, place

NODE_LIMIT = 1000  # more than this and the browser is slow to draw and to read
# The busiest agencies keep their names on screen at any zoom (the page paints them; vis
# shows the others' only when zoomed in far enough to read them).
PINNED_LABELS = 40
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
Pair = Mapping[str, Any]  # a row of the co_responsibility query
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

    @property
    def kinds(self) -> dict[str, int]:
        """Nodes drawn per kind (agency kinds and `task`), in the legend's order."""
        counts = Counter(n["kind"] for n in self.nodes)
        return {k: counts[k] for k in COLOURS if counts[k]}

    def to_json(self) -> dict[str, Any]:
        return {"mode": self.mode, "total": self.total, "omitted": self.omitted,
                "nodes": self.nodes, "edges": self.edges, "options": self.options,
                "captions": self.captions}


def build_network(rows: Sequence[Row], *, max_nodes: int = 300, focus: str | None = None,
                  link: Linker = lambda kind, key: "") -> NetworkView:
    """Draw the agencies and tasks of `rows` (network_edges), each edge its strongest basis."""
    return _view(task_graph(rows), "tasks", max_nodes, focus, link)


def build_agency_network(pairs: Sequence[Pair], agencies: Mapping[tuple[str, str], Row], *,
                         max_nodes: int = 300, focus: str | None = None,
                         link: Linker = lambda kind, key: "") -> NetworkView:
    """Draw agencies joined by the tasks they share: `pairs` are co_responsibility rows
    (names and city), `agencies` rows with id, name, city and kind by (name, city)."""
    return _view(agency_graph(pairs, agencies), "agencies", max_nodes, focus, link)


def _view(graph: nx.Graph, mode: str, max_nodes: int, focus: str | None,
          link: Linker) -> NetworkView:
    if not 1 <= max_nodes <= NODE_LIMIT:
        raise ValueError(f"max_nodes must be between 1 and {NODE_LIMIT}, got {max_nodes}")
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


def agency_graph(pairs: Sequence[Pair], agencies: Mapping[tuple[str, str], Row]) -> nx.Graph:
    """Agency nodes joined by shared tasks: `weight` counts them, and who leads how many.

    A pair whose names the agency list does not hold (the graph changed between the two
    answers) is left out rather than drawn without a page to link to.
    """
    graph: nx.Graph[str] = nx.Graph()
    for p in pairs:
        a, b = agencies.get((p["agency_a"], p["city"])), agencies.get((p["agency_b"], p["city"]))
        if a is None or b is None:
            continue
        for r in (a, b):
            graph.add_node(f"a:{r['id']}", type="agency", key=r["id"], name=r["name"],
                           city=r["city"] or "", kind=r["kind"] or "other")
        graph.add_edge(f"a:{a['id']}", f"a:{b['id']}", weight=p["shared"],
                       led=(p["led_by_a"], p["led_by_b"]), names=(a["name"], b["name"]))
    for node, data in graph.nodes(data=True):
        data["shared"] = graph.degree(node, weight="weight")
        data["partners"] = graph.degree(node)
    return graph


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
    pinned = set(sorted((n for n, t in graph.nodes(data="type") if t == "agency"),
                        key=lambda n: (-_weight(graph.nodes[n]), n))[:PINNED_LABELS])
    for node, (x, y) in positions.items():
        net.add_node(node, **_node(graph.nodes[node], x, y, link, node == focus,
                                   node in pinned))
    for a, b, data in graph.edges(data=True):
        net.add_edge(a, b, **_edge(data))
    return net


def _weight(data: Mapping[str, Any]) -> int:
    """How busy a node is: its tasks, or in the agency mode the tasks it shares."""
    return int(data.get("shared", data.get("tasks", 0)))


def _node(data: Mapping[str, Any], x: float, y: float, link: Linker,
          focused: bool, pinned: bool = False) -> dict[str, Any]:
    is_agency = data["type"] == "agency"
    colour = COLOURS.get(data["kind"], COLOURS["other"])
    weight = _weight(data)
    return {
        "label": data["name"] if is_agency else _short(f"{data['no']} {data['name']}"),
        "title": _tooltip(data), "x": x, "y": y, "physics": False,
        "color": {"background": colour, "border": "#111" if focused else colour},
        "borderWidth": 4 if focused else 1,
        "shape": "dot" if is_agency else "square",
        "size": _size(data, weight),
        "font": {"size": _font(data, weight)},
        "url": link(data["type"], data["key"]), "kind": data["kind"], "pinned": pinned,
    }


def _size(data: Mapping[str, Any], weight: int) -> float:
    """Dot size by how busy: tasks carried, or (agency mode, where every agency has many
    partners) tasks shared, on a flatter scale so the dense parts stay legible."""
    if data["type"] != "agency":
        return 7
    return 6 + 2 * math.sqrt(weight) if "shared" in data else 8 + 4 * math.sqrt(weight)


def _font(data: Mapping[str, Any], weight: int) -> float:
    """Label size: vis shows a label once it is large enough on screen, the busiest first."""
    if data["type"] != "agency":
        return 11
    return 11 + math.sqrt(weight) / 2 if "shared" in data else 14 + math.sqrt(weight)


def _edge(data: Mapping[str, Any]) -> dict[str, Any]:
    if "weight" in data:  # co-responsibility: thicker for more shared tasks
        title = f"共同任务 {data['weight']} 项"
        if "names" in data:
            (a, b), (led_a, led_b) = data["names"], data["led"]
            title += f"\n{a} 牵头 {led_a} 项,{b} 牵头 {led_b} 项"
        return {"arrows": "", "color": {"color": "#aab4be", "opacity": 0.6},
                "width": min(0.5 + data["weight"] / 3, 8), "title": title}
    style = EDGE_STYLES.get(data["basis"], EDGE_STYLES["listed"])
    return {"arrows": "", "title": BASIS_LABELS.get(data["basis"], data["basis"]), **style}


def _tooltip(data: Mapping[str, Any]) -> str:
    if data["type"] == "task":
        return f"任务 {data['no']}:{data['name']}\n{data['doc']}"
    kind = KIND_LABELS.get(data["kind"], data["kind"])
    if "shared" in data:
        counts = f"与 {data['partners']} 个单位共同承担任务,共 {data['shared']} 项次"
    else:
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
