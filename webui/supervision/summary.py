"""What the 督办 page shows: each assignment with its newest report, overdue or not, the
counts per plan and per agency, and the reports whose task is no longer in the graph.

Pure functions over a `Ledger` and the store's newest reports, so they are tested without
Flask. An assignment is overdue when its task's deadline has passed and its newest report
is not 已完成 (no report at all counts as not done).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from webui.supervision.assignments import Assignment, Ledger
from webui.supervision.store import Report
from webui.supervision.vocabulary import DONE, vocabulary

UNREPORTED = "unreported"  # the count column of assignments without a report
GONE_TASK = "任务已不在图谱中(方案已修订或删除)"
GONE_AGENCY = "该单位已不承担此任务"


@dataclass(frozen=True)
class Line:
    """One assignment with its newest report (None: not reported yet)."""

    assignment: Assignment
    report: Report | None
    overdue: bool

    @property
    def status(self) -> str:
        return self.report.status if self.report else UNREPORTED

    def record(self) -> dict[str, Any]:
        a, r = self.assignment, self.report
        return {"plan": a.task.plan, "no": a.task.no, "title": a.task.title,
                "deadline": a.task.deadline, "agency": a.agency, "role": a.role,
                "completion": vocabulary().status_word(r.status if r else None),
                "progress": r.progress if r else "", "reported": r.reported if r else "",
                "imported_at": r.imported_at if r else "", "task_key": a.task.key,
                "doc_id": a.task.doc_id, "agency_id": a.agency_id,
                "task_id": a.task.task_id}


LINE_COLUMNS = ("plan", "no", "title", "deadline", "agency", "role", "completion", "progress",
                "reported", "imported_at", "task_key", "doc_id", "agency_id", "task_id")


def lines(ledger: Ledger, latest: Mapping[tuple[str, str], Report], today: date,
          keep: Callable[[Assignment], bool] = lambda a: True) -> list[Line]:
    """Every assignment `keep` admits, with its newest report and whether it is overdue."""
    out = []
    for a in ledger.assignments:
        if not keep(a):
            continue
        report = latest.get((a.task.key, a.agency_id))
        due = a.task.due
        late = due is not None and due < today and not (report and report.status == DONE)
        out.append(Line(a, report, late))
    return out


COUNT_COLUMNS = ("assignments", *vocabulary().statuses, UNREPORTED, "overdue")


def counts(found: Iterable[Line], by: Callable[[Line], tuple[str, ...]]) -> list[list[Any]]:
    """Per group (`by` gives its columns): assignments, each status, unreported, overdue."""
    groups: dict[tuple[str, ...], dict[str, int]] = {}
    for line in found:
        group = by(line)
        if group not in groups:
            groups[group] = dict.fromkeys(COUNT_COLUMNS, 0)
        count = groups[group]
        count["assignments"] += 1
        count[line.status] += 1
        count["overdue"] += line.overdue
    return [[*group, *count.values()] for group, count in groups.items()]


def by_plan(line: Line) -> tuple[str, ...]:
    return (line.assignment.task.plan, line.assignment.task.doc_id)


def by_agency(line: Line) -> tuple[str, ...]:
    a = line.assignment
    return (a.agency, a.city, a.agency_id)


def unmatched(ledger: Ledger, latest: Mapping[tuple[str, str], Report]) -> list[dict[str, Any]]:
    """Newest reports whose (task key, agency) is no longer an assignment, with why."""
    return unmatched_by(latest, lambda key: bool(ledger.tasks(key)), lambda key, agency_id: any(
        ledger.holder(t.task_id, agency_id) for t in ledger.tasks(key)))


def unmatched_by(latest: Mapping[tuple[str, str], Report], known: Callable[[str], bool],
                 held: Callable[[str, str], bool]) -> list[dict[str, Any]]:
    """`unmatched`, asking whether the graph has a task of a key (`known`) and whether an
    agency holds one (`held`), so the overview can answer from its parts per plan."""
    out = []
    for (key, agency_id), r in latest.items():
        tasks = known(key)
        if tasks and held(key, agency_id):
            continue
        out.append({"plan": r.plan, "no": r.no, "title": r.title, "agency": r.agency,
                    "completion": vocabulary().status_word(r.status), "reported": r.reported,
                    "imported_at": r.imported_at, "reason": GONE_AGENCY if tasks else GONE_TASK,
                    "task_key": key, "agency_id": agency_id})
    return sorted(out, key=lambda row: (row["plan"], row["task_key"], row["agency"]))


UNMATCHED_COLUMNS = ("plan", "no", "title", "agency", "completion", "reported", "imported_at",
                     "reason", "task_key", "agency_id")
