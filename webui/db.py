"""The app's one graph store and query catalog, and the way views ask them questions.

Writes (uploads, removals, corrections) go through `write`, one at a time and never beside
a read, and every write clears the kept answers, so the next page shows the new graph.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from flask import Flask, current_app

from graph.console import ConsoleAnswer
from graph.model import Document
from graph.store import LoadResult, Params, RemoveResult, Store
from queries.catalog import NamedQuery, get_query, load_catalog
from webui.answers import AnswerCache
from webui.tables import Table

STORE_KEY = "graph_store"
CATALOG_KEY = "query_catalog"
ANSWERS_KEY = "query_answers"
WRITE_HOOKS_KEY = "after_write"
T = TypeVar("T")


class SerialStore(Store):
    """Store protocol, one call at a time, except console queries.

    The embedded engine runs a read transaction on one shared connection; two request
    threads must not interleave BEGIN and COMMIT on it. Named queries take milliseconds,
    so serialising them costs little. Console queries do not take this lock: they run in
    worker processes of their own, a few at a time (graph.console), so a page never waits
    behind one.
    """

    def __init__(self, store: Store, *, exclusive: bool = False,
                 on_write: Callable[[], None] = lambda: None) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._on_write = on_write
        self.backend = store.backend
        self.snapshot = store.snapshot
        # Answers may be kept while nothing but this wrapper can change the graph: a
        # read-only snapshot, or an embedded graph this app holds for writing (LadybugDB
        # admits one writing process, so no other process can change it meanwhile).
        self.keeps_answers = store.snapshot or (exclusive and store.backend == "embedded")
        self.writes = 0  # how many writes went through: a page may show "updated"
        # Per write, the plans it loaded, replaced or removed; None when it did more than
        # that (Recording.followed): answers kept per plan, and the search index, read
        # again only these (or everything after a None).
        self._touched: list[frozenset[str] | None] = []

    @property
    def tuned_texts(self) -> bool:  # the wrapped store decides anew after each load
        return self._store.tuned_texts

    @tuned_texts.setter
    def tuned_texts(self, value: bool) -> None:
        self._store.tuned_texts = value

    def ensure_schema(self) -> None:
        with self._lock:
            self._store.ensure_schema()

    def load(self, documents: Sequence[Document], *, force: bool = False,
             replace_same: bool = False) -> LoadResult:
        return self.write(lambda store: store.load(documents, force=force,
                                                   replace_same=replace_same))

    def remove(self, ids: Sequence[str]) -> RemoveResult:
        return self.write(lambda store: store.remove(ids))

    def write(self, change: Callable[[Store], T]) -> T:
        """Run `change` on the store alone (no read beside it), then drop the kept answers,
        whether or not it succeeded: a failed write may have changed what a store caches."""
        with self._lock:
            recording = Recording(self._store)
            try:
                return change(recording)
            finally:
                self._touched.append(frozenset(recording.touched) if recording.followed
                                     else None)
                self.writes += 1
                self._on_write()

    @property
    def written(self) -> frozenset[str] | None:
        """The plans the last write touched (None: it may have changed anything)."""
        return self._touched[-1] if self._touched else frozenset()

    def touched_since(self, writes: int) -> set[str] | None:
        """The plans loaded, replaced or removed by the writes after the first `writes`
        (None when one of them may have changed anything): answers kept per plan
        (webui.per_plan) need asking again for those only."""
        since = self._touched[writes:]
        return None if None in since else set().union(*since)  # type: ignore[arg-type]

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return self._store.run(query, params)

    def run_readonly(self, cypher: str,
                     params: Params | None = None) -> tuple[list[str], list[list[Any]]]:
        with self._lock:
            return self._store.run_readonly(cypher, params)

    def run_console(self, cypher: str, params: Params | None = None) -> ConsoleAnswer:
        return self._store.run_console(cypher, params)  # no lock: see the class

    def close(self) -> None:
        with self._lock:
            self._store.close()


class Recording(Store):
    """The store as a write sees it, noting the plans each load and remove touched.

    A load or remove that fails rolls back and changes nothing, so only calls that
    returned are noted. `followed` turns false when the write asks for something that may
    change the graph otherwise (`run`, a backend's own method): what it changed is then not
    known, and the search index compares every plan (webui.search_index).
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self.backend = store.backend
        self.snapshot = store.snapshot
        self.touched: set[str] = set()
        self.followed = True

    @property
    def tuned_texts(self) -> bool:
        return self._store.tuned_texts

    @tuned_texts.setter
    def tuned_texts(self, value: bool) -> None:
        self._store.tuned_texts = value

    def ensure_schema(self) -> None:
        self._store.ensure_schema()

    def load(self, documents: Sequence[Document], *, force: bool = False,
             replace_same: bool = False) -> LoadResult:
        result = self._store.load(documents, force=force, replace_same=replace_same)
        self.touched.update(result.loaded, result.replaced,
                            (stored for _, stored, _ in result.superseded))
        return result

    def remove(self, ids: Sequence[str]) -> RemoveResult:
        result = self._store.remove(ids)
        self.touched.update(result.removed)
        return result

    def find_same(self, document: Document) -> list[tuple[str, str]]:
        return self._store.find_same(document)

    def run(self, query: str, params: Params | None = None) -> list[dict[str, Any]]:
        self.followed = False  # may write anything
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
        self.followed = False
        return getattr(self._store, name)


def init_app(app: Flask, store: Store, *, owned: bool) -> None:
    """Attach the store (closed at exit when the app opened it) and load the catalog.

    An app that opened its store itself is the graph's only writer; one handed a store
    (tests, tools) cannot know who else writes to it unless STORE_EXCLUSIVE says so.
    """
    answers = AnswerCache(app.config["ANSWER_CACHE_SIZE"])
    exclusive = owned or bool(app.config.get("STORE_EXCLUSIVE"))
    hooks: list[Callable[[], None]] = [answers.clear]

    def written() -> None:
        for hook in hooks:
            hook()

    app.extensions[WRITE_HOOKS_KEY] = hooks
    app.extensions[STORE_KEY] = SerialStore(store, exclusive=exclusive, on_write=written)
    app.extensions[CATALOG_KEY] = load_catalog()
    app.extensions[ANSWERS_KEY] = answers
    if owned:
        atexit.register(store.close)


def after_write(app: Flask, hook: Callable[[], None]) -> None:
    """Call `hook` after every write, as the kept answers are cleared (the search index)."""
    app.extensions[WRITE_HOOKS_KEY].append(hook)


def get_store() -> SerialStore:
    return current_app.extensions[STORE_KEY]


def get_answers() -> AnswerCache:
    return current_app.extensions[ANSWERS_KEY]


def get_catalog() -> dict[str, NamedQuery]:
    return current_app.extensions[CATALOG_KEY]


def fetch(name: str, title: str = "", **params: Any) -> Table:
    """Run named query `name` (None parameters take the query's default) as a Table."""
    query = get_query(get_catalog(), name)
    columns, rows = ask(query, {k: v for k, v in params.items() if v is not None})
    return Table(name=name, title=title or query.shown_title, columns=columns, rows=rows)


def ask(query: NamedQuery, values: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Run a named query, or reuse its answer while the store's graph cannot change."""
    store = get_store()
    if store.keeps_answers:
        return get_answers().get(query.name, values, lambda: query.run(store, values))
    return query.run(store, values)


def fetch_one(name: str, **params: Any) -> dict[str, Any] | None:
    """The first row of a named query as a dict, or None when it has no rows."""
    records = fetch(name, **params).records()
    return records[0] if records else None


def write(change: Callable[[Store], T]) -> T:
    """Change the graph from a view: alone, then every page asks afresh."""
    return get_store().write(change)
