"""Answers kept per plan across writes: after a write only the plans it touched are asked.

The check list's counts and the 督办 ledger are sums over every plan. At scale 1000
(5,000 plans, 800,000 assignments) asking them of the whole graph in one query runs past
the time limit, while a plan's answer changes only when that plan is written (loaded,
replaced, corrected, removed) or when an agency it names changes (a write may rename an
agency: the name its city's plans print most often). So the answers are read a batch of
plans at a time, kept per plan, and after a write read again for the plans it touched
(`SerialStore.touched_since`; every plan after a write that may have changed anything)
and for the plans of agencies whose marks changed (`agency_marks`). Kept only while the
app is the graph's one writer, as named-query answers are (webui.answers); otherwise
every call asks every plan afresh, in batches.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from flask import Flask, current_app

from queries.catalog import get_query
from webui.db import get_catalog, get_store

T = TypeVar("T")
# Plans per query: at scale 1000 a hundred plans' check counts take about 0.15 s, their
# assignments 0.4 s; far from the time limit, few enough round trips.
BATCH = 200
# Read a batch of plans: each plan's answer (a plan holding nothing may be left out).
Read = Callable[[list[str]], Mapping[str, T]]
# What of an agency the answers depend on, from a row of `agency_marks`.
Mark = Callable[[Mapping[str, Any]], Hashable]


def run(name: str, **params: Any) -> list[dict[str, Any]]:
    """A named query's rows as dicts, not kept among the page answers (batches of plans
    would crowd them out)."""
    columns, rows = get_query(get_catalog(), name).run(get_store(), params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


class PerPlan(Generic[T]):
    """One kind of per-plan answer, kept for one app: `current()` gives every plan's.

    `named`, when given, says which agencies a plan's answer names (all the plan assigns a
    task to): after a write that loaded or removed plans only those plans' agencies, as
    they were and as they are, can have been renamed (graph.store.name_agencies), so only
    their marks are read again (`agency_marks_of`), not every agency's (about 0.1 s at
    scale 1000, after each write). Without it every agency's marks are read.
    """

    def __init__(self, read: Read[T], mark: Mark,
                 named: Callable[[T], Iterable[str]] | None = None) -> None:
        self._read = read
        self._mark = mark
        self._named = named
        self._lock = threading.Lock()
        self._answers: dict[str, T] | None = None
        self._marks: dict[str, Hashable] = {}
        self._writes = -1
        self.version = 0  # changes whenever the kept answers do: for sums kept over them
        self.asked: list[int] = []  # plans asked per refresh, for tests and measurements

    @property
    def marks(self) -> dict[str, Hashable]:
        """The agencies' marks as kept (after `current()`: as they are now), for tests."""
        return dict(self._marks)

    def current(self) -> dict[str, T]:
        """Every plan's answer, asking only the plans written since the last call."""
        return self.versioned()[1]

    def versioned(self) -> tuple[int | None, dict[str, T]]:
        """`current()` with the version of the kept answers (None: nothing is kept, the
        answers were asked afresh), so sums over them can be kept by version."""
        store = get_store()
        if not store.keeps_answers:
            return None, self._ask(plan_ids())
        with self._lock:
            writes = store.writes
            touched = store.touched_since(self._writes) if writes != self._writes else set()
            if self._answers is None or touched is None:  # a write that may change anything
                self._marks = self._agency_marks()
                self._answers = self._ask(plan_ids())
                self.version += 1
                _SETTLE.set()
            elif writes != self._writes:
                self._refresh(touched)
            self._writes = writes
            return self.version, dict(self._answers)

    def _refresh(self, touched: set[str]) -> None:
        assert self._answers is not None
        fresh = self._read_batches(sorted(touched))
        changed = self._changed_marks(touched, fresh)
        others = set(plans_of(changed)) - touched
        if not touched and not others:
            return
        self.asked.append(len(touched | others))
        fresh.update(self._read_batches(sorted(others)))
        for doc_id in touched | others:
            self._answers.pop(doc_id, None)
        self._answers.update(fresh)
        self.version += 1

    def _changed_marks(self, touched: set[str], fresh: Mapping[str, T]) -> list[str]:
        """Agencies kept whose marks differ now, the kept marks brought up to date."""
        assert self._answers is not None
        if self._named is None:
            marks = self._agency_marks()
            changed = sorted(a for a in marks.keys() & self._marks.keys()
                             if marks[a] != self._marks[a])
            self._marks = marks
            return changed
        named = {a for answers in (self._answers, fresh) for d in touched if d in answers
                 for a in self._named(answers[d])}
        marks = self._agency_marks(sorted(named))
        changed = sorted(a for a in marks.keys() & self._marks.keys()
                         if marks[a] != self._marks[a])
        for gone in named - marks.keys():  # no plan names it now: removed from the graph
            self._marks.pop(gone, None)
        self._marks.update(marks)
        return changed

    def _ask(self, ids: list[str]) -> dict[str, T]:
        self.asked.append(len(ids))
        return self._read_batches(ids)

    def _read_batches(self, ids: list[str]) -> dict[str, T]:
        found: dict[str, T] = {}
        for start in range(0, len(ids), BATCH):
            found.update(self._read(ids[start:start + BATCH]))
        return found

    def _agency_marks(self, agencies: list[str] | None = None) -> dict[str, Hashable]:
        """Every agency's mark, or those of `agencies`."""
        if agencies is None:
            return {r["agency_id"]: self._mark(r) for r in run("agency_marks")}
        return {r["agency_id"]: self._mark(r)
                for start in range(0, len(agencies), BATCH)
                for r in run("agency_marks_of", agencies=agencies[start:start + BATCH])}


def changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    """The plans whose kept answer is not the same object in `new` as in `old` (added,
    removed or asked again): what sums carried over the answers move by, since a
    refresh keeps every other plan's answer object as it was."""
    return {d for d in old.keys() | new.keys() if old.get(d) is not new.get(d)}


def plan_ids() -> list[str]:
    return [r["doc_id"] for r in run("plan_ids")]


def plans_of(agencies: Iterable[str]) -> list[str]:
    """The plans assigning a task to any of `agencies`."""
    found: list[str] = []
    chosen = list(agencies)
    for start in range(0, len(chosen), BATCH):
        found += [r["doc_id"] for r in run("agency_plans", agencies=chosen[start:start + BATCH])]
    return found


def kept(key: str, make: Callable[[], PerPlan[T]]) -> PerPlan[T]:
    """The app's PerPlan under `key`, made on first use."""
    with _MAKING:
        found: PerPlan[T] | None = current_app.extensions.get(key)
        if found is None:
            found = current_app.extensions[key] = make()
        return found


_MAKING = threading.Lock()
_SETTLE = threading.Event()  # every plan was asked: millions of objects are here to stay


def init_app(app: Flask) -> None:
    app.teardown_request(_settle)


def _settle(_error: BaseException | None = None) -> None:
    """Once a request has asked every plan, set what it kept aside from the collector.

    At scale 1000 the kept answers of every plan (the 督办 ledger's assignments, the check
    counts) and the sums over them are millions of objects that stay until the next write
    touches their plan. Each full collection walked them all: 0.8-1.6 s, landing on
    whichever page was asked at that moment (the p95 of `/checks/agencies` and `/duban/`
    after a write). Frozen (`gc.freeze`), the collector skips them; they are still freed
    when no longer referenced (only a cycle among them would stay until the process ends).
    """
    if _SETTLE.is_set():
        _SETTLE.clear()
        gc.freeze()
