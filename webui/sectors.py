"""Sector pages: the sectors, and one sector's agencies per city and types across cities."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint

from graph.model import KINDS
from webui.agencies import agency_ranking
from webui.db import fetch
from webui.due import sector_targets
from webui.errors import NotFound
from webui.evidence import count_links
from webui.filters import Filters, load_choices
from webui.labels import KIND_LABELS
from webui.params import choice_arg, int_arg
from webui.tables import Link, Page, ordered_groups, respond

bp = Blueprint("sectors", __name__, url_prefix="/sectors")

SECTOR = Link("sectors.sector", "name", "sector")


@bp.get("/")
def index() -> Any:
    return respond(sectors_page(), "sectors/index.html")


@bp.get("/<path:name>")
def sector(name: str) -> Any:
    return respond(sector_page(name), "sectors/sector.html", _per_city)


def sectors_page() -> Page:
    sectors = fetch("sectors", title="领域")
    return Page("领域", tables={"sectors": replace(sectors, links={"sector": SECTOR})})


def sector_page(name: str) -> Page:
    """Agencies of every city ranked for the sector, agency types across cities, and the
    cities' targets for it side by side."""
    kind, per_city = choice_arg("kind", KINDS), int_arg("per_city", 10, 1, 1000)
    if name not in load_choices().sectors:
        raise NotFound(f"没有名为 {name!r} 的领域 (no such sector)")
    ranking = agency_ranking(Filters(sector=name, kind=kind), 1000, title=f"{name}:各城市单位排名")
    types = fetch("top_agency_types", title=f"{name}:各类单位(跨城市)", sector=name, kind=kind,
                  limit=50)
    types = replace(types, links=count_links("type", "type", sector=name, kind=kind))
    return Page(name, info={"id": name, "sector": name, "kind": kind, "per_city": per_city},
                tables={"agencies": ranking, "types": types, "targets": sector_targets(name)},
                view={"kinds": KIND_LABELS})


def _per_city(page: Page) -> dict[str, Any]:
    """The ranking cut into cities, each city's top `per_city` agencies."""
    limit = page.info["per_city"]
    cities = ordered_groups(sorted(page.tables["agencies"].records(),
                                   key=lambda r: r["city"] or ""), "city")
    return {"cities": [(city, rows[:limit], len(rows)) for city, rows in cities]}
