"""The console's grammar: statements made only of read clauses pass; any other clause is
refused by name, and words that merely spell a keyword (aliases, labels, properties) pass.
The engine is the backstop (and for the console, graph.console's worker: test_console_cage).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import graph.embedded
from graph.errors import QueryError, QueryTimeout, ReadOnlyViolation
from graph.readonly import check_read_only, placeholders, split_statements
from graph.settings import Settings
from graph.store import Store, open_store
from tests._graph_fixtures import ROOT, gold_documents, store_at

CATALOG = ROOT / "queries" / "catalog"

REFUSED = [
    ("CREATE", "CREATE (:Sector {name: 'x'})"),
    ("MERGE", "MERGE (s:Sector {name: 'x'}) RETURN s"),
    ("SET", "MATCH (a:Agency) SET a.name = 'x'"),
    ("DELETE", "MATCH (s:Sector) DELETE s"),
    ("DETACH", "MATCH (t:Task) DETACH DELETE t"),
    ("REMOVE", "MATCH (a:Agency) REMOVE a.name"),
    ("DROP", "DROP TABLE Sector"),
    ("ALTER", "ALTER TABLE Sector ADD note STRING"),
    ("COPY", "COPY Sector FROM 'sectors.csv'"),
    ("LOAD", "LOAD FROM 'secrets.csv' RETURN *"),
    ("IMPORT", "IMPORT DATABASE '/tmp/other'"),
    ("EXPORT", "EXPORT DATABASE '/tmp/dump'"),
    ("INSTALL", "INSTALL httpfs"),
    ("ATTACH", "ATTACH '/tmp/other.lbdb' AS other"),
    ("FOREACH", "MATCH (a:Agency) FOREACH (x IN [1] | SET a.n = x)"),
    ("COMMIT", "COMMIT"),
    ("CALL threads", "CALL threads=1"),
    ("CALL db.create.setNodeVectorProperty",
     "MATCH (n) CALL db.create.setNodeVectorProperty(n, 'v', [1.0])"),
    ("several statements", "MATCH (n:City) RETURN n; CREATE (:City {id: 'x'})"),
    ("CREATE", "match (n) /* comment */ create (m:City {id: n.id + 'x'})"),
    # The list: statements a deny-list let through, or clauses it did not know.
    ("UPDATE", "UPDATE json"),
    ("COPY", "COPY (MATCH (t:Task) RETURN t.id) TO '/tmp/tasks.csv'"),
    ("LOAD", "LOAD FROM '/etc/passwd' RETURN *"),
    ("LOAD", "LOAD EXTENSION json"),
    ("EXPORT", "EXPORT DATABASE '/tmp/dump'"),
    ("CHECKPOINT", "CHECKPOINT"),
    ("ANALYZE", "ANALYZE"),
    ("INSTALL", "INSTALL json"),
    ("USE", "USE other MATCH (n) RETURN n"),
    ("BEGIN", "BEGIN TRANSACTION READ ONLY"),
    ("EXPLAIN", "EXPLAIN MATCH (n) RETURN n"),
    ("CALL read_csv", "CALL read_csv('/etc/passwd') RETURN *"),
    ("CALL project_graph", "CALL project_graph('g', ['Task'], []) RETURN *"),
    # Clauses after a read clause, an alias, a CASE, STARTS WITH, UNION, inside subqueries.
    ("SET", "MATCH (t:Task) WHERE t.id STARTS WITH 'x' SET t.title = ''"),
    ("CREATE", "MATCH (a) RETURN a AS copy CREATE (b)"),
    ("DETACH DELETE", "RETURN CASE WHEN true THEN 1 END AS x DETACH DELETE x"),
    ("CREATE", "MATCH (n) RETURN n UNION CREATE (m) RETURN m"),
    ("CREATE", "MATCH (a) WHERE EXISTS { MATCH (a)-->(b) CREATE (c) } RETURN a"),
    ("CREATE", "MATCH (a) WHERE COUNT { (a)-->(b) CREATE (c) } > 1 RETURN a"),
    ("MERGE", "CALL { MERGE (n:City {id: 'x'}) RETURN n } RETURN n"),
    ("DELETE", "MATCH (a) RETURN a ORDER BY a.id DESC DELETE a"),
    ("several statements", "RETURN 1; RETURN 2"),
]

ALLOWED = [
    "RETURN 'CREATE' AS word",
    'MATCH (t:Task) WHERE t.title CONTAINS "DELETE" RETURN t.id',
    "// DELETE nothing\nMATCH (c:City) RETURN c.id",
    "/* SET */ RETURN 1",
    "MATCH (a:Agency)-[e:LEADS]->(t:Task) RETURN e.start, e.`end`, e.source",
    "RETURN {set: 1, merge: 2} AS m",
    "MATCH (c:City) RETURN c.id AS `create`",
    "CALL show_tables() RETURN *",
    "MATCH (c:City) RETURN c.id;",
    # Names that spell a keyword (the deny-list refused these).
    "MATCH (t:Task) RETURN count(t) AS copy",
    "MATCH (use:Task) RETURN use.id",
    "RETURN 1 AS comment",
    "RETURN 1 AS begin",
    "MATCH (n) RETURN n.set",
    "WITH 1 AS load RETURN load",
    "MATCH (checkpoint:City) RETURN checkpoint.id",
    # Read clauses in every place they may stand.
    "MATCH (a:Agency) OPTIONAL MATCH (a)-[e:LEADS]->(t) WITH a, count(t) AS n WHERE n > 1 "
    "RETURN DISTINCT a.name ORDER BY a.name DESC SKIP 1 LIMIT 5",
    "UNWIND [1, 2] AS x RETURN x UNION ALL RETURN 3 AS x",
    "MATCH (a) WHERE NOT EXISTS { MATCH (a)-->(:Task) } AND COUNT { (a)--() } > 0 RETURN a",
    "RETURN CASE 1 WHEN 1 THEN 'a' ELSE 'b' END AS x, [x IN range(1, 3) WHERE x > 1 | x]",
    "MATCH (t:Task) WHERE t.title STARTS WITH '推进' AND t.no IS NOT NULL RETURN t {.id, .no}",
    "MATCH (d)-[h:HAS_TASK]->(t) HINT (d JOIN h) JOIN t RETURN count(*)",
    "CALL db.labels() YIELD label RETURN label",
    "CALL table_info('Task') RETURN *",
    "RETURN 1e6 AS big, -0.5 AS small",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = store_at(tmp_path_factory.mktemp("readonly"))
    opened.load(gold_documents())
    yield opened
    opened.close()


@pytest.mark.parametrize(("clause", "cypher"), REFUSED, ids=[c for c, _ in REFUSED])
def test_writing_clauses_are_refused_by_name(clause: str, cypher: str) -> None:
    with pytest.raises(ReadOnlyViolation, match=clause):
        check_read_only(cypher)


@pytest.mark.parametrize("cypher", ALLOWED)
def test_reads_pass_the_screen(cypher: str) -> None:
    check_read_only(cypher)


@pytest.mark.parametrize("cypher", ["RETURN 'open", "RETURN 1 /* open", "RETURN `open"])
def test_unclosed_quotes_and_comments_are_query_errors(cypher: str) -> None:
    with pytest.raises(QueryError, match="unclosed"):
        check_read_only(cypher)


def test_placeholders_ignore_strings_and_comments() -> None:
    text = "// $not\nMATCH (a) WHERE a.name = $name AND a.x <> '$no' RETURN $`odd name`"
    assert placeholders(text) == {"name", "odd name"}


def test_statements_split_outside_strings() -> None:
    assert split_statements("RETURN ';' AS a;\n// c;\nRETURN 2;") == ["RETURN ';' AS a",
                                                                      "// c;\nRETURN 2"]


@pytest.mark.parametrize("cypher", ["RETURN (1", "RETURN [1)", "RETURN 1)"])
def test_unbalanced_brackets_are_query_errors(cypher: str) -> None:
    with pytest.raises(QueryError, match=r"unclosed|unbalanced"):
        check_read_only(cypher)


def test_every_named_query_is_made_of_read_clauses() -> None:
    for path in sorted(CATALOG.glob("*.cypher")):
        check_read_only(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("cypher", "expected"), [
    ("MATCH (t:Task) RETURN count(t) AS copy", (["copy"], [[141]])),
    ("MATCH (use:Task) RETURN count(use) AS n", (["n"], [[141]])),
    ("MATCH (c:City) RETURN c.id AS comment ORDER BY comment LIMIT 1", (["comment"],
                                                                       [["常州市"]])),
    ("RETURN 1 AS begin", (["begin"], [[1]])),
    ("WITH {set: 1, merge: 2} AS n RETURN n.set AS s", (["s"], [[1]])),
    ("MATCH (checkpoint:City) RETURN count(checkpoint) AS n", (["n"], [[5]])),
])
def test_names_that_spell_keywords_are_answered(store: Store, cypher: str,
                                                expected: tuple[list[str], list[Any]]) -> None:
    assert store.run_readonly(cypher) == expected


def test_store_refuses_a_write_and_counts_stay(store: Store) -> None:
    with pytest.raises(ReadOnlyViolation, match="MERGE"):
        store.run_readonly("MERGE (:Sector {name: 'x'})")
    assert store.run_readonly("RETURN 'CREATE' AS word") == (["word"], [["CREATE"]])


def test_the_engine_refuses_a_write_that_passed_the_screen(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.embedded, "check_read_only", lambda text: None)
    sectors = store.run("MATCH (s:Sector) RETURN count(s) AS n")
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        store.run_readonly("CREATE (:Sector {name: 'slipped through'})")
    assert store.run("MATCH (s:Sector) RETURN count(s) AS n") == sectors
    assert store.run_readonly("RETURN 1 AS one") == (["one"], [[1]])


def test_a_read_only_database_refuses_a_write_that_passed_the_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the database is opened read-only, no transaction is added: it refuses itself."""
    with store_at(tmp_path) as writable:
        writable.load(gold_documents()[:1])
    monkeypatch.setattr(graph.embedded, "check_read_only", lambda text: None)
    with open_store(Settings(path=tmp_path / "graph.lbdb", read_only=True)) as frozen:
        with pytest.raises(ReadOnlyViolation, match="read-only"):
            frozen.run_readonly("CREATE (:Sector {name: 'slipped through'})")
        assert frozen.run_readonly("MATCH (s:Sector {name: 'slipped through'}) RETURN s") == (
            ["s"], [])


def test_slow_console_queries_are_interrupted(tmp_path: Path) -> None:
    store = open_store(Settings(path=tmp_path / "g.lbdb", query_timeout_ms=20))
    try:
        with pytest.raises(QueryTimeout, match="time limit"):
            store.run_readonly("UNWIND range(1, 20000000) AS x RETURN sum(x)")
        assert store.run_readonly("RETURN 2 AS two") == (["two"], [[2]])
    finally:
        store.close()
