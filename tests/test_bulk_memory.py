"""What the bulk load holds in memory and carries between processes: a plan's rows with
one row per shared node, spooled rows read back in pieces whose pages are given back once
copied.

LadybugDB's Python binding keeps every Arrow table passed to COPY until the connection
closes (its prepared-statement cache is keyed by the object); the spool's pieces must
not keep their pages in this process's memory all the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pytest

from graph.bulk import Spool, Table
from graph.errors import StoreError
from graph.model import Document
from graph.rows import SHARED_KEYS, combine, document_rows

SCHEMA = pa.schema([pa.field("id", pa.string()), pa.field("text", pa.string())])


def spool_of(folder: Path, rows: int, batch: int) -> Spool:
    spool = Spool(folder, Table("Task", "COPY Task FROM $rows", SCHEMA))
    spool.batch = batch
    for i in range(rows):
        spool.add([{"id": f"t{i}", "text": "任务" * 2000}])  # ~12 kB a row: pages to see
    return spool


def resident_kb(path: Path) -> int:
    """kB of `path` mapped into this process and resident (Linux /proc/self/smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if fields and "-" in fields[0] and not fields[0].endswith(":"):
            inside = fields[-1] == str(path)
        elif inside and fields[0] == "Rss:":
            total += int(fields[1])
    return total


def test_a_plans_rows_hold_each_shared_node_once_as_combining_them_would(
        seed_documents: list[Document]) -> None:
    for document in seed_documents:
        rows = document_rows(document)
        mentions = sum(1 for t in document.tasks for m in t.mentions if m.agency)
        assert len(rows.agencies) < mentions  # named once per mention in the text
        for name, key in SHARED_KEYS.items():
            keys = [row[key] for row in getattr(rows, name)]
            assert len(keys) == len(set(keys)), (document.doc, name)
        combined = combine([rows])
        assert (combined.agencies, combined.belongs_to, combined.sectors) == (
            rows.agencies, rows.belongs_to, rows.sectors)


def test_pieces_hold_every_row_in_order_whole_batches_within_the_limit(tmp_path: Path) -> None:
    spool = spool_of(tmp_path, 95, batch=10)
    pieces = list(spool.pieces(25))
    assert [p.num_rows for p in pieces] == [20, 20, 20, 20, 15]
    assert pa.concat_tables(pieces).column("id").to_pylist() == [f"t{i}" for i in range(95)]
    assert [p.num_rows for p in spool.pieces(5)] == [10] * 9 + [5]  # a batch is never split


def test_an_empty_spool_gives_no_piece_and_takes_no_rows_once_read(tmp_path: Path) -> None:
    spool = Spool(tmp_path, Table("Task", "COPY Task FROM $rows", SCHEMA))
    assert list(spool.pieces(10)) == []
    assert spool.columns(["id"]).num_rows == 0
    with pytest.raises(StoreError, match=r"Task\.arrow was read already"):
        spool.add([{"id": "t", "text": ""}] * spool.batch)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_pages_of_a_piece_are_given_back_while_the_piece_is_still_held(tmp_path: Path) -> None:
    spool = spool_of(tmp_path, 200, batch=20)
    pieces = spool.pieces(50)
    held = [next(pieces)]
    assert sum(len(t) for t in held[0].column("text").to_pylist()) == 40 * 4000
    assert resident_kb(spool.path) >= 400  # 40 rows of ~12 kB read through the mapping
    held += list(pieces)  # the caller keeps every piece, as the engine's binding does
    assert resident_kb(spool.path) < 100
    assert sum(p.num_rows for p in held) == 200
    assert held[0].column("id")[39].as_py() == "t39"  # given back, still readable

