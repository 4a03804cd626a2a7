"""Each task's deadlines or targets in words, kept across writes for the tasks they leave.

A task's deadlines and targets are read from its plan's text (the task id is the plan's id
and the task's place in it), so they change only when that plan is loaded, replaced or
removed; corrections change who is assigned, not what a task prints. The task list asks
them for 500 tasks after every write (task_deadlines and task_targets: 40-100 ms at scale
1000, out of a page of about 300), though most writes add one plan and leave the rest. So
they are kept per task while the app is the graph's one writer (as webui.answers keeps
named-query answers), and after a write only the tasks of the plans it touched are
dropped (`SerialStore.touched_since`; everything after a write that may have changed
anything). Otherwise every call asks the graph.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from flask import current_app

from graph.model import plan_of_task
from queries.catalog import get_query
from webui.db import SerialStore, get_catalog, get_store
from webui.timeline import per_task

KEPT_TASKS = 50_000  # tasks kept at most per kind; past it the kept words start afresh


class TaskWords:
    """One named query's rows per task (`tasks` parameter) in words, kept for one app."""

    def __init__(self, query: str, text: Callable[[Mapping[str, Any]], str]) -> None:
        self._query = query
        self._text = text
        self._lock = threading.Lock()
        self._words: dict[str, list[str]] = {}
        self._writes = -1
        self.asked = 0  # tasks asked of the graph, for tests and measurements

    def of(self, ids: list[str]) -> dict[str, list[str]]:
        """task id -> its words (tasks without any are left out), asking only for tasks not
        kept since the last write that touched their plan."""
        store = get_store()
        if not store.keeps_answers:
            return self._ask(ids)
        with self._lock:
            self._forget_written(store)
            missing = [i for i in dict.fromkeys(ids) if i not in self._words]
            if missing:
                found = self._ask(missing)
                if len(self._words) + len(missing) > KEPT_TASKS:
                    self._words.clear()
                self._words.update({i: found.get(i, []) for i in missing})
            return {i: self._words[i] for i in ids if self._words.get(i)}

    def _forget_written(self, store: SerialStore) -> None:
        """Drop the tasks of the plans written since the words were kept."""
        if store.writes == self._writes:
            return
        touched = store.touched_since(self._writes) if self._writes >= 0 else None
        if touched is None:
            self._words.clear()
        elif touched:
            self._words = {i: w for i, w in self._words.items() if plan_of_task(i) not in touched}
        self._writes = store.writes

    def _ask(self, ids: list[str]) -> dict[str, list[str]]:
        if not ids:  # an empty list parameter fails to bind
            return {}
        self.asked += len(ids)
        columns, rows = get_query(get_catalog(), self._query).run(get_store(), {"tasks": ids})
        return per_task((dict(zip(columns, row, strict=True)) for row in rows), self._text)


def kept(key: str, query: str, text: Callable[[Mapping[str, Any]], str]) -> TaskWords:
    """This app's kept words of `query` (made on first use)."""
    found: TaskWords = current_app.extensions.setdefault(key, TaskWords(query, text))
    return found
