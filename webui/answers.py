"""Named-query answers kept for as long as the graph under them cannot change.

A read-only embedded store reads the graph as it was when opened: LadybugDB's read-only
handle does not see later writes by other processes (checked in tests/test_webui_answers).
An answer is then right for the store's whole life, and the province-wide rankings that
take 0.1–0.5 s at scale 1000 are paid once per parameter set instead of on every page.
The same holds for an embedded graph the app itself holds for writing (no other process
may write it) until the app writes: every write clears the answers (webui.db). A store
that can change underneath the app (Neo4j) is asked every time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any

Answer = tuple[list[str], list[list[Any]]]


class AnswerCache:
    """At most `size` answers, least recently used dropped first; thread safe."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, Answer] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        # Bumped by `clear`: an answer asked before a write and arriving after it is stale.
        self._generation = 0

    def get(self, name: str, params: Mapping[str, Any], ask: Callable[[], Answer]) -> Answer:
        """The answer for (name, params), asking only when not kept; rows are fresh copies,
        so a caller that edits a row cannot change what the next request sees."""
        key = (name, _frozen(params))
        with self._lock:
            found = self._answers.get(key)
            generation = self._generation
            if found is not None:
                self._answers.move_to_end(key)
                self.hits += 1
        if found is None:
            found = ask()
            self._keep(key, found, generation)
        columns, rows = found
        return list(columns), [list(row) for row in rows]

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._generation += 1

    def _keep(self, key: Hashable, answer: Answer, generation: int) -> None:
        with self._lock:
            self.misses += 1
            if self.size <= 0 or generation != self._generation:
                return
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)


def _frozen(params: Mapping[str, Any]) -> Hashable:
    return tuple(sorted((k, repr(v)) for k, v in params.items()))
