"""An editor corrects a task in a real browser (Debian's chromium through Playwright), and the
correction outlives a rebuild of the graph.

The viewer runs as `python -m webui` runs it: on a graph it opened itself, the account file
and the corrections book beside it, served by werkzeug in a thread on 127.0.0.1. To
rebuild, the server is stopped and its graph closed (the viewer holds the writer lock),
`python -m loaders load --rebuild` runs in its own process, and a new viewer starts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask

from bench.browser import serve
from graph.model import Document
from graph.settings import Settings
from graph.store import open_store
from tests._browser import needs_chromium
from webui import create_app, db
from webui.accounts import ACCOUNTS_FILE, Accounts

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
TASK = "000_29c4f374f04b8484-002"  # 常州 2 扩大千兆光网覆盖: five units, no 市财政局
PASSWORD = "correct horse battery staple"
WHY = "分工表附件列有市财政局,正文漏读"

pytestmark = needs_chromium


@contextmanager
def served(graph: Path, local: Path) -> Iterator[str]:
    """A viewer that opened the graph itself, on a free port; closed (graph too) after."""
    app: Flask = create_app(settings=Settings(path=graph),
                            test_config={"CORRECTIONS_LEXICON": local})
    try:
        with serve(app) as url:
            yield url
    finally:
        with app.app_context():
            db.get_store().close()


def who_units(page: Any) -> str:
    return page.locator("section.who").inner_text()


def test_a_unit_corrected_on_the_task_page_is_still_there_after_a_rebuild(
        page: Any, tmp_path: Path, seed_documents: list[Document]) -> None:
    graph, local = tmp_path / "graph.lbdb", tmp_path / "agencies.local.yaml"
    with open_store(Settings(path=graph)) as store:
        store.load(seed_documents)
    Accounts(tmp_path / ACCOUNTS_FILE).add_user("editor", PASSWORD)
    with served(graph, local) as base:
        page.goto(f"{base}/login?next=/tasks/{TASK}")
        page.fill("input[name=name]", "editor")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form:has(input[name=password]) button[type=submit]").click()
        page.wait_for_url(f"**/tasks/{TASK}")
        assert "市财政局" not in who_units(page)
        form = page.locator("form.correct-add_unit")
        form.locator("input[name=name]").fill("市财政局")
        form.locator("select[name=role]").select_option("unit")
        form.locator("input[name=why]").fill(WHY)
        form.get_by_role("button", name="增加").click()
        page.wait_for_selector(".notice.done")
        assert page.url.endswith(f"/tasks/{TASK}")
        assert "市财政局" in who_units(page)
        badge = page.locator("section.who li:has-text('市财政局') .badge.corrected")
        assert badge.inner_text() == "人工更正" and WHY in (badge.get_attribute("title") or "")
        assert page.evaluate("window.__fired") == []

    environment = {**os.environ, "AGENCY_LEXICON_LOCAL": str(local),
                   "GRAPH_BACKEND": "embedded"}
    rebuilt = subprocess.run(
        [sys.executable, "-m", "loaders", "load", "--rebuild", str(SAMPLES), "--db", str(graph)],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    assert "corrections: 1 applied, 0 no longer match" in rebuilt.stdout

    with served(graph, local) as base:
        page.goto(f"{base}/tasks/{TASK}")
        assert "市财政局" in who_units(page)
        badge = page.locator("section.who li:has-text('市财政局') .badge.corrected")
        assert WHY in (badge.get_attribute("title") or "")
        page.goto(f"{base}/corrections/")
        assert WHY in page.locator("#table-records").inner_text()
        assert "已应用" in page.locator("#table-records").inner_text()
        assert page.evaluate("window.__fired") == []

