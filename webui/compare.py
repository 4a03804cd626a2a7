"""Compare cities: for one sector, agency types × cities, as a heat-map drawn on the server.

Each cell is what the named query compare_cities counts for one type in one city: the tasks
it carries, the share it leads, the share that print no lead; its shade (a CSS class, since
the page allows no inline style) follows the measure the clerk picks. A cell links to its
tasks (compare_tasks), and the whole comparison downloads as CSV, JSON or XLSX.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, request, send_file, url_for

from graph.rows import short_name
from webui.compare_sheet import XLSX_TYPE, to_xlsx
from webui.db import fetch
from webui.errors import BadParameter
from webui.filters import Choices, load_choices
from webui.params import choice_arg, text_arg
from webui.tables import Link, Page, Table, respond, safe_filename

bp = Blueprint("compare", __name__, url_prefix="/compare")

# What a cell's shade shows: the share of the city's tasks the type carries, the share of
# its tasks it leads, or the share of its tasks that print no lead.
MEASURES = {"share": "占本市任务的比例", "lead": "牵头的比例", "unnamed": "未写明牵头的比例"}
BUCKETS = 5  # shades besides "none": 0–20 %, 20–40 % … of the measure
DEFAULT_CITIES = 8  # with more cities than this, the page starts with the busiest ones
MAX_CITIES = 30  # more columns than this cannot be read side by side
CITY_SEPARATORS = "、,， "
TASK = Link("tasks.task", "task_id", "task_id")
PLAN = Link("plans.plan", "doc_id", "doc_id")


@dataclass(frozen=True)
class Cell:
    """One type in one city (or the city's row: every task of the sector)."""

    tasks: int
    led: int
    explicit: int
    unnamed: int
    city_tasks: int

    @property
    def share(self) -> float:
        return self.tasks / self.city_tasks if self.city_tasks else 0.0

    @property
    def lead(self) -> float:
        return self.led / self.tasks if self.tasks else 0.0

    @property
    def no_lead(self) -> float:
        return self.unnamed / self.tasks if self.tasks else 0.0

    def measure(self, name: str) -> float:
        return {"share": self.share, "lead": self.lead, "unnamed": self.no_lead}[name]

    def bucket(self, name: str) -> int:
        """1 … BUCKETS by the measure (a cell with tasks is never blank), 0 without tasks."""
        if not self.tasks:
            return 0
        return max(1, min(BUCKETS, math.ceil(self.measure(name) * BUCKETS)))


@dataclass
class Matrix:
    """Types (rows, busiest first) × cities (columns, as asked)."""

    sector: str
    cities: list[str]
    types: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    totals: dict[str, Cell] = field(default_factory=dict)

    def cell(self, kind: str, city: str) -> Cell | None:
        return self.cells.get((kind, city))


@bp.get("/")
def index() -> Any:
    page = compare_page()
    if request.args.get("format") == "xlsx":
        matrix: Matrix = page.view["matrix"]
        data = to_xlsx(matrix, page.tables["comparison"])
        cities = "、".join(map(short_name, matrix.cities))
        name = safe_filename(f"分工对比-{matrix.sector}-{cities}")
        return send_file(data, mimetype=XLSX_TYPE, as_attachment=True,
                         download_name=f"{name}.xlsx")
    return respond(page, "compare/index.html")


@bp.get("/tasks")
def tasks() -> Any:
    return respond(cell_page(), "compare/tasks.html")


def compare_page() -> Page:
    """The comparison under this request's sector, cities and measure."""
    choices = load_choices()
    sector = _sector(choices)
    cities = _cities(choices)
    measure = choice_arg("show", MEASURES, "share") or "share"
    table = fetch("compare_cities", title="各城市分工对比", sector=sector,
                  cities="、".join(cities)) if sector else Table(
        "comparison", "各城市分工对比", ["city", "type"], [])
    matrix = build_matrix(sector or "", cities, table.records())
    return Page(f"各城市分工对比:{sector or '—'}",
                info={"sector": sector, "cities": cities, "show": measure},
                tables={"comparison": shares_table(matrix)},
                view={"matrix": matrix, "choices": choices, "measures": MEASURES,
                      "buckets": BUCKETS, "links": cell_links(matrix)})


def build_matrix(sector: str, cities: list[str], records: list[dict[str, Any]]) -> Matrix:
    """compare_cities rows (long form) as the matrix; types ordered by tasks in all cities."""
    matrix = Matrix(sector, cities)
    totals = {r["city"]: r for r in records if r["type"] == ""}
    for city in cities:
        r = totals.get(city)
        matrix.totals[city] = _cell(r, r["tasks"] if r else 0) if r else Cell(0, 0, 0, 0, 0)
    carried: dict[str, int] = {}
    for r in records:
        if r["type"] and r["city"] in matrix.totals:
            matrix.cells[(r["type"], r["city"])] = _cell(r, matrix.totals[r["city"]].tasks)
            carried[r["type"]] = carried.get(r["type"], 0) + r["tasks"]
    matrix.types = sorted(carried, key=lambda t: (-carried[t], t))
    return matrix


def shares_table(matrix: Matrix) -> Table:
    """The matrix in long form with its shares: what CSV and JSON give."""
    columns = ["city", "type", "tasks", "led_tasks", "explicit_leads", "unnamed_lead",
               "city_share", "lead_share", "unnamed_share"]
    rows = []
    for city in matrix.cities:
        for kind in ["", *matrix.types]:
            c = matrix.totals[city] if kind == "" else matrix.cell(kind, city)
            if c is not None and (c.tasks or kind == ""):
                rows.append([city, kind, c.tasks, c.led, c.explicit, c.unnamed,
                             round(c.share, 3), round(c.lead, 3), round(c.no_lead, 3)])
    return Table("comparison", "各城市分工对比", columns, rows)


def cell_links(matrix: Matrix) -> dict[tuple[str, str], str]:
    """Each cell's task list; a city's row links to the task list of that city and sector."""
    links = {(kind, city): url_for("compare.tasks", sector=matrix.sector, city=city, type=kind)
             for kind, city in matrix.cells}
    links |= {("", city): url_for("tasks.index", city=city, sector=matrix.sector)
              for city in matrix.cities}
    return links


def cell_page() -> Page:
    """The tasks of one cell: one agency type in one city, for the sector."""
    choices = load_choices()
    city = text_arg("city")
    full = _full_names(choices)
    if city not in full:
        raise BadParameter(f"city={city!r} is not a city with plans; use one of: "
                           f"{'、'.join(choices.cities)}")
    kind, sector = text_arg("type"), _sector(choices)
    if not kind:
        raise BadParameter("type is required: the agency type of the cell (单位类型)")
    role = choice_arg("role", ("any", "lead"), "any")
    unnamed = choice_arg("unnamed", ("0", "1"), "0") == "1"
    table = fetch("compare_tasks", title=f"{short_name(full[city])} · {kind}",
                  city=full[city], type=kind, sector=sector, role=role, unnamed=unnamed,
                  ).sorted("task_id")
    table.hidden, table.links = ("task_id", "doc_id"), {"title": TASK, "plan": PLAN}
    return Page(f"{short_name(full[city])} · {kind} · {sector or '全部领域'}",
                info={"city": full[city], "type": kind, "sector": sector, "role": role,
                      "unnamed": unnamed},
                tables={"tasks": table})


def _cell(r: dict[str, Any], city_tasks: int) -> Cell:
    return Cell(r["tasks"], r["led_tasks"], r["explicit_leads"], r["unnamed_lead"], city_tasks)


def _sector(choices: Choices) -> str | None:
    default = "5G" if "5G" in choices.sectors else next(iter(choices.sectors), None)
    return choice_arg("sector", choices.sectors, default)


def _full_names(choices: Choices) -> dict[str, str]:
    return {short_name(c): c for c in choices.cities} | {c: c for c in choices.cities}


def _cities(choices: Choices) -> list[str]:
    """The cities asked for (`city` repeated, or `cities` separated by 、), as full names;
    none asked: every city, or the DEFAULT_CITIES with the most plans."""
    full = _full_names(choices)
    asked = request.args.getlist("city") + _split(request.args.get("cities", ""))
    unknown = [c for c in asked if c not in full]
    if unknown:
        known = "、".join(choices.cities) if len(choices.cities) <= 40 else "see /plans/"
        raise BadParameter(f"not a city with plans: {'、'.join(unknown)}; use one of: {known}")
    found = list(dict.fromkeys(full[c] for c in asked))
    if len(found) > MAX_CITIES:
        raise BadParameter(f"{len(found)} cities asked; at most {MAX_CITIES} side by side")
    return found or _busiest(choices)


def _busiest(choices: Choices) -> list[str]:
    if len(choices.cities) <= DEFAULT_CITIES:
        return list(choices.cities)
    plans = fetch("plan_cities").records()
    ranked = sorted(plans, key=lambda r: (-r["plans"], r["city"]))[:DEFAULT_CITIES]
    return sorted(r["city"] for r in ranked)


def _split(text: str) -> list[str]:
    for mark in CITY_SEPARATORS[1:]:
        text = text.replace(mark, CITY_SEPARATORS[0])
    return [c.strip() for c in text.split(CITY_SEPARATORS[0]) if c.strip()]
