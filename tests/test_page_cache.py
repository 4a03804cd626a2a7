"""The embedded engine's page cache stays usable however many different queries run.

LadybugDB's Python binding keeps each parameterised statement it has run, with the memory
its last run used, in the page cache (buffer_pool_mb). Before graph.embedded let go of
them, the viewer at scale 1000 filled a 1 GiB cache after visiting each page once, and
from then on every query and every write failed until it restarted. These tests run the
whole catalog against the seed plans in a small cache: statements run apart once seen
heavy keep nothing there; and when light ones fill the cache all the same, the store
reopens its graph and answers as before, writes included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import graph.embedded
from graph.embedded import EmbeddedStore
from graph.settings import Settings
from graph.store import open_store
from queries.catalog import load_catalog
from tests._graph_fixtures import gold_documents, revised

SMALL_CACHE_MB = 64  # the seed graph holds a few MB; 64 fills after ~20 kept statements


@pytest.fixture
def seed_graph(tmp_path: Path) -> Path:
    path = tmp_path / "graph.lbdb"
    with open_store(Settings(path=path)) as store:
        store.ensure_schema()
        store.load(gold_documents())
    return path


def _answers(store: EmbeddedStore) -> dict[str, list[list[object]]]:
    """Every catalog query that runs from its example (or its defaults), with its rows."""
    out = {}
    for name, query in sorted(load_catalog().items()):
        if any(p.required and p.name not in query.example for p in query.params):
            continue
        out[name] = query.run(store, dict(query.example))[1]
    return out


def _small(path: Path) -> EmbeddedStore:
    store = open_store(Settings(path=path, buffer_pool_mb=SMALL_CACHE_MB))
    assert isinstance(store, EmbeddedStore)
    return store


def _catalog_thrice_then_a_write(path: Path) -> EmbeddedStore:
    """The catalog three times in a small cache, each answer as in a roomy one, then a
    write that fits the cache; the store, closed, to see how it got there."""
    with open_store(Settings(path=path)) as roomy:
        expected = _answers(roomy)  # type: ignore[arg-type]
    with _small(path) as store:
        for _ in range(3):
            assert _answers(store) == expected
        changed = revised(gold_documents()[0])
        assert store.load([changed]).replaced == [changed.id]
    return store


def test_heavy_statements_run_apart_and_leave_the_cache_free(
        seed_graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.embedded, "HEAVY_READ_S", 0.0)  # every read counts as heavy
    store = _catalog_thrice_then_a_write(seed_graph)
    assert store.reopened == 0  # nothing a statement kept stayed in the cache


def test_a_full_cache_reopens_the_graph_and_answers_the_same(
        seed_graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.embedded, "HEAVY_READ_S", 3600.0)  # every read counts as light
    store = _catalog_thrice_then_a_write(seed_graph)
    assert store.reopened >= 1
