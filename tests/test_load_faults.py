"""Faults inside one file never abort a batch, and a killed loader leaves nothing running.

A parser bug (an exception, a recursion too deep) and a parser process that dies are
simulated by a `convert` that misbehaves on marked files, in a real process pool; the kill
test runs a real bulk load of a synthetic corpus and kills it with SIGKILL mid-parse.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from graph.model import Document
from graph.settings import Settings
from graph.store import open_store
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
    killed_at = time.monotonic()
    while not all(_gone(child) for child in children.values()):
        if time.monotonic() - killed_at > 5:
            left = [" ".join(c.cmdline()) for c in children.values() if not _gone(c)]
            pytest.fail(f"still running 5 s after the loader was killed: {left}")
        time.sleep(0.05)

    with open_store(Settings(path=db)) as store:
        counts = {row["name"]: row["count"] for row in store.run("counts")}
    assert set(counts.values()) == {0}  # killed before the copy: the graph holds nothing
    assert loaders_main(["load", "--db", str(db), str(corpus)]) == 0
    with open_store(Settings(path=db)) as store:
        rows = store.run("MATCH (d:Document) RETURN count(d) AS n")
    assert rows == [{"n": plans}]
