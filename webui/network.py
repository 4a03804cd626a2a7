"""The network view, and vis-network served from the files the pyvis package ships.

No CDN: the browser loads only this server's files. pyvis's own page template links CDN
scripts and a stylesheet, so it is not used; `network/index.html` loads the local copy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pyvis
from flask import Blueprint, current_app, send_from_directory, url_for

from webui.db import fetch, fetch_one
from webui.drawing import COLOURS, MODES, NetworkView, build_network
from webui.errors import BadParameter, NotFound
from webui.filters import ROLES, Choices, city_arg, load_choices
from webui.labels import KIND_LABELS
from webui.params import choice_arg, int_arg, text_arg
from webui.tables import Page, Table, ordered_groups, respond

bp = Blueprint("network", __name__)

VENDOR_FILES = ("vis-network.min.js", "vis-network.css")
NODE_COLUMNS = ("id", "label", "kind", "x", "y", "size", "url")
EDGE_COLUMNS = ("from", "to", "title")


@bp.get("/network")
def index() -> Any:
    page = network_page()
    return respond(page, "network/index.html", lambda p: {
        "agencies": agency_options(p.info["filters"]["city"]),
        "legend": [(KIND_LABELS.get(k, "任务"), c) for k, c in COLOURS.items()]})


@bp.get("/vendor/vis-network/<name>")
def vendor(name: str) -> Any:
    if name not in VENDOR_FILES:
        raise NotFound(f"no vendor file {name!r}")
    return send_from_directory(vis_directory(), name, max_age=86400)


def network_page() -> Page:
    """The drawn network under this request's filters, its nodes and edges as tables."""
    choices = load_choices()
    params = read_params(choices)
    view = network_view(params)
    return Page("网络图", info={"filters": params, "total": view.total, "omitted": view.omitted},
                tables={"nodes": _table("nodes", "节点", view.nodes, NODE_COLUMNS),
                        "edges": _table("edges", "连线", view.edges, EDGE_COLUMNS)},
                view={"network": view, "choices": choices})


def read_params(choices: Choices) -> dict[str, Any]:
    """The network's filters; an agency id must name an agency."""
    agency = text_arg("agency")
    if agency and fetch_one("agency_detail", agency=agency) is None:
        raise BadParameter(f"agency={agency!r} is not an agency id (see /agencies)")
    cap = current_app.config
    return {
        "mode": choice_arg("mode", MODES, "tasks"),
        "city": city_arg(choices),
        "sector": choice_arg("sector", choices.sectors),
        "agency": agency,
        "role": choice_arg("role", ROLES, "any"),
        "limit": int_arg("limit", cap["NETWORK_MAX_NODES"], 1, cap["NETWORK_NODE_LIMIT"]),
    }


def network_view(params: dict[str, Any]) -> NetworkView:
    rows = fetch("network_edges", city=params["city"], sector=params["sector"],
                 agency=params["agency"], role=params["role"]).records()
    return build_network(rows, mode=params["mode"], max_nodes=params["limit"],
                         focus=params["agency"], link=node_url)


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
