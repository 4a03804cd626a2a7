"""The named queries: catalog loading, every query's columns, what they answer, the CLI.

What the queries answer is checked against the gold readings, through the stand-in
resolver of tests/_graph_fixtures.py; that every query runs is checked on `seed_store`
(tests/conftest.py), the seed plans as the real loaders read them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import Store
from loaders.agencies import AgencyLexicon
from queries.catalog import NamedQuery, load_catalog, parse_query
from queries.cli import main as queries_main
from queries.errors import CatalogError, ParameterError
from tests._graph_fixtures import GOLD, gold_documents, store_at

CATALOG = load_catalog()
CHANGZHOU = "000_29c4f374f04b8484"
ZHANGZHOU = "003_ce560822e58bcc91"


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("queries")
    store = store_at(folder)
    store.load(gold_documents())
    store.close()
    return folder


@pytest.fixture(scope="module")
def store(graph_dir: Path) -> Iterator[Store]:
    opened = store_at(graph_dir)
    yield opened
    opened.close()


# Checks whose examples rightly find nothing in the seed plans (tests/test_checks.py shows
# them finding what a crafted plan holds).
NOTHING_IN_SEED = {"check_unknown_agencies": "every unit the seed plans print is in the lexicon"}


def run(store: Store, name: str, **params: object) -> list[dict]:
    columns, rows = CATALOG[name].run(store, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def gold(doc_id: str) -> dict:
    return json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("query", CATALOG.values(), ids=list(CATALOG))
def test_every_query_runs_and_returns_its_declared_columns(seed_store: Store,
                                                           query: NamedQuery) -> None:
    """On the seed plans as the real loaders read them (examples may name lexicon ids)."""
    columns, rows = query.run(seed_store, query.example)
    assert tuple(columns) == query.columns
    if query.name in NOTHING_IN_SEED:
        assert not rows, f"{query.name}: {NOTHING_IN_SEED[query.name]}, yet it found some"
    else:
        assert rows, f"the example of {query.name} should find something in the seed plans"


@pytest.mark.parametrize("query", CATALOG.values(), ids=list(CATALOG))
def test_every_query_is_documented(query: NamedQuery) -> None:
    assert query.title and query.question.endswith("?")
    assert all(p.meaning for p in query.params)
    assert {p.name for p in query.params if p.required} <= set(query.example)


def test_the_required_queries_exist() -> None:
    assert {"top_agencies", "top_agency_types", "agency_tasks", "task_detail",
            "tasks_without_lead", "tasks_without_units", "co_responsibility",
            "agency_sectors", "plan_table", "search"} <= set(CATALOG)


def test_parameters_must_match_placeholders(tmp_path: Path) -> None:
    (tmp_path / "bad.cypher").write_text(
        "// title: Bad\n// question: Why?\n// param city (string, default null): a city\n"
        "// columns: n\nMATCH (c:City) WHERE c.id = $town RETURN c.id AS n\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"\$town is used but not declared.*city is declared"):
        load_catalog(tmp_path)


def test_an_override_is_checked_too(tmp_path: Path) -> None:
    header = "// title: T\n// question: Q?\n// param q (string, required): text\n// columns: n\n"
    (tmp_path / "t.cypher").write_text(header + "RETURN $q AS n", encoding="utf-8")
    (tmp_path / "t.neo4j.cypher").write_text("RETURN $other AS n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"t\.neo4j\.cypher"):
        load_catalog(tmp_path)
    (tmp_path / "t.neo4j.cypher").write_text("RETURN $q + '' AS n", encoding="utf-8")
    assert load_catalog(tmp_path)["t"].text_for("neo4j") == "RETURN $q + '' AS n"
    (tmp_path / "t.sqlite.cypher").write_text("RETURN $q AS n", encoding="utf-8")
    with pytest.raises(CatalogError, match="backend one of"):
        load_catalog(tmp_path)


@pytest.mark.parametrize(("header", "problem"), [
    ("// title: T\n// columns: n\n", "lacks question"),
    ("// title: T\n// question: Q?\n// columns: n\n// param n (float, default 1): x\n",
     "unknown type"),
    ("// title: T\n// question: Q?\n// columns: n\n// param n int: x\n", "cannot read"),
    ("// title: T\n// question: Q?\n// columns: n\n// param n (int, default many): x\n",
     "cannot read default"),
])
def test_malformed_headers_are_refused(header: str, problem: str) -> None:
    with pytest.raises(CatalogError, match=problem):
        parse_query("t", header + "RETURN $n AS n")


def test_parameters_are_converted_and_checked() -> None:
    query = CATALOG["top_agencies"]
    bound = query.bind({"limit": "5", "city": "", "role": "lead"})
    assert bound == {"sector": None, "city": None, "kind": None, "role": "lead", "limit": 5}
    for bad in ({"limit": "many"}, {"role": "boss"}, {"town": "常州"}):
        with pytest.raises(ParameterError):
            query.bind(bad)
    with pytest.raises(ParameterError, match="required"):
        CATALOG["agency_tasks"].bind({})


def test_top_agencies_ranks_by_tasks_then_name(store: Store) -> None:
    rows = run(store, "top_agencies", limit=100)
    keys = [(-r["tasks"], r["name"], r["city"]) for r in rows]
    assert keys == sorted(keys)
    assert rows[0]["tasks"] == max(r["tasks"] for r in rows)


def test_top_agencies_filters_by_sector_city_and_role(store: Store) -> None:
    everywhere = run(store, "top_agencies", sector="5G", limit=500)
    short = run(store, "top_agencies", sector="5G", city="常州", limit=500)
    assert short == run(store, "top_agencies", sector="5G", city="常州市", limit=500)
    assert short and {r["city"] for r in short} == {"常州市"}
    assert {r["id"] for r in short} < {r["id"] for r in everywhere}
    leads = run(store, "top_agencies", role="lead", limit=500)
    assert all(r["tasks"] == r["explicit_leads"] + r["first_listed_leads"] for r in leads)
    with pytest.raises(ParameterError, match=r"no city '无锡'.*常州市"):
        run(store, "top_agencies", city="无锡")


def test_agency_types_group_across_cities(store: Store) -> None:
    rows = {r["type"]: r for r in run(store, "top_agency_types", limit=50)}
    industry = rows["工业和信息化主管部门"]
    assert industry["cities"] == industry["agencies"] == 5


def test_agency_tasks_finds_an_agency_by_the_unit_as_printed(store: Store) -> None:
    rows = run(store, "agency_tasks", agency="市工信局", city="常州")
    printed = [t for t in gold(CHANGZHOU)["tasks"] if "市工信局" in t["units"]]
    assert len(rows) == len(printed)
    assert {r["agency"] for r in rows} == {"市工信局"}  # shown as 常州's plan prints it
    first = rows[0]
    assert (first["role"], first["basis"]) == ("lead", "first_listed")
    assert "5G" in first["sectors"]
    assert "市通管办" in first["co_agencies"]
    assert "市工信局" not in first["co_agencies"]
    by_lexicon = run(store, "agency_tasks", agency="市工业和信息化局", city="常州")
    assert [r["task_id"] for r in by_lexicon] == [r["task_id"] for r in rows]


def test_task_detail_gives_evidence_leads_first(store: Store) -> None:
    rows = run(store, "task_detail", task=f"{ZHANGZHOU}-001")
    expected = gold(ZHANGZHOU)["tasks"][0]
    assert [r["role"] for r in rows] == ["lead"] + ["unit"] * len(expected["units"])
    assert rows[0]["basis"] == "explicit" and rows[0]["mention"] == "市通管办"
    assert all(r["start"] <= r["end"] and r["sentence"] for r in rows)


def test_tasks_without_lead_say_whether_one_is_inferred(store: Store) -> None:
    rows = run(store, "tasks_without_lead", limit=500)
    no_lead = [t for d in (CHANGZHOU, ZHANGZHOU) for t in gold(d)["tasks"] if not t["leads"]]
    assert len([r for r in rows if r["doc_id"] in (CHANGZHOU, ZHANGZHOU)]) == len(no_lead)
    assert all(r["has_first_listed_lead"] == (r["first_listed_lead"] is not None) for r in rows)
    assert len(run(store, "tasks_without_lead", doc=f"{ZHANGZHOU}.txt")) == 1


def test_tasks_without_units_match_the_gold(store: Store) -> None:
    rows = run(store, "tasks_without_units", limit=500)
    expected = sum(1 for p in GOLD.glob("*.json") for t in gold(p.stem)["tasks"]
                   if not (t["leads"] or t["units"] or t["implied"]))
    assert len(rows) == expected


def test_plan_table_keeps_printed_order_and_lead_basis(store: Store) -> None:
    rows = run(store, "plan_table", doc=ZHANGZHOU)
    tasks = gold(ZHANGZHOU)["tasks"]
    assert [r["title"] for r in rows] == [t["title"] for t in tasks]
    names = AgencyLexicon.load()
    shown = {r["id"]: r["name"] for r in store.run("MATCH (a:Agency) RETURN a.id AS id, "
                                                   "a.name AS name")}
    assert rows[0]["leads"] == [shown[names.resolve("市通管办", "漳州市").id]]
    assert rows[0]["lead_basis"] == "explicit"
    assert rows[0]["units"] == [shown[names.resolve(u, "漳州市").id] for u in tasks[0]["units"]]
    inferred = run(store, "plan_table", doc=CHANGZHOU)[0]
    assert inferred["lead_basis"] == "first_listed"
    assert inferred["leads"] == inferred["units"][:1]


def test_co_responsibility_pairs(store: Store) -> None:
    rows = run(store, "co_responsibility", city="连云港", min_shared=3, limit=500)
    assert rows and all(r["shared"] >= 3 and r["city"] == "连云港市" for r in rows)
    assert [r["shared"] for r in rows] == sorted((r["shared"] for r in rows), reverse=True)
    assert len({(r["agency_a"], r["agency_b"]) for r in rows}) == len(rows)


def test_agency_sectors_counts_tasks_per_sector(store: Store) -> None:
    rows = run(store, "agency_sectors", agency="市工信局", city="常州")
    assert {r["sector"] for r in rows} >= {"5G"}
    assert all(r["tasks"] >= r["explicit_leads"] + r["first_listed_leads"] for r in rows)


def test_search_finds_agencies_by_printed_fragment_and_tasks(store: Store) -> None:
    rows = run(store, "search", q="工信")
    assert {r["name"] for r in rows if r["kind"] == "agency"} == {"市工信局"}
    # the lexicon's name finds the agency in every city, whatever its plans print
    full = [r for r in run(store, "search", q="工业和信息化局") if r["kind"] == "agency"]
    assert {r["name"] for r in full} == {"市工业和信息化局", "市工信局"}
    assert sorted(r["city"] for r in full) == ["常州市", "开封市", "深圳市", "漳州市", "连云港市"]
    assert run(store, "search", q="数据中心") and all(
        "数据中心" in r["name"] for r in run(store, "search", q="数据中心") if r["kind"] == "task")


def test_cli_runs_a_named_query_as_json(graph_dir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    env = {"GRAPH_PATH": str(graph_dir / "graph.lbdb")}
    argv = ["run", "top_agencies", "--param", "sector=5G", "--param", "city=常州",
            "--format", "json"]
    assert queries_main(argv, env) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and list(rows[0]) == list(CATALOG["top_agencies"].columns)


def test_cli_csv_table_and_list(graph_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = {"GRAPH_PATH": str(graph_dir / "graph.lbdb")}
    assert queries_main(["cypher", "MATCH (c:City) RETURN c.id AS city ORDER BY city",
                         "--format", "csv"], env) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["city", "常州市"]
    assert queries_main(["run", "plan_table", "--param", f"doc={ZHANGZHOU}"], env) == 0
    assert "(34 rows)" in capsys.readouterr().out
    assert queries_main(["list"], env) == 0
    listing = capsys.readouterr().out
    assert all(f"python -m queries run {name}" in listing for name in CATALOG)


@pytest.mark.parametrize(("argv", "message"), [
    (["cypher", "MATCH (a:Agency) DETACH DELETE a"], "Error: DETACH"),
    (["run", "nope"], "Error: no query named 'nope'"),
    (["run", "top_agencies", "--param", "limit=many"], "Error: limit must be a whole number"),
    (["run", "search", "--param", "q"], "Error: --param 'q'"),
    (["cypher", "MATCH (a:Agency RETURN a"], "Error: "),
])
def test_cli_errors_exit_1(graph_dir: Path, capsys: pytest.CaptureFixture[str],
                           argv: list[str], message: str) -> None:
    assert queries_main(argv, {"GRAPH_PATH": str(graph_dir / "graph.lbdb")}) == 1
    assert capsys.readouterr().err.startswith(message)
