"""Sums over every plan's part of the 督办 ledger, carried from one write to the next.

After a write the parts kept per plan (webui.per_plan) differ from the last ones only in
the plans the write touched and those of agencies it renamed: every other plan keeps the
same `PlanPart` object. So what the /duban/ overview counts from (per plan and per agency
the assignments held and those due before today, the cities, which plans share a key
part) is brought up to date by taking out the old parts of those plans and putting in
their new ones, instead of summing 5,000 plans' 800,000 assignments again (0.3 s at
scale 1000).

A `Tally` is never changed once made (`advanced` makes the next one; its rows are
copied before a report is counted in them), so a request still counting from the last
one is not disturbed by a write.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from webui.per_plan import changed
from webui.supervision.assignments import Assignment
from webui.supervision.keys import parse_key
from webui.supervision.parts import PlanPart
from webui.supervision.summary import COUNT_COLUMNS, UNREPORTED

Group = tuple[str, ...]  # a plan's title and id, or an agency's name, city and id
Rows = dict[Group, list[Any]]  # a group's columns, then its COUNT_COLUMNS
K = TypeVar("K")
# Where each count column stands, counted from a row's end (after the group's columns).
AT = {c: i - len(COUNT_COLUMNS) for i, c in enumerate(COUNT_COLUMNS)}
STATUS_ZEROS = [0] * (AT[UNREPORTED] - AT["assignments"] - 1)


def base_row(group: Group, held: int, late: int) -> list[Any]:
    """A group's row before any report: every assignment unreported, every one due
    before today overdue."""
    return [*group, held, *STATUS_ZEROS, held, late]


@dataclass(frozen=True)
class Tally:
    """The parts of `today`'s overview and the sums over them."""

    today: date | None = None
    parts: Mapping[str, PlanPart] = field(default_factory=dict)
    order: tuple[str, ...] = ()  # the plans by id: the ledger's order
    plan_rows: Rows = field(default_factory=dict)  # (title, id) → base_row
    agency_rows: Rows = field(default_factory=dict)  # (name, city, id) → base_row
    cities: dict[str, int] = field(default_factory=dict)  # city → plans × agencies naming it
    plans: dict[str, list[str]] = field(default_factory=dict)  # key part → plans, by id
    _found: dict[str, list[Assignment]] = field(default_factory=dict, repr=False)

    def advanced(self, parts: Mapping[str, PlanPart], today: date) -> Tally:
        """The tally of `parts` on `today`, from this one when it counted the same day."""
        start = self if today == self.today else Tally(today)
        old = start.parts
        sums = _Sums(dict(start.plan_rows), dict(start.agency_rows), dict(start.cities),
                     dict(start.plans))
        for doc_id in changed(old, parts):
            if doc_id in old:
                sums.add(doc_id, old[doc_id], today, -1)
            if doc_id in parts:
                sums.add(doc_id, parts[doc_id], today, 1)
        order = start.order if old.keys() == parts.keys() else tuple(sorted(parts))
        return Tally(today, parts, order, sums.plan_rows, sums.agency_rows, sums.cities,
                     sums.plans)

    def get(self, key: str) -> list[Assignment]:
        """The assignments of tasks keyed `key`, in ledger order (plans by id), through
        the plans of the key's plan part: no index of 140,000 task keys to rebuild.
        Kept per key the graph holds (so no more than its tasks, whatever keys are
        asked): the overview asks each report's key two or three times."""
        found = self._found.get(key)
        if found is None:
            parsed = parse_key(key)
            found = [] if parsed is None else [
                a for doc_id in self.plans.get(parsed.plan, ())
                for a in self.parts[doc_id].by_key.get(key, ())]
            if found:
                self._found[key] = found
        return found

    def city_names(self) -> list[str]:
        return sorted(self.cities)


@dataclass
class _Sums:
    """The tally's rows and sums while one write's plans are taken out and put in."""

    plan_rows: Rows
    agency_rows: Rows
    cities: dict[str, int]
    plans: dict[str, list[str]]

    def add(self, doc_id: str, part: PlanPart, today: date, sign: int) -> None:
        """Count `part` in (`sign` 1) or out (-1)."""
        late: dict[str, int] = {}
        for a in part.late(today):
            late[a.agency_id] = late.get(a.agency_id, 0) + 1
        for agency_id, n in part.held.items():
            name, city = part.agencies[agency_id]
            _count(self.agency_rows, (name, city, agency_id), sign * n,
                   sign * late.get(agency_id, 0))
            if city:
                _bump(self.cities, city, sign)
        _count(self.plan_rows, (part.plan, doc_id), sign * len(part.assignments),
               sign * len(part.late(today)))
        same = list(self.plans.get(part.plan_key, ()))  # copied: the last tally keeps its own
        if sign > 0:
            bisect.insort(same, doc_id)
        else:
            same.remove(doc_id)
        if same:
            self.plans[part.plan_key] = same
        else:
            self.plans.pop(part.plan_key, None)


def _count(rows: Rows, group: Group, held: int, late: int) -> None:
    """Add `held` assignments and `late` due ones to the group's row: a new row, never
    the last tally's."""
    row = rows.get(group)
    held += row[AT["assignments"]] if row else 0
    late += row[AT["overdue"]] if row else 0
    if held:
        rows[group] = base_row(group, held, late)
    else:
        rows.pop(group, None)


def _bump(counts: dict[K, int], key: K, n: int) -> None:
    total = counts.get(key, 0) + n
    if total:
        counts[key] = total
    else:
        counts.pop(key, None)
