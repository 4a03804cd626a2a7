"""Read files into Documents whose mentions name agencies and whose tasks name sectors.

This is the one path from a file to the records a store loads: read (by file type),
parse (text only), resolve (lexicon), tag (taxonomy). A file that fails is reported with
its reason and contributes nothing, so no document is ever half-loaded.

`read_plans` returns every Document; `stream_plans` hands each plan on as it is read
(through a process pool when there are many files), turned into whatever the caller keeps
of it, such as its graph rows, so thousands of plans never sit in memory at once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from graph.model import Document
from graph.rows import GraphRows, document_rows
from loaders.agencies import AgencyLexicon
from loaders.errors import LoaderError
from loaders.jurisdiction import Jurisdiction
from loaders.manifest import read_manifest
from loaders.parse import parse_text
from loaders.readers import iter_documents, read_text
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

    def plans(self) -> list[PlanSummary]:
        """Every plan read, held or streamed on."""
        return self.summaries + [PlanSummary.of(d) for d in self.documents]

    def unresolved(self) -> list[tuple[str, str, str]]:
        """(document, city, mention) for mentions the lexicon does not know."""
        return sorted({u for plan in self.plans() for u in plan.unknown})


def read_plan(path: Path, lexicon: AgencyLexicon | None = None,
              taxonomy: SectorTaxonomy | None = None,
              place: Jurisdiction | None = None) -> Document:
    """Read, parse and enrich one file; raise LoaderError naming the file and reason.

    The issuing jurisdiction is `place` when given, else the one a `plans.yaml` beside the
    file names for it, else the one read from the text.
    """
    place = place or read_manifest(path.parent).get(path.name)
    result = read_text(path)
    try:
        document = parse_text(result.text, path.name, result.encoding, place)
    except LoaderError as err:
        raise type(err)(path, err.reason) from None
    enrich(document, lexicon or AgencyLexicon.load(), taxonomy or SectorTaxonomy.load())
    return document


def enrich(document: Document, lexicon: AgencyLexicon, taxonomy: SectorTaxonomy) -> None:
    """Resolve every mention to an agency of the plan's jurisdiction; tag sectors."""
    where = document.city or document.province or "国务院"
    for task in document.tasks:
        task.sectors = taxonomy.tag(task.title, task.text, task.list_spans)
        for mention in task.mentions:
            mention.agency = lexicon.resolve(mention.text, where)


def read_plans(paths: Iterable[Path],
               progress: Callable[[int, int, Path], None] | None = None,
               place: Jurisdiction | None = None) -> ReadReport:
    """Read every supported file under `paths` (files or folders), in this process, keeping
    the Documents; `place` sets the issuing jurisdiction of all of them."""
    report = ReadReport()
    report.documents = list(stream_plans(paths, _itself, report=report, workers=1,
                                         progress=progress, place=place))
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
                 place: Jurisdiction | None = None) -> Iterator[T]:
    """Yield `convert(document)` for every plan under `paths`, in file order.

    `convert` runs where the plan was parsed (a module-level function, so a worker process
    can run it), so a caller keeping only rows never receives the text. Failures and
    skipped files go to `report`; its `documents` stay empty. `workers`: processes to parse
    in (default: one per core when there are at least POOL_MIN_FILES files; 1: no pool).
    `place` sets the issuing jurisdiction of every plan, as in `read_plan`.
    """
    report = report if report is not None else ReadReport()
    files, skipped = iter_documents(list(paths))
    report.skipped += [(str(p), reason) for p, reason in skipped]
    count = workers or (_cores() if len(files) >= POOL_MIN_FILES else 1)
    chunks = [files[i:i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    parsed = _pooled(chunks, convert, count, place) if count > 1 else (
        _parse_chunk(chunk, convert, place) for chunk in chunks)
    done = 0
    for results in parsed:
        for path, ok, value in results:
            done += 1
            if progress:
                progress(done, len(files), path)
            if ok:
                yield value
            else:
                report.failures.append(value.error())


def stream_rows(paths: Iterable[Path], report: ReadReport, *, workers: int | None = None,
                progress: Progress | None = None,
                place: Jurisdiction | None = None) -> Iterator[GraphRows]:
    """Each plan's graph rows, for a bulk load; its summary goes to `report.summaries`."""
    for rows, summary in stream_plans(paths, rows_and_summary, report=report,
                                      workers=workers, progress=progress, place=place):
        report.summaries.append(summary)
        yield rows


def rows_and_summary(document: Document) -> tuple[GraphRows, PlanSummary]:
    return document_rows(document), PlanSummary.of(document)


def _pooled(chunks: list[list[Path]], convert: Callable[[Document], Any], workers: int,
            place: Jurisdiction | None) -> Iterator[list[tuple[Path, bool, Any]]]:
    """Chunks parsed in worker processes, results in order, a bounded number in flight.

    Workers are spawned, not forked: the caller may hold an open database and its threads.
    """
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    todo = iter(chunks)
    pending: deque[Future[list[tuple[Path, bool, Any]]]] = deque(
        pool.submit(_parse_chunk, chunk, convert, place)
        for chunk in islice(todo, workers * IN_FLIGHT))
    try:
        while pending:
            results = pending.popleft().result()
            for chunk in islice(todo, 1):
                pending.append(pool.submit(_parse_chunk, chunk, convert, place))
            yield results
    finally:
        pool.shutdown(cancel_futures=True)


def _parse_chunk(paths: list[Path], convert: Callable[[Document], Any],
                 place: Jurisdiction | None = None) -> list[tuple[Path, bool, Any]]:
    """(path, True, converted plan) or (path, False, _Failure) per file."""
    lexicon, taxonomy = AgencyLexicon.load(), SectorTaxonomy.load()  # once per process
    out: list[tuple[Path, bool, Any]] = []
    for path in paths:
        try:
            out.append((path, True, convert(read_plan(path, lexicon, taxonomy, place))))
        except LoaderError as err:
            out.append((path, False, _Failure(type(err), err.path, err.reason)))
    return out


@dataclass(frozen=True)
class _Failure:
    """A LoaderError as data: its (path, reason) constructor does not survive pickling."""

    kind: type[LoaderError]
    path: str
    reason: str

    def error(self) -> LoaderError:
        return self.kind(self.path, self.reason)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
