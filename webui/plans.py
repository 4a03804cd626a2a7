"""Plan pages: the loaded plans, and one plan's division-of-labour table with gaps flagged."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, render_template

from webui import db
from webui.auth import audit, editor_required
from webui.correction_panels import dropped_tasks
from webui.db import fetch, fetch_one
from webui.due import deadlines_of, per_task_targets, plan_targets, task_ids, with_columns
from webui.errors import NotFound
from webui.filters import city_arg, load_choices
from webui.tables import Link, Page, Table, respond
from webui.upload import get_jobs

bp = Blueprint("plans", __name__, url_prefix="/plans")

PLAN = Link("plans.plan", "doc_id", "doc_id")
TASK = Link("tasks.task", "task_id", "task_id")


@bp.get("/")
def index() -> Any:
    return respond(plans_page(), "plans/index.html")


@bp.get("/<doc_id>")
def plan(doc_id: str) -> Any:
    return respond(load_plan(doc_id), "plans/plan.html")


@bp.get("/<doc_id>/remove")
@editor_required
def remove_form(doc_id: str) -> Any:
    """Ask before removing: what goes with the plan, and that it cannot be undone."""
    return render_template("plans/remove.html", plan=plan_record(doc_id), done=None)


@bp.post("/<doc_id>/remove")
@editor_required
def remove(doc_id: str) -> Any:
    return render_template("plans/remove.html", plan=None, done=remove_plan(doc_id))


def plan_record(doc_id: str) -> dict[str, Any]:
    info = fetch_one("plan_info", doc=doc_id)
    if info is None:
        raise NotFound(f"没有编号为 {doc_id!r} 的方案 (no plan with this id)")
    return info


def remove_plan(doc_id: str) -> dict[str, Any]:
    """Remove the plan through the app's one writer, with its tasks and the agencies and
    sectors it alone named; the original kept from an upload goes too."""
    info = plan_record(doc_id)
    result = db.write(lambda store: store.remove([info["doc_id"]]))
    report = str(result).splitlines()
    if get_jobs().forget_original(info["file"] or ""):
        report.append(f"上传时保存的原文件 {info['file']} 已删除 (kept original deleted)")
    audit("remove", info["doc_id"], f"{info['file']}《{info['title'] or ''}》; "
                                    + "; ".join(report))
    return {"removed": info["doc_id"], "title": info["title"], "file": info["file"],
            "report": report}


def plans_page() -> Page:
    choices = load_choices()
    city = city_arg(choices)
    plans = fetch("plans", title="方案", city=city)
    return Page("方案", info={"filters": {"city": city}}, view={"choices": choices},
                tables={"plans": replace(plans, hidden=("doc_id",), links={"title": PLAN})})


def load_plan(doc_id: str) -> Page:
    """The plan and its table: who leads and who works on each task, gaps flagged, each
    task's deadlines and targets; and the targets of its goals section."""
    info = fetch_one("plan_info", doc=doc_id)
    if info is None:
        raise NotFound(f"没有编号为 {doc_id!r} 的方案 (no plan with this id)")
    table = flag_gaps(fetch("plan_table", title="责任分工表", doc=info["doc_id"]))
    flags = [r["flag"] for r in table.records()]
    targets = plan_targets(info["doc_id"])
    table = with_columns(table, deadlines=deadlines_of(task_ids(table)),
                         targets=per_task_targets(targets))
    return Page(info["title"] or doc_id, info={"id": info["doc_id"], **info, "flags": {
        "no_units": flags.count("no_units"),
        "no_explicit_lead": flags.count("no_explicit_lead")}},
        tables={"tasks": replace(table, hidden=("task_id",), links={"title": TASK}),
                "targets": targets},
        view={"dropped": dropped_tasks(info["doc_id"], table.records()),
              "goals": [r for r in targets.records() if not r["task_id"]]})


def flag_gaps(table: Table) -> Table:
    """Add `flag`: no_units when nobody is named, no_explicit_lead when no lead is printed."""
    rows = [[*row, _flag(r)] for row, r in zip(table.rows, table.records(), strict=True)]
    return replace(table, columns=[*table.columns, "flag"], rows=rows)


def _flag(r: dict[str, Any]) -> str:
    if not (r["leads"] or r["units"] or r["implied"]):
        return "no_units"
    return "" if r["lead_basis"] == "explicit" else "no_explicit_lead"
