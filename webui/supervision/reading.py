"""The viewer's way to the progress file and to the assignments of the graph it serves."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from flask import current_app

from webui.errors import WebError
from webui.per_plan import PerPlan, kept, run
from webui.supervision import STORE_KEY
from webui.supervision.assignments import Assignment, Ledger, assignments_of
from webui.supervision.parts import PlanPart
from webui.supervision.store import ProgressStore, Report
from webui.supervision.tally import Tally

LEDGER_KEY, PLANS_KEY, TALLY_KEY = "progress_ledger", "progress_plans", "progress_tally"
# The ledger of some plans, of one agency (rows of progress_assignments, narrowed).
PLAN_QUERY, AGENCY_QUERY = "progress_plan_assignments", "progress_agency_assignments"
_BUILDING = threading.Lock()
T = TypeVar("T")


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


def latest_reports() -> Mapping[tuple[str, str], Report]:
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
    version, found = plan_parts()
    return _built(LEDGER_KEY, version, lambda: Ledger(
        [a for doc_id in sorted(found) for a in found[doc_id].assignments]))


def plan_parts() -> tuple[int | None, dict[str, PlanPart]]:
    """Every plan's assignments and what the overview counts by, kept per plan."""
    return kept(PLANS_KEY, _per_plan).versioned()


def tally_of(version: int | None, parts: Mapping[str, PlanPart], today: date) -> Tally:
    """The sums over `parts` on `today`: carried from the last tally through the plans
    that changed since (every plan when nothing is kept, or on a new day)."""
    with _BUILDING:
        made = current_app.extensions.get(TALLY_KEY)
        if version is not None and made and made[0] == version and made[1].today == today:
            found: Tally = made[1]
            return found
        fresh = (made[1] if made and version is not None else Tally()).advanced(parts, today)
        if version is not None:
            current_app.extensions[TALLY_KEY] = (version, fresh)
        return fresh


def _built(name: str, version: int | None, build: Callable[[], T]) -> T:
    """What `build` makes from the kept parts, made again only when they changed."""
    with _BUILDING:
        made = current_app.extensions.get(name)
        if version is not None and made and made[0] == version:
            found: T = made[1]
            return found
        fresh = build()
        if version is not None:
            current_app.extensions[name] = (version, fresh)
        return fresh


def _per_plan() -> PerPlan[PlanPart]:
    return PerPlan(_read_plans, lambda agency: (agency["name"], agency["kind"]))


def _read_plans(docs: list[str]) -> dict[str, PlanPart]:
    """The assignments of `docs`, per plan, in the query's order."""
    found: dict[str, list[Assignment]] = {}
    for a in assignments_of(run(PLAN_QUERY, docs=docs)):
        found.setdefault(a.task.doc_id, []).append(a)
    return {doc_id: PlanPart(held) for doc_id, held in found.items()}


def keyed(agency_id: str, rows: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """Export rows of an agency's task list with each task's key (`key`)."""
    keys = {a.task.task_id: a.task.key for a in ledger(agency=agency_id).assignments}
    return [{**row, "key": keys.get(row.get("task_id", ""), "")} for row in rows]
