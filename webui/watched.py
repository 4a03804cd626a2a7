"""What one write through the app changed: the plans it loaded, replaced or removed.

The search index (webui.search_index) reads again only those plans and their agencies after
a write, instead of comparing every plan and agency with the graph (2.4 s at scale 1000).
Every write of the app hands its change a `WatchedStore` (webui.db.SerialStore.write); the
plans are known when the change only loads and removes plans. Anything else it asks of the
store that could write (`run`, an attribute the protocol does not name) makes them unknown,
and the index then compares everything, as it does at start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.console import ConsoleAnswer
from graph.model import Document
from graph.store import LoadResult, Params, RemoveResult, Store


class WatchedStore(Store):
    """The app's store as a write's change sees it, noting the plans the change touches."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.backend = store.backend
        self.snapshot = store.snapshot
        self._plans: set[str] | None = set()

    @property
    def plans(self) -> frozenset[str] | None:
        """Ids of the plans loaded, replaced or removed so far; None when not known."""
        return None if self._plans is None else frozenset(self._plans)

    @property
    def tuned_texts(self) -> bool:
        return self._store.tuned_texts

    @tuned_texts.setter
    def tuned_texts(self, value: bool) -> None:
        self._store.tuned_texts = value

    def _note(self, ids: Sequence[str]) -> None:
        if self._plans is not None:
            self._plans.update(ids)

    def ensure_schema(self) -> None:
        self._store.ensure_schema()

    def load(self, documents: Sequence[Document], *, force: bool = False,
             replace_same: bool = False) -> LoadResult:
        result = self._store.load(documents, force=force, replace_same=replace_same)
        self._note([d.id for d in documents] + [stored for _, stored, _ in result.superseded])
        return result

    def remove(self, ids: Sequence[str]) -> RemoveResult:
        result = self._store.remove(ids)
        self._note(result.removed)
        return result

    def find_same(self, document: Document) -> list[tuple[str, str]]:
        return self._store.find_same(document)

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        self._plans = None  # may write anything
        return self._store.run(query, params)

    def run_readonly(self, cypher: str,
                     params: Params | None = None) -> tuple[list[str], list[list[Any]]]:
        return self._store.run_readonly(cypher, params)

    def run_console(self, cypher: str, params: Params | None = None) -> ConsoleAnswer:
        return self._store.run_console(cypher, params)

    def close(self) -> None:
        self._store.close()

    def __getattr__(self, name: str) -> Any:
        """A backend's own method (load_bulk …): passed on, and what it wrote not known."""
        if name.startswith("_"):  # not set yet (copy, pickle): no store to ask
            raise AttributeError(name)
        self._plans = None
        return getattr(self._store, name)
