"""Read what the viewer keeps across requests once it starts, before a clerk asks for it.

Three pages read the whole graph the first time they are asked and keep what they read
(webui.per_plan, webui.search_index): the check list's counts, the 督办 ledger and the
search index. At scale 1000 (5,000 plans) that first request took 5 s (/checks/), 16 s
(/duban/) and 16 s (/search) on this project's 2-core machine, however fast the later
ones are. The server starts answering at once; a thread asks for those pages meanwhile,
through the app itself, so that what is kept is what a request would have kept. A request
that comes before the thread is done waits for what it needs, as it would have anyway.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask

LOG = logging.getLogger(__name__)
LOG.setLevel(logging.INFO)  # shown beside waitress's own INFO lines
# The pages whose first request reads the whole graph; any query word builds the index.
PAGES = ("/checks/", "/duban/", "/search?q=%E5%B1%80")


def warm_up(app: Flask) -> threading.Thread:
    """Start asking for PAGES in a daemon thread; it logs each page's time and status."""
    thread = threading.Thread(target=_ask, args=(app,), name="warm-up", daemon=True)
    thread.start()
    return thread


def _ask(app: Flask) -> None:
    client = app.test_client()
    for page in PAGES:
        started = time.perf_counter()
        try:
            status = client.get(page).status_code
        except Exception:  # a page that fails here fails for the clerk too, with its message
            LOG.exception("warming up %s failed", page)
            continue
        LOG.info("warmed up %s (HTTP %s) in %.1f s", page, status,
                 time.perf_counter() - started)
