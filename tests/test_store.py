"""The embedded store: what a load writes, idempotent reloads, replacement, rollback, export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from graph import export
from graph.__main__ import main as graph_main
from graph.errors import LoadError, SettingsError
from graph.model import AgencyRef, Document, Mention, Task
from graph.rows import combine, document_rows
from graph.settings import DEFAULT_PATH, Settings
from graph.store import Store
from loaders.agencies import AgencyLexicon
from tests._graph_fixtures import gold_documents, revised, store_at


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = store_at(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def docs() -> list[Document]:
    return gold_documents()


def counts(store: Store) -> dict[str, int]:
    return {row["name"]: row["count"] for row in store.run("counts")}


def one(store: Store, cypher: str, **params: object) -> object:
    rows = store.run(cypher, params)
    assert len(rows) == 1, rows
    return next(iter(rows[0].values()))


def test_load_writes_every_plan_task_and_assignment(store: Store, docs: list[Document]) -> None:
    result = store.load(docs)
    rows = combine(document_rows(d) for d in docs)
    assert sorted(result.loaded) == sorted(d.id for d in docs)
    assert result.tasks == sum(len(d.tasks) for d in docs) == counts(store)["Task"]
    assert counts(store)["LEADS"] == len(rows.leads) == result.explicit_leads + \
        result.first_listed_leads
    assert counts(store)["RESPONSIBLE_FOR"] == result.responsible
    assert counts(store)["Document"] == counts(store)["ISSUED_IN"] == 5
    assert counts(store)["Agency"] == counts(store)["BELONGS_TO"] == result.agencies
    assert "5 documents: 5 loaded" in str(result)


def test_reloading_the_same_plans_changes_nothing(store: Store, docs: list[Document]) -> None:
    store.load(docs)
    before = counts(store)
    again = store.load(gold_documents())
    assert sorted(again.unchanged) == sorted(d.id for d in docs)
    assert again.loaded == again.replaced == [] and again.rows == 0
    assert counts(store) == before


def test_a_changed_plan_replaces_its_tasks(store: Store, docs: list[Document]) -> None:
    store.load(docs)
    before = counts(store)
    new = revised(docs[0])
    result = store.load([new, *docs[1:]])
    assert result.replaced == [docs[0].id] and len(result.unchanged) == 4
    assert counts(store)["Task"] == before["Task"] - 1
    titles = [r["title"] for r in store.run(
        "MATCH (d:Document {id: $id})-[:HAS_TASK]->(t:Task) RETURN t.title AS title",
        {"id": new.id})]
    assert len(titles) == len(new.tasks) == len(set(titles))
    assert docs[0].tasks[0].title not in titles and new.tasks[0].title in titles
    assert one(store, "MATCH (d:Document {id: $id}) RETURN d.sha256", id=new.id) == new.sha256
    assert one(store, "MATCH (t:Task) RETURN count(DISTINCT t.id) - count(t)") == 0


def test_force_replaces_unchanged_plans(store: Store, docs: list[Document]) -> None:
    store.load(docs)
    before = counts(store)
    result = store.load(docs, force=True)
    assert len(result.replaced) == 5 and counts(store) == before


def test_a_failing_load_rolls_back_and_keeps_the_old_graph(store: Store,
                                                            docs: list[Document]) -> None:
    store.load(docs[:4])
    before = counts(store)
    broken = revised(docs[0])
    mention = broken.tasks[1].mentions[0]
    broken.tasks[1].mentions[0] = replace(mention, start="not a number")  # type: ignore[arg-type]
    with pytest.raises(LoadError, match="rolled back"):
        store.load([broken, docs[4]])
    assert counts(store) == before
    assert one(store, "MATCH (d:Document {id: $id}) RETURN d.sha256",
               id=docs[0].id) == docs[0].sha256
    assert store.run("MATCH (d:Document {id: $id}) RETURN d.id", {"id": docs[4].id}) == []
    assert store.load([docs[4]]).loaded == [docs[4].id]  # the store still works


def test_loading_nothing_is_fine(store: Store) -> None:
    assert store.load([]).documents == 0


def test_two_files_with_one_id_are_refused_unless_they_hold_one_plan(
        store: Store, docs: list[Document]) -> None:
    other = replace(docs[0], doc=docs[0].id + ".docx", text=docs[0].text + "\n(修订)")
    with pytest.raises(LoadError, match="rename one"):
        store.load([docs[0], other])
    assert counts(store)["Document"] == 0
    twin = replace(docs[0], doc=docs[0].id + ".docx", text=docs[0].text.replace("\n", "\n\n"))
    result = store.load([docs[0], twin])
    assert result.loaded == [docs[0].id]
    assert result.same == [(docs[0].id, docs[0].id, "同一文本")]
    assert result.same_files == [twin.doc] and counts(store)["Document"] == 1


def test_agencies_no_plan_names_any_more_are_removed(store: Store,
                                                     docs: list[Document]) -> None:
    store.load(docs)
    gone = next(m.agency.id for t in docs[0].tasks for m in t.mentions
                if m.text == "电信运营企业" and m.agency)
    new = revised(docs[0])
    for task in new.tasks:
        task.mentions = [m for m in task.mentions if m.agency and m.agency.id != gone]
    result = store.load([new])
    assert result.agencies_removed == 1
    assert store.run("MATCH (a:Agency {id: $id}) RETURN a.id", {"id": gone}) == []


def test_explicit_and_first_listed_leads_stay_apart(store: Store, docs: list[Document]) -> None:
    store.load(docs)
    leads = ("MATCH (a:Agency)-[l:LEADS]->(t:Task {id: $id}) "
             "RETURN a.canonical AS name, l.basis AS basis")
    assert store.run(leads, {"id": "003_ce560822e58bcc91-001"}) == [
        {"name": "市通信管理办公室", "basis": "explicit"}]
    assert store.run(leads, {"id": "000_29c4f374f04b8484-001"}) == [
        {"name": "市工业和信息化局", "basis": "first_listed"}]
    responsible = store.run("MATCH ()-[e:RESPONSIBLE_FOR]->() RETURN DISTINCT e.basis AS basis")
    assert {r["basis"] for r in responsible} == {"listed", "standing_rule"}


def test_one_edge_per_agency_task_and_type(store: Store) -> None:
    ref = AgencyRef("X/市工信局", "市工信局", "X市", "department", "", True)
    mentions = [Mention("市工信局", role, "inline", 0, 4, "s", agency=ref)
                for role in ("unit", "unit", "implied")]
    doc = Document("dup.txt", "市工信局", city="X市",
                   tasks=[Task("1", "一", "t", "t", 0, mentions=mentions)])
    store.load([doc])
    edges = store.run("MATCH (a:Agency)-[e]->(t:Task) RETURN e.basis AS basis ORDER BY basis")
    assert edges == [{"basis": "first_listed"}, {"basis": "listed"}]


def test_rows_count_mentions_without_agency() -> None:
    doc = Document("u.txt", "text", city="X市", tasks=[Task("1", "一", "t", "t", 0, mentions=[
        Mention("某单位", "unit", "inline", 0, 3, "s")])])
    rows = document_rows(doc)
    assert rows.unresolved == 1 and rows.leads == rows.responsible == []


def test_export_round_trips_through_graphml_and_json(store: Store, docs: list[Document],
                                                      tmp_path: Path) -> None:
    store.load(docs)
    nodes = sum(v for k, v in counts(store).items() if not k.isupper())  # City, not HAS_TASK
    edges = sum(counts(store).values()) - nodes
    graph = export.to_networkx(store)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges)
    for fmt in export.FORMATS:
        path = tmp_path / f"graph.{fmt}"
        export.write(graph, path, fmt)
        back = export.read(path, fmt)
        assert (back.number_of_nodes(), back.number_of_edges()) == (nodes, edges)
    lead = graph.nodes[f"Agency:{AgencyLexicon.load().resolve('市工信局', '常州市').id}"]
    assert lead["label"] == "Agency" and lead["city"] == "常州市"


def test_export_of_one_city_keeps_its_plans_neighbourhood(store: Store,
                                                          docs: list[Document]) -> None:
    store.load(docs)
    graph = export.to_networkx(store, city="常州")
    labels = {a["label"] for _, a in graph.nodes(data=True)}
    assert labels == {"City", "Document", "Task", "Agency", "Sector", "Deadline", "Target"}
    nodes = [a for _, a in graph.nodes(data=True)]
    assert {a.get("city") for a in nodes if a["label"] == "Agency"} == {"常州市"}
    assert sum(1 for a in nodes if a["label"] == "Task") == len(docs[0].tasks)


def test_graph_cli_exports_json(store: Store, docs: list[Document], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    store.load(docs)
    store.close()
    out = tmp_path / "g.json"
    db = str(tmp_path / "graph.lbdb")
    assert graph_main(["--db", db, "export", "--format", "json", "--out", str(out)], {}) == 0
    assert "nodes" in capsys.readouterr().out and out.stat().st_size > 0
    assert graph_main(["--db", str(tmp_path / "missing.lbdb"), "stats"], {}) == 1
    assert capsys.readouterr().err.startswith("Error: no graph at")


def test_settings_come_from_the_environment_and_overrides() -> None:
    env = {"GRAPH_BACKEND": "neo4j", "GRAPH_PATH": "/x/g.lbdb", "NEO4J_URI": "bolt://h:7687",
           "NEO4J_USER": "u", "NEO4J_PASSWORD": "p", "NEO4J_DATABASE": "d"}
    settings = Settings.from_env(env, backend="embedded", path=None)
    assert settings.backend == "embedded" and settings.path == Path("/x/g.lbdb")
    assert (settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
            settings.neo4j_database) == ("bolt://h:7687", "u", "p", "d")
    assert Settings.from_env({}).path == DEFAULT_PATH
    with pytest.raises(SettingsError, match="embedded, neo4j"):
        Settings.from_env({"GRAPH_BACKEND": "sqlite"})


def test_console_limits_have_defaults_and_refuse_nonsense() -> None:
    settings = Settings()
    assert (settings.query_timeout_ms, settings.console_max_rows, settings.console_memory_mb,
            settings.console_workers, settings.console_wait_ms) == (5000, 10_000, 1024, 2, 1000)
    for name, value in [("console_max_rows", 0), ("console_memory_mb", 0),
                        ("console_workers", 0), ("console_wait_ms", -1)]:
        with pytest.raises(SettingsError, match=name):
            Settings(**{name: value})
