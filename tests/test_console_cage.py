"""The console in a cage (graph.console): heavy statements are stopped within twice the time
limit and under the memory cap, pages answer meanwhile, workers never outlive the viewer,
and what the grammar would miss is refused by the read-only database and the file fence.

The time limit here is 1 s; the measured figures are printed (`pytest -s`).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import graph.console
from graph.console import Cage, landlock_abi
from graph.errors import (
    ConsoleBusy,
    GraphError,
    QueryError,
    QueryTimeout,
    QueryTooLarge,
    ReadOnlyViolation,
)
from graph.model import Document
from graph.settings import Settings
from graph.store import Store, open_store
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MS = 1000
# The two statements, and one that only burns CPU (395 million combinations).
UNWIND_A_BILLION = "UNWIND range(1, 1000000000) AS x RETURN count(x)"
THREE_WAY = "MATCH (a), (b), (c) RETURN a.id, b.id, c.id"
CPU_ONLY = ("MATCH (a:Task), (b:Task), (c:Task), (d:Task) "
            "WHERE a.position + b.position + c.position + d.position = 7 RETURN count(*)")
GROWING = ["UNWIND range(1, 30000000) AS x RETURN collect(x)",
           "MATCH (a), (b), (c) RETURN collect(a.id + b.id + c.id)",
           THREE_WAY + " ORDER BY a.id, b.id, c.id"]


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory: pytest.TempPathFactory,
               seed_documents: list[Document]) -> Path:
    path = tmp_path_factory.mktemp("cage") / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(seed_documents)
    return path


@pytest.fixture(scope="module")
def settings(graph_path: Path) -> Settings:
    """As the viewer opens the graph: read-only; with a 1 s limit."""
    return Settings(path=graph_path, read_only=True, query_timeout_ms=LIMIT_MS)


@pytest.fixture(scope="module")
def store(settings: Settings) -> Iterator[Store]:
    with closing(open_store(settings)) as opened:
        yield opened


class Sampler:
    """Watches a cage's workers from outside: the largest resident memory any reached."""

    def __init__(self, cage: Cage) -> None:
        self.cage, self.peak_mb, self._stop = cage, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            for pid in self.cage.running():
                self.peak_mb = max(self.peak_mb, _status_mb(pid, "VmHWM"))


def _status_mb(pid: int, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def timed(run: Callable[[], Any]) -> tuple[Any, float]:
    """(answer or the GraphError raised, seconds)."""
    started = time.monotonic()
    try:
        outcome = run()
    except GraphError as exc:
        outcome = exc
    return outcome, time.monotonic() - started


def wait_for_worker(cage: Cage, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not cage.running():
        assert time.monotonic() < deadline, "no console worker started"
        time.sleep(0.005)


# --- time and memory ----------------------------------------------------------------------


@pytest.mark.parametrize("cypher", [UNWIND_A_BILLION, THREE_WAY, CPU_ONLY],
                         ids=["unwind-a-billion", "three-way-match", "cpu-only"])
def test_heavy_statements_stop_within_twice_the_limit_and_under_a_gigabyte(
        settings: Settings, cypher: str) -> None:
    cage = Cage(settings)
    with Sampler(cage) as sampler:
        outcome, seconds = timed(lambda: cage.run(cypher))
    print(f"\n{cypher[:40]}: {type(outcome).__name__} after {seconds:.2f} s, "
          f"worker peak {sampler.peak_mb:.0f} MB")
    assert seconds < 2 * LIMIT_MS / 1000
    assert sampler.peak_mb < settings.console_memory_mb <= 1024
    if isinstance(outcome, QueryError):
        assert isinstance(outcome, QueryTimeout | QueryTooLarge), outcome
    else:  # the three-way MATCH streams: its first 10,000 rows come back, cut
        assert outcome.truncated and len(outcome.rows) == settings.console_max_rows == 10_000
    assert not cage.running()


@pytest.mark.parametrize("cypher", GROWING)
def test_statements_that_grow_are_stopped_with_a_memory_error(settings: Settings,
                                                              cypher: str) -> None:
    """Under a 256 MB cap (and a 5 s limit, so memory stops them first)."""
    cage = Cage(replace(settings, console_memory_mb=256, query_timeout_ms=5000))
    with Sampler(cage) as sampler:
        outcome, seconds = timed(lambda: cage.run(cypher))
    print(f"\n{cypher[:40]}: {type(outcome).__name__} after {seconds:.2f} s, "
          f"worker peak {sampler.peak_mb:.0f} MB")
    assert isinstance(outcome, QueryTooLarge) and "console_memory_mb" in str(outcome)
    assert sampler.peak_mb < 256 + 64  # the watch looks every 50 ms


def test_a_named_page_answers_while_a_console_query_is_killed(store: Store) -> None:
    app = create_app(store=store, test_config={"TESTING": True})
    cage: Cage = store._cage  # type: ignore[attr-defined]

    def page(n: int) -> float:  # a named query not asked before: not a kept answer
        started = time.monotonic()
        response = app.test_client().get(f"/api/queries/top_agencies?limit={n}")
        assert response.status_code == 200
        return time.monotonic() - started

    before = [page(n) for n in (1, 2, 3)]
    console: dict[str, Any] = {}

    def heavy() -> None:
        started = time.monotonic()
        console["response"] = app.test_client().get("/query/cypher",
                                                    query_string={"q": CPU_ONLY})
        console["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=heavy)
    worker.start()
    wait_for_worker(cage)
    during = [page(n) for n in (4, 5, 6)]
    time.sleep(0.6)  # the kill comes at 1 s: ask again around it
    during += [page(n) for n in (7, 8, 9)]
    worker.join()
    print(f"\nnamed page before {max(before):.3f} s, during the console query "
          f"{max(during):.3f} s; console answered in {console['seconds']:.2f} s")
    response = console["response"]
    assert response.status_code == 400 and "time limit" in response.get_data(as_text=True)
    assert console["seconds"] < 2 * LIMIT_MS / 1000
    assert max(during) < 1.0


# --- turns, rows, lifetime ----------------------------------------------------------------


def test_one_more_query_than_workers_is_refused_as_busy(settings: Settings) -> None:
    one = replace(settings, console_workers=1, console_wait_ms=100)
    with closing(open_store(one)) as store:
        cage: Cage = store._cage  # type: ignore[attr-defined]
        client = create_app(store=store).test_client()
        first: dict[str, Any] = {}
        worker = threading.Thread(target=lambda: first.update(outcome=timed(
            lambda: store.run_console(CPU_ONLY))[0]))
        worker.start()
        wait_for_worker(cage)
        refused, seconds = timed(lambda: store.run_console("RETURN 1 AS one"))
        response = client.get("/query/cypher", query_string={"q": "RETURN 1 AS one"})
        busy_json = client.get("/query/cypher", query_string={"q": "RETURN 1", "format": "json"})
        worker.join()
        assert isinstance(first["outcome"], QueryTimeout)
        assert store.run_console("RETURN 1 AS one").rows == [[1]]  # a turn is free again
    assert isinstance(refused, ConsoleBusy) and seconds < 0.5
    assert "busy" in str(refused) and "console_workers" in str(refused)
    assert response.status_code == 503 and "busy" in response.get_data(as_text=True)
    assert busy_json.status_code == 503


def test_rows_past_the_cap_are_cut_and_the_answer_says_so(settings: Settings) -> None:
    with closing(open_store(replace(settings, console_max_rows=10))) as store:
        cut = store.run_console("UNWIND range(1, 25) AS x RETURN x")
        whole = store.run_console("UNWIND range(1, 10) AS x RETURN x")
        client = create_app(store=store).test_client()
        page = client.get("/query/cypher", query_string={"q": "UNWIND range(1, 25) AS x "
                                                              "RETURN x", "format": "json"})
    assert cut.truncated and cut.rows == [[n] for n in range(1, 11)] and cut.max_rows == 10
    assert not whole.truncated and len(whole.rows) == 10
    data = page.get_json()
    assert data["truncated"] is True and data["tables"]["result"]["count"] == 10
    assert "只取了前 10 行" in data["tables"]["result"]["title"]


def test_the_worker_dies_with_the_viewer(graph_path: Path, tmp_path: Path) -> None:
    """A viewer killed outright (SIGKILL: no atexit, no finally) leaves no worker behind."""
    viewer = (
        "import sys, threading, time; from pathlib import Path; "
        "from graph.console import Cage; from graph.settings import Settings; "
        "cage = Cage(Settings(path=Path(sys.argv[1]), read_only=True, query_timeout_ms=0)); "
        "threading.Thread(target=lambda: cage.run(sys.argv[2]), daemon=True).start(); "
        "exec('while not cage.running(): time.sleep(0.01)'); "
        "print(*cage.running(), flush=True); time.sleep(60)")
    process = subprocess.Popen([sys.executable, "-c", viewer, str(graph_path), CPU_ONLY],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        pid = int(process.stdout.readline())
        assert _alive(pid)
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()
    deadline = time.monotonic() + 3
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a parent that never reaps it counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


# --- what the grammar lets through, and what stops what it would miss --------------------


@pytest.mark.parametrize(("cypher", "expected"), [
    ("MATCH (t:Task) RETURN count(t) AS copy", [[141]]),
    ("MATCH (use:Task) RETURN count(use) AS n", [[141]]),
    ("MATCH (c:City) RETURN c.id AS comment ORDER BY comment LIMIT 1", [["常州市"]]),
    ("RETURN 1 AS begin", [[1]]),
    ("WITH {set: 1, merge: 2} AS n RETURN n.set AS s", [[1]]),
])
def test_reads_named_like_keywords_are_answered_by_the_worker(
        store: Store, cypher: str, expected: list[list[Any]]) -> None:
    assert store.run_console(cypher).rows == expected


def test_the_console_reads_what_a_writer_elsewhere_has_committed(
        tmp_path: Path, seed_documents: list[Document]) -> None:
    """Each worker opens the graph afresh, read-only, beside a process that holds it for
    writing, and sees that process's committed loads (write-ahead log included)."""
    count = "MATCH (d:Document) RETURN count(d) AS n"
    with closing(open_store(Settings(path=tmp_path / "g.lbdb"))) as writer:
        writer.load(seed_documents[:2])
        assert writer.run_console(count).rows == [[2]]
        writer.load(seed_documents[2:])
        assert writer.run_console(count).rows == [[5]]


@pytest.fixture()
def unscreened(monkeypatch: pytest.MonkeyPatch) -> None:
    """The grammar switched off: what is left to stop a statement it would refuse."""
    monkeypatch.setattr(graph.console, "check_read_only", lambda text: None)


@pytest.mark.usefixtures("unscreened")
def test_without_the_grammar_the_read_only_database_refuses_writes(store: Store) -> None:
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        store.run_console("CREATE (:City {id: 'slipped through'})")
    assert store.run_console("MATCH (c:City {id: 'slipped through'}) RETURN c").rows == []


@pytest.mark.skipif(not landlock_abi(), reason="the kernel has no Landlock: no file fence")
@pytest.mark.usefixtures("unscreened")
def test_without_the_grammar_the_fence_stops_files_and_downloads(
        settings: Settings, graph_path: Path, tmp_path: Path) -> None:
    """COPY … TO, EXPORT DATABASE and an extension download fail; CHECKPOINT, which
    LadybugDB's read-only mode lets write beside the graph, leaves the graph readable."""
    cage = Cage(settings)
    assert cage.run("RETURN 1").fenced == landlock_abi()
    for cypher, message in [
            (f"COPY (MATCH (t:Task) RETURN t.id) TO '{tmp_path / 'out.csv'}'", "denied"),
            (f"EXPORT DATABASE '{tmp_path / 'dump'}'", "denied"),
            ("INSTALL json", "download"),
            ("CHECKPOINT", "denied")]:
        with pytest.raises(QueryError, match=message):
            cage.run(cypher)
    assert not list(tmp_path.iterdir())
    assert sorted(p.name for p in graph_path.parent.iterdir()) == ["graph.lbdb"]
    assert cage.run("MATCH (t:Task) RETURN count(t) AS n").rows == [[141]]
