"""Console queries in a cage: Cypher typed by a person runs where it cannot hurt the others.

A console statement is first read by the grammar (graph.readonly: read clauses only). On
the embedded store it then runs in a process of its own (`python -m graph.console`),
which opens the database read-only itself, so the viewer's pages never wait for it:

- time: the viewer kills the worker when the time limit (query_timeout_ms) has passed
  since it was started, whatever the engine is doing (some operators ignore interrupts);
- memory: the worker may grow its address space by console_memory_mb beyond what it holds
  once the database is open (RLIMIT_AS: an allocation past it fails and the query stops
  with a memory error), and the viewer kills it when its resident memory passes
  console_memory_mb (checked every POLL_SECONDS);
- rows: at most console_max_rows rows come back, and the answer says when it was cut;
  at most MAX_REPLY_BYTES of them;
- number: at most console_workers console queries run at a time; another one waits
  console_wait_ms for a turn and is then refused as busy (ConsoleBusy);
- files and network: on Linux with Landlock (5.13 and later) the worker can write, create
  or remove files only in its own empty temporary folder (also its HOME and TMPDIR),
  cannot open a TCP connection and cannot signal the viewer, so a statement the grammar
  missed cannot change the graph's files (LadybugDB's read-only mode still lets CHECKPOINT
  write beside the file), write a file elsewhere or fetch an extension;
- the worker runs at a lower CPU priority, on one thread unless query_threads says more,
  and dies with the viewer (the kernel's parent-death signal, and a watch on its parent).

The worker opens the graph afresh for each query, so the console reads the graph as it is
now (the viewer's own pages may read a snapshot, webui.answers). LadybugDB lets a
read-only handle open a file that another process holds for writing, and reads what that
process has committed (its write-ahead log included).

Neo4j has no worker: graph.server runs console queries in read-access transactions with
the server's timeout, the same row cap and the same turns.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import ConsoleBusy, QueryError, QueryTimeout, QueryTooLarge, ReadOnlyViolation
from graph.lifetime import die_with_parent
from graph.readonly import check_read_only
from graph.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
POLL_SECONDS = 0.05  # how often the viewer looks at a running worker's memory and clock
MAX_REPLY_BYTES = 64 << 20  # a result larger than this (pickled) is refused, not sent
NICE = 10  # the worker's CPU priority below the viewer's: pages first
# Engine messages: a write refused by the read-only database, memory that ran out.
READ_ONLY_MESSAGES = ("read-only transaction", "read-only database", "READ ONLY mode")
MEMORY_MESSAGES = ("bad_alloc", "unable to allocate memory", "buffer pool is full",
                   "cannot allocate memory", "out of memory", "memoryerror")
JOB_FILE = "job.pickle"


@dataclass(frozen=True)
class ConsoleAnswer:
    """What a console query returned: at most the row cap of its rows."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False  # the query had more rows than `max_rows`; `rows` are the first
    max_rows: int = 0  # the cap in force
    seconds: float = 0.0  # wall time, worker start to answer
    peak_mb: float = 0.0  # the worker's largest resident memory (embedded store only)
    fenced: int = 0  # the Landlock ABI that fenced the worker's files; 0: none (see fence)

    @property
    def table(self) -> tuple[list[str], list[list[Any]]]:
        return self.columns, self.rows


class Turns:
    """At most `count` console queries at a time; the next one waits `wait_ms`, then is busy."""

    def __init__(self, count: int, wait_ms: int) -> None:
        self.count, self.wait_ms = count, wait_ms
        self._free = threading.BoundedSemaphore(count)

    @contextlib.contextmanager
    def taken(self) -> Iterator[None]:
        if not self._free.acquire(timeout=self.wait_ms / 1000):
            raise ConsoleBusy(
                f"the console is busy: {self.count} console "
                f"{'query is' if self.count == 1 else 'queries are'} running "
                "(console_workers); try again in a few seconds")
        try:
            yield
        finally:
            self._free.release()


class Cage:
    """Runs console statements on an embedded graph, each in a worker process of its own."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.turns = Turns(settings.console_workers, settings.console_wait_ms)
        self._running: set[int] = set()
        self._lock = threading.Lock()

    def running(self) -> set[int]:
        """Process ids of the workers running now (for tests and diagnosis)."""
        with self._lock:
            return set(self._running)

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> ConsoleAnswer:
        check_read_only(cypher)
        with self.turns.taken():
            return self._in_worker(cypher, dict(params or {}))

    def _in_worker(self, cypher: str, params: dict[str, Any]) -> ConsoleAnswer:
        s = self.settings
        folder = Path(tempfile.mkdtemp(prefix="console-"))
        try:
            (folder / JOB_FILE).write_bytes(pickle.dumps({
                "path": str(s.path.resolve()), "cypher": cypher, "params": params,
                "max_rows": s.console_max_rows, "memory_mb": s.console_memory_mb,
                "threads": s.query_threads or 1, "seconds": s.query_timeout_ms / 1000,
                "parent": os.getpid()}))
            with (folder / "stderr").open("wb") as errors:
                reply, run = self._supervise(folder, errors)
            stderr = _tail(folder / "stderr")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return _answer(reply, run, stderr, s)

    def _supervise(self, folder: Path, errors: Any) -> tuple[bytes, Run]:
        """Start the worker and watch it until it answers, or kill it; its reply bytes."""
        s = self.settings
        env = {**os.environ, "HOME": str(folder), "TMPDIR": str(folder),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                           os.environ.get("PYTHONPATH")]))}
        started = time.monotonic()
        deadline = started + s.query_timeout_ms / 1000 if s.query_timeout_ms else None
        run = Run()
        try:
            worker = subprocess.Popen(
                [sys.executable, "-s", "-B", "-m", "graph.console"], stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=errors, cwd=folder, env=env)
        except OSError as exc:  # no memory or no process left to fork
            raise QueryError(f"the console could not start a worker process: {exc}") from exc
        with self._lock:
            self._running.add(worker.pid)
        chunks: list[bytes] = []
        answered = False
        try:
            assert worker.stdout is not None
            out = worker.stdout.fileno()
            received = 0
            while not run.stopped:
                ready, _, _ = select.select([out], [], [], POLL_SECONDS)
                if ready:
                    chunk = os.read(out, 1 << 20)
                    if not chunk:
                        answered = True
                        break
                    chunks.append(chunk)
                    received += len(chunk)
                run.peak_mb = max(run.peak_mb, _memory_mb(worker.pid, "VmHWM"))
                if _memory_mb(worker.pid, "VmRSS") > s.console_memory_mb:
                    run.stopped = "memory"
                elif deadline is not None and time.monotonic() > deadline:
                    run.stopped = "time"
                elif received > MAX_REPLY_BYTES + (1 << 20):
                    run.stopped = "size"
        finally:
            if not answered:  # stopped, or this thread was interrupted: no waiting
                worker.kill()
            try:
                worker.wait(timeout=5)
            except subprocess.TimeoutExpired:  # answered, then hung on its way out
                worker.kill()
                worker.wait()
            assert worker.stdout is not None
            worker.stdout.close()
            with self._lock:
                self._running.discard(worker.pid)
        run.seconds = time.monotonic() - started
        run.returncode = worker.returncode
        return b"".join(chunks), run


@dataclass
class Run:
    """How a worker ended, as the viewer saw it."""

    stopped: str = ""  # "time", "memory" or "size" when the viewer killed it
    peak_mb: float = 0.0
    seconds: float = 0.0
    returncode: int = 0


def _answer(reply: bytes, run: Run, stderr: str, s: Settings) -> ConsoleAnswer:
    """The worker's reply as an answer, or the error that says why there is none."""
    if run.stopped == "time" or run.returncode == -signal.SIGXCPU:
        raise QueryTimeout(f"the query ran past the time limit ({s.query_timeout_ms} ms, "
                           "query_timeout_ms) and was stopped; add a LIMIT or a more "
                           "selective MATCH")
    if run.stopped == "memory":
        raise QueryTooLarge(_too_large(s))
    if run.stopped == "size":
        raise QueryTooLarge(_too_big_reply())
    try:
        kind, *fields = pickle.loads(reply)  # our own worker's bytes
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError) as exc:
        if any(m in stderr.lower() for m in MEMORY_MESSAGES):
            raise QueryTooLarge(_too_large(s)) from exc
        how = (f"signal {signal.Signals(-run.returncode).name}" if run.returncode < 0
               else f"exit status {run.returncode}")
        raise QueryError(f"the console's worker stopped ({how}) without an answer; the "
                         f"viewer is unaffected. {stderr.strip()[-300:]}".strip()) from exc
    if kind == "error":
        kind, message = fields
        raise _error(kind, message, s)
    columns, rows, truncated, worker_peak, fenced = fields
    return ConsoleAnswer(columns, rows, truncated, s.console_max_rows, run.seconds,
                         max(run.peak_mb, worker_peak), fenced)


def _error(kind: str, message: str, s: Settings) -> QueryError:
    if kind == "memory" or any(m in message.lower() for m in MEMORY_MESSAGES):
        return QueryTooLarge(_too_large(s))
    if kind == "size":
        return QueryTooLarge(_too_big_reply())
    if any(m in message for m in READ_ONLY_MESSAGES):
        return ReadOnlyViolation(f"the engine refused a write: {message}")
    if kind == "open":
        return QueryError(f"the console could not open the graph at {s.path}: {message}")
    return QueryError(message)


def _too_large(s: Settings) -> str:
    return (f"the query needed more memory than the console allows ({s.console_memory_mb} MB, "
            "console_memory_mb) and was stopped; add a LIMIT, aggregate earlier or MATCH "
            "fewer nodes")


def _too_big_reply() -> str:
    return (f"the result is larger than {MAX_REPLY_BYTES >> 20} MB; return fewer columns or "
            "add a LIMIT")


def _tail(path: Path, size: int = 2000) -> str:
    with path.open("rb") as stream:
        stream.seek(max(0, path.stat().st_size - size))
        return stream.read().decode("utf-8", "replace")


def _memory_mb(pid: int, field: str) -> float:
    """VmRSS (resident now) or VmHWM (the most so far) of a process in MiB; 0 once gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


# --- the worker -------------------------------------------------------------------------


def main() -> None:
    """The worker: read the job in the current folder, answer on stdout, exit."""
    job = pickle.loads(Path(JOB_FILE).read_bytes())
    die_with_parent(job["parent"], poll_seconds=0.2)
    reply = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything the engine prints goes to stderr, not into the reply
    try:
        answer: tuple[Any, ...] = _work(job)
    except MemoryError:
        answer = ("error", "memory", "MemoryError")
    except _OpenFailed as exc:
        answer = ("error", "open", str(exc))
    except Exception as exc:  # the engine's errors: RuntimeError, ValueError, TypeError …
        answer = ("error", "query", str(exc) or type(exc).__name__)
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("error", "memory", "MemoryError"))
    except Exception as exc:  # a value that cannot be pickled
        data = pickle.dumps(("error", "query", f"cannot send the result: {exc}"))
    if len(data) > MAX_REPLY_BYTES:
        data = pickle.dumps(("error", "size", ""))
    reply.write(data)
    reply.flush()
    os._exit(0)  # the database is read-only: nothing to close carefully


class _OpenFailed(Exception):
    """The worker could not open the graph."""


def _work(job: dict[str, Any]) -> tuple[Any, ...]:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file
    os.nice(NICE)
    fenced = fence(Path.cwd())
    import ladybug
    path = Path(job["path"])
    stored = sum(p.stat().st_size for p in (path, path.with_name(path.name + ".wal"))
                 if p.exists())
    memory = job["memory_mb"] << 20
    try:
        db = ladybug.Database(
            str(path), read_only=True, buffer_pool_size=max(memory // 2, 64 << 20),
            max_num_threads=job["threads"],
            # Address space the engine reserves for the file's pages (8 TiB by default,
            # which no address-space limit would admit): a power of two, generous.
            max_db_size=max(1 << 30, 1 << (4 * stored).bit_length()))
        conn = ladybug.Connection(db, num_threads=job["threads"])
    except RuntimeError as exc:
        raise _OpenFailed(str(exc)) from exc
    with open("/proc/self/status", encoding="ascii") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = (size_kb << 10) + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if job["seconds"]:  # a backstop should the viewer's clock fail: CPU seconds, all threads
        cpu = int(job["seconds"] * job["threads"] * 4) + 10
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    result = conn.execute(job["cypher"], job["params"])
    if isinstance(result, list):  # several statements (the grammar lets none through)
        result = result[-1]
    columns, truncated = result.get_column_names(), False
    rows: list[Any] = []
    while result.has_next():
        if len(rows) == job["max_rows"]:
            truncated = True
            break
        rows.append(result.get_next())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ("ok", columns, rows, truncated, peak, fenced)


# Landlock (linux/landlock.h): system calls, and the file rights the fence takes away
# everywhere but the worker's folder: every right except executing and reading.
_LANDLOCK_CREATE, _LANDLOCK_ADD_RULE, _LANDLOCK_RESTRICT = 444, 445, 446
_READ_RIGHTS = (1 << 0) | (1 << 2) | (1 << 3)  # EXECUTE, READ_FILE, READ_DIR
_RIGHTS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1}  # + REFER, TRUNCATE
_NET_TCP = (1 << 0) | (1 << 1)  # BIND_TCP, CONNECT_TCP (ABI 4)
_SCOPE_SIGNAL = 1 << 1  # signals to processes outside the fence (ABI 6)


def landlock_abi() -> int:
    """The kernel's Landlock ABI version; 0 where there is none (not Linux, too old, off)."""
    if not sys.platform.startswith("linux"):
        return 0
    import ctypes

    version = ctypes.CDLL(None, use_errno=True).syscall(_LANDLOCK_CREATE, None, 0, 1)
    return max(int(version), 0)


def fence(folder: Path) -> int:
    """Forbid this process, for good, to write, create or remove files outside `folder`,
    to bind or connect TCP sockets and to signal processes outside the fence.

    Reading stays allowed (the engine and Python load files lazily; the grammar refuses
    LOAD FROM and the file-reading procedures). Returns the ABI used, 0 when the kernel
    has no Landlock (then the fence is simply not there)."""
    import ctypes

    abi = landlock_abi()
    if not abi:
        return 0

    class Ruleset(ctypes.Structure):
        _fields_ = (("fs", ctypes.c_uint64), ("net", ctypes.c_uint64),
                    ("scoped", ctypes.c_uint64))

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = (("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))

    libc = ctypes.CDLL(None, use_errno=True)
    rights = _RIGHTS_BY_ABI[min(abi, 3)] & ~_READ_RIGHTS
    ruleset = Ruleset(rights, _NET_TCP if abi >= 4 else 0, _SCOPE_SIGNAL if abi >= 6 else 0)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    rules = libc.syscall(_LANDLOCK_CREATE, ctypes.byref(ruleset), size, 0)
    if rules < 0:
        return 0
    inside = os.open(folder, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        beneath = PathBeneath(rights, inside)
        ok = (libc.syscall(_LANDLOCK_ADD_RULE, rules, 1, ctypes.byref(beneath), 0) == 0
              and libc.prctl(38, 1, 0, 0, 0) == 0  # PR_SET_NO_NEW_PRIVS, which Landlock needs
              and libc.syscall(_LANDLOCK_RESTRICT, rules, 0) == 0)
    finally:
        os.close(inside)
        os.close(rules)
    return abi if ok else 0


if __name__ == "__main__":
    main()
