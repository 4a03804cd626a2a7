"""Documents and stores for the graph and query tests.

The documents are the five seed plans read by the real loaders; the gold readings in
tests/gold/ give the answers the tests expect.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold"
SAMPLES = ROOT / "data" / "samples"


def gold_documents() -> list[Document]:
    """The five seed plans as the real loaders read them (parsed, resolved, tagged)."""
    report = read_plans([SAMPLES])
    assert not report.failures, report.failures
    return report.documents


def revised(doc: Document) -> Document:
    """A new version of a plan: text amended, last task dropped, first task retitled."""
    tasks = [replace(t, mentions=list(t.mentions)) for t in doc.tasks[:-1]]
    tasks[0] = replace(tasks[0], title=tasks[0].title + "(修订)")
    return replace(doc, text=doc.text + "\n(2024年修订)", tasks=tasks)


def store_at(path: Path) -> Store:
    """A fresh embedded store in a test's temporary directory."""
    return open_store(Settings(path=path / "graph.lbdb"))
