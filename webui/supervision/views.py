"""The 督办 pages: /duban/ (per plan, per agency, overdue, no longer matching), one plan,
one agency, one task's history, and the import of returned sheets (editors only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from webui.auth import audit, current_editor, editor_required
from webui.errors import NotFound
from webui.params import choice_arg
from webui.supervision import summary
from webui.supervision.assignments import Ledger
from webui.supervision.importing import FileResult, import_sheets
from webui.supervision.opening import MAX_FILE_BYTES
from webui.supervision.overview import board, unmatched
from webui.supervision.reading import (
    held_of,
    keys_of,
    latest_reports,
    ledger,
    plan_parts,
    progress_store,
    writable_store,
)
from webui.supervision.summary import COUNT_COLUMNS, LINE_COLUMNS, UNMATCHED_COLUMNS, Line
from webui.supervision.vocabulary import vocabulary
from webui.tables import Link, Page, Table, json_response, respond

bp = Blueprint("supervision", __name__, url_prefix="/duban")

PLAN = Link("supervision.plan", "doc_id", "doc_id")
AGENCY = Link("supervision.agency", "agency_id", "agency_id")
TASK = Link("supervision.task", "key", "task_key")
LINE_HIDDEN = ("task_key", "doc_id", "agency_id", "task_id")
MAX_FILES = 50


@bp.get("/")
def index() -> Any:
    return respond(overview(), "duban/index.html")


@bp.get("/plans/<doc_id>")
def plan(doc_id: str) -> Any:
    return respond(plan_page(doc_id), "duban/scope.html")


@bp.get("/agencies/<agency_id>")
def agency(agency_id: str) -> Any:
    return respond(agency_page(agency_id), "duban/scope.html")


@bp.get("/tasks/<key>")
def task(key: str) -> Any:
    return respond(task_page(key), "duban/task.html")


@bp.get("/by-task/<task_id>")
def by_task(task_id: str) -> Any:
    """From a graph task id (the task page's link) to its progress page, by its key."""
    part = plan_parts()[1].get(task_id.rpartition("-")[0])  # a task id is its plan's id-NNN
    task = next((a.task for a in part.assignments if a.task.task_id == task_id), None) \
        if part else None
    if task is None:
        raise NotFound(f"没有编号为 {task_id!r} 的任务,或该任务没有承担单位 "
                       "(no such task, or no agency holds it)")
    return redirect(url_for("supervision.task", key=task.key))


@bp.route("/import", methods=["GET", "POST"])
@editor_required
def import_sheets_view() -> Any:
    if request.method == "GET":
        return render_template("duban/import.html", results=None, error="")
    files = request.files.getlist("files")
    named = [f for f in files if f.filename]
    if not named or len(named) > MAX_FILES:
        error = (f"请选择要导入的 Excel 或 Word 文件(一次最多 {MAX_FILES} 个) "
                 "(choose one or more XLSX or DOCX files)")
        return render_template("duban/import.html", results=None, error=error), 400
    data = [(f.filename or "", f.stream.read(MAX_FILE_BYTES + 1)) for f in named]
    results = import_sheets(data, ledger(), writable_store(), current_editor() or "",
                            date.today())
    for result in results:
        audit("progress.import", result.file, result.summary())
    status = 200 if all(r.checked.ok for r in results) else 422
    if request.args.get("format") == "json" or request.accept_mimetypes.best == "application/json":
        return json_response({"files": [_result_json(r) for r in results]}, status)
    return render_template("duban/import.html", results=results, error=""), status


def _result_json(result: FileResult) -> dict[str, Any]:
    c = result.checked
    return {"file": c.file, "imported": c.ok and result.imported is not None,
            "agency_id": c.agency_id, "agency": c.agency,
            "added": result.imported.added if result.imported else 0,
            "unchanged": result.imported.unchanged if result.imported else 0,
            "errors": [str(p) for p in c.problems], "summary": result.summary()}


# --- pages ------------------------------------------------------------------------------


def overview() -> Page:
    """Every plan and agency (of one city, `?city=`) with its counts; what is overdue;
    what no longer matches; the latest imports."""
    version, parts = plan_parts()
    index = keys_of(version, parts)
    latest = latest_reports()
    cities = sorted({c for part in parts.values() for _, c in part.agencies.values() if c})
    city = choice_arg("city", cities) or ""
    found = board(parts, held_of(version, parts, city), index, latest, date.today(), city)
    store = progress_store()
    return Page("督办", info={"today": date.today().isoformat(), "city": city,
                              "assignments": found.assignments, "overdue": len(found.overdue),
                              "reported": found.reported},
                tables={"plans": _plan_table(found.plans),
                        "agencies": _agency_table(found.agencies),
                        "overdue": line_table("逾期未完成", found.overdue),
                        "unmatched": unmatched_table(unmatched(index, latest)),
                        "imports": imports_table(store.imports() if store else [])},
                view={"has_store": store is not None, "cities": cities})


def plan_page(doc_id: str) -> Page:
    found = ledger(doc=doc_id)
    if not found.assignments:
        raise NotFound(f"没有编号为 {doc_id!r} 的方案,或该方案没有列明承担单位的任务 "
                       "(no such plan, or no assigned task)")
    every = summary.lines(found, latest_reports(), date.today())
    first = found.assignments[0].task
    return _scope_page(first.plan, "plan", every, {"doc_id": doc_id, "plan": first.plan},
                       agency_counts(every))


def agency_page(agency_id: str) -> Page:
    found = ledger(agency=agency_id)
    if not found.assignments:
        raise NotFound(f"没有编号为 {agency_id!r} 的单位,或该单位没有任务 "
                       "(no such agency, or it holds no task)")
    every = summary.lines(found, latest_reports(), date.today())
    name, city = found.agencies[agency_id]
    return _scope_page(f"{name}({city or '—'})", "agency", every,
                       {"agency_id": agency_id, "agency": name, "city": city},
                       plan_counts(every))


def _scope_page(title: str, scope: str, every: list[Line], info: dict[str, Any],
                counts: Table) -> Page:
    """A plan's or an agency's progress: counts, overdue, no report, the reports."""
    return Page(title, info={"scope": scope, "today": date.today().isoformat(), **info},
                tables={"counts": counts,
                        "overdue": line_table("逾期未完成", [x for x in every if x.overdue]),
                        "unreported": line_table("未报送", [x for x in every if not x.report]),
                        "reported": line_table("已报送进展", [x for x in every if x.report])})


def task_page(key: str) -> Page:
    """One task key: the task if the graph still has it, each holder's newest report, and
    every report ever imported on it."""
    version, parts = plan_parts()
    held = keys_of(version, parts).get(key)
    tasks = list({a.task.task_id: a.task for a in held}.values())
    store = progress_store()
    history = store.history(key) if store else []
    if not tasks and not history:
        raise NotFound(f"没有任务编码为 {key!r} 的任务或进展记录 (no such task key)")
    latest = latest_reports()
    holders = summary.lines(Ledger(held), latest, date.today())
    first = tasks[0] if tasks else None
    title = first.title if first else history[0].title
    info = {"task_key": key, "matched": bool(tasks), "task_id": first.task_id if first else "",
            "plan": first.plan if first else history[0].plan,
            "doc_id": first.doc_id if first else history[0].doc_id,
            "no": first.no if first else history[0].no, "title": title,
            "deadline": first.deadline if first else ""}
    return Page(title, info=info, tables={
        "holders": line_table("承担单位与最新进展", holders),
        "history": history_table(history)})


# --- tables -----------------------------------------------------------------------------


def plan_counts(every: list[Line]) -> Table:
    return _plan_table(summary.counts(every, summary.by_plan))


def agency_counts(every: list[Line]) -> Table:
    return _agency_table(summary.counts(every, summary.by_agency))


def _plan_table(rows: list[list[Any]]) -> Table:
    """Counts per plan, the most overdue first, then the most unreported."""
    columns = ["plan", "doc_id", *COUNT_COLUMNS]
    return Table("plans", "各方案进展", columns, _worst_first(rows, columns),
                 hidden=("doc_id",), links={"plan": PLAN})


def _agency_table(rows: list[list[Any]]) -> Table:
    """Counts per agency, the most overdue first, then the most unreported."""
    columns = ["agency", "city", "agency_id", *COUNT_COLUMNS]
    return Table("agencies", "各单位进展", columns, _worst_first(rows, columns),
                 hidden=("agency_id",), links={"agency": AGENCY})


def _worst_first(rows: list[list[Any]], columns: list[str]) -> list[list[Any]]:
    late, silent = columns.index("overdue"), columns.index(summary.UNREPORTED)
    return sorted(rows, key=lambda r: (-r[late], -r[silent], r[0], r[1]))


def line_table(title: str, found: list[Line]) -> Table:
    rows = [[r[c] for c in LINE_COLUMNS] for r in (line.record() for line in found)]
    return Table("lines", title, list(LINE_COLUMNS), rows, hidden=LINE_HIDDEN,
                 links={"title": TASK, "plan": PLAN, "agency": AGENCY})


def unmatched_table(found: list[dict[str, Any]]) -> Table:
    return Table("unmatched", "不再匹配的进展", list(UNMATCHED_COLUMNS),
                 [[r[c] for c in UNMATCHED_COLUMNS] for r in found],
                 hidden=("task_key", "agency_id"), links={"title": TASK})


def history_table(history: list[Any]) -> Table:
    words = vocabulary()
    columns = ["imported_at", "imported_by", "agency", "completion", "progress", "reported",
               "note", "file", "agency_id"]
    rows = [[r.imported_at, r.imported_by, r.agency, words.status_word(r.status), r.progress,
             r.reported, r.note, r.file, r.agency_id] for r in history]
    return Table("history", "报送历史", columns, rows, hidden=("agency_id",),
                 links={"agency": AGENCY})


def imports_table(found: list[dict[str, object]]) -> Table:
    columns = ["imported_at", "imported_by", "file", "agency", "added", "unchanged",
               "agency_id"]
    table = Table("imports", "最近导入", columns, [[r[c] for c in columns] for r in found])
    return replace(table, hidden=("agency_id",), links={"agency": AGENCY})
