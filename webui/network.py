"""The network view, and vis-network served from the files the pyvis package ships.

Two modes: agencies and the tasks they carry (network_edges), or agencies alone joined by
the tasks they share (co_responsibility, `?mode=agencies`). The legend names each kind
drawn and filters it (webui/static/network.js); the busiest agencies keep their names on
screen at any zoom.

No CDN: the browser loads only this server's files. pyvis's own page template links CDN
scripts and a stylesheet, so it is not used; `network/index.html` loads the local copy.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pyvis
from flask import Blueprint, current_app, request, send_from_directory, url_for

from webui.db import fetch, fetch_one
from webui.drawing import COLOURS, NetworkView, build_agency_network, build_network
from webui.errors import BadParameter, NotFound
from webui.filters import ALL_CITIES_AT_MOST, ROLES, Choices, city_arg, load_choices
from webui.labels import KIND_LABELS
from webui.params import choice_arg, int_arg, text_arg
from webui.tables import Page, Table, ordered_groups, respond

bp = Blueprint("network", __name__)

MODES = {"tasks": "单位与任务", "agencies": "单位协作(共同任务)"}
# Agency mode over every city of a large graph: pairs come from co_responsibility, which
# forms every pair of every task; past this many cities the page starts with one city.
PAIR_LIMIT = 20_000  # pairs read for the agency mode, the most shared first
MIN_SHARED = 2  # the agency mode's default across cities
AGENCY_LIMIT = 1_000_000  # every agency with a task: the pairs' names are looked up in them
# Drawn networks kept, by their edges and drawing options: after a write the page asks its
# edges again, but most writes leave a city's picture as it was (at scale 1000, drawing
# 3,400 edges into 320 nodes took 40-70 ms with the layout kept, 300-390 without).
DRAWN_KEPT = 16
VENDOR_FILES = ("vis-network.min.js", "vis-network.css")
NODE_COLUMNS = ("id", "label", "kind", "x", "y", "size", "url")
EDGE_COLUMNS = ("from", "to", "title")


@bp.get("/network")
def index() -> Any:
    page = network_page()
    return respond(page, "network/index.html", lambda p: {
        "agencies": agency_options(p.info["filters"]["city"]),
        "legend": legend(p.view["network"])})


@bp.get("/vendor/vis-network/<name>")
def vendor(name: str) -> Any:
    if name not in VENDOR_FILES:
        raise NotFound(f"no vendor file {name!r}")
    return send_from_directory(vis_directory(), name, max_age=86400)


def network_page() -> Page:
    """The drawn network under this request's filters, its nodes and edges as tables."""
    choices = load_choices()
    params = read_params(choices)
    view = agency_view(params) if params["mode"] == "agencies" else network_view(params)
    return Page("网络图", info={"filters": params, "total": view.total, "omitted": view.omitted},
                tables={"nodes": _table("nodes", "节点", view.nodes, NODE_COLUMNS),
                        "edges": _table("edges", "连线", view.edges, EDGE_COLUMNS)},
                view={"network": view, "choices": choices, "modes": MODES})


def read_params(choices: Choices) -> dict[str, Any]:
    """The network's filters; an agency id must name an agency."""
    agency = text_arg("agency")
    if agency and fetch_one("agency_detail", agency=agency) is None:
        raise BadParameter(f"agency={agency!r} is not an agency id (see /agencies)")
    cap = current_app.config
    mode = choice_arg("mode", MODES, "tasks")
    city = city_arg(choices)
    # Many cities: start in the busiest one (its plans draw a picture one can read, and ask
    # for one city's edges rather than the province's); "全部" (city=) asks for every city.
    chosen = city is None and "city" not in request.args and not agency \
        and len(choices.cities) > ALL_CITIES_AT_MOST
    if chosen:
        city = busiest_city()
    return {
        "mode": mode,
        "city": city,
        "city_chosen": chosen and city is not None,
        "sector": choice_arg("sector", choices.sectors),
        "agency": agency,
        "role": choice_arg("role", ROLES, "any"),
        "limit": int_arg("limit", cap["NETWORK_MAX_NODES"], 1, cap["NETWORK_NODE_LIMIT"]),
        # agency mode: across cities, pairs sharing one task are not joined (that joins most
        # of a plan's agencies to each other, a tangle rather than a picture); one city's
        # plans are few enough to show every pair
        "min_shared": int_arg("min_shared", 1 if city else MIN_SHARED, 1, 1000),
    }


def network_view(params: dict[str, Any]) -> NetworkView:
    table = fetch("network_edges", city=params["city"], sector=params["sector"],
                  agency=params["agency"], role=params["role"])
    return drawn(tuple(table.columns), tuple(map(tuple, table.rows)), params["limit"],
                 params["agency"], request.script_root)


@lru_cache(maxsize=DRAWN_KEPT)
def drawn(columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...], max_nodes: int,
          focus: str | None, root: str) -> NetworkView:
    """The network of network_edges rows, kept for the same rows and options: its links
    are this app's addresses under `root` (the app's mount point: part of the key)."""
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    return build_network(records, max_nodes=max_nodes, focus=focus, link=node_url)


def agency_view(params: dict[str, Any]) -> NetworkView:
    """Agencies joined by the tasks they share, from co_responsibility (pairs sharing at
    least `min_shared` tasks), each name looked up among the agencies with tasks
    (top_agencies: the names the pages show) for its page and kind."""
    pairs = fetch("co_responsibility", city=params["city"], min_shared=params["min_shared"],
                  limit=PAIR_LIMIT).records()
    agencies = {(r["name"], r["city"]): r for r in fetch(
        "top_agencies", city=params["city"], limit=AGENCY_LIMIT).records()}
    return build_agency_network(pairs, agencies, max_nodes=params["limit"],
                                focus=params["agency"], link=node_url)


def legend(view: NetworkView) -> list[dict[str, Any]]:
    """The kinds drawn, with their words, colours and counts: the legend's filter buttons."""
    return [{"kind": kind, "text": KIND_LABELS.get(kind, "任务"), "colour": COLOURS[kind],
             "count": count} for kind, count in view.kinds.items()]


def busiest_city() -> str | None:
    """The city with the most plans: where the network of a graph of many cities starts."""
    found = fetch("plan_cities").records()
    return min(found, key=lambda r: (-r["plans"], r["city"]))["city"] if found else None


def node_url(kind: str, key: str) -> str:
    if kind == "agency":
        return url_for("agencies.agency", agency_id=key)
    return url_for("tasks.task", task_id=key)


def agency_options(city: str | None) -> list[tuple[str, list[dict[str, Any]]]]:
    """Agencies for the filter's drop-down, by city."""
    found = fetch("top_agencies", city=city, limit=5000).records()
    return ordered_groups(sorted(found, key=lambda r: (r["city"] or "", r["name"])), "city")


@cache
def vis_directory() -> Path:
    """The newest vis-network bundled with the installed pyvis."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in p.parent.name[4:].split(".")))
    if not found:
        raise FileNotFoundError(f"no vis-network in {lib}; is pyvis installed completely?")
    return found[-1].parent


def _table(name: str, title: str, items: list[dict[str, Any]], columns: tuple[str, ...]
           ) -> Table:
    return Table(name, title, list(columns), [[i.get(c) for c in columns] for i in items])
