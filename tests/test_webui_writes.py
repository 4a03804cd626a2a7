"""The viewer as the graph's one writer: writes show at once, and other writers are told why not."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from flask import Flask

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from webui import create_app, db
from webui.answers import AnswerCache

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture()
def viewer(tmp_path: Path, seed_documents: list[Document]) -> Iterator[Flask]:
    """A viewer that opened its own graph (four seed plans), as `python -m webui` does."""
    path = tmp_path / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(seed_documents[:4])
    app = create_app(settings=Settings(path=path), test_config={"TESTING": True})
    app.config["GRAPH_FILE"] = path  # for the tests' other processes
    yield app
    db_store(app).close()


def db_store(app: Flask) -> Store:
    with app.app_context():
        return db.get_store()


def plans_shown(app: Flask) -> int:
    return int(app.test_client().get("/api/queries/plans").get_json()["result"]["count"])


def test_a_write_through_the_viewer_shows_on_the_next_request(
        viewer: Flask, seed_documents: list[Document]) -> None:
    answers: AnswerCache = viewer.extensions[db.ANSWERS_KEY]
    assert plans_shown(viewer) == 4
    assert plans_shown(viewer) == 4 and answers.hits > 0  # kept while nothing changes
    with viewer.app_context():
        result = db.write(lambda store: store.load(seed_documents[4:]))
    assert result.loaded == [seed_documents[4].id]
    assert plans_shown(viewer) == 5


def test_a_failed_write_still_drops_the_kept_answers(viewer: Flask) -> None:
    answers: AnswerCache = viewer.extensions[db.ANSWERS_KEY]
    plans_shown(viewer)
    kept = answers.misses

    def fail(store: Store) -> None:
        raise RuntimeError("disk full")

    with viewer.app_context(), pytest.raises(RuntimeError):
        db.write(fail)
    plans_shown(viewer)
    assert answers.misses == kept + 1


def test_an_answer_asked_before_a_write_is_not_kept_after_it() -> None:
    """A page that read the old graph must not leave its answer for the pages after a write."""
    cache = AnswerCache(8)
    asking, cleared = threading.Event(), threading.Event()

    def slow_old_answer() -> tuple[list[str], list[list[object]]]:
        asking.set()
        cleared.wait(5)
        return ["n"], [["old"]]

    reader = threading.Thread(target=cache.get, args=("q", {}, slow_old_answer))
    reader.start()
    asking.wait(5)
    cache.clear()  # the write lands while the old answer is on its way
    cleared.set()
    reader.join(5)
    assert cache.get("q", {}, lambda: (["n"], [["new"]])) == (["n"], [["new"]])


def test_a_loader_run_while_the_viewer_holds_the_graph_changes_nothing_and_says_why(
        viewer: Flask) -> None:
    path = viewer.config["GRAPH_FILE"]
    done = subprocess.run([sys.executable, "-m", "loaders", "load", str(SAMPLES)],
                          cwd=ROOT, env={"GRAPH_PATH": str(path), "PATH": ""},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    message = done.stderr.strip().splitlines()[-1]
    assert message.startswith("Error: ") and "held for writing by process" in message
    assert "nothing was changed" in message and "upload" in message
    assert plans_shown(viewer) == 4


def test_the_command_line_may_read_while_the_viewer_holds_the_graph(viewer: Flask) -> None:
    path = viewer.config["GRAPH_FILE"]
    done = subprocess.run([sys.executable, "-m", "queries", "run", "plans", "--format", "csv"],
                          cwd=ROOT, env={"GRAPH_PATH": str(path), "PATH": ""},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 1 + 4  # header and the four plans
