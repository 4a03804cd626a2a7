"""The viewer's way to the progress file and to the assignments of the graph it serves."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from flask import current_app

from webui.errors import WebError
from webui.per_plan import PerPlan, kept, run
from webui.supervision import STORE_KEY
from webui.supervision.assignments import Assignment, Ledger
from webui.supervision.store import ProgressStore, Report

LEDGER_KEY, PLANS_KEY = "progress_ledger", "progress_plans"
# The ledger of some plans, of one agency (rows of progress_assignments, narrowed).
PLAN_QUERY, AGENCY_QUERY = "progress_plan_assignments", "progress_agency_assignments"
_BUILDING = threading.Lock()


class NoProgressFile(WebError):
    status = 503


def progress_store() -> ProgressStore | None:
    found: ProgressStore | None = current_app.extensions.get(STORE_KEY)
    return found


def writable_store() -> ProgressStore:
    found = progress_store()
    if found is None:
        raise NoProgressFile("此查看器没有督办记录文件,无法导入 (no progress file: set "
                             "PROGRESS_PATH)")
    return found


def latest_reports() -> dict[tuple[str, str], Report]:
    found = progress_store()
    return found.latest() if found else {}


def ledger(doc: str | None = None, agency: str | None = None) -> Ledger:
    """The assignments of the graph now (of one plan, or of one agency).

    One plan's or one agency's are asked of the graph, narrowed to it. The whole ledger
    (800,000 assignments at scale 1000: one query over them runs past the time limit) is
    read a batch of plans at a time and kept per plan across writes (webui.per_plan):
    after a write only the plans it touched, and those of agencies it renamed, are read
    again; the Ledger over them is built once per change.
    """
    if agency is not None:
        return Ledger.from_records(run(AGENCY_QUERY, agency=agency))
    if doc is not None:
        return Ledger.from_records(run(PLAN_QUERY, docs=[doc]))
    version, plans = kept(PLANS_KEY, _per_plan).versioned()
    with _BUILDING:
        built = current_app.extensions.get(LEDGER_KEY)
        if version is not None and built and built[0] == version:
            found: Ledger = built[1]
            return found
        whole = Ledger([a for doc_id in sorted(plans) for a in plans[doc_id]])
        if version is not None:
            current_app.extensions[LEDGER_KEY] = (version, whole)
        return whole


def _per_plan() -> PerPlan[list[Assignment]]:
    return PerPlan(_read_plans, lambda agency: (agency["name"], agency["kind"]))


def _read_plans(docs: list[str]) -> dict[str, list[Assignment]]:
    """The assignments of `docs`, per plan, in the query's order."""
    found: dict[str, list[Assignment]] = {}
    for a in Ledger.from_records(run(PLAN_QUERY, docs=docs)).assignments:
        found.setdefault(a.task.doc_id, []).append(a)
    return found


def keyed(agency_id: str, rows: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """Export rows of an agency's task list with each task's key (`key`)."""
    keys = {a.task.task_id: a.task.key for a in ledger(agency=agency_id).assignments}
    return [{**row, "key": keys.get(row.get("task_id", ""), "")} for row in rows]
