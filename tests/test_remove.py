"""Removing plans: from the store and from the command line, all or nothing, taking with a
plan the agencies, sectors and cities only it named.

The embedded leg always runs; the Neo4j leg runs when NEO4J_URI names a scratch server
(as in tests/test_backends.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph.errors import GraphError, UnknownDocument
from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store, statement
from loaders.__main__ import main as loaders_main
from queries.catalog import load_catalog
from tests._bolt_stub import Rows
from tests.test_backends import empty_store
from tests.test_bulk import graph_of
from tests.test_server import served

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
CHANGZHOU = "000_29c4f374f04b8484"
KAIFENG = "002_56b0b1f0d4126dc9"


@pytest.fixture(params=["embedded", "neo4j"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "neo4j" and not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is not set: the Neo4j leg needs a server (see the README, Neo4j)")
    return str(request.param)


@pytest.fixture
def store(backend: str, tmp_path: Path, seed_documents: list[Document]) -> Iterator[Store]:
    """A store of `backend` holding the seed plans."""
    opened = empty_store(backend, tmp_path, seed_documents)
    opened.load(seed_documents)
    yield opened
    opened.close()


def counts(store: Store) -> dict[str, int]:
    return {row["name"]: int(row["count"]) for row in store.run("counts")}


def industry_tasks(store: Store) -> int:
    _columns, rows = load_catalog()["agency_tasks"].run(store, {"agency": "市工信局",
                                                                "city": "常州"})
    return len(rows)


def test_a_removed_plan_takes_what_only_it_named(store: Store, tmp_path: Path,
                                                 seed_documents: list[Document]) -> None:
    before = counts(store)
    result = store.remove([KAIFENG])
    after = counts(store)
    assert result.removed == [KAIFENG] and result.tasks == 22
    assert before["Task"] - after["Task"] == 22
    assert (result.agencies, result.sectors, result.cities) == (
        before["Agency"] - after["Agency"], before["Sector"] - after["Sector"],
        before["City"] - after["City"])
    assert result.agencies > 0 and result.cities == 1  # 开封市: no plan, no agency left
    assert "removed 1 plan (002_56b0b1f0d4126dc9) with 22 tasks" in str(result)
    with open_store(Settings(path=tmp_path / "others.lbdb")) as others:
        others.load([d for d in seed_documents if d.id != KAIFENG])
        assert graph_of(store) == graph_of(others)


def test_a_removed_plan_loads_again_as_it_was(store: Store,
                                              seed_documents: list[Document]) -> None:
    before = graph_of(store)
    store.remove([f"{KAIFENG}.txt"])  # by its file name
    result = store.load(seed_documents)
    assert result.loaded == [KAIFENG] and result.same == []
    assert graph_of(store) == before


def test_an_unknown_plan_removes_nothing(store: Store) -> None:
    before = counts(store)
    with pytest.raises(UnknownDocument, match="'no-such-plan'") as raised:
        store.remove([KAIFENG, "no-such-plan", f"{CHANGZHOU}.txt"])
    assert isinstance(raised.value, GraphError) and "nothing was removed" in str(raised.value)
    assert counts(store) == before


def test_an_agency_another_plan_names_stays(store: Store,
                                            seed_documents: list[Document]) -> None:
    changzhou = next(d for d in seed_documents if d.id == CHANGZHOU)
    second = replace(changzhou, doc="常州第二方案.txt", text=changzhou.text + "\n第二方案",
                     doc_number=None)
    assert industry_tasks(store) == 13
    store.load([second])
    assert industry_tasks(store) == 26
    before = counts(store)
    result = store.remove(["常州第二方案"])
    assert (result.agencies, result.cities) == (0, 0)
    assert industry_tasks(store) == 13
    assert counts(store)["Agency"] == before["Agency"]


def test_cli_removes_plans_by_id_or_file_and_refuses_unknown_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.lbdb")
    assert loaders_main(["load", str(SAMPLES), "--db", db]) == 0
    capsys.readouterr()
    assert loaders_main(["remove", KAIFENG, "nothing.txt", "--db", db]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("Error: ") and "'nothing.txt'" in captured.err
    assert captured.out == ""
    assert loaders_main(["remove", KAIFENG, f"{CHANGZHOU}.txt", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"removed 2 plans ({KAIFENG}, {CHANGZHOU}) with ")
    with open_store(Settings(path=Path(db), read_only=True)) as store:
        plans = [r["id"] for r in store.run("MATCH (d:Document) RETURN d.id AS id ORDER BY id")]
    assert plans == ["001_dd2bc50c87d10c0b", "003_ce560822e58bcc91", "004_47bded14bcf44dac"]


def test_a_neo4j_remove_is_one_transaction_and_an_unknown_name_deletes_nothing() -> None:
    """On the Neo4j backend, without a server: the driver talks to a scripted Bolt peer."""
    named, delete = statement("documents_named", "neo4j"), statement("delete_tasks", "neo4j")

    def answer(query: str, params: dict[str, Any]) -> Rows:
        if query == named:
            return Rows(["name", "id"], [[n, n] for n in params["names"] if n == KAIFENG])
        return Rows(["removed"], [[22]]) if query == delete else Rows()

    with served(answer) as (store, stub):
        result = store.remove([KAIFENG])
        assert (result.removed, result.tasks) == ([KAIFENG], 22)
        assert len(stub.sent("BEGIN")) == len(stub.sent("COMMIT")) == 1
        assert stub.queries().count(delete) == 1
        with pytest.raises(UnknownDocument, match=r"'elsewhere\.docx'"):
            store.remove([KAIFENG, "elsewhere.docx"])
        assert stub.queries().count(delete) == 1 and len(stub.sent("COMMIT")) == 1
