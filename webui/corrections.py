"""Corrections from the browser: the task page's forms, the corrections page, export and
import, and restoring an item marked as not a task.

Reading stays open (anyone may see which edges a correction made, and why); every change
needs an editor, goes into the book beside the graph, reads the touched plans again from
their stored text and loads them through the app's one writer (webui.rereading), so the
next page shows it. Each change is audited.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, flash, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from graph.settings import Settings
from loaders.agencies import printed_form
from loaders.corrections import FORMATS, Correction
from loaders.errors import LoaderError
from webui import correction_book, rereading
from webui.auth import audit, current_editor, editor_required
from webui.correction_book import book_file
from webui.correction_forms import restore_record, task_record
from webui.correction_panels import city_agencies, plan_keys
from webui.correction_words import words
from webui.db import fetch, fetch_one, get_store
from webui.errors import BadParameter, NotFound
from webui.params import choice_arg, text_arg
from webui.tables import Page, Table, respond, safe_filename
from webui.tasks import load_task

bp = Blueprint("corrections", __name__, url_prefix="/corrections")

STATES = {"matched": "仍然匹配", "unmatched": "不再匹配"}
EXPORT_TYPES = {"yaml": "application/x-yaml", "json": "application/json"}
MAX_IMPORT = 5 * 1024 * 1024  # bytes: a book of tens of thousands of records
RECORD_COLUMNS = ("id", "when", "who", "action", "plan", "task", "mention", "change", "why",
                  "status", "doc_id", "task_id")


def init_app(app: Flask, settings: Settings | None) -> None:
    correction_book.init_app(app, settings)
    app.register_blueprint(bp)


# --- reading ----------------------------------------------------------------------------


@bp.get("/")
def index() -> Any:
    return respond(corrections_page(), "corrections/index.html")


def corrections_page(error: str = "") -> Page:
    """Every record, filtered by plan, action, who and whether it still matches."""
    book = book_file().book()
    filters = {"plan": text_arg("plan"),
               "action": choice_arg("action", words().actions),
               "who": text_arg("who"), "state": choice_arg("state", STATES),
               "record": text_arg("record")}
    keys = plan_keys(filters["plan"]) if filters["plan"] else set()
    records = [r for r in book.records(action=filters["action"], who=filters["who"])
               if filters["record"] in (None, r.id)
               and (not keys or r.plan in keys or r.key.doc in keys)]
    status = rereading.statuses(records)
    if filters["state"]:
        records = [r for r in records if bool(status[r.id]) == (filters["state"] == "unmatched")]
    table = Table(name="records", title="更正记录", columns=list(RECORD_COLUMNS),
                  rows=_rows(records, status), hidden=("doc_id", "task_id"))
    return Page("更正记录", info={"filters": filters, "path": str(book.path.name)},
                tables={"records": table},
                view={"error": error, "whos": sorted({r.who for r in book}),
                      "actions": words().actions, "states": STATES})


def _rows(records: list[Correction], status: dict[str, str]) -> list[list[Any]]:
    plans = _plans(records)
    tasks = _task_ids(records, plans)
    said = words()
    return [[r.id, r.when, r.who, said.action(r.action),
             plans.get(r.id) or r.key.doc or r.plan[:12],
             f"{r.key.task.no} {r.key.task.title}" if r.key.task else "",
             r.key.mention, _change(r), r.why, said.reason(status[r.id]) if status[r.id] else "",
             plans.get(r.id, ""), tasks.get(r.id, "")] for r in records]


def _change(record: Correction) -> str:
    """What the record makes of the reading, in words."""
    payload = record.payload
    role = words().roles.get(payload.get("role", ""), "")
    if record.action == "add_unit":
        return f"{payload['name']}({role})"
    if record.action == "set_role":
        return f"改为{role}"
    if record.action == "alias":
        target = payload.get("agency") or payload.get("new") or {}
        return f"{payload['city']} {target.get('name', '')}" + ("(新单位)" if "new" in payload
                                                                 else "")
    return ""


def _plans(records: list[Correction]) -> dict[str, str]:
    """The stored plan each record's fingerprint names (record id -> plan id), preferring
    the plan it was made on."""
    rows = get_store().run("document_fingerprints", {
        "ids": [], "fingerprints": sorted({r.plan for r in records})}) if records else []
    stored: dict[str, list[str]] = {}
    for row in rows:
        stored.setdefault(row["fingerprint"], []).append(row["id"])
    out = {}
    for record in records:
        found = stored.get(record.plan, [])
        if found:
            out[record.id] = record.key.doc if record.key.doc in found else found[0]
    return out


def _task_ids(records: list[Correction], plans: dict[str, str]) -> dict[str, str]:
    """The task page each record's task is on now (by printed number and title)."""
    out: dict[str, str] = {}
    tables: dict[str, dict[tuple[str, str], str]] = {}
    for record in records:
        key, plan = record.key.task, plans.get(record.id)
        if key is None or plan is None:
            continue
        if plan not in tables:
            rows = fetch("plan_table", doc=plan).records()
            tables[plan] = {(printed_form(r["no"] or ""), printed_form(r["title"] or "")):
                            r["task_id"] for r in rows}
        found = tables[plan].get((printed_form(key.no), printed_form(key.title)))
        if found:
            out[record.id] = found
    return out


# --- changing ---------------------------------------------------------------------------


@bp.post("/tasks/<task_id>")
@editor_required
def add(task_id: str) -> Any:
    """A correction from the task page's forms; back to the task (to the plan, for an item
    that is not a task), or the task page again with the reason it was refused."""
    info = fetch_one("task_info", task=task_id)
    if info is None:
        raise NotFound(f"没有编号为 {task_id!r} 的任务 (no task with this id)")
    try:
        make = task_record(task_id, request.form, _who(), city_agencies)
        outcome = rereading.add(info["doc_id"], make)
    except (BadParameter, rereading.Refused, rereading.NoText, LoaderError) as err:
        return _task_again(task_id, str(err), 409 if isinstance(err, rereading.NoText) else 400)
    record = outcome.records[0]
    audit("correction.add", record.id, record.describe())
    _report(outcome, f"已记录更正 {record.id}({words().action(record.action)}),"
                     "方案已重新读取并载入。")
    if record.action == "not_task":
        return redirect(url_for("plans.plan", doc_id=info["doc_id"]), 303)
    return redirect(url_for("tasks.task", task_id=task_id), 303)


@bp.post("/<record_id>/restore")
@editor_required
def restore(record_id: str) -> Any:
    """Bring back an item a not_task record dropped, by adding a restore_task record.

    Adding a record rather than taking the not_task out keeps both decisions, each with
    who, when and why, in the book an office reviews; and an import of a reviewed file
    that holds the not_task again cannot silently drop the item a second time.
    """
    not_task = _held(record_id)
    make = restore_record(not_task, _who(), request.form.get("why", ""))
    outcome = rereading.add(_plan_of(not_task), make)
    record = outcome.records[0]
    audit("correction.add", record.id, record.describe())
    _report(outcome, f"已恢复任务 {not_task.key.task.no if not_task.key.task else ''}"
                     f"(更正 {record.id}),方案已重新读取并载入。")
    return redirect(url_for("plans.plan", doc_id=_plan_of(not_task)), 303)


@bp.post("/<record_id>/remove")
@editor_required
def remove(record_id: str) -> Any:
    outcome = rereading.remove(record_id)
    record = outcome.records[0]
    audit("correction.remove", record.id, record.describe())
    _report(outcome, f"已删除更正 {record.id},相关方案已重新读取并载入。")
    return redirect(_back(), 303)


@bp.get("/export.<fmt>")
def export(fmt: str) -> Response:
    """Every record as one file to review or keep in version control."""
    if fmt not in FORMATS:
        raise NotFound(f"导出格式只能是 {'、'.join(FORMATS)} (export as yaml or json)")
    book = book_file().book()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"corrections.{fmt}"
        book.export(path, fmt)
        data = path.read_bytes()
    return send_file(io.BytesIO(data), mimetype=EXPORT_TYPES[fmt], as_attachment=True,
                     download_name=f"corrections.{fmt}")


@bp.post("/import")
@editor_required
def import_() -> Any:
    """Add the records of an exported file; a bad file adds nothing, and the page names
    the record and the reason."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _index_again("请选择要导入的更正文件 (choose a file)")
    data = upload.stream.read(MAX_IMPORT + 1)
    if len(data) > MAX_IMPORT:
        return _index_again(f"文件过大:最多 {MAX_IMPORT // 1024 // 1024} MB (file too large)")
    name = safe_filename(Path(upload.filename).name) or "corrections"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / _with_suffix(name, data)
        path.write_bytes(data)
        try:
            outcome = rereading.import_file(path)
        except (LoaderError, rereading.NoText) as err:
            reason = err.reason if isinstance(err, LoaderError) else str(err)
            return _index_again(f"导入失败,未导入任何记录:{name}: {reason}")
    ids = ", ".join(r.id for r in outcome.records)
    audit("correction.import", name, f"{len(outcome.records)} records: {ids}")
    _report(outcome, f"已从 {name} 导入 {len(outcome.records)} 条新更正"
                     f"(已有的 {'不重复导入' if outcome.records else '全部已在记录中'}),"
                     f"重新载入方案 {len(outcome.plans)} 个。")
    return redirect(url_for("corrections.index"), 303)


# --- helpers ----------------------------------------------------------------------------


def _who() -> str:
    return current_editor() or ""


def _held(record_id: str) -> Correction:
    book_file().writable()
    record = book_file().by_id.get(record_id)
    if record is None:
        raise NotFound(f"没有编号为 {record_id!r} 的更正记录 (no such correction record)")
    return record


def _plan_of(record: Correction) -> str:
    """The stored plan a record keys: its fingerprint's, else the id it was made on."""
    found = [s.id for s in rereading.sources(ids=[record.key.doc], fingerprints=[record.plan])
             if s.fingerprint == record.plan]
    if not found:
        raise NotFound(f"更正 {record.id} 所指的方案不在图谱中 (its plan is not loaded)")
    return record.key.doc if record.key.doc in found else found[0]


def _report(outcome: rereading.Outcome, done: str) -> None:
    """Say what was done, then every record of the plans read again that matches nothing."""
    flash(done, "done")
    said = words()
    for record_id, reason in outcome.unmatched:
        flash(f"更正 {record_id} 已不再匹配:{said.reason(reason)}", "warn")


def _task_again(task_id: str, error: str, status: int) -> Any:
    page = load_task(task_id)
    return render_template("tasks/task.html", page=page, correction_error=error,
                           form=request.form), status


def _index_again(error: str) -> Any:
    return render_template("corrections/index.html", page=corrections_page(error)), 400


def _back() -> str:
    """Where a removal returns to: the page it was asked from, on this site only."""
    target = request.form.get("next", "")
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("corrections.index")


def _with_suffix(name: str, data: bytes) -> str:
    """The uploaded name, with .json or .yaml as its content reads (loaders choose the
    format by suffix)."""
    if name.lower().endswith((".json", ".yaml", ".yml")):
        return name
    return name + (".json" if data.lstrip()[:1] in (b"[", b"{") else ".yaml")

