"""Home: a question box, what the graph holds, who carries the most obligations, and search."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint

from queries.intents import load_intents
from webui.agencies import agency_ranking
from webui.db import fetch, fetch_one
from webui.filters import Filters, load_choices, read_filters
from webui.params import int_arg, text_arg
from webui.tables import Link, Page, Table, respond

bp = Blueprint("home", __name__)

# The question coordination offices ask first: which departments carry the 5G work.
HOME_FILTERS = Filters(sector="5G", kind="department")
SEARCH_LINKS = {"agency": Link("agencies.agency", "agency_id", "id"),
                "task": Link("tasks.task", "task_id", "id")}


@bp.get("/")
def index() -> Any:
    return respond(home_page(), "home/index.html",
                   lambda p: {"bars": bars(p.tables["ranking"])})


@bp.get("/search")
def search() -> Any:
    return respond(search_page(), "home/search.html")


def home_page() -> Page:
    """Counts, and the ranking under this request's filters (5G departments by default)."""
    choices = load_choices()
    # An empty graph, or one without 5G plans, has no 5G to rank by default.
    default = HOME_FILTERS if HOME_FILTERS.sector in choices.sectors else \
        replace(HOME_FILTERS, sector=None)
    filters = read_filters(choices, default)
    ranking = agency_ranking(filters, int_arg("limit", 20, 1, 200), title="承担任务最多的单位")
    return Page("责任图谱", info={"counts": fetch_one("overview") or {},
                                  "filters": filters.params()},
                tables={"ranking": ranking}, view={"choices": choices, "filters": filters,
                                                   "examples": load_intents().examples})


def search_page() -> Page:
    """Agencies and tasks whose names contain `q`; each row links to its own page."""
    q, limit = text_arg("q"), int_arg("limit", 20, 1, 200)
    found = fetch("search", title="搜索结果", q=q, limit=limit) if q else \
        Table("search", "搜索结果", ["kind", "id", "name", "city", "context"], [])
    agencies = [r for r in found.rows if r[0] == "agency"]
    tasks = [r for r in found.rows if r[0] == "task"]
    return Page(f"搜索:{q}" if q else "搜索", info={"q": q}, tables={
        "agencies": _found("agencies", "单位", agencies, found.columns, SEARCH_LINKS["agency"]),
        "tasks": _found("tasks", "任务", tasks, found.columns, SEARCH_LINKS["task"])})


def bars(ranking: Table) -> list[dict[str, Any]]:
    """Per agency, the widths (percent of the top count) of explicit, inferred, other."""
    records = ranking.records()
    top = max((r["tasks"] for r in records), default=0) or 1
    out = []
    for r in records:
        explicit, inferred = r["explicit_leads"], r["first_listed_leads"]
        widths = [100 * n / top for n in (explicit, inferred, r["tasks"] - explicit - inferred)]
        out.append({"record": r, "explicit": widths[0], "inferred": widths[1],
                    "other": widths[2], "x_inferred": widths[0],
                    "x_other": widths[0] + widths[1]})
    return out


def _found(name: str, title: str, rows: list[list[Any]], columns: list[str],
           link: Link) -> Table:
    return Table(name, title, columns, rows, hidden=("kind", "id"), links={"name": link})
