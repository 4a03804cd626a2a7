"""A commit torn by a kill: the graph opens as it was before that commit, never refused."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from graph.model import Document
from graph.settings import Settings
from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
# Loads one more plan and ends the process before the engine checkpoints: the commit is only
# in the log, as when a loader is killed between its commit and its checkpoint.
COMMIT_AND_DIE = (
    "import os, sys; from pathlib import Path; from graph.settings import Settings; "
    "from graph.store import open_store; from loaders.pipeline import read_plans; "
    "store = open_store(Settings(path=Path(sys.argv[1]))); "
    "store.load(read_plans([Path(sys.argv[2])]).documents); os._exit(0)")


def plans(path: Path, *, read_only: bool) -> int:
    with closing(open_store(Settings(path=path, read_only=read_only))) as store:
        return int(store.run("MATCH (d:Document) RETURN count(d) AS n")[0]["n"])


@pytest.mark.parametrize("read_only", [True, False])
def test_a_torn_commit_is_dropped_and_the_graph_opens_as_before_it(
        tmp_path: Path, seed_documents: list[Document], read_only: bool,
        caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "graph.lbdb"
    with closing(open_store(Settings(path=path))) as store:
        store.load(seed_documents[:4])
    fifth = ROOT / "data" / "samples" / seed_documents[4].doc
    subprocess.run([sys.executable, "-c", COMMIT_AND_DIE, str(path), str(fifth)],
                   cwd=ROOT, check=True, timeout=120)
    log = path.with_name(path.name + ".wal")
    assert log.stat().st_size > 1000, "the commit should be in the log, not checkpointed"
    os.truncate(log, log.stat().st_size - 64)  # the kill came while the log was written
    assert plans(path, read_only=read_only) == 4
    assert "half-written" in caplog.text
    assert plans(path, read_only=True) == 4  # and the log is clean for every later open
