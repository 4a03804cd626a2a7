"""The filters the ranking and the network share: sector, city, agency kind, role.

Choices come from the graph (cities with plans, tagged sectors) and the model's closed
vocabularies, so a filter form only offers values that can match, and a hand-edited
address with an unknown value gets a 400 naming the accepted ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from flask import request

from graph.model import KINDS
from graph.rows import short_name
from webui.db import fetch
from webui.labels import KIND_LABELS, ROLE_LABELS
from webui.params import choice_arg

ROLES = ("any", "lead")

# Pages of a graph with more cities than this start with one city, or a list of cities,
# rather than drawing every city at once (a province's plans: hundreds of cities).
ALL_CITIES_AT_MOST = 12

@dataclass(frozen=True)
class Choices:
    """What each filter accepts: full city names, sector names, kinds, roles."""

    cities: list[str]
    sectors: list[str]
    kinds: dict[str, str] = field(default_factory=lambda: dict(KIND_LABELS))
    roles: dict[str, str] = field(
        default_factory=lambda: {r: ROLE_LABELS[r] for r in ROLES})


@dataclass(frozen=True)
class Filters:
    sector: str | None = None
    city: str | None = None
    kind: str | None = None
    role: str = "any"

    def params(self) -> dict[str, Any]:
        return asdict(self)


def load_choices() -> Choices:
    """Name lists only: every page calls this, so no counting over the whole graph."""
    cities = [r["city"] for r in fetch("plan_cities").records()]
    sectors = [r["sector"] for r in fetch("sector_names").records()]
    return Choices(cities=cities, sectors=sectors)


def city_arg(choices: Choices) -> str | None:
    """A city with plans, given by full or short name (常州 for 常州市): the full name."""
    full = {short_name(c): c for c in choices.cities} | {c: c for c in choices.cities}
    city = choice_arg("city", full)
    return full[city] if city else None


def read_filters(choices: Choices, defaults: Filters = Filters()) -> Filters:
    """The filters of this request, checked against `choices`; absent ones keep defaults."""
    return Filters(
        sector=choice_arg("sector", choices.sectors, defaults.sector),
        city=city_arg(choices) if "city" in request.args else defaults.city,
        kind=choice_arg("kind", KINDS, defaults.kind),
        role=choice_arg("role", ROLES, defaults.role) or "any",
    )
