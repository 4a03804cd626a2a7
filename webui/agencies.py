"""Agency pages: the ranking of all agencies, and one agency's obligations with exports."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from typing import Any

from flask import Blueprint, render_template, send_file

from webui import exports
from webui.db import fetch, fetch_one
from webui.due import agency_targets, agency_timeline, deadline_lists, timeline_view, with_columns
from webui.errors import NotFound
from webui.evidence import count_links, partner_links
from webui.filters import Filters, load_choices, read_filters
from webui.params import date_arg, int_arg
from webui.supervision.reading import keyed
from webui.tables import Link, Page, Table, ordered_groups, respond, safe_filename

bp = Blueprint("agencies", __name__, url_prefix="/agencies")

AGENCY = Link("agencies.agency", "agency_id", "id")
TASK = Link("tasks.task", "task_id", "task_id")
SECTOR = Link("sectors.sector", "name", "sector")
SECTOR_ITEM = Link("sectors.sector", "name", "sectors")
TASK_COLUMNS = ("doc_id", "plan", "section", "no", "title", "role", "basis", "co_agencies",
                "sectors", "task_id", "corrections")


@bp.get("/")
def index() -> Any:
    return respond(agencies_page(), "agencies/index.html")


@bp.get("/<agency_id>")
def agency(agency_id: str) -> Any:
    return respond(load_agency(agency_id), "agencies/agency.html", _grouped)


@bp.get("/<agency_id>/print")
def print_view(agency_id: str) -> str:
    page = load_agency(agency_id)
    return render_template("agencies/print.html", page=page, today=date.today(),
                           rows=exports.task_list(page.tables["tasks"]))


@bp.get("/<agency_id>/tasks.xlsx")
def tasks_xlsx(agency_id: str) -> Any:
    page = load_agency(agency_id)
    rows = keyed(agency_id, exports.task_list(page.tables["tasks"]))  # task keys: 督办
    data = exports.to_xlsx(page.info, rows)
    return _download(data, page, "xlsx", exports.XLSX_TYPE)


@bp.get("/<agency_id>/tasks.docx")
def tasks_docx(agency_id: str) -> Any:
    page = load_agency(agency_id)
    rows = keyed(agency_id, exports.task_list(page.tables["tasks"]))  # task keys: 督办
    data = exports.to_docx(page.info, rows, date.today())
    return _download(data, page, "docx", exports.DOCX_TYPE)


def agencies_page() -> Page:
    """Every agency with tasks under this request's filters, most tasks first."""
    choices = load_choices()
    filters = read_filters(choices)
    ranking = agency_ranking(filters, int_arg("limit", 1000, 1, 5000), title="单位")
    return Page("单位", info={"filters": filters.params()}, tables={"agencies": ranking},
                view={"choices": choices, "filters": filters})


def agency_ranking(filters: Filters, limit: int, title: str) -> Table:
    """Agencies by number of tasks under `filters` (named query top_agencies)."""
    table = fetch("top_agencies", title=title, limit=limit, **filters.params())
    # Each count opens its clauses; city and kind are the agency's own, so they add nothing.
    evidence = count_links("agency", "id", sector=filters.sector, role=filters.role)
    return replace(table, name="ranking", hidden=("id",), links={"name": AGENCY, **evidence})


def load_agency(agency_id: str) -> Page:
    """One agency: its tasks (with the sentences naming it, their deadlines and targets),
    sectors, partners and the timeline of what falls due."""
    info = fetch_one("agency_detail", agency=agency_id)
    if info is None:
        raise NotFound(f"没有编号为 {agency_id!r} 的单位 (no agency with this id)")
    # By id: agency_sectors also looks up units as printed, reading every assignment.
    sectors = fetch("agency_sector_counts", title="各领域任务数", agency=agency_id).only(
        "sector", "tasks", "explicit_leads", "first_listed_leads")
    partners = fetch("agency_partners", title="最常共同承担任务的单位", agency=agency_id,
                     limit=10)
    timeline = agency_timeline(agency_id)
    tasks = _task_table(agency_id)
    tasks = with_columns(tasks, deadlines=deadline_lists(timeline),
                         targets=agency_targets(agency_id))
    return Page(f"{info['name']}({info['city'] or '—'})",
                info={**info, "due_by": date_arg("due_by")}, tables={
        "tasks": tasks,
        "sectors": replace(sectors, links={"sector": SECTOR,
                                           **count_links("sector", "sector", agency=agency_id)}),
        "partners": replace(partners, hidden=("id",),
                            links={"name": AGENCY, **partner_links(agency_id)}),
        "timeline": timeline})


def _task_table(agency_id: str) -> Table:
    tasks = fetch("agency_tasks", title="任务清单", agency=agency_id).only(*TASK_COLUMNS)
    evidence = {r["task_id"]: r for r in fetch("agency_evidence", agency=agency_id).records()}
    rows = []
    for row in tasks.rows:
        found = evidence.get(row[TASK_COLUMNS.index("task_id")], {})
        rows.append([*row, found.get("mentions", []), found.get("sentences", [])])
    return replace(tasks, columns=[*tasks.columns, "mentions", "sentences"], rows=rows,
                   hidden=("doc_id", "plan", "section", "role", "task_id", "mentions",
                           "sentences"),
                   links={"title": TASK}, item_links={"sectors": SECTOR_ITEM})


def _grouped(page: Page) -> dict[str, Any]:
    """The task list grouped by plan, then section, in the table's (sorted) order, and the
    timeline of what falls due (up to `due_by` when given)."""
    plans = ordered_groups(page.tables["tasks"].records(), "doc_id")
    due_by = page.info["due_by"]
    return {"plans": [(doc_id, rows[0]["plan"], ordered_groups(rows, "section"))
                      for doc_id, rows in plans],
            "timeline": timeline_view(page.tables["timeline"], due_by), "due_by": due_by}


def _download(data: bytes, page: Page, suffix: str, mimetype: str) -> Any:
    name = safe_filename(f"任务清单-{page.info['name']}-{page.info['city'] or ''}") + f".{suffix}"
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True,
                     download_name=name)
