"""Materialise the graph (or one city's or plan's part of it) as networkx, GraphML, JSON.

Nodes are keyed `Label:id` (`Agency:常州市/市工信局`, `Sector:5G`) so keys never collide
across labels; their attributes are `label` plus the stored properties, except `id`, which
the key already carries. Edges carry `type` plus their properties. In node-link JSON the
edge ends are `from`/`to`, because `source` is a property of LEADS and RESPONSIBLE_FOR.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

import networkx as nx

from graph.readonly import split_statements
from graph.store import Store, statement

FORMATS = ("graphml", "json")
LINK_KEYS = {"source": "from", "target": "to", "edges": "edges"}


def to_networkx(store: Store, *, city: str | None = None, doc: str | None = None,
                labels: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The stored graph; `city`/`doc` keep only those plans with their tasks' neighbours."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for text in split_statements(statement("export", store.backend)):
        for row in store.run(text):
            _add(graph, row)
    if city or doc:
        graph = graph.subgraph(_around(graph, _documents(graph, city, doc))).copy()
    if labels is not None:
        wanted = set(labels)
        graph = graph.subgraph(n for n, a in graph.nodes(data=True) if a["label"] in wanted).copy()
    return graph


def write(graph: nx.MultiDiGraph, path: Path, fmt: str) -> None:
    """Write GraphML or node-link JSON; attributes that are None are left out."""
    if fmt == "graphml":
        nx.write_graphml(_without_nulls(graph), path)
    elif fmt == "json":
        data = nx.node_link_data(graph, **LINK_KEYS)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def read(path: Path, fmt: str) -> nx.MultiDiGraph:
    """Read an export back (for round-trip checks and notebooks)."""
    # The stubs type both readers as returning Graph; what they build follows the arguments
    # and the file (a directed multigraph for an export written by `write`).
    if fmt == "graphml":
        return cast(nx.MultiDiGraph, nx.read_graphml(path, force_multigraph=True))
    data = json.loads(path.read_text(encoding="utf-8"))
    return cast(nx.MultiDiGraph,
                nx.node_link_graph(data, directed=True, multigraph=True, **LINK_KEYS))


def node_key(label: str, key: str) -> str:
    return f"{label}:{key}"


def _add(graph: nx.MultiDiGraph, row: dict[str, Any]) -> None:
    props = {k: v for k, v in row["props"].items() if k != "id"}
    if "label" in row:
        graph.add_node(node_key(row["label"], row["key"]), label=row["label"], **props)
    else:
        graph.add_edge(node_key(row["source_label"], row["source"]),
                       node_key(row["target_label"], row["target"]), type=row["type"], **props)


def _documents(graph: nx.MultiDiGraph, city: str | None, doc: str | None) -> list[str]:
    found = []
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] != "Document":
            continue
        place = graph.nodes.get(node_key("City", attrs.get("city") or ""), {})
        if city and city not in (attrs.get("city"), place.get("short")):
            continue
        if doc and doc not in (node.partition(":")[2], attrs.get("file")):
            continue
        found.append(node)
    return found


def _around(graph: nx.MultiDiGraph, documents: list[str]) -> set[str]:
    """Documents, their city, tasks, and the agencies and sectors of those tasks."""
    keep = set(documents)
    for d in documents:
        keep.update(graph.successors(d))
    tasks = [n for n in keep if graph.nodes[n]["label"] == "Task"]
    for t in tasks:
        keep.update(graph.predecessors(t))
        keep.update(graph.successors(t))
    agencies = [n for n in keep if graph.nodes[n]["label"] == "Agency"]
    for a in agencies:
        keep.update(graph.successors(a))
    return keep


def _without_nulls(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML has no null: drop None attributes from a copy."""
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    out.add_nodes_from((n, _clean(a)) for n, a in graph.nodes(data=True))
    for u, v, k, a in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **_clean(a))
    return out


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}
