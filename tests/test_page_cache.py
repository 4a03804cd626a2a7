"""The embedded engine's page cache stays usable however many different queries run.

LadybugDB's Python binding keeps each parameterised statement it has run, with the memory
its last run used, in the page cache (buffer_pool_mb). Before graph.embedded let go of
them, the viewer at scale 1000 filled a 1 GiB cache after visiting each page once, and
from then on every query and every write failed until it restarted. These tests run the
whole catalog against the seed plans in a small cache: it must answer every query, twice,
and still take a write; and when the cache does fill, the store reopens its graph and
answers as before.
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


def test_every_query_twice_and_a_write_in_a_small_cache(seed_graph: Path) -> None:
    with open_store(Settings(path=seed_graph)) as roomy:
        expected = _answers(roomy)  # type: ignore[arg-type]
    with _small(seed_graph) as store:
        assert _answers(store) == expected
        assert _answers(store) == expected
        changed = revised(gold_documents()[0])
        assert store.load([changed]).replaced == [changed.id]
        assert store.plans_forgotten >= 1  # the kept statements were let go …
        assert store.reopened == 0  # … before the cache filled


def test_a_full_cache_reopens_the_graph_and_answers_the_same(
        seed_graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(Settings(path=seed_graph)) as roomy:
        expected = _answers(roomy)  # type: ignore[arg-type]
    monkeypatch.setattr(graph.embedded, "CACHE_FULL_SHARE", 2.0)  # never let go early
    with _small(seed_graph) as store:
        for _ in range(3):
            assert _answers(store) == expected
        assert store.reopened >= 1
        assert store.plans_forgotten == 0
        changed = revised(gold_documents()[0])  # a write that fits the cache
        assert store.load([changed]).replaced == [changed.id]
