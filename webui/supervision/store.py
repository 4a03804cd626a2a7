"""Progress reports: one SQLite file beside the graph (progress.sqlite3), never in it.

A rebuild of the graph replaces every node; reports are what agencies wrote back, which no
plan can give again, so they live apart, keyed by the task key (webui.supervision.keys)
and the agency id, both of which a reload of the same plan gives again. Every import adds
rows; nothing is updated or deleted, so the history of a task is the rows of its key.

As in webui.accounts, each call opens its own short connection (the viewer's threads and
the command line may write at once; SQLite serialises them) and one file's reports go in
in one transaction: all of them or, on any failure, none.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from pathlib import Path

PROGRESS_FILE = "progress.sqlite3"  # beside the graph: var/progress.sqlite3 by default
BUSY_TIMEOUT_S = 5.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,            -- UTC, ISO 8601 to the second
    who TEXT NOT NULL,           -- the editor, or `cli`
    file TEXT NOT NULL,          -- the returned sheet's file name
    agency_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    added INTEGER NOT NULL,      -- new reports
    unchanged INTEGER NOT NULL   -- rows equal to the report already kept
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    task_key TEXT NOT NULL,
    agency_id TEXT NOT NULL,
    agency TEXT NOT NULL,        -- the agency's name when imported
    status TEXT NOT NULL,        -- a code of data/progress.yaml statuses
    progress TEXT NOT NULL,      -- 进展情况 as written
    reported TEXT NOT NULL,      -- 报送日期, ISO date, or '' when left blank
    note TEXT NOT NULL,          -- 备注
    -- the task as it was when imported: shown when the key no longer matches
    doc_id TEXT NOT NULL, plan TEXT NOT NULL, task_id TEXT NOT NULL, no TEXT NOT NULL,
    title TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_key ON reports (task_key, agency_id);
CREATE INDEX IF NOT EXISTS reports_agency ON reports (agency_id);
"""


class ProgressStoreError(Exception):
    """The progress file cannot be used; names the file and the cause."""


@dataclass(frozen=True)
class Entry:
    """A report to add: what one row of a returned sheet says about one task."""

    task_key: str
    agency_id: str
    agency: str
    status: str
    progress: str
    reported: str
    note: str
    doc_id: str
    plan: str
    task_id: str
    no: str
    title: str

    def same_report(self, other: Report) -> bool:
        """The same status, text, date and note: importing it again adds nothing."""
        return (self.status, self.progress, self.reported, self.note) == (
            other.status, other.progress, other.reported, other.note)


@dataclass(frozen=True)
class Report(Entry):
    """A kept report, with who imported it, when and from which file."""

    id: int
    imported_at: str
    imported_by: str
    file: str


@dataclass(frozen=True)
class Imported:
    """What one file's import did."""

    import_id: int
    added: int
    unchanged: int


REPORT_COLUMNS = ("r.task_key, r.agency_id, r.agency, r.status, r.progress, r.reported, "
                  "r.note, r.doc_id, r.plan, r.task_id, r.no, r.title, r.id, i.at, i.who, i.file")
# The newest report of each (task key, agency): the highest id, since rows are only added.
LATEST = (f"SELECT {REPORT_COLUMNS} FROM reports r JOIN imports i ON i.id = r.import_id "
          "WHERE r.id IN (SELECT max(id) FROM reports GROUP BY task_key, agency_id)")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ProgressStore:
    """The progress file at `path`, created (mode 0644, with its tables) on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False
        # The newest reports as last read, with the highest report id and the count then.
        self._latest: tuple[tuple[object, ...], dict[tuple[str, str], Report]] | None = None

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """One connection, one transaction: committed on success, rolled back on error."""
        try:
            self._create()
            with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as conn:
                conn.execute("PRAGMA foreign_keys = ON")
                with conn:
                    yield conn
        except (sqlite3.DatabaseError, OSError) as exc:
            raise ProgressStoreError(f"cannot use the progress file {self.path}: {exc}") \
                from exc

    def _create(self) -> None:
        if self._ready:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o644))
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as conn:
            conn.executescript(SCHEMA)
        self._ready = True

    def add(self, entries: Sequence[Entry], *, who: str, file: str, agency_id: str,
            agency: str) -> Imported:
        """Keep one file's reports, all in one transaction; a row equal to the newest
        report of its task and agency is counted, not added again (imports repeat)."""
        with self._db() as db:
            latest = {(r.task_key, r.agency_id): r
                      for r in _reports(db, LATEST + " AND r.agency_id = ?", (agency_id,))}
            new = [e for e in entries if not ((old := latest.get((e.task_key, e.agency_id)))
                                              and e.same_report(old))]
            cursor = db.execute(
                "INSERT INTO imports (at, who, file, agency_id, agency, added, unchanged) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now(), who, file, agency_id, agency, len(new), len(entries) - len(new)))
            import_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO reports (import_id, task_key, agency_id, agency, status, progress,"
                " reported, note, doc_id, plan, task_id, no, title) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(import_id, *astuple(e)) for e in new])
        return Imported(import_id, len(new), len(entries) - len(new))

    def latest(self) -> Mapping[tuple[str, str], Report]:
        """The newest report of every (task key, agency id).

        Read again only when reports were added since (by any process: rows are only
        ever added, so the highest id and the count say so); every /duban/ page asks,
        and reading 3,000 reports took 40-80 ms."""
        with self._db() as db:
            stamp = tuple(db.execute("SELECT max(id), count(*) FROM reports").fetchone())
            kept = self._latest
            if kept is not None and kept[0] == stamp:
                return kept[1]
            found = {(r.task_key, r.agency_id): r for r in _reports(db, LATEST, ())}
        self._latest = (stamp, found)
        return found

    def history(self, task_key: str) -> list[Report]:
        """Every report on `task_key`, newest first."""
        with self._db() as db:
            return _reports(db, f"SELECT {REPORT_COLUMNS} FROM reports r JOIN imports i "
                                "ON i.id = r.import_id WHERE r.task_key = ? "
                                "ORDER BY r.id DESC", (task_key,))

    def imports(self, limit: int = 20) -> list[dict[str, object]]:
        """The latest imports, newest first."""
        with self._db() as db:
            rows = db.execute("SELECT at, who, file, agency, agency_id, added, unchanged "
                              "FROM imports ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        names = ("imported_at", "imported_by", "file", "agency", "agency_id", "added",
                 "unchanged")
        return [dict(zip(names, row, strict=True)) for row in rows]


def _reports(db: sqlite3.Connection, sql: str, params: tuple[object, ...]) -> list[Report]:
    return [Report(*row) for row in db.execute(sql, params)]
