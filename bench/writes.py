"""The first request of each page after a write: what a clerk waits for once the viewer writes.

The viewer holds its embedded graph for writing, keeps named-query answers between its
writes (webui.answers) and clears them with each write (webui.db.write). Every page's first
request after a write then asks the graph again: at scale 1000 that was up to 1.5 s for
the province-wide rankings before they read kept tallies (graph.tallies). This phase
measures it as the viewer runs: the app on a writable copy of the graph it alone writes
(STORE_EXCLUSIVE, as when it opens the graph itself); a write is one new plan loaded
through webui.db.write (the Cypher path, tallies updated in the same transaction, kept
answers cleared); then each page is requested once and timed. Repeated for several new
plans, p50/p95 per page; the write itself is timed too.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from bench.pages import main_pages
from bench.timing import clocked, p50, p95
from graph.errors import QueryTimeout, StoreError
from graph.model import Document
from graph.settings import Settings
from graph.store import LoadResult, Store, open_store
from loaders.pipeline import read_plans
from loaders.synth import write_corpus

WRITES = 5  # new plans written, one at a time, per scale
NEW_PLANS_SEED = 7919  # a corpus seed the benchmark's own corpora never use: new plan ids


def new_plans(count: int, folder: Path) -> list[Document]:
    """`count` synthetic plans (loaders.synth) that no benchmark corpus holds."""
    write_corpus(max(1, -(-count // 5)), folder, seed=NEW_PLANS_SEED)
    return read_plans([folder]).documents[:count]


def write_phase(db: Path, writes: int = WRITES, timeout_ms: int | None = None
                ) -> dict[str, Any]:
    """On a copy of the graph `db`: per page, the first request after each of `writes`
    writes, in ms; and the milliseconds of each write (load and clearing). {"skipped": why}
    when the pages to time cannot be found (their queries ran past the time limit)."""
    from webui import create_app
    from webui.db import write

    with tempfile.TemporaryDirectory(prefix="bench-writes-") as folder:
        copy = Path(folder) / db.name
        shutil.copy(db, copy)
        settings = Settings(path=copy)
        if timeout_ms is not None:
            settings = replace(settings, query_timeout_ms=timeout_ms)
        with open_store(settings) as store:
            app = create_app(store=store, test_config={"STORE_EXCLUSIVE": True})
            client = app.test_client()
            try:
                urls = main_pages(store)
            except QueryTimeout as exc:
                return {"skipped": f"the pages to time were not found: {exc}"}
            for url in urls.values():  # the viewer has been running: templates compiled
                client.get(url)
            times: dict[str, list[float]] = {label: [] for label in urls}
            errors: dict[str, str] = {}
            written: list[float] = []
            for plan in new_plans(writes, Path(folder) / "plans"):
                with app.app_context():
                    try:
                        spent, _ = clocked(partial(write, partial(_load, plan)))
                    except StoreError as exc:  # a page left the store unable to write
                        return {"skipped": f"write {len(written) + 1} failed after each page "
                                           f"was requested: {exc}"}
                written.append(spent)
                for label, url in urls.items():
                    ms, response = clocked(partial(client.get, url))
                    if response.status_code != 200:
                        errors[label] = f"HTTP {response.status_code}"
                    times[label].append(ms)
    return {"writes": {"runs": len(written), "p50": p50(written), "p95": p95(written)},
            "pages": {label: ({"url": urls[label], "error": errors[label]} if label in errors
                              else {"url": urls[label], "p50": p50(ms), "p95": p95(ms),
                                    "runs": len(ms)})
                      for label, ms in times.items()}}


def _load(plan: Document, store: Store) -> LoadResult:
    return store.load([plan])
