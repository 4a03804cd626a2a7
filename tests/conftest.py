"""Shared fixtures: the five seed plans read by the real loaders into a real store, and the
real plans of tests/realdocs read once per run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from loaders.pipeline import read_plans
from loaders.score import Reading, SetScore, read_document, score_set

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
REALDOCS = Path(__file__).resolve().parent / "realdocs"
# Lines the question-box tests (tests/test_ask.py) leave for the summary: one per question file.
QUESTION_SCORES = pytest.StashKey[list[str]]()


@cache
def read_realdoc(path: Path) -> Reading:
    """Each real plan parsed once per run, shared by its tests and the closing summary."""
    return read_document(path)


def score_realdocs(ext: str) -> SetScore:
    """The real plans of one file type scored against their gold readings."""
    return score_set(REALDOCS / "gold", REALDOCS / "docs", ext, read_realdoc)


@pytest.fixture(scope="session")
def realdocs_reader() -> Callable[[Path], Reading]:
    """The cached reader, so a test that scores the real plans never parses one twice."""
    return read_realdoc


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
    """Print the parser's gold figures at the end of every run, pass or fail, and the
    question box's score when its tests ran."""
    from tests.test_gold import gold_score

    terminalreporter.write_line(f"seed plans against gold: {gold_score().line()}")
    for line in realdocs_summary():
        terminalreporter.write_line(line)
    for line in terminalreporter.config.stash.get(QUESTION_SCORES, []):
        terminalreporter.write_line(line)


def realdocs_summary() -> list[str]:
    """One line per real plan (.txt), then the overall .txt and .html lines.

    A crash in the parser prints a line instead, so the summary never hides the test report.
    """
    try:
        txt, html = score_realdocs("txt"), score_realdocs("html")
    except Exception as err:  # any parser bug: say so and keep the summary
        return [f"real plans against gold: not scored ({type(err).__name__}: {err})"]
    lines = [f"  {d.name:<26} {d.score.line()}" + (f"  error: {d.error}" if d.error else "")
             for d in txt.documents]
    return ["real plans against gold (.txt):", *lines,
            *(f"real plans overall (.{s.ext}, {len(s.documents)}): {s.total.line()}"
              for s in (txt, html))]


@pytest.fixture(scope="module")
def app(seed_store: Store) -> Flask:
    """The viewer over the seed graph (Flask test client: no server)."""
    from webui import create_app

    return create_app(store=seed_store, test_config={"TESTING": True})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def ids(seed_store: Store) -> dict[str, str]:
    """Ids to visit: the busiest 5G department, one of its tasks, that task's plan."""
    from tests.test_webui import run

    top = run(seed_store, "top_agencies", sector="5G", kind="department", limit=1)[0]
    task = run(seed_store, "agency_tasks", agency=top["id"])[0]
    return {"agency": top["id"], "task": task["task_id"], "plan": task["doc_id"],
            "sector": "5G"}


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Debian chromium for every browser test of the run (tests/_browser.py)."""
    from tests._browser import launched

    with launched() as browser:
        yield browser


@pytest.fixture()
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser context's page, watched for scripts a document tried to run."""
    from tests._browser import browsing

    with browsing(chromium, "") as session:
        yield session.page
