"""The viewer's full-text index (queries.search): where it lives, and kept in step with the graph.

An app that holds its embedded graph for writing keeps the index in a file beside it
(`graph.search.sqlite3` for `graph.lbdb`), so a restart only compares plan hashes; any other
app keeps it in memory. The index is brought up to date before the first search after a
write (webui.db.after_write) and, on a store that may change underneath (Neo4j), before a
search once REFRESH_SECONDS have passed. It is read through named queries run on the store
directly, not through the kept answers: they would hold every task text twice.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from graph.settings import Settings
from queries.catalog import NamedQuery
from queries.search import Answer, Refreshed, SearchIndex
from webui.db import CATALOG_KEY, SerialStore, after_write

INDEX_KEY = "search_index"
REFRESH_SECONDS = 60.0
INDEX_SUFFIX = ".search.sqlite3"
log = logging.getLogger(__name__)


class KeptIndex:
    """The index and whether it has seen the last write; refreshed by one thread at a time."""

    def __init__(self, index: SearchIndex, store: SerialStore,
                 catalog: dict[str, NamedQuery]) -> None:
        self.index = index
        self.last: Refreshed | None = None
        self._store, self._catalog = store, catalog
        self._writes = 0  # bumped by every write; compared with the writes last refreshed for
        self._seen = -1
        self._checked = 0.0
        self._lock = threading.Lock()
        # Plans the writes since the last refresh loaded or removed; None: not known, every
        # plan is compared. Taken and reset under its own lock, since `stale` runs inside a
        # write while a refresh may be reading.
        self._written: set[str] | None = None
        self._written_lock = threading.Lock()

    def stale(self) -> None:
        """After a write: note it, and which plans it touched (webui.db.SerialStore.written)."""
        with self._written_lock:
            self._writes += 1
            written = self._store.written
            self._written = None if self._written is None or written is None \
                else self._written | written

    def fresh(self) -> SearchIndex:
        """The index, refreshed first if the graph may have changed since it last was."""
        if self._needs_refresh():
            with self._lock:
                if self._needs_refresh():
                    self._refresh()
        return self.index

    def _refresh(self) -> None:
        """Read again the plans written since the last refresh, or compare everything: at
        start, and when the graph can change underneath (Neo4j), where writes by others are
        not seen."""
        with self._written_lock:
            writes, plans = self._writes, self._written
            self._written = set()
        if not self._store.keeps_answers:
            plans = None
        try:
            self.last = self.index.refresh(self._rows, plans)
        except BaseException:
            with self._written_lock:
                self._written = None  # what this refresh left undone is not known
            raise
        self._seen, self._checked = writes, time.monotonic()

    def _needs_refresh(self) -> bool:
        if self._seen != self._writes:
            return True
        return not self._store.keeps_answers and \
            time.monotonic() - self._checked > REFRESH_SECONDS

    def _rows(self, name: str, params: Any) -> Answer:
        return self._catalog[name].run(self._store, params)

    def warm(self) -> None:
        """Build (or catch up) in the background, so the first search need not wait."""
        def run() -> None:
            try:
                self.fresh()
            except Exception:  # the first search tries again and reports the error
                log.exception("building the search index failed")
        threading.Thread(target=run, name="search-index", daemon=True).start()


def init_app(app: Flask, store: SerialStore, settings: Settings | None) -> None:
    """The app's index: in a file beside a graph the app holds for writing, else in memory."""
    path = app.config.get("SEARCH_INDEX_PATH") or _beside_graph(store, settings)
    kept = KeptIndex(SearchIndex(Path(path) if path else None), store,
                     app.extensions[CATALOG_KEY])
    app.extensions[INDEX_KEY] = kept
    after_write(app, kept.stale)
    if settings is not None and not app.config.get("TESTING"):
        kept.warm()


def _beside_graph(store: SerialStore, settings: Settings | None) -> Path | None:
    if settings is None or settings.backend != "embedded" or settings.read_only \
            or not store.keeps_answers:
        return None
    return settings.path.with_name(settings.path.stem + INDEX_SUFFIX)


def search_index() -> SearchIndex:
    """The app's index, up to date with the graph."""
    kept: KeptIndex = current_app.extensions[INDEX_KEY]
    return kept.fresh()
