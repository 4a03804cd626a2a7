"""Read files into Documents whose mentions name agencies and whose tasks name sectors.

This is the one path from a file to the records a store loads: read (by file type),
parse (text only), resolve (lexicon), tag (taxonomy). A file that fails is reported with
its reason and contributes nothing, so no document is ever half-loaded.

Corrections (loaders.correct) are applied after the agencies are resolved, when the caller
passes the book's records; the Applied report of each plan goes to the ReadReport.

`read_plans` returns every Document; `stream_plans` hands each plan on as it is read
(through a process pool when there are many files), turned into whatever the caller keeps
of it, such as its graph rows, so thousands of plans never sit in memory at once.

Nothing inside one file stops the others: a reader's refusal, a size limit, a bug in the
parser (any exception, a recursion too deep) and a parser process that dies (a crash in a
library, the system killing it for memory) each become one failure naming the file and
the reason. Parser processes die with the loader, even when it is killed with SIGKILL.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from graph.lifetime import die_with_parent
from graph.model import Document, Target
from graph.rows import GraphRows, document_rows
from loaders.agencies import AgencyLexicon
from loaders.correct import Applied, apply_corrections, jurisdiction
from loaders.correction_records import Correction
from loaders.errors import LoaderError, ReadFailed
from loaders.jurisdiction import Jurisdiction
from loaders.manifest import read_manifest
from loaders.parse import parse_text
from loaders.readers import DEFAULT_LIMITS, Limits, iter_documents, read_text
from loaders.sectors import SectorTaxonomy


@dataclass(frozen=True)
class PlanSummary:
    """A plan's line in the load report, kept when the plan itself is not."""

    doc: str
    title: str | None
    place: str | None
    tasks: int
    without_units: int
    encoding: str
    warnings: tuple[str, ...]
    unknown: tuple[tuple[str, str, str], ...]  # (document, city, mention) not in the lexicon

    @classmethod
    def of(cls, doc: Document) -> PlanSummary:
        unknown = {(doc.doc, m.agency.city, m.text) for t in doc.tasks for m in t.mentions
                   if m.agency and not m.agency.known}
        place = doc.city or doc.province or ("全国" if doc.level == "national" else None)
        return cls(doc.doc, doc.title, place, len(doc.tasks),
                   sum(1 for t in doc.tasks if not t.mentions), doc.encoding,
                   tuple(doc.warnings), tuple(sorted(unknown)))


@dataclass
class ReadReport:
    """What reading a set of paths gave: documents (or, streamed, their summaries),
    failures, files skipped."""

    documents: list[Document] = field(default_factory=list)
    failures: list[LoaderError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    summaries: list[PlanSummary] = field(default_factory=list)  # plans streamed on
    corrections: list[Applied] = field(default_factory=list)  # plans a record was meant for

    def plans(self) -> list[PlanSummary]:
        """Every plan read, held or streamed on."""
        return self.summaries + [PlanSummary.of(d) for d in self.documents]

    def unresolved(self) -> list[tuple[str, str, str]]:
        """(document, city, mention) for mentions the lexicon does not know."""
        return sorted({u for plan in self.plans() for u in plan.unknown})


def read_plan(path: Path, lexicon: AgencyLexicon | None = None,
              taxonomy: SectorTaxonomy | None = None,
              place: Jurisdiction | None = None,
              limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read, parse and enrich one file; raise LoaderError naming the file and reason.

    The issuing jurisdiction is `place` when given, else the one a `plans.yaml` beside the
    file names for it, else the one read from the text. Any other exception raised while
    reading this file becomes a ReadFailed naming it, so a caller handles one error type.
    """
    try:
        place = place or read_manifest(path.parent).get(path.name)
        result = read_text(path, limits)
        try:
            document = parse_text(result.text, path.name, result.encoding, place)
        except LoaderError as err:
            raise type(err)(path, err.reason) from None
        document.warnings[:0] = result.warnings
        document.place = place.name if place else ""
        enrich(document, lexicon or AgencyLexicon.load(), taxonomy or SectorTaxonomy.load())
    except LoaderError:
        raise
    except Exception as exc:
        raise unexpected(path, exc) from exc
    return document


def unexpected(path: Path | str, exc: BaseException) -> ReadFailed:
    """An exception no reader foresaw, as one line: what it was, and where it was raised."""
    if isinstance(exc, RecursionError):
        return ReadFailed(path, "nested too deeply to read (Python's recursion limit was "
                                f"reached in {_raised_in(exc)})")
    if isinstance(exc, MemoryError):
        return ReadFailed(path, f"ran out of memory reading it (in {_raised_in(exc)})")
    message = " ".join(str(exc).split())
    message = message if len(message) <= 200 else message[:199] + "…"
    return ReadFailed(path, f"unexpected {type(exc).__name__}{': ' if message else ''}"
                            f"{message} (in {_raised_in(exc)}; a bug worth reporting)")


def _raised_in(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} {last.name}"


def enrich(document: Document, lexicon: AgencyLexicon, taxonomy: SectorTaxonomy) -> None:
    """Resolve every mention to an agency of the plan's jurisdiction; tag sectors."""
    where = jurisdiction(document)
    for task in document.tasks:
        task.sectors = taxonomy.tag(task.title, task.text, task.list_spans)
        for mention in task.mentions:
            mention.agency = lexicon.resolve(mention.text, where)
    tag_targets(document, taxonomy)


def tag_targets(document: Document, taxonomy: SectorTaxonomy) -> None:
    """Give each target the sectors its metric and phrase name, of those the plan's tasks
    are in: a target never brings a sector of its own into the graph."""
    held = {s for task in document.tasks for s in task.sectors}

    def tagged(target: Target) -> Target:
        found = taxonomy.tag(target.metric, target.phrase)
        return replace(target, sectors=tuple(s for s in found if s in held))

    document.targets = [tagged(t) for t in document.targets]
    for task in document.tasks:
        task.targets = [tagged(t) for t in task.targets]


def read_plans(paths: Iterable[Path],
               progress: Callable[[int, int, Path], None] | None = None,
               place: Jurisdiction | None = None,
               limits: Limits = DEFAULT_LIMITS, *,
               corrections: Sequence[Correction] = (),
               lexicon_local: Path | None = None) -> ReadReport:
    """Read every supported file under `paths` (files or folders), in this process, keeping
    the Documents; `place` sets the issuing jurisdiction of all of them; `corrections` are
    applied to the plans they key; `lexicon_local` is the local agency lexicon (default:
    agencies.local.yaml beside the shipped one)."""
    report = ReadReport()
    report.documents = list(stream_plans(paths, _itself, report=report, workers=1,
                                         progress=progress, place=place, limits=limits,
                                         corrections=corrections,
                                         lexicon_local=lexicon_local))
    return report


def _itself(document: Document) -> Document:
    return document


T = TypeVar("T")
Progress = Callable[[int, int, Path], None]
# Below this many files, starting worker processes costs more than parsing in this one.
POOL_MIN_FILES = 24
CHUNK_FILES = 8  # files per task a worker takes: fewer round trips, small enough results
IN_FLIGHT = 3  # tasks queued per worker: keeps workers busy, bounds what waits in memory


def stream_plans(paths: Iterable[Path], convert: Callable[[Document], T], *,
                 report: ReadReport | None = None, workers: int | None = None,
                 progress: Progress | None = None,
                 place: Jurisdiction | None = None,
                 limits: Limits = DEFAULT_LIMITS,
                 corrections: Sequence[Correction] = (),
                 lexicon_local: Path | None = None) -> Iterator[T]:
    """Yield `convert(document)` for every plan under `paths`, in file order.

    `convert` runs where the plan was parsed (a module-level function, so a worker process
    can run it), so a caller keeping only rows never receives the text. Failures and
    skipped files go to `report`; its `documents` stay empty. `workers`: processes to parse
    in (default: one per core when there are at least POOL_MIN_FILES files; 1: no pool).
    `place` sets the issuing jurisdiction of every plan, as in `read_plan`; `limits` caps
    what one file may hold. `corrections` go to the workers with the files and are applied
    there before `convert`; what they did goes to `report.corrections`.
    """
    report = report if report is not None else ReadReport()
    files, skipped = iter_documents(list(paths))
    report.skipped += [(str(p), reason) for p, reason in skipped]
    count = workers or (_cores() if len(files) >= POOL_MIN_FILES else 1)
    chunks = [files[i:i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    job = _Job(convert, place, limits, tuple(corrections), lexicon_local)
    parsed = _pooled(chunks, job, count) if count > 1 else (
        _parse_chunk(chunk, *job) for chunk in chunks)
    done = 0
    for results in parsed:
        for path, ok, value in results:
            done += 1
            if progress:
                progress(done, len(files), path)
            if ok:
                converted, applied = value
                if applied.touched:
                    report.corrections.append(applied)
                yield converted
            else:
                report.failures.append(value.error())


def stream_rows(paths: Iterable[Path], report: ReadReport, *, workers: int | None = None,
                progress: Progress | None = None,
                place: Jurisdiction | None = None,
                limits: Limits = DEFAULT_LIMITS,
                corrections: Sequence[Correction] = (),
                lexicon_local: Path | None = None) -> Iterator[GraphRows]:
    """Each plan's graph rows, for a bulk load; its summary goes to `report.summaries`."""
    for rows, summary in stream_plans(paths, rows_and_summary, report=report,
                                      workers=workers, progress=progress, place=place,
                                      limits=limits, corrections=corrections,
                                      lexicon_local=lexicon_local):
        report.summaries.append(summary)
        yield rows


def rows_and_summary(document: Document) -> tuple[GraphRows, PlanSummary]:
    return document_rows(document), PlanSummary.of(document)


class _Job(NamedTuple):
    """What every worker does with a file: the arguments of _parse_chunk after the paths."""

    convert: Callable[[Document], Any]
    place: Jurisdiction | None
    limits: Limits
    corrections: tuple[Correction, ...] = ()  # the book's records (small, pickled per task)
    lexicon_local: Path | None = None


Results = list[tuple[Path, bool, Any]]
# A worker looks this often whether the loader that started it is still there.
PARENT_POLL_SECONDS = 0.5


def _pooled(chunks: list[list[Path]], job: _Job, workers: int) -> Iterator[Results]:
    """Chunks parsed in worker processes, results in order, a bounded number in flight.

    Workers are spawned, not forked: the caller may hold an open database and its threads.
    When a worker dies, every chunk in flight is lost with the pool; those chunks are read
    again one file at a time in a process of their own, so only the file that kills its
    process fails, and a new pool takes the rest.
    """
    pool = _new_pool(workers)
    todo = iter(chunks)
    pending: deque[tuple[list[Path], Future[Results]]] = deque()

    def fill(room: int) -> None:
        for chunk in islice(todo, room):
            pending.append((chunk, pool.submit(_parse_chunk, chunk, *job)))

    try:
        fill(workers * IN_FLIGHT)
        while pending:
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [chunk, *(c for c, _ in pending)]
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                yield from _one_by_one(lost, job)
                pool = _new_pool(workers)
                fill(workers * IN_FLIGHT)
                continue
            except Exception:  # the chunk's answer did not come back (it would not pickle)
                results = next(_one_by_one([chunk], job))
            fill(1)
            yield results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _one_by_one(chunks: list[list[Path]], job: _Job) -> Iterator[Results]:
    """The chunks' files read one at a time in a process of their own (kept while it
    lives), so the one file that kills the process is known and fails alone."""
    pool: ProcessPoolExecutor | None = None
    try:
        for chunk in chunks:
            results: Results = []
            for path in chunk:
                pool = pool or _new_pool(1)
                try:
                    results += pool.submit(_parse_chunk, [path], *job).result()
                except BrokenProcessPool:
                    pool.shutdown(wait=True)
                    pool = None
                    results.append((path, False, _Failure(ReadFailed, str(path), (
                        "the process reading it died (a crash inside a library, or the "
                        "system stopped it for using too much memory)"))))
                except Exception as exc:
                    results.append((path, False, _Failure.of(unexpected(path, exc))))
            yield results
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    """Workers that end when this process ends, however it ends.

    Each worker asks the kernel for SIGKILL when this process dies (Linux; only when
    started from the main thread, since the kernel ties it to the starting thread) and
    polls its parent's pid as well, so no parser outlives a killed loader by more than
    PARENT_POLL_SECONDS. Without workers, multiprocessing's resource tracker then sees its
    pipe close and ends too.
    """
    from_main = threading.current_thread() is threading.main_thread()
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with_parent,
                               initargs=(os.getpid(), PARENT_POLL_SECONDS, from_main))


def _parse_chunk(paths: list[Path], convert: Callable[[Document], Any],
                 place: Jurisdiction | None = None,
                 limits: Limits = DEFAULT_LIMITS,
                 corrections: tuple[Correction, ...] = (),
                 lexicon_local: Path | None = None) -> Results:
    """(path, True, (converted plan, Applied)) or (path, False, _Failure) per file."""
    # once per process (per version of the local lexicon)
    lexicon, taxonomy = AgencyLexicon.load(local=lexicon_local), SectorTaxonomy.load()
    out: Results = []
    for path in paths:
        try:
            document = read_plan(path, lexicon, taxonomy, place, limits)
            applied = apply_corrections(document, corrections, lexicon) if corrections else (
                Applied(doc=document.id))
            out.append((path, True, (convert(document), applied)))
        except LoaderError as err:
            out.append((path, False, _Failure.of(err)))
        except Exception as exc:  # in `convert`; read_plan turns its own into LoaderErrors
            out.append((path, False, _Failure.of(unexpected(path, exc))))
    return out


@dataclass(frozen=True)
class _Failure:
    """A LoaderError as data: its (path, reason) constructor does not survive pickling."""

    kind: type[LoaderError]
    path: str
    reason: str

    @classmethod
    def of(cls, err: LoaderError) -> _Failure:
        return cls(type(err), err.path, err.reason)

    def error(self) -> LoaderError:
        return self.kind(self.path, self.reason)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
