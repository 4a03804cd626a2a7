"""Who must report on what: every (task, agency) pair of the graph, keyed for matching.

Read from the named query `progress_assignments`, so the page, the import check and the
command line see the same assignments on either backend. A `Ledger` answers the import's
questions (which task has this key, who holds it, what does the plan now print under this
number) and gives the 督办 page its lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from webui.supervision.keys import parse_key, plan_part, task_key
from webui.supervision.vocabulary import comparable

QUERY = "progress_assignments"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # 2024-06-30: a deadline the page can compare


@dataclass(frozen=True)
class Task:
    """A task as the graph holds it now, with its key."""

    key: str
    task_id: str
    doc_id: str
    plan: str
    no: str
    section: str
    title: str
    deadline: str  # as stored: an ISO date, or "" (none, or not a single date)
    due: date | None  # the deadline as a date; None when the task has no single date


def due_date(deadline: str) -> date | None:
    """A stored deadline as a date, when it is one ISO date (else None: never overdue)."""
    if not ISO_DATE.fullmatch(deadline):
        return None
    try:
        return date.fromisoformat(deadline)
    except ValueError:
        return None


@dataclass(frozen=True)
class Assignment:
    """One task held by one agency: the unit a report is about."""

    task: Task
    agency_id: str
    agency: str
    city: str
    role: str  # lead, unit or implied


@dataclass
class Ledger:
    """Every assignment, and the indexes the import and the pages look things up by."""

    assignments: list[Assignment]
    by_key: dict[str, list[Task]] = field(default_factory=dict)
    holders: dict[str, dict[str, Assignment]] = field(default_factory=dict)  # task_id → agency
    agencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, city)
    by_number: dict[tuple[str, str], list[Task]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a in self.assignments:
            task = a.task
            if task.task_id not in self.holders and (parsed := parse_key(task.key)):
                self.by_key.setdefault(task.key, []).append(task)
                self.by_number.setdefault((parsed.plan, parsed.no), []).append(task)
            self.holders.setdefault(task.task_id, {})[a.agency_id] = a
            self.agencies[a.agency_id] = (a.agency, a.city)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> Ledger:
        """From the rows of `progress_assignments`."""
        return cls(assignments_of(records))

    def tasks(self, key: str) -> list[Task]:
        return self.by_key.get(key, [])

    def printed_as(self, plan: str, no: str) -> list[Task]:
        """The tasks the plan whose key part is `plan` now prints under number `no`."""
        return self.by_number.get((plan, no), [])

    def holder(self, task_id: str, agency_id: str) -> Assignment | None:
        return self.holders.get(task_id, {}).get(agency_id)


def assignments_of(records: Iterable[Mapping[str, Any]]) -> list[Assignment]:
    """The rows of `progress_assignments` as assignments, without a Ledger's indexes (the
    overview keeps its own per plan). One row per task and agency: each task's key is
    made once, not once per agency holding it."""
    tasks: dict[str, Task] = {}
    found = []
    for r in records:
        task = tasks.get(r["task_id"]) or tasks.setdefault(r["task_id"], _task(r))
        found.append(Assignment(task, r["agency_id"], r["agency"] or "", r["city"] or "",
                                r["role"] or ""))
    return found


def _task(r: Mapping[str, Any]) -> Task:
    plan = plan_part(r["issuer"], r["doc_number"], r["plan_hash"])
    return Task(key=task_key(plan, r["no"], r["title"]), task_id=r["task_id"],
                doc_id=r["doc_id"], plan=r["plan"] or r["doc_id"], no=r["no"] or "",
                section=r["section"] or "", title=r["title"] or "",
                deadline=r["deadline"] or "", due=due_date(r["deadline"] or ""))


def same_title(a: str, b: str) -> bool:
    """Two printings of a task title are one when they read the same (NFKC, no spaces)."""
    return comparable(a) == comparable(b)
