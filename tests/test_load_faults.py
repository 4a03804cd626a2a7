"""Faults inside one file never abort a batch, and a killed loader leaves nothing running.

A parser bug (an exception, a recursion too deep) and a parser process that dies are
simulated by a `convert` that misbehaves on marked files, in a real process pool. The kill
tests run real loads (`python -m loaders load`) of a synthetic corpus and kill them with
SIGKILL: mid-parse, and at chosen moments of the write (a bulk load, an incremental load and
a rebuild), after which the store must open holding the graph as it was before the load or
as the load would have left it, never part of a plan, and load again.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ladybug
import psutil
import pytest

from graph.errors import StoreError
from graph.model import Document
from graph.rows import document_rows
from graph.settings import Settings
from graph.store import open_store, statement
from loaders.__main__ import main as loaders_main
from loaders.errors import LoaderError, ReadFailed, UnreadableDocument
from loaders.pipeline import ReadReport, read_plans, stream_plans
from loaders.readers import read_text
from loaders.readers.limits import Limits
from loaders.readers.registry import READERS
from loaders.readers.result import ReadResult
from loaders.synth.corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.txt"))


def misbehave(document: Document) -> str:
    """A convert for the pool: the plan's file name, unless the name asks for trouble."""
    if "boom" in document.doc:
        raise ValueError("bad\nvalue")
    if "die" in document.doc:
        os._exit(3)  # as a segfault or the OOM killer would end the process
    if "deep" in document.doc:
        return recurse(0)
    return document.doc


def recurse(depth: int) -> str:
    return recurse(depth + 1)


def test_a_worker_that_dies_or_raises_fails_its_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("loaders.pipeline.CHUNK_FILES", 2)  # several chunks in flight
    names = ["a.txt", "b_boom.txt", "c.txt", "d_die.txt", "e.txt", "f_deep.txt", "g.txt",
             "h.txt", "i.txt", "j.txt"]
    for index, name in enumerate(names):
        shutil.copy(SAMPLES[index % len(SAMPLES)], tmp_path / name)
    report = ReadReport()
    started = time.perf_counter()
    loaded = list(stream_plans([tmp_path], misbehave, report=report, workers=2))
    assert loaded == ["a.txt", "c.txt", "e.txt", "g.txt", "h.txt", "i.txt", "j.txt"]
    failures = {Path(f.path).name: (type(f), f.reason) for f in report.failures}
    assert list(failures) == ["b_boom.txt", "d_die.txt", "f_deep.txt"]
    kind, reason = failures["b_boom.txt"]
    assert kind is ReadFailed and reason.startswith("unexpected ValueError: bad value (in ")
    assert "test_load_faults.py" in reason and "misbehave" in reason
    assert failures["d_die.txt"] == (ReadFailed, (
        "the process reading it died (a crash inside a library, or the system stopped it "
        "for using too much memory)"))
    kind, reason = failures["f_deep.txt"]
    assert reason.startswith("nested too deeply to read (Python's recursion limit was reached")
    assert time.perf_counter() - started < 30


def test_any_exception_in_a_reader_fails_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_txt = READERS[".txt"]

    def fragile(path: Path, limits: Limits) -> ReadResult:
        if path.name.startswith("deep"):
            raise RecursionError("maximum recursion depth exceeded")
        if path.name.startswith("odd"):
            raise KeyError("w:numId")
        return read_txt(path, limits)

    monkeypatch.setitem(READERS, ".txt", fragile)
    for name, source in [("deep.txt", SAMPLES[0]), ("odd.txt", SAMPLES[1]),
                         ("plan.txt", SAMPLES[2])]:
        shutil.copy(source, tmp_path / name)
    report = read_plans([tmp_path])
    assert [d.doc for d in report.documents] == ["plan.txt"]
    reasons = {Path(f.path).name: f.reason for f in report.failures}
    assert reasons["deep.txt"].startswith("nested too deeply to read (Python's recursion")
    assert reasons["odd.txt"].startswith("unexpected KeyError: 'w:numId' (in ")
    assert all(isinstance(f, LoaderError) for f in report.failures)


def test_a_fifo_named_txt_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    report = read_plans([tmp_path, fifo])
    assert report.skipped == [(str(fifo), "not a regular file")]
    with pytest.raises(UnreadableDocument, match="not a regular file"):
        read_text(fifo)


# --- kill -9 -----------------------------------------------------------------------------


def _gone(process: psutil.Process) -> bool:
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _wait_gone(children: Iterable[psutil.Process], what: str) -> None:
    """Every process ends within 5 s of `what` being killed."""
    killed_at = time.monotonic()
    while not all(_gone(child) for child in children):
        if time.monotonic() - killed_at > 5:
            left = [" ".join(c.cmdline()) for c in children if not _gone(c)]
            pytest.fail(f"still running 5 s after {what} was killed: {left}")
        time.sleep(0.05)


def test_a_loader_killed_mid_parse_leaves_no_process_and_a_store_that_reloads(
    tmp_path: Path,
) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "graph.lbdb"
    plans = write_corpus(10, corpus).manifest["plans"]
    stderr = tmp_path / "stderr"
    with stderr.open("wb") as err:
        loader = subprocess.Popen(
            [sys.executable, "-m", "loaders", "load", "--db", str(db), str(corpus)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
    children: dict[int, psutil.Process] = {}
    try:
        deadline = time.monotonic() + 60
        while b"/" not in stderr.read_bytes():  # the first progress line: parsing has begun
            assert loader.poll() is None, stderr.read_text()
            assert time.monotonic() < deadline, "the load never started parsing"
            for child in psutil.Process(loader.pid).children(recursive=True):
                children.setdefault(child.pid, child)
            time.sleep(0.01)
        for child in psutil.Process(loader.pid).children(recursive=True):
            children.setdefault(child.pid, child)
        loader.send_signal(signal.SIGKILL)
        assert loader.wait(10) == -signal.SIGKILL
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
    assert len(children) >= 2, "expected parse workers and multiprocessing's resource tracker"
    _wait_gone(children.values(), "the loader")

    with open_store(Settings(path=db)) as store:
        counts = {row["name"]: row["count"] for row in store.run("counts")}
    assert set(counts.values()) == {0}  # killed before the copy: the graph holds nothing
    assert loaders_main(["load", "--db", str(db), str(corpus)]) == 0
    with open_store(Settings(path=db)) as store:
        rows = store.run("MATCH (d:Document) RETURN count(d) AS n")
    assert rows == [{"n": plans}]


# --- kill -9 at chosen moments of the write ----------------------------------------------

# `python -m loaders load …` with every statement to the embedded engine passing through a
# wrapper (and, POOL "no", the plans parsed in the loader's own process). At the NTH
# statement that WHAT matches (a regular expression searched in the text, or @name: that
# graph/cypher statement; or, WHAT "os.replace", at the NTH rename of a file) it either
# pauses and creates MARKER, for the test to kill it there with SIGKILL (HOW "pause-before"
# or "pause-after"), or, HOW a number, arms a timer that sends itself SIGKILL that many
# microseconds after the statement starts: inside the engine's COMMIT, which writes the
# pages and checkpoints, or in what follows it (the report, closing the store).
STOPPING_LOADER = """
import os, re, signal, sys, threading, time
import graph.embedded
import loaders.pipeline
from graph.store import statement
from loaders.__main__ import main

marker, what, nth, how, pool = sys.argv[1:6]
if pool == "no":
    loaders.pipeline.POOL_MIN_FILES = 10**9
named = statement(what[1:], "embedded") if what.startswith("@") else None
seen = 0


def pause():
    open(marker, "w").close()
    time.sleep(600)


def stopping(call, matches):
    def stop(*args):
        global seen
        if not matches(*args):
            return call(*args)
        seen += 1
        if seen != int(nth):
            return call(*args)
        if how == "pause-before":
            pause()
        if how.isdigit():
            threading.Timer(int(how) / 1e6, os.kill, (os.getpid(), signal.SIGKILL)).start()
        result = call(*args)
        if how == "pause-after":
            pause()
        return result
    return stop


if what == "os.replace":
    os.replace = stopping(os.replace, lambda *_: True)
else:
    graph.embedded._execute = stopping(graph.embedded._execute, lambda conn, text, params: (
        text == named if named else re.search(what, text) is not None))
sys.exit(main(sys.argv[6:]))
"""
COPY = r"(?m)^COPY "
COMMIT = r"^COMMIT$"
PARALLEL_LOADS = 3  # killed loaders running at once


@dataclass(frozen=True)
class Stop:
    """Where a loader is killed: the NTH statement WHAT matches, and HOW (see above)."""

    what: str
    nth: int
    how: str

    def __str__(self) -> str:
        moment = f"{int(self.how) / 1000:.1f} ms into" if self.how.isdigit() else self.how
        return f"{moment} {self.what} #{self.nth}"


def after_commit_starts(rng: random.Random, low_ms: int, high_ms: int) -> Stop:
    """A kill a random time after COMMIT starts. Measured here (2 cores) for 25 plans: a bulk
    load's COMMIT, which checkpoints, takes 60-75 ms and closing the store 10-20 ms; an
    incremental load's COMMIT 50 ms, then closing the store checkpoints for 450 ms."""
    return Stop(COMMIT, 1, str(rng.randrange(low_ms * 1000, high_ms * 1000)))


@dataclass(frozen=True)
class GraphState:
    """What a store holds, enough to tell a whole plan from part of one.

    plans: file -> (task_count stored on the Document, HAS_TASK edges, LEADS and
    RESPONSIBLE_FOR and IN_SECTOR edges of its tasks, ISSUED_IN edges); keys: the ids of the
    shared nodes; counts: every node and relationship table, so nothing hangs off no plan.
    """

    plans: dict[str, tuple[int, ...]]
    keys: dict[str, frozenset[str]]
    counts: dict[str, int]

    def describe(self) -> str:
        return f"{len(self.plans)} plans, {self.counts.get('Task', 0)} tasks"


def expected_state(documents: Iterable[Document]) -> GraphState:
    """The graph the parser's reading of `documents` makes, as `stored_state` reads it."""
    plans, keys = {}, {"City": set(), "Agency": set(), "Sector": set()}
    belongs_to = set()
    due = dict.fromkeys(("Deadline", "Target", "STATES", "MEASURES"), 0)
    for doc in documents:
        rows = document_rows(doc)
        for table, found in (("Deadline", rows.deadlines), ("Target", rows.targets),
                             ("STATES", rows.task_targets), ("MEASURES", rows.target_sectors)):
            due[table] += len(found)
        plans[doc.doc] = (len(doc.tasks), len(rows.tasks), len(rows.leads),
                          len(rows.responsible), len(rows.in_sector), len(rows.issued_in))
        keys["City"] |= {str(r["id"]) for r in rows.cities + rows.agency_cities}
        keys["Agency"] |= {str(r["id"]) for r in rows.agencies}
        keys["Sector"] |= {str(r["name"]) for r in rows.sectors}
        belongs_to |= {(r["agency"], r["city"]) for r in rows.belongs_to}
    totals = [sum(p[i] for p in plans.values()) for i in range(1, 6)]
    counts = {"City": len(keys["City"]), "Document": len(plans), "Task": totals[0],
              "Agency": len(keys["Agency"]), "Sector": len(keys["Sector"]),
              "ISSUED_IN": totals[4], "HAS_TASK": totals[0], "IN_SECTOR": totals[3],
              "BELONGS_TO": len(belongs_to), "LEADS": totals[1], "RESPONSIBLE_FOR": totals[2],
              **due, "HAS_DEADLINE": due["Deadline"], "HAS_TARGET": due["Target"]}
    return GraphState(plans, {k: frozenset(v) for k, v in keys.items()}, counts)


PER_PLAN = {
    "tasks": "MATCH (d:Document)-[e:HAS_TASK]->(:Task)",
    "leads": "MATCH (d:Document)-[:HAS_TASK]->(:Task)<-[e:LEADS]-(:Agency)",
    "responsible": "MATCH (d:Document)-[:HAS_TASK]->(:Task)<-[e:RESPONSIBLE_FOR]-(:Agency)",
    "in_sector": "MATCH (d:Document)-[:HAS_TASK]->(:Task)-[e:IN_SECTOR]->(:Sector)",
    "issued_in": "MATCH (d:Document)-[e:ISSUED_IN]->(:City)",
}


def stored_state(db: Path, *, read_only: bool) -> GraphState:
    """The store as a viewer (read-only) or the next loader (writable) finds it."""
    with open_store(Settings(path=db, read_only=read_only)) as store:
        run = store.run_readonly if read_only else store.run

        def rows(text: str) -> list[list[Any]]:
            answer = run(text)
            return answer[1] if isinstance(answer, tuple) else [list(r.values())
                                                                 for r in answer]

        plans = {file: [count] for file, count in rows(
            "MATCH (d:Document) RETURN d.file, d.task_count")}
        for match in PER_PLAN.values():
            found = dict(rows(f"{match} RETURN d.file, count(e)"))
            for file, numbers in plans.items():
                numbers.append(found.get(file, 0))
        keys = {label: frozenset(str(k) for (k,) in rows(f"MATCH (n:{label}) RETURN n.{key}"))
                for label, key in (("City", "id"), ("Agency", "id"), ("Sector", "name"))}
        counts = dict(rows(statement("counts", "embedded")))
    return GraphState({f: tuple(n) for f, n in plans.items()}, keys, counts)


def assert_old_or_new(db: Path, old: GraphState, new: GraphState, what: str) -> str:
    """The store holds `old` or `new` exactly, read-only and writable alike; which one."""
    seen = stored_state(db, read_only=True)
    for name, state in (("old", old), ("new", new)):
        if seen == state:
            assert stored_state(db, read_only=False) == state, f"{what}: opened writable"
            return name
    whole = {**old.plans, **new.plans}
    partial = {f: (n, whole.get(f)) for f, n in seen.plans.items() if whole.get(f) != n}
    pytest.fail(f"{what}: the store holds neither the old graph ({old.describe()}) nor the "
                f"new ({new.describe()}) but {seen.describe()}; plans stored differently "
                f"from what the parser reads: {partial}; counts {seen.counts}")


@dataclass
class KilledLoad:
    """One loader run on a store of its own, to be killed at `stop`."""

    db: Path
    load: list[str]  # the arguments after `python -m loaders`
    stop: Stop
    pool: bool  # parse in a process pool, as a load of this many plans does
    process: subprocess.Popen[bytes] | None = None
    children: dict[int, psutil.Process] = field(default_factory=dict)

    @property
    def marker(self) -> Path:
        return self.db.with_name(self.db.name + ".stopped")

    @property
    def stderr(self) -> Path:
        return self.db.with_name(self.db.name + ".stderr")

    def start(self) -> None:
        with self.stderr.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-c", STOPPING_LOADER, str(self.marker), self.stop.what,
                 str(self.stop.nth), self.stop.how, "yes" if self.pool else "no",
                 *self.load],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)

    def step(self) -> bool:
        """Note its children, kill it once it pauses; whether it has ended."""
        assert self.process is not None
        try:
            for child in psutil.Process(self.process.pid).children(recursive=True):
                self.children.setdefault(child.pid, child)
        except psutil.NoSuchProcess:
            pass
        if self.marker.exists() and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        return self.process.poll() is not None


def kill_loads(runs: list[KilledLoad]) -> None:
    """Run the loaders, a few at a time, until each is killed; then no child may be left."""
    waiting, running = list(runs), []
    deadline = time.monotonic() + 120
    try:
        while waiting or running:
            while waiting and len(running) < PARALLEL_LOADS:
                running.append(waiting.pop(0))
                running[-1].start()
            running = [run for run in running if not run.step()]
            assert time.monotonic() < deadline, [str(run.stop) for run in running]
            time.sleep(0.01)
    finally:
        for run in runs:
            if run.process is not None and run.process.poll() is None:
                run.process.kill()
                run.process.wait()
    for run in runs:
        assert run.process is not None
        assert run.process.returncode == -signal.SIGKILL, (
            f"{run.stop}: the loader ended with {run.process.returncode} instead of being "
            f"killed there: {run.stderr.read_text(errors='replace')[-2000:]}")
        _wait_gone(run.children.values(), f"the loader stopped {run.stop}")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Document]]:
    """25 synthetic plans (a bulk load parses them in a process pool), as the parser reads
    them."""
    folder = tmp_path_factory.mktemp("synth") / "plans"
    write_corpus(5, folder)
    report = read_plans([folder])
    assert not report.failures and len(report.documents) == 25
    return folder, report.documents


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store holding the five seed plans, to be copied."""
    db = tmp_path_factory.mktemp("seeded") / "graph.lbdb"
    assert loaders_main(["load", "--db", str(db), str(SAMPLES[0].parent)]) == 0
    assert [p.name for p in db.parent.iterdir()] == [db.name]  # one file: checkpointed
    return db


def engine_files(db: Path) -> list[str]:
    """What the engine (or a rebuild) keeps beside the graph file: ".wal", ".shadow" …"""
    return sorted(p.name[len(db.name):] for p in db.parent.iterdir()
                  if p.name.startswith(f"{db.name}.") and p.suffix not in (".stderr", ".stopped"))


def kill_and_reload(tmp_path: Path, label: str, stops: list[Stop], load: list[str],
                    old: GraphState, new: GraphState, *, seeded: Path | None = None,
                    pool: bool = False) -> dict[str, str]:
    """Kill `load` once at each stop, each on a store of its own (empty, or a copy of
    `seeded`); each store must hold `old` or `new`, then load again to `new`. Which one each
    kill left, by stop; printed (pytest -s) with the engine's files it left."""
    runs = []
    for index, stop in enumerate(stops):
        db = tmp_path / f"kill{index}" / "graph.lbdb"
        db.parent.mkdir()
        if seeded is not None:
            shutil.copy(seeded, db)
        runs.append(KilledLoad(db, ["load", "--db", str(db), *load], stop, pool))
    kill_loads(runs)
    if pool:  # the parse pool's workers and multiprocessing's resource tracker were seen
        assert all(len(run.children) >= 2 for run in runs), [r.children for r in runs]
    left = {}
    for run in runs:
        what = f"{label} killed {run.stop}"
        files = engine_files(run.db)
        left[str(run.stop)] = assert_old_or_new(run.db, old, new, what)
        print(f"{what}: {left[str(run.stop)]} graph; files beside it: {files}")
        assert loaders_main(["load", "--db", str(run.db), *load]) == 0, what
        assert stored_state(run.db, read_only=False) == new, f"{what}, then loaded again"
        assert engine_files(run.db) == [], f"{what}, then loaded again"
    return left


def test_a_bulk_load_killed_while_it_writes_leaves_an_empty_graph_or_the_whole_load(
    tmp_path: Path, corpus: tuple[Path, list[Document]], monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, documents = corpus
    monkeypatch.setattr("loaders.pipeline.POOL_MIN_FILES", 1000)  # the reloads here: no pool
    rng = random.Random()
    # The load fills a new file beside the graph, a commit per part (plans, deadlines and
    # targets, tallies), and renames it over the graph once all are in.
    stops = [Stop(COPY, 4, "pause-after"),  # plans copied, not their tasks
             Stop(COMMIT, 1, "pause-before"),  # the plans copied, not committed
             after_commit_starts(rng, 0, 100), after_commit_starts(rng, 0, 100),
             Stop(COMMIT, 1, "pause-after"),  # the plans committed, not their deadlines
             Stop("os.replace", 1, "pause-before"),  # every part in, not renamed
             Stop("os.replace", 1, "pause-after")]  # renamed, not yet opened
    left = kill_and_reload(tmp_path, "bulk load", stops, [str(folder)], expected_state([]),
                           expected_state(documents), pool=True)
    assert [left[str(stop)] for stop in (*stops[:2], *stops[4:])] == [
        "old", "old", "old", "old", "new"]


def test_an_incremental_load_killed_leaves_the_seed_plans_and_all_or_none_of_the_new(
    tmp_path: Path, corpus: tuple[Path, list[Document]], seeded: Path,
    seed_documents: list[Document],
) -> None:
    folder, documents = corpus
    rng = random.Random()
    stops = [Stop("@document_hashes", 1, "pause-after"),  # early: nothing written yet
             Stop("@create_tasks", 1, "pause-after"),  # mid: plans and tasks, no assignment
             Stop(COMMIT, 1, "pause-before"),  # late: everything written, not committed
             after_commit_starts(rng, 0, 60),  # in COMMIT
             after_commit_starts(rng, 60, 500),  # closing the store: the checkpoint
             Stop(COMMIT, 1, "pause-after")]  # committed, in the WAL, not checkpointed
    left = kill_and_reload(tmp_path, "incremental load", stops, [str(folder)],
                           expected_state(seed_documents),
                           expected_state([*seed_documents, *documents]), seeded=seeded)
    assert [left[str(stop)] for stop in (*stops[:3], stops[5])] == ["old", "old", "old", "new"]


def test_a_rebuild_killed_leaves_the_old_graph_or_the_new_one(
    tmp_path: Path, corpus: tuple[Path, list[Document]], seeded: Path,
    seed_documents: list[Document], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rebuild writes a new graph file beside the old one and renames it over the old."""
    folder, documents = corpus
    monkeypatch.setattr("loaders.pipeline.POOL_MIN_FILES", 1000)
    stops = [Stop(COPY, 5, "pause-after"),  # the new file: its nodes copied, no edges
             Stop(COMMIT, 1, "pause-before"),  # the new file: every table, not committed
             after_commit_starts(random.Random(), 0, 100),
             Stop("os.replace", 1, "pause-before"),  # the new file whole, the old closed
             Stop("os.replace", 1, "pause-after")]  # renamed, not yet opened
    left = kill_and_reload(tmp_path, "rebuild", stops, ["--rebuild", str(folder)],
                           expected_state(seed_documents), expected_state(documents),
                           seeded=seeded)
    assert [left[str(stop)] for stop in (*stops[:2], *stops[3:])] == [
        "old", "old", "old", "new"]


RECOVERY_PENDING = (
    "Runtime exception: Cannot open database in read-only mode while checkpoint recovery is "
    "pending. If another process is checkpointing, retry after it finishes; otherwise reopen "
    "in read-write mode to complete recovery before reopening read-only.")


def test_a_read_only_open_finishes_an_interrupted_checkpoint_first(
    tmp_path: Path, seeded: Path, seed_documents: list[Document],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A loader killed while its COMMIT checkpoints (the kills above land there now and then)
    leaves a graph LadybugDB opens read-only only after a writable open has recovered it:
    the viewer opens the graph after a crash all the same, and sees the recovered graph."""
    db = tmp_path / "graph.lbdb"
    shutil.copy(seeded, db)
    database, opened = ladybug.Database, []

    def engine(path: str, *, read_only: bool = False, **options: Any) -> ladybug.Database:
        opened.append("read-only" if read_only else "writable")
        if opened == ["read-only"]:
            raise RuntimeError(RECOVERY_PENDING)
        if read_only is False and "locked" in db.name:
            raise RuntimeError(f"IO exception: Could not set lock on file : {path}")
        return database(path, read_only=read_only, **options)

    monkeypatch.setattr(ladybug, "Database", engine)
    assert stored_state(db, read_only=True) == expected_state(seed_documents)
    assert opened == ["read-only", "writable", "read-only"]
    # A live writer holds the lock: the open fails, naming the lock.
    opened.clear()
    db = db.rename(tmp_path / "locked.lbdb")
    with pytest.raises(StoreError, match=r"cannot open the graph at .*Could not set lock"):
        open_store(Settings(path=db, read_only=True))
    assert opened == ["read-only", "writable"]
