"""Where each node of the network goes: computed once on the server, drawn as is.

Each connected part (mostly one city's plans) gets its own networkx spring layout in a
square sized to its node count, and the squares are shelved left to right. One layout
of everything squeezes each part into a blob and flings the parts apart. Results are
cached per node and edge set, so a filter viewed twice costs the layout once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

SEED = 7  # reproducible: the same filter draws the same picture
PIXELS_PER_NODE = 70  # a part of n nodes gets a square sqrt(n) * this many pixels wide
MIN_SIDE = 480.0  # a part of three or more nodes is never narrower (labels need room)
RING_SPACING = 18.0  # rings: the outer radius grows this many pixels per node
GAP = 120.0  # pixels between parts
SHELF_WIDTH = 1.6  # shelf length: this many times the side of a square of all parts' area
SPREAD = 2.0  # twice networkx's default spring length: hubs of a part do not pile up
BIG_PART = 500  # parts this large get fewer spring iterations: a rougher, quicker picture
CACHE_SIZE = 64

Point = tuple[float, float]


@dataclass(frozen=True)
class Part:
    """One connected part: its nodes and the top centre of its square (for a caption)."""

    nodes: frozenset[str]
    x: float
    y: float


@dataclass(frozen=True)
class Placement:
    positions: dict[str, Point]
    parts: tuple[Part, ...]


def place(graph: nx.Graph, focus: str | None = None) -> Placement:
    """Pixel positions for every node of `graph`; the same graph always gets the same.

    With a `focus` node, rings instead: the focus in the middle, its neighbours around
    it, the rest outside. A spring layout would pile the focus and the agencies that
    share all its tasks on one spot.
    """
    nodes = tuple(sorted(graph))
    edges = tuple(sorted(tuple(sorted(e)) for e in graph.edges))
    return _place(nodes, edges, focus if focus in graph else None)


@lru_cache(maxsize=CACHE_SIZE)
def _place(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...],
           focus: str | None) -> Placement:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    if focus is not None:
        return _rings(graph, focus)
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    sides = [_side(len(c)) for c in components]
    shelf = max([*sides[:1], math.sqrt(sum(s * s for s in sides)) * SHELF_WIDTH])
    positions: dict[str, Point] = {}
    parts = []
    x = y = row = 0.0
    for component, side in zip(components, sides, strict=True):
        if x and x + side > shelf:
            x, y, row = 0.0, y + row + GAP, 0.0
        for node, (px, py) in _spring(graph.subgraph(component), side / 2).items():
            positions[node] = (round(x + side / 2 + px, 1), round(y + side / 2 + py, 1))
        parts.append(Part(frozenset(component), x + side / 2, y - GAP / 3))
        x, row = x + side + GAP, max(row, side)
    return Placement(positions, tuple(parts))


def _rings(graph: nx.Graph, focus: str) -> Placement:
    near = sorted(graph[focus])
    far = sorted(set(graph) - set(near) - {focus})
    shells = [[focus], near, far] if far else [[focus], near]
    radius = max(_side(len(graph)) / 2, RING_SPACING * len(graph))
    pos = nx.shell_layout(graph, nlist=shells, scale=radius)
    positions = {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}
    return Placement(positions, (Part(frozenset(graph), 0.0, -radius - GAP / 3),))


def _side(nodes: int) -> float:
    """Width of a part's square: small parts get room for their labels."""
    side = PIXELS_PER_NODE * math.sqrt(nodes)
    return max(side, MIN_SIDE) if nodes >= 3 else side


def _spring(part: nx.Graph, radius: float) -> dict[str, Point]:
    """A spring layout within `radius` of the origin; one or two nodes side by side."""
    if len(part) < 3:
        return {n: (radius * (2 * i - len(part) + 1) / 2, 0.0) for i, n in enumerate(sorted(part))}
    iterations = 50 if len(part) < BIG_PART else 20
    spread = SPREAD / math.sqrt(len(part))  # networkx's default k is 1 / sqrt(n)
    pos = nx.spring_layout(part, k=spread, seed=SEED, iterations=iterations, scale=radius)
    return {n: (float(px), float(py)) for n, (px, py) in pos.items()}
