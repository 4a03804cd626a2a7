"""The /duban/ overview's counts from the tally of the parts kept per plan, without a Line
per assignment.

At scale 1000 the graph holds 800,000 assignments; making each a `Line` and counting them
takes seconds on every request. The counts need less: per plan and per agency how many
assignments there are (`PlanPart.held`, summed across writes by `Tally`), which of them
have a newest report (a few thousand reports, found by task key) and which are overdue
(only tasks due before today can be: `PlanPart.late`, less those reported 已完成). The
answers are those of `summary.lines` and `summary.counts` over the whole ledger
(tests/test_per_plan.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from webui.supervision.store import Report
from webui.supervision.summary import UNREPORTED, Line, unmatched_by
from webui.supervision.tally import AT, Rows, Tally, base_row
from webui.supervision.vocabulary import DONE


@dataclass
class Board:
    """The overview's numbers: counts per plan and per agency, how many are overdue."""

    plans: list[list[Any]]
    agencies: list[list[Any]]
    overdue: int
    assignments: int
    reported: int


def board(tally: Tally, latest: Mapping[tuple[str, str], Report], today: date,
          city: str = "") -> Board:
    """The counts `summary.counts` gives over every line (of `city`), from the tally of
    `today` and the newest reports: each report moves its assignment from 未报送 to its
    status, and out of the overdue when it is 已完成."""
    plans, agencies = _held(tally, today, city)
    reported, copied = 0, set[tuple[str, ...]]()
    for (key, agency_id), report in latest.items():
        for a in tally.get(key):
            if a.agency_id != agency_id or (city and a.city != city):
                continue
            reported += 1
            done_late = report.status == DONE and a.task.due is not None and a.task.due < today
            for rows, group in ((plans, (a.task.plan, a.task.doc_id)),
                                (agencies, (a.agency, a.city, a.agency_id))):
                if group not in copied:  # the tally's rows stay as they are
                    copied.add(group)
                    rows[group] = list(rows[group])
                row = rows[group]
                row[AT[report.status]] += 1
                row[AT[UNREPORTED]] -= 1
                row[AT["overdue"]] -= done_late
    return Board(list(plans.values()), list(agencies.values()),
                 sum(r[AT["overdue"]] for r in plans.values()),
                 sum(r[AT["assignments"]] for r in plans.values()), reported)


def _held(tally: Tally, today: date, city: str) -> tuple[Rows, Rows]:
    """Per plan and per agency (of `city`, or every city), the rows of the assignments
    held, all unreported, and of those due before `today`, all overdue: the tally's rows
    themselves (copied before a report is counted in), a city's plans counted here."""
    if not city:
        return dict(tally.plan_rows), dict(tally.agency_rows)
    plans: Rows = {}
    for doc_id in tally.order:
        part = tally.parts[doc_id]
        if held := part.by_city.get(city, 0):
            due = sum(1 for a in part.late(today) if a.city == city)
            plans[(part.plan, doc_id)] = base_row((part.plan, doc_id), held, due)
    return plans, {g: r for g, r in tally.agency_rows.items() if g[1] == city}


def overdue_lines(tally: Tally, latest: Mapping[tuple[str, str], Report], today: date,
                  city: str = "") -> Iterator[Line]:
    """The overdue lines in ledger order: a task due before `today` whose newest report is
    not 已完成 (no report counts as not done). A generator: the page draws only the first."""
    for doc_id in tally.order:
        for a in tally.parts[doc_id].late(today):
            if city and a.city != city:
                continue
            report = latest.get((a.task.key, a.agency_id))
            if not (report and report.status == DONE):
                yield Line(a, report, True)


def unmatched(tally: Tally,
              latest: Mapping[tuple[str, str], Report]) -> list[dict[str, Any]]:
    """`summary.unmatched` over the parts: the newest reports no assignment takes."""
    return unmatched_by(latest, lambda key: bool(tally.get(key)), lambda key, agency_id: any(
        a.agency_id == agency_id for a in tally.get(key)))
