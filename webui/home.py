"""Home: a question box, what the graph holds, who carries the most obligations, and search."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint

from queries.excerpts import Excerpt
from queries.intents import load_intents
from queries.search import KINDS, Found, Hit
from webui.agencies import agency_ranking
from webui.db import fetch_one
from webui.filters import Filters, load_choices, read_filters
from webui.params import choice_arg, int_arg, text_arg
from webui.search_index import search_index
from webui.tables import Link, Page, Table, respond

bp = Blueprint("home", __name__)

# The question coordination offices ask first: which departments carry the 5G work.
HOME_FILTERS = Filters(sector="5G", kind="department")
# Search results: one table per kind, named for the page's sections and downloads.
SEARCH_TABLES = {"agency": "agencies", "plan": "plans", "task": "tasks"}
SEARCH_TITLES = {"agency": "单位", "plan": "方案", "task": "任务"}
SEARCH_COLUMNS = {"agency": ("id", "name", "city", "kind", "type", "tasks", "matched"),
                  "plan": ("id", "title", "city", "doc_number", "issued"),
                  "task": ("id", "doc_id", "title", "no", "city", "plan", "excerpt")}
SEARCH_HIDDEN = ("id", "doc_id")
SEARCH_LINKS: dict[str, dict[str, Link | tuple[Link, ...]]] = {
    "agency": {"name": Link("agencies.agency", "agency_id", "id")},
    "plan": {"title": Link("plans.plan", "doc_id", "id")},
    "task": {"title": Link("tasks.task", "task_id", "id"),
             "plan": Link("plans.plan", "doc_id", "doc_id")}}


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
    """Agencies, plans and tasks that the words of `q` find (webui.search_index), each kind
    ranked, with how many there are in all; `kind` and `offset` page through one kind."""
    q, limit = text_arg("q"), int_arg("limit", 20, 1, 200)
    kind, offset = choice_arg("kind", KINDS), int_arg("offset", 0, 0, 1_000_000)
    found = search_index().search(q, limit=limit, offset=offset,
                                  kinds=(kind,) if kind else KINDS) if q else None
    tables = {SEARCH_TABLES[k]: _found(k, found) for k in found.hits} if found else {}
    return Page(f"搜索:{q}" if q else "搜索",
                info={"q": q, "kind": kind, "offset": offset, "limit": limit,
                      "totals": found.totals if found else {},
                      "looked_for": found.terms if found else [],
                      "ms": round(found.ms, 1) if found else None},
                tables=tables,
                view={"excerpts": _excerpts(found), "kinds": SEARCH_TABLES})


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


def _found(kind: str, found: Found) -> Table:
    """One kind's hits as a table: names linked to their pages, ids behind the links."""
    columns = list(SEARCH_COLUMNS[kind])
    rows = [[_field(hit, c) for c in columns] for hit in found.hits[kind]]
    return Table(SEARCH_TABLES[kind], SEARCH_TITLES[kind], columns, rows, hidden=SEARCH_HIDDEN,
                 links=SEARCH_LINKS[kind])


def _field(hit: Hit, column: str) -> Any:
    if column == "matched":
        return hit.matched
    if column == "excerpt":
        return "".join(text for text, _ in hit.excerpt)
    return hit.fields.get(column)


def _excerpts(found: Found | None) -> dict[str, Excerpt]:
    """Each task's passage in pieces, found words marked: the template escapes every piece."""
    if found is None:
        return {}
    return {hit.fields["id"]: hit.excerpt for hit in found.hits.get("task", [])}
