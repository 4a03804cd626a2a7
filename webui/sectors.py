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
from webui.filters import ALL_CITIES_AT_MOST, Filters, city_arg, load_choices
from webui.labels import KIND_LABELS
from webui.params import choice_arg, int_arg
from webui.tables import Link, Page, ordered_groups, respond

bp = Blueprint("sectors", __name__, url_prefix="/sectors")

SECTOR = Link("sectors.sector", "name", "sector")
# The most agencies a sector page ranks: every agency of the cities it shows (≤ 12 cities)
RANKING_MOST = 5000


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
    """The sector's agencies ranked city by city, and agency types across cities. A sector
    of more cities than a page shows at once lists its cities instead, each leading to its
    own ranking (city=…); every count comes from the kept tallies. Then the cities'
    targets for the sector side by side."""
    kind, per_city = choice_arg("kind", KINDS), int_arg("per_city", 10, 1, 1000)
    choices = load_choices()
    if name not in choices.sectors:
        raise NotFound(f"没有名为 {name!r} 的领域 (no such sector)")
    city = city_arg(choices)
    cities = fetch("sector_cities", title=f"{name}:各城市", sector=name, kind=kind)
    listed = city is None and len(cities.rows) > ALL_CITIES_AT_MOST
    tables = {} if listed else {"agencies": agency_ranking(  # the first: what ?sort= sorts
        Filters(sector=name, kind=kind, city=city), RANKING_MOST, title=f"{name}:各城市单位排名")}
    tables["cities"] = replace(cities, links={"city": Link(
        "sectors.sector", "city", "city", (("name", name), ("kind", kind)))})
    types = fetch("top_agency_types", title=f"{name}:各类单位(跨城市)", sector=name, kind=kind,
                  limit=50)
    tables["types"] = replace(types, links=count_links("type", "type", sector=name, kind=kind))
    tables["targets"] = sector_targets(name)
    return Page(name, info={"id": name, "sector": name, "kind": kind, "city": city,
                            "per_city": per_city if city is None else RANKING_MOST,
                            "listed": listed},
                tables=tables, view={"kinds": KIND_LABELS})


def _per_city(page: Page) -> dict[str, Any]:
    """The ranking cut into cities, each city's top `per_city` agencies, with the number
    of the city's agencies (sector_cities) beside it."""
    if "agencies" not in page.tables:
        return {"cities": []}
    limit = page.info["per_city"]
    totals = {r["city"]: r["agencies"] for r in page.tables["cities"].records()}
    cities = ordered_groups(sorted(page.tables["agencies"].records(),
                                   key=lambda r: r["city"] or ""), "city")
    return {"cities": [(city, rows[:limit], totals.get(city, len(rows)))
                       for city, rows in cities]}
