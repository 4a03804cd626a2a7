"""Task pages: the list of tasks, and one task with its units marked in the plan's words;
editors also get the task's correction forms (webui.corrections)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint

from webui.auth import current_editor
from webui.correction_book import book_file
from webui.correction_panels import task_panel, task_records
from webui.db import fetch, fetch_one
from webui.due import task_deadlines, task_targets, with_deadlines
from webui.errors import NotFound
from webui.filters import city_arg, load_choices
from webui.highlight import highlight
from webui.params import choice_arg, date_arg, int_arg, text_arg
from webui.tables import Link, Page, Table, respond

bp = Blueprint("tasks", __name__, url_prefix="/tasks")

AGENCY = Link("agencies.agency", "agency_id", "agency_id")
TASK = Link("tasks.task", "task_id", "task_id")
PLAN = Link("plans.plan", "doc_id", "doc_id")
SECTOR_ITEM = Link("sectors.sector", "name", "sectors")
ASSIGNMENT_COLUMNS = ("agency", "basis", "kind", "mention", "source", "correction", "agency_id",
                      "role")


@bp.get("/")
def index() -> Any:
    return respond(tasks_page(), "tasks/index.html")


@bp.get("/<task_id>")
def task(task_id: str) -> Any:
    return respond(load_task(task_id), "tasks/task.html")


def tasks_page() -> Page:
    """Tasks of the chosen city, plan and sector, with their leads and deadlines; with
    `due_by`, only those a dated deadline makes due by that day (named query tasks_due)."""
    choices = load_choices()
    filters = {"city": city_arg(choices),
               "sector": choice_arg("sector", choices.sectors), "doc": text_arg("doc")}
    due_by, limit = date_arg("due_by"), int_arg("limit", 500, 1, 5000)
    if due_by:
        tasks = fetch("tasks_due", title=f"{due_by} 前到期的任务", due_by=due_by, limit=limit,
                      **filters)
    else:
        tasks = task_list(filters, limit)
    tasks = with_deadlines(tasks, targets=True)
    return Page("任务", info={"filters": {**filters, "due_by": due_by}},
                view={"choices": choices},
                tables={"tasks": replace(tasks, hidden=("task_id", "doc_id"),
                                         links={"title": TASK, "plan": PLAN},
                                         item_links={"sectors": SECTOR_ITEM})})


def task_list(filters: dict[str, Any], limit: int) -> Table:
    """The rows of named query `tasks` under `filters`. A city's or a plan's are few and
    `tasks` finds them from its node; for every task, or a sector's, the page is cut first
    (`task_ids`) and its tasks then read by id (`task_rows`): LadybugDB, cutting the page
    in the text that then reads each task's leads and sectors, reads every assignment of
    the graph (0.3–0.5 s at scale 1000, the two steps 0.1–0.2 s)."""
    if filters["city"] or filters["doc"]:
        return fetch("tasks", title="任务", limit=limit, **filters)
    # task_ids' city and plan branches would read their edges though left empty.
    ids = [row[0] for row in fetch("task_ids_by_sector", limit=limit,
                                   sector=filters["sector"]).rows]
    if not ids:
        return fetch("tasks", title="任务", limit=limit, **filters)
    return fetch("task_rows", title="任务", ids=ids)


def load_task(task_id: str) -> Page:
    """The task, who is assigned (lead first), and its text with the units marked."""
    info = fetch_one("task_info", task=task_id)
    if info is None:
        raise NotFound(f"没有编号为 {task_id!r} 的任务 (no task with this id)")
    table = fetch("task_assignments", title="责任分工", task=task_id)
    records = table.records()
    assignments = replace(table.only(*ASSIGNMENT_COLUMNS), hidden=("agency_id", "role"),
                          links={"agency": AGENCY})
    view = {"highlight": highlight(info["text"] or "", records), "by_role": _by_role(records),
            "records": task_records(info["doc_id"], info["no"] or "", info["title"] or "")}
    if current_editor() is not None and book_file().path is not None:
        view["correct"] = task_panel(info, records)
    return Page(info["title"] or task_id, info={"id": task_id, **info},
                tables={"assignments": assignments, "deadlines": task_deadlines(task_id),
                        "targets": task_targets(info["doc_id"], task_id)}, view=view)


def _by_role(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Leads (explicit or inferred), listed units, units by standing rule."""
    return {role: [r for r in records if r["role"] == role]
            for role in ("lead", "unit", "implied")}
