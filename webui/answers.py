"""Named-query answers kept for as long as the graph under them cannot change.

A read-only embedded store reads the graph as it was when opened: LadybugDB's read-only
handle does not see later writes by other processes (checked in tests/test_webui_answers).
An answer is then right for the store's whole life, and the province-wide rankings that
take 0.1–0.5 s at scale 1000 are paid once per parameter set instead of on every page.
A store that can change underneath the app (Neo4j, a writable embedded store) is asked
every time.

Once the app writes through its own store it clears the kept answers after each write. An
answer asked before a write but finished after its clear would be kept and outlive the
write; each answer therefore remembers the generation it was asked in, and `clear` starts a
new one, so such an answer is returned to its own request but not kept.
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
        self.generation = 0  # counts clears: an answer asked before one is not kept

    def get(self, name: str, params: Mapping[str, Any], ask: Callable[[], Answer]) -> Answer:
        """The answer for (name, params), asking only when not kept; rows are fresh copies,
        so a caller that edits a row cannot change what the next request sees."""
        key = (name, _frozen(params))
        with self._lock:
            found = self._answers.get(key)
            asked_in = self.generation
            if found is not None:
                self._answers.move_to_end(key)
                self.hits += 1
        if found is None:
            found = ask()
            self._keep(key, found, asked_in)
        columns, rows = found
        return list(columns), [list(row) for row in rows]

    def clear(self) -> None:
        """Forget every answer, and any being asked now (the graph has changed)."""
        with self._lock:
            self._answers.clear()
            self.generation += 1

    def _keep(self, key: Hashable, answer: Answer, asked_in: int) -> None:
        with self._lock:
            self.misses += 1
            if self.size <= 0 or asked_in != self.generation:
                return
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)


def _frozen(params: Mapping[str, Any]) -> Hashable:
    return tuple(sorted((k, repr(v)) for k, v in params.items()))
