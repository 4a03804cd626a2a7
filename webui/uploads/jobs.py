"""Upload jobs: the files of one upload, read in the background, kept until settled.

One thread takes jobs in turn and hands each file to a worker process, so a big PDF never
holds the pages' threads behind Python's lock, and a reader that crashes or runs out of
memory ends the worker, not the viewer: the file is reported as failed and a new worker
reads the next one. Jobs live in memory (a restart forgets them; the files they saved
are swept after `keep_seconds`); a job's state is read by the status endpoint while the
thread writes it, field by field, each file's `state` last.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import secrets
import shutil
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple

from graph.lifetime import die_with_parent
from graph.model import Document
from loaders.agencies import AgencyLexicon
from loaders.correct import correction_lines
from loaders.corrections import CorrectionBook
from loaders.errors import LoaderError
from loaders.pipeline import read_plan
from loaders.readers import Limits
from webui.errors import NotFound
from webui.uploads.files import Refused, save

STATES = ("queued", "reading", "ready", "failed")
OUTCOMES = ("loaded", "discarded")
PARENT_POLL_SECONDS = 0.5  # how often a worker looks whether the viewer is still there
JOB_ID_BYTES = 12  # unguessable: a job's address is its only key
KEPT_FOLDER = "plans"  # originals of the plans loaded through the viewer


@dataclass
class Upload:
    """One file of a job and what became of it."""

    given: str  # the name as uploaded
    name: str  # the plan's file name (safe, unique within the job)
    path: Path | None  # the saved copy; None once settled, or when refused on arrival
    state: str = "queued"
    error: str = ""
    document: Document | None = None
    corrections: tuple[str, ...] = ()
    outcome: str = ""  # "" until loaded or discarded
    report: list[str] = field(default_factory=list)
    plan_id: str = ""

    def fail(self, reason: str) -> None:
        self.error, self.state = reason, "failed"

    def status(self) -> dict[str, Any]:
        doc = self.document
        return {"name": self.given, "state": self.state, "error": self.error,
                "title": doc.title if doc else None, "tasks": len(doc.tasks) if doc else None,
                "outcome": self.outcome, "plan_id": self.plan_id}


@dataclass
class Job:
    id: str
    folder: Path
    owner: str
    files: list[Upload] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    lock: threading.Lock = field(default_factory=threading.Lock)  # one settle at a time

    @property
    def state(self) -> str:
        """queued (nothing read yet), reading, or done (every file ready or failed)."""
        states = {f.state for f in self.files}
        if states <= {"ready", "failed"}:
            return "done"
        return "queued" if states <= {"queued", "failed"} and "queued" in states else "reading"

    def upload(self, n: int) -> Upload:
        if not 0 <= n < len(self.files):
            raise NotFound(f"上传 {self.id} 没有第 {n + 1} 个文件 (no such file in this upload)")
        return self.files[n]

    def status(self) -> dict[str, Any]:
        settled = sum(1 for f in self.files if f.state in ("ready", "failed"))
        return {"job": self.id, "state": self.state, "done": settled,
                "total": len(self.files), "files": [f.status() for f in self.files]}


class Reading(NamedTuple):
    """What a worker sends back: the plan, or the reason it could not be read (a
    LoaderError does not survive pickling, so the reason travels as text)."""

    document: Document | None
    error: str = ""
    corrections: tuple[str, ...] = ()  # what the corrections book did to it


def read_upload(path: Path, limits: Limits, book: Path | None,
                lexicon: Path | None = None) -> Reading:
    """In a worker: the plan read as the graph would hold it, with the corrections of the
    graph's book (and the local agency lexicon) applied, as `loaders load` reads it."""
    try:
        if book is None:
            return Reading(read_plan(path, AgencyLexicon.load(local=lexicon), limits=limits))
        corrections = CorrectionBook.load(book, local_lexicon=lexicon)
        document, applied = corrections.read_plan(path, limits=limits)
        return Reading(document, "", tuple(correction_lines(list(corrections), [applied])))
    except LoaderError as err:
        return Reading(None, err.reason)


class Reader:
    """Reads jobs one after another; each file in a worker process."""

    def __init__(self, limits: Limits, processes: int = 1, book: Path | None = None,
                 lexicon: Path | None = None) -> None:
        self.limits = limits
        self.book = book  # the graph's corrections book; None: read without one
        self.lexicon = lexicon  # the local agency lexicon; None: the loaders' default
        self._processes = max(1, processes)
        self._queue = ThreadPoolExecutor(1, thread_name_prefix="upload-reader")
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def submit(self, job: Job) -> Future[None]:
        return self._queue.submit(self._read_job, job)

    def close(self) -> None:
        self._queue.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    def _read_job(self, job: Job) -> None:
        for upload in job.files:
            if upload.state != "queued" or upload.path is None:
                continue
            upload.state = "reading"
            reading = self.read(upload.path)
            if reading.document is None:
                upload.fail(reading.error)
            else:
                upload.document, upload.corrections = reading.document, reading.corrections
                upload.state = "ready"

    def read(self, path: Path) -> Reading:
        """The plan at `path` read in a worker; a worker that dies fails this file only."""
        try:
            return self._workers().submit(read_upload, path, self.limits, self.book,
                                          self.lexicon).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is not None:
                    self._pool.shutdown(wait=False)
                self._pool = None
            return Reading(None, "读取它的进程意外退出 (the process reading it died: a crash "
                                 "inside a library, or the system stopped it for using too "
                                 "much memory)")

    def _workers(self) -> ProcessPoolExecutor:
        """The worker pool, started on first use: spawned, not forked, because the viewer
        holds an open database and threads; each worker ends when the viewer ends."""
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self._processes, mp_context=multiprocessing.get_context("spawn"),
                    initializer=die_with_parent,
                    initargs=(os.getpid(), PARENT_POLL_SECONDS, False))
            return self._pool


class Jobs:
    """The app's upload jobs: created from a request's files, found by id, swept when old."""

    def __init__(self, folder: Path, reader: Reader, keep_seconds: float) -> None:
        self.folder = folder
        self.reader = reader
        self.keep_seconds = keep_seconds
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        sweep_folders(folder, keep_seconds)

    @property
    def kept(self) -> Path:
        """Where the originals of loaded plans stay, for a rebuild to read them again."""
        return self.folder / KEPT_FOLDER

    def create(self, owner: str, files: Iterable[tuple[IO[bytes], str]]) -> Job:
        """A job holding each (stream, name as given) saved; a file refused on arrival is a
        failed entry of the job, so the others go on."""
        self._sweep()
        job_id = secrets.token_urlsafe(JOB_ID_BYTES)
        job = Job(job_id, self.folder / "jobs" / job_id, owner)
        job.folder.mkdir(parents=True)
        taken: set[str] = set()
        for stream, given in files:
            try:
                saved = save(stream, given, job.folder, self.reader.limits, taken)
            except Refused as refused:
                job.files.append(Upload(given, given, None, "failed", refused.reason))
            else:
                job.files.append(Upload(saved.given, saved.name, saved.path))
        with self._lock:
            self._jobs[job.id] = job
        return job

    def start(self, job: Job) -> Future[None]:
        return self.reader.submit(job)

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"没有编号为 {job_id!r} 的上传,或它已过期 (no such upload, or it "
                           "expired: uploads are kept until settled or the viewer restarts)")
        return job

    def recent(self, limit: int = 10) -> list[Job]:
        with self._lock:
            jobs = sorted(self._jobs.values(), key=lambda j: j.created, reverse=True)
        return jobs[:limit]

    def settle(self, upload: Upload, outcome: str) -> None:
        """Mark `upload` loaded (its original kept) or discarded (its copy deleted)."""
        upload.outcome = outcome
        path, upload.path = upload.path, None
        if path is None or not path.exists():
            return
        if outcome == "loaded":
            self.kept.mkdir(parents=True, exist_ok=True)
            path.replace(self.kept / upload.name)
        else:
            path.unlink()
        with contextlib.suppress(OSError):  # the job's last file: its folder goes too
            path.parent.rmdir()

    def forget_original(self, file_name: str) -> bool:
        """Delete the kept original of a removed plan; False when there was none."""
        path = self.kept / file_name
        if file_name and path.parent == self.kept and path.is_file():
            path.unlink()
            return True
        return False

    def _sweep(self) -> None:
        """Forget jobs older than keep_seconds, with the files they still hold."""
        cutoff = time.time() - self.keep_seconds
        with self._lock:
            old = [j for j in self._jobs.values() if j.created < cutoff and j.state == "done"]
            for job in old:
                del self._jobs[job.id]
        for job in old:
            shutil.rmtree(job.folder, ignore_errors=True)


def sweep_folders(folder: Path, keep_seconds: float) -> None:
    """Remove job folders older than keep_seconds left by an earlier run of the viewer."""
    cutoff = time.time() - keep_seconds
    jobs = folder / "jobs"
    if not jobs.is_dir():
        return
    for path in jobs.iterdir():
        if path.is_dir() and path.stat().st_mtime < cutoff:
            shutil.rmtree(path, ignore_errors=True)
