"""Shared fixtures: the five seed plans read by the real loaders into a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def seed_documents() -> list[Document]:
    """The seed plans as the loaders read them (parsed, resolved, tagged)."""
    report = read_plans([SAMPLES])
    assert not report.failures, report.failures
    return report.documents


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory,
               seed_documents: list[Document]) -> Iterator[Store]:
    """An embedded store loaded with the seed plans; read it, do not write to it."""
    path = tmp_path_factory.mktemp("seed") / "graph.lbdb"
    store = open_store(Settings(backend="embedded", path=path))
    store.load(seed_documents)
    yield store
    store.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the parser's gold figures at the end of every run, pass or fail."""
    from tests.test_gold import gold_score

    terminalreporter.write_line(f"seed plans against gold: {gold_score().line()}")
