"""Kept named-query answers (webui.answers): only where the graph cannot change under them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from webui import create_app
from webui.answers import AnswerCache
from webui.db import ANSWERS_KEY

ROOT = Path(__file__).resolve().parent.parent
COUNT_PLANS = "MATCH (d:Document) RETURN count(d) AS n"


@pytest.fixture()
def graph_path(tmp_path: Path, seed_documents: list[Document]) -> Path:
    """A graph file holding four of the five seed plans; the fifth is left to load later."""
    path = tmp_path / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(seed_documents[:4])
    return path


@pytest.fixture()
def frozen(graph_path: Path) -> Iterator[Store]:
    with closing(open_store(Settings(path=graph_path, read_only=True))) as store:
        yield store


def plan_count(store: Store) -> int:
    return store.run(COUNT_PLANS)[0]["n"]


def test_a_read_only_store_does_not_see_writes_made_after_it_opened(
        graph_path: Path, frozen: Store) -> None:
    """What keeping answers rests on: if an engine upgrade changes this, this test fails."""
    assert frozen.snapshot
    writer = ("import sys; from pathlib import Path; from graph.settings import Settings; "
              "from graph.store import open_store; from loaders.pipeline import read_plans; "
              "s = open_store(Settings(path=Path(sys.argv[1]))); "
              "s.load(read_plans([Path(sys.argv[2])]).documents); s.close()")
    subprocess.run([sys.executable, "-c", writer, str(graph_path), str(ROOT / "data/samples")],
                   check=True, cwd=ROOT, timeout=120)
    assert plan_count(frozen) == 4
    with closing(open_store(Settings(path=graph_path, read_only=True))) as fresh:
        assert plan_count(fresh) == 5


def test_pages_on_a_read_only_store_reuse_answers(frozen: Store) -> None:
    app = create_app(store=frozen)
    client = app.test_client()
    answers: AnswerCache = app.extensions[ANSWERS_KEY]
    first = client.get("/sectors/")
    asked = answers.misses
    assert first.status_code == 200 and asked > 0
    again = client.get("/sectors/")
    assert again.data == first.data
    assert answers.misses == asked and answers.hits > 0


def test_other_parameters_are_asked_anew(frozen: Store) -> None:
    app = create_app(store=frozen)
    client = app.test_client()
    every = client.get("/api/queries/top_agencies?limit=3").get_json()["result"]
    one_city = client.get("/api/queries/top_agencies?limit=3&city=常州").get_json()["result"]
    assert {r["city"] for r in one_city["rows"]} == {"常州市"}
    assert every["rows"] != one_city["rows"]


def test_a_writable_store_is_asked_every_time(graph_path: Path,
                                              seed_documents: list[Document]) -> None:
    with closing(open_store(Settings(path=graph_path))) as store:
        assert not store.snapshot
        app = create_app(store=store)
        client = app.test_client()
        before = client.get("/api/queries/plans").get_json()["result"]["count"]
        store.load(seed_documents[4:])
        after = client.get("/api/queries/plans").get_json()["result"]["count"]
        assert (before, after) == (4, 5)
        assert app.extensions[ANSWERS_KEY].hits == 0


def test_a_caller_editing_rows_does_not_change_the_kept_answer() -> None:
    cache = AnswerCache(4)
    _, rows = cache.get("q", {}, lambda: (["n"], [[1], [2]]))
    rows[0][0] = "edited"
    rows.append(["extra"])
    assert cache.get("q", {}, lambda: pytest.fail("asked again")) == (["n"], [[1], [2]])


def test_the_least_recently_used_answer_goes_first() -> None:
    cache = AnswerCache(2)
    asked: list[str] = []

    def ask(name: str) -> tuple[list[str], list[list[object]]]:
        return cache.get(name, {"p": 1}, lambda: (asked.append(name), (["c"], [[name]]))[1])

    for name in ("a", "b", "a", "c", "a", "b"):
        ask(name)
    assert asked == ["a", "b", "c", "b"]  # b was least recent when c came; a stayed
