"""The /duban/ overview's counts from parts kept per plan, without a Line per assignment.

At scale 1000 the graph holds 800,000 assignments; making each a `Line` and counting them
takes seconds on every request. The counts need less: per plan and per agency how many
assignments there are (kept per plan, `PlanPart.held`), which of them have a newest report
(a few thousand reports, found by task key) and which are overdue (only tasks with a date
can be: `PlanPart.dated`). The answers are those of `summary.lines` and `summary.counts`
over the whole ledger (tests/test_per_plan.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from webui.supervision.assignments import Assignment
from webui.supervision.keys import parse_key
from webui.supervision.store import Report
from webui.supervision.summary import (
    COUNT_COLUMNS,
    UNREPORTED,
    Line,
    by_agency,
    by_plan,
    unmatched_by,
)
from webui.supervision.vocabulary import DONE


@dataclass
class PlanPart:
    """One plan's assignments, with what the overview counts by."""

    assignments: list[Assignment]
    held: dict[str, int] = field(default_factory=dict)  # agency id → its assignments here
    agencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → name, city
    dated: list[Assignment] = field(default_factory=list)  # tasks with a due date
    by_key: dict[str, list[Assignment]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a in self.assignments:
            self.held[a.agency_id] = self.held.get(a.agency_id, 0) + 1
            self.agencies.setdefault(a.agency_id, (a.agency, a.city))
            if a.task.due is not None:
                self.dated.append(a)
            self.by_key.setdefault(a.task.key, []).append(a)

    @property
    def plan(self) -> str:
        return self.assignments[0].task.plan if self.assignments else ""

    @property
    def plan_key(self) -> str:
        """The plan's part of its tasks' keys (the same for every task of a plan)."""
        parsed = parse_key(self.assignments[0].task.key) if self.assignments else None
        return parsed.plan if parsed else ""


class KeyIndex:
    """Task key → the assignments of tasks with that key, through each plan's key part:
    5,000 plans to index after a write instead of 140,000 task keys."""

    def __init__(self, parts: Mapping[str, PlanPart]) -> None:
        self.parts = parts
        self.plans: dict[str, list[str]] = {}
        for doc_id in sorted(parts):
            self.plans.setdefault(parts[doc_id].plan_key, []).append(doc_id)

    def get(self, key: str) -> list[Assignment]:
        """The assignments of tasks keyed `key`, in ledger order (plans by id)."""
        parsed = parse_key(key)
        if parsed is None:
            return []
        return [a for doc_id in self.plans.get(parsed.plan, ())
                for a in self.parts[doc_id].by_key.get(key, ())]


Groups = dict[tuple[str, ...], dict[str, int]]


def held_counts(parts: Mapping[str, PlanPart], city: str = "") -> tuple[Groups, Groups]:
    """Per plan and per agency (of `city`, or every city), the assignments held, each
    with its count columns; groups in ledger order, as `summary.counts` makes them."""
    per_plan: dict[tuple[str, ...], int] = {}
    per_agency: dict[tuple[str, ...], int] = {}
    for doc_id in sorted(parts):
        part = parts[doc_id]
        total = 0
        for agency_id, n in part.held.items():
            name, where = part.agencies[agency_id]
            if city and where != city:
                continue
            total += n
            group = (name, where, agency_id)
            per_agency[group] = per_agency.get(group, 0) + n
        if total:
            per_plan[(part.plan, doc_id)] = total
    return ({g: {**dict.fromkeys(COUNT_COLUMNS, 0), "assignments": n} for g, n in per_plan.items()},
            {g: {**dict.fromkeys(COUNT_COLUMNS, 0), "assignments": n}
             for g, n in per_agency.items()})


@dataclass
class Board:
    """The overview's numbers: counts per plan and per agency, the overdue lines."""

    plans: list[list[Any]]
    agencies: list[list[Any]]
    overdue: list[Line]
    assignments: int
    reported: int


def board(parts: Mapping[str, PlanPart], held: tuple[Groups, Groups], index: KeyIndex,
          latest: Mapping[tuple[str, str], Report], today: date, city: str = "") -> Board:
    """The counts `summary.counts` gives over every line, from the parts, their
    `held_counts` for `city` (left unchanged) and the newest reports."""
    plan_rows = {g: dict(c) for g, c in held[0].items()}
    agency_rows = {g: dict(c) for g, c in held[1].items()}
    reported = 0
    for (key, agency_id), report in latest.items():
        for a in index.get(key):
            if a.agency_id != agency_id or (city and a.city != city):
                continue
            reported += 1
            for rows, group in ((plan_rows, by_plan), (agency_rows, by_agency)):
                rows[group(Line(a, report, False))][report.status] += 1
    for rows in (plan_rows, agency_rows):
        for count in rows.values():
            count[UNREPORTED] = count["assignments"] - sum(
                n for c, n in count.items() if c not in ("assignments", UNREPORTED, "overdue"))
    overdue = list(_overdue(parts, latest, today, city))
    for line in overdue:
        plan_rows[by_plan(line)]["overdue"] += 1
        agency_rows[by_agency(line)]["overdue"] += 1
    return Board([[*g, *c.values()] for g, c in plan_rows.items()],
                 [[*g, *c.values()] for g, c in agency_rows.items()], overdue,
                 sum(c["assignments"] for c in plan_rows.values()), reported)


def _overdue(parts: Mapping[str, PlanPart], latest: Mapping[tuple[str, str], Report],
             today: date, city: str) -> Iterable[Line]:
    """The overdue lines in ledger order: a dated task past its date whose newest report
    is not 已完成 (no report counts as not done)."""
    for doc_id in sorted(parts):
        for a in parts[doc_id].dated:
            if city and a.city != city:
                continue
            report = latest.get((a.task.key, a.agency_id))
            if a.task.due is not None and a.task.due < today and not (
                    report and report.status == DONE):
                yield Line(a, report, True)


def unmatched(index: KeyIndex,
              latest: Mapping[tuple[str, str], Report]) -> list[dict[str, Any]]:
    """`summary.unmatched` over the parts: the newest reports no assignment takes."""
    return unmatched_by(latest, lambda key: bool(index.get(key)), lambda key, agency_id: any(
        a.agency_id == agency_id for a in index.get(key)))
