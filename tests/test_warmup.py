"""The viewer reads what its first requests would need while it starts (webui.warmup).

The check list's counts, the 督办 ledger and the search index are read from the whole graph
on first use and kept; at scale 1000 that first request took 5-16 s. After the warm-up the
pages find them kept and ask the graph for nothing more.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import Document
from graph.settings import Settings
from graph.store import open_store
from webui import create_app
from webui.checks import COUNTS_KEY
from webui.search_index import INDEX_KEY
from webui.supervision.reading import PLANS_KEY
from webui.warmup import warm_up


def test_warm_up_reads_what_the_first_pages_would(tmp_path: Path,
                                                  seed_documents: list[Document]) -> None:
    with open_store(Settings(path=tmp_path / "graph.lbdb")) as store:
        store.load(seed_documents)
        app = create_app(store=store, test_config={"STORE_EXCLUSIVE": True})
        assert COUNTS_KEY not in app.extensions and PLANS_KEY not in app.extensions
        thread = warm_up(app)
        thread.join(timeout=300)
        assert not thread.is_alive()
        counts, parts = app.extensions[COUNTS_KEY], app.extensions[PLANS_KEY]
        plans = len(seed_documents)
        assert counts.asked == [plans] and parts.asked == [plans]  # every plan, once
        assert not app.extensions[INDEX_KEY]._needs_refresh()
        client = app.test_client()
        for page in ("/checks/", "/duban/", "/search?q=工信"):
            assert client.get(page).status_code == 200
        assert counts.asked == [plans] and parts.asked == [plans]  # nothing asked again
        assert "市工业和信息化局" in client.get("/search?q=工信").get_data(as_text=True)
