"""One plan's share of the 督办 ledger, kept per plan across writes (webui.per_plan)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from webui.supervision.assignments import Assignment
from webui.supervision.keys import parse_key


@dataclass
class PlanPart:
    """One plan's assignments, with what the overview counts by."""

    assignments: list[Assignment]
    held: dict[str, int] = field(default_factory=dict)  # agency id → its assignments here
    agencies: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → name, city
    by_city: dict[str, int] = field(default_factory=dict)  # city → assignments there
    dated: list[Assignment] = field(default_factory=list)  # tasks with a due date
    by_key: dict[str, list[Assignment]] = field(default_factory=dict)
    plan: str = ""  # the plan's title, as its tasks carry it
    plan_key: str = ""  # the plan's part of its tasks' keys (the same for every task)
    # The dated assignments due before a day, for that day: asked on every overview.
    _late: tuple[date, list[Assignment]] | None = field(default=None, repr=False,
                                                        compare=False)

    def __post_init__(self) -> None:
        for a in self.assignments:
            self.held[a.agency_id] = self.held.get(a.agency_id, 0) + 1
            self.agencies.setdefault(a.agency_id, (a.agency, a.city))
            self.by_city[a.city] = self.by_city.get(a.city, 0) + 1
            if a.task.due is not None:
                self.dated.append(a)
            self.by_key.setdefault(a.task.key, []).append(a)
        first = self.assignments[0].task if self.assignments else None
        parsed = parse_key(first.key) if first else None
        self.plan, self.plan_key = first.plan if first else "", parsed.plan if parsed else ""

    def late(self, today: date) -> list[Assignment]:
        """The assignments of tasks due before `today`, in ledger order: overdue unless
        their newest report is 已完成."""
        kept = self._late
        if kept is None or kept[0] != today:
            kept = self._late = (today, [a for a in self.dated
                                         if a.task.due is not None and a.task.due < today])
        return kept[1]
