"""The 督办 pages: /duban/ (per plan, per agency, overdue, no longer matching), one plan,
one agency, one task's history, and the import of returned sheets (editors only)."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

from graph.model import plan_of_task
from webui.auth import audit, current_editor, editor_required
from webui.errors import NotFound
from webui.params import choice_arg, int_arg
from webui.supervision import summary
from webui.supervision.assignments import Ledger
from webui.supervision.importing import FileResult, import_sheets
from webui.supervision.opening import MAX_FILE_BYTES
from webui.supervision.overview import board, overdue_lines, unmatched
from webui.supervision.reading import (
    latest_reports,
    ledger,
    plan_parts,
    progress_store,
    tally_of,
    writable_store,
)
from webui.supervision.summary import COUNT_COLUMNS, LINE_COLUMNS, UNMATCHED_COLUMNS, Line
from webui.supervision.vocabulary import vocabulary
from webui.tables import Link, Page, Table, json_response, respond, sort_requested

bp = Blueprint("supervision", __name__, url_prefix="/duban")

PLAN = Link("supervision.plan", "doc_id", "doc_id")
AGENCY = Link("supervision.agency", "agency_id", "agency_id")
TASK = Link("supervision.task", "key", "task_key")
LINE_HIDDEN = ("task_key", "doc_id", "agency_id", "task_id")
MAX_FILES = 50
# Rows of each long table the /duban/ page draws at a time (`?table=…&offset=` pages on);
# the CSV and JSON twins have every row. At scale 1000 the overview's tables hold 5,000
# plans, 13,000 agencies and 30,000 overdue lines: 500 rows of each took 0.3 s to draw.
SHOWN_ROWS = 100
LONG_TABLES = ("plans", "agencies", "overdue")


@dataclass(frozen=True)
class Window:
    """Which rows of the overview's long tables the HTML page draws: `shown` rows of
    each, from `offset` in the table `?table=` names (the first table by default), from
    the first row in the others."""

    shown: int
    table: str
    offset: int
    sorted: bool  # `?sort=` given: that table is sorted over every row, then cut

    @classmethod
    def asked(cls, shown: int) -> Window:
        return cls(shown, request.args.get("table") or LONG_TABLES[0],
                   int_arg("offset", 0, 0, 10_000_000), bool(request.args.get("sort")))

    def start(self, name: str) -> int:
        return self.offset if name == self.table else 0

    def needed(self, name: str) -> int | None:
        """How many of a table's first rows, in its own order, the page may draw (None:
        every row, for the table sorted by `?sort=`)."""
        return None if self.sorted and name == self.table else self.start(name) + self.shown


def needed(window: Window | None, name: str) -> int | None:
    return window.needed(name) if window else None


@bp.get("/")
def index() -> Any:
    if request.args.get("format") in ("csv", "json"):
        return respond(overview(), "duban/index.html")
    return respond(overview(Window.asked(SHOWN_ROWS)), "duban/index.html")


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
    part = plan_parts()[1].get(plan_of_task(task_id))
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


def overview(window: Window | None = None) -> Page:
    """Every plan and agency (of one city, `?city=`) with its counts; what is overdue;
    what no longer matches; the latest imports. With a `window`, the long tables hold
    only the rows the page draws (their first rows made, sorted and cut: `cut`)."""
    version, parts = plan_parts()
    today = date.today()
    tally = tally_of(version, parts, today)
    latest = latest_reports()
    city = choice_arg("city", tally.city_names()) or ""
    found = board(tally, latest, today, city)
    late = overdue_lines(tally, latest, today, city)
    store = progress_store()
    page = Page("督办", info={"today": today.isoformat(), "city": city,
                              "assignments": found.assignments, "overdue": found.overdue,
                              "reported": found.reported},
                tables={"plans": _plan_table(found.plans, needed(window, "plans")),
                        "agencies": _agency_table(found.agencies, needed(window, "agencies")),
                        "overdue": line_table("逾期未完成",
                                              list(islice(late, needed(window, "overdue")))),
                        "unmatched": unmatched_table(unmatched(tally, latest)),
                        "imports": imports_table(store.imports() if store else [])},
                view={"has_store": store is not None, "cities": tally.city_names(),
                      "totals": {"plans": len(found.plans), "agencies": len(found.agencies),
                                 "overdue": found.overdue}})
    return cut(page, window) if window else page


def cut(page: Page, window: Window) -> Page:
    """The page with each long table cut to the rows `window` draws; sorted (`?sort=`)
    before it is cut, so those are the rows of the whole table in that order."""
    sort_requested(page)
    for name in LONG_TABLES:
        table, start = page.tables[name], window.start(name)
        page.tables[name] = replace(table, rows=table.rows[start:start + window.shown])
        page.view.setdefault("offsets", {})[name] = start
    page.view["shown"] = window.shown
    return page


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
    held = tally_of(version, parts, date.today()).get(key)
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


def _plan_table(rows: list[list[Any]], first: int | None = None) -> Table:
    """Counts per plan, the most overdue first, then the most unreported."""
    columns = ["plan", "doc_id", *COUNT_COLUMNS]
    return Table("plans", "各方案进展", columns, _worst_first(rows, columns, first),
                 hidden=("doc_id",), links={"plan": PLAN})


def _agency_table(rows: list[list[Any]], first: int | None = None) -> Table:
    """Counts per agency, the most overdue first, then the most unreported."""
    columns = ["agency", "city", "agency_id", *COUNT_COLUMNS]
    return Table("agencies", "各单位进展", columns, _worst_first(rows, columns, first),
                 hidden=("agency_id",), links={"agency": AGENCY})


def _worst_first(rows: list[list[Any]], columns: list[str],
                 first: int | None = None) -> list[list[Any]]:
    """The rows (only the `first` of them: 13,000 agencies sort in 0.1 s), ties by the
    group's columns, all of them: rows come in no set order."""
    late, silent = columns.index("overdue"), columns.index(summary.UNREPORTED)
    group = columns.index("assignments")

    def key(r: list[Any]) -> tuple[Any, ...]:
        return (-r[late], -r[silent], *r[:group])
    return sorted(rows, key=key) if first is None else heapq.nsmallest(first, rows, key=key)


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
