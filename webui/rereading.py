"""Read plans again from the text the graph stores, with the corrections book applied, and
load them through the app's one writer, so a correction shows on the very next page.

Every change takes the same steps. First, beside the pages, the plans it touches are found
and parsed from their stored text (tens of milliseconds a plan). Then, alone
(`webui.db.write`), the book is read as it is now, the change is tried on those plans,
the book is changed and the plans are loaded with force. A record that would match
nothing is refused before the book is touched; when the load fails the book change is
undone, so the book never holds a record the page said was refused, nor lacks one it said
was taken.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Document, text_fingerprint
from graph.store import Store
from loaders.agencies import AgencyLexicon
from loaders.corrections import (
    Applied,
    Correction,
    CorrectionBook,
    read_records,
    read_stored,
)
from webui import db
from webui.correction_book import BookFile, Stamp, book_file
from webui.correction_words import words
from webui.errors import NotFound, WebError

NOT_LOADED = "方案不在图谱中(未载入、已删除或原文已改) (the plan is not in the graph)"


class Refused(WebError):
    """A correction that does not apply to the plan as read: nothing was changed."""


class NoText(WebError):
    """A plan stored without its text (loaded by an older version) cannot be read again."""

    status = 409


@dataclass(frozen=True)
class Source:
    """A stored plan as it can be read again: its text, file name, encoding, and the
    jurisdiction it was loaded for; `issued_in` is where it was issued (国务院: national)."""

    id: str
    file: str
    encoding: str
    place: str
    issued_in: str
    text: str

    @property
    def fingerprint(self) -> str:
        """What correction records key the plan by (graph.model.text_fingerprint)."""
        return text_fingerprint(self.text)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def read(self, lexicon: AgencyLexicon) -> Document:
        if not self.text:
            raise NoText(f"方案 {self.id} 载入时没有保存原文(旧版图谱),无法在网页上重新读取;"
                         "请先用 python -m loaders load --rebuild 重新载入 (the plan was "
                         "stored without its text)")
        return read_stored(self.text, self.file, self.encoding or "utf-8", self.place, lexicon)


@dataclass
class Outcome:
    """What a change did: the records taken or removed, the plans loaded again, and the
    records of those plans that match nothing (id, reason)."""

    records: list[Correction] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)


def sources(ids: Iterable[str] = (), fingerprints: Iterable[str] = (),
            places: Iterable[str] = ()) -> list[Source]:
    """Stored plans by id, by fingerprint, or issued in one of `places`."""
    rows = db.get_store().run("document_sources", {
        "ids": sorted(set(ids)), "fingerprints": sorted(set(fingerprints)),
        "places": sorted(set(places))})
    return [Source(id=r["id"], file=r["file"] or r["id"], encoding=r["encoding"] or "",
                   place=r["place"] or "", issued_in=r["issued_in"], text=r["text"] or "")
            for r in rows]


def stored_plan(doc_id: str) -> Source:
    found = [s for s in sources(ids=[doc_id]) if s.id == doc_id]
    if not found:
        raise NotFound(f"没有编号为 {doc_id!r} 的方案 (no plan with this id)")
    return found[0]


def touched_by(records: Sequence[Correction]) -> list[Source]:
    """The stored plans `records` key, and for an alias every plan of its jurisdiction."""
    plans = {r.plan for r in records}
    places = {r.payload["city"] for r in records if r.action == "alias"}
    found = sources(ids=[r.key.doc for r in records if r.key.doc], fingerprints=plans,
                    places=places)
    return [s for s in found if s.fingerprint in plans or s.issued_in in places]


# --- changes ----------------------------------------------------------------------------


def add(doc_id: str, make: Callable[[Document], Correction]) -> Outcome:
    """Make a record from the plan as read (its tasks and mentions) and keep it, if it
    applies; the plan, and for an alias the other plans of its jurisdiction that print
    the name, are loaded again."""
    files = book_file()
    files.writable()
    lexicon = files.lexicon()
    document = stored_plan(doc_id).read(lexicon)
    record = make(document)
    others = [(s, s.read(lexicon)) for s in touched_by([record]) if s.id != doc_id] \
        if record.action == "alias" else []

    def change(store: Store) -> Outcome:
        book = files.writable()
        trial = CorrectionBook(book.path, [*book.records(), record],
                               local_lexicon=files.lexicon_path).apply(document, lexicon)
        if record.id not in trial.applied:
            reason = dict(trial.unmatched).get(record.id, "")
            raise Refused(f"这条更正与方案的读取结果不符,未记录:{words().reason(reason)}")
        book.add(record)
        with undone(lambda: book.remove(record.id)):
            results = [(document, trial), *((d, book.apply(d, lexicon)) for _, d in others)]
            loaded = [(d, a) for d, a in results if d is document or a.touched]
            store.load([d for d, _ in loaded], force=True)
        return _outcome([record], loaded)

    return db.write(change)


def remove(record_id: str) -> Outcome:
    """Take a record out of the book and load again the plans it touched."""
    files = book_file()
    record = _record(files, record_id)
    lexicon = files.lexicon()
    plans = [s.read(lexicon) for s in touched_by([record])]

    def change(store: Store) -> Outcome:
        book = files.writable()
        book.remove(record.id)
        with undone(lambda: book.add(record)):
            return _reload(store, book, plans, lexicon, [record])

    return db.write(change)


def import_file(path: Path) -> Outcome:
    """Add the records of an exported file (all checked first: a bad record refuses the
    file, naming it) and load again the plans the new records touch."""
    files = book_file()
    files.writable()
    incoming = read_records(path)
    lexicon = files.lexicon()
    held = set(files.by_id)
    plans = [s.read(lexicon) for s in touched_by([r for r in incoming if r.id not in held])]

    def change(store: Store) -> Outcome:
        book = files.writable()
        added = book.import_(path)
        with undone(lambda: [book.remove(r.id) for r in added]):
            keys = {r.plan for r in added}
            places = {r.payload["city"] for r in added if r.action == "alias"}
            chosen = [d for d in plans if text_fingerprint(d.text) in keys
                      or _issued_in(d) in places]
            return _reload(store, book, chosen, lexicon, added)

    return db.write(change)


def _reload(store: Store, book: CorrectionBook, plans: list[Document],
            lexicon: AgencyLexicon, records: list[Correction]) -> Outcome:
    loaded = [(d, book.apply(d, lexicon)) for d in plans]
    if loaded:
        store.load([d for d, _ in loaded], force=True)
    return _outcome(records, loaded)


def _outcome(records: list[Correction], loaded: list[tuple[Document, Applied]]) -> Outcome:
    unmatched = list(dict(i for _, a in loaded for i in a.unmatched).items())
    return Outcome(records=records, plans=[d.id for d, _ in loaded], unmatched=unmatched)


def _record(files: BookFile, record_id: str) -> Correction:
    files.writable()
    record = files.by_id.get(record_id)
    if record is None:
        raise NotFound(f"没有编号为 {record_id!r} 的更正记录 (no such correction record)")
    return record


def _issued_in(document: Document) -> str:
    return document.city or document.province or "国务院"


@contextmanager
def undone(undo: Callable[[], object]) -> Iterator[None]:
    """Run `undo` when the block fails, then let the error go on."""
    try:
        yield
    except BaseException:
        undo()
        raise


# --- what each record does now -----------------------------------------------------------


def statuses(records: Sequence[Correction]) -> dict[str, str]:
    """For each record, why it matches nothing in the graph's plans now ("" when it
    applies): the plans it keys are read again from their stored text, each once per
    version of the book."""
    files = book_file()
    book, stamp = files.book(), files.stamp()
    plans: dict[str, list[Source]] = {}
    stored = sources(ids=[r.key.doc for r in records if r.key.doc],
                     fingerprints=[r.plan for r in records]) if records else []
    for source in stored:
        plans.setdefault(source.fingerprint, []).append(source)
    out: dict[str, str] = {}
    for record in records:
        done = [_applied(files, book, stamp, s) for s in plans.get(record.plan, [])]
        if not done:
            out[record.id] = NOT_LOADED
        elif any(record.id in a.applied for a in done):
            out[record.id] = ""
        else:
            reasons = [why for a in done for i, why in a.unmatched if i == record.id]
            out[record.id] = reasons[0] if reasons else NOT_LOADED
    return out


def _applied(files: BookFile, book: CorrectionBook, stamp: Stamp, source: Source) -> Applied:
    key = (stamp, source.sha256)
    if key not in files.applied:
        lexicon = files.lexicon()
        files.applied[key] = book.apply(source.read(lexicon), lexicon)
    return files.applied[key]
