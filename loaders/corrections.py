"""The corrections book: every correction record of one graph, kept in one YAML file.

The book lives beside the graph (`var/corrections.yaml` beside `var/graph.lbdb`; see
`book_path`), so a rebuild of the graph from the plans finds it and applies it again. It is
a file people can read, review and keep in version control; every change is written whole
to a temporary file and renamed over it, under a lock, so the web app and the command line
can both write it. Records are made with `Correction.new` and `Key.of` (loaders.
correction_records) and applied by `CorrectionBook.apply` (loaders.correct).

An alias record also writes its alias into the local agency lexicon (agencies.local.yaml),
so later readings of plans of that jurisdiction resolve the name too; removing the record
takes the alias out again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.model import Document
from loaders.agencies import LOCAL_DATA, AgencyLexicon
from loaders.atomic import locked, write_atomically
from loaders.correct import Applied, apply_corrections, correction_lines, jurisdiction
from loaders.correction_records import (
    ACTIONS,
    FORMATS,
    Correction,
    CorrectionError,
    Key,
    TaskKey,
    dump_records,
    read_records,
)
from loaders.errors import LoaderError
from loaders.jurisdiction import Jurisdiction
from loaders.local_lexicon import add_alias, remove_aliases
from loaders.manifest import named
from loaders.parse import parse_text
from loaders.pipeline import enrich, read_plan, unexpected
from loaders.readers import DEFAULT_LIMITS, Limits
from loaders.sectors import SectorTaxonomy

BOOK_NAME = "corrections.yaml"

__all__ = ["ACTIONS", "BOOK_NAME", "FORMATS", "Applied", "Correction", "CorrectionBook",
           "CorrectionError", "Key", "TaskKey", "book_path", "correction_lines", "jurisdiction",
           "read_records", "read_stored"]


def book_path(graph_path: Path) -> Path:
    """Where the book of the graph at `graph_path` is kept: beside it."""
    return graph_path.parent / BOOK_NAME


class CorrectionBook:
    """The records of one book file, and the ways to change them (each saved at once)."""

    def __init__(self, path: Path, records: list[Correction] | None = None, *,
                 local_lexicon: Path | None = None) -> None:
        self.path = Path(path)
        self.local_lexicon = Path(local_lexicon or LOCAL_DATA)
        self._records = list(records or [])

    @classmethod
    def load(cls, path: Path, *, local_lexicon: Path | None = None) -> CorrectionBook:
        """The book at `path`; an empty one when there is no file yet. A malformed file is
        a CorrectionError naming it and the record."""
        path = Path(path)
        records = read_records(path) if path.exists() else []
        return cls(path, records, local_lexicon=local_lexicon)

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Correction]:
        return iter(self._records)

    def records(self, *, plan: str | None = None, action: str | None = None,
                who: str | None = None) -> list[Correction]:
        """The records, oldest first (in the book's order within one second); `plan`
        matches the fingerprint or the plan's id (with or without its file extension),
        `action` and `who` exactly."""
        plan_id = plan.rsplit(".", 1)[0] if plan and "." in plan else plan
        return sorted((r for r in self._records
                       if (plan is None or plan in (r.key.plan, r.key.doc) or plan_id == r.key.doc)
                       and (action is None or r.action == action)
                       and (who is None or r.who == who)),
                      key=lambda r: r.when)

    def get(self, record_id: str) -> Correction:
        for record in self._records:
            if record.id == record_id:
                return record
        raise CorrectionError(self.path, f"there is no record {record_id!r}")

    def add(self, record: Correction) -> Correction:
        """Keep a new record (saved at once); the same record again changes nothing, another
        record with its id is refused."""
        record = _checked(record)
        with locked(self.path):
            records = self._fresh()
            if _merge(records, [record], self.path):
                self._save(records)
            self._records = records
        if record.action == "alias":
            self._write_alias(record)
        return record

    def remove(self, record_id: str) -> Correction:
        """Take a record out of the book (and its alias out of the local lexicon). The graph
        shows the change when that plan is loaded again: `python -m loaders load` reads a
        plan again whenever the book or its stored edges name a correction of it; a
        not_task or remove_unit that is taken out leaves no edge, so load that plan again
        with --rebuild, or replace it (`Store.load([document], force=True)`)."""
        with locked(self.path):
            records = self._fresh()
            found = [r for r in records if r.id == record_id]
            if not found:
                raise CorrectionError(self.path, f"there is no record {record_id!r}")
            records = [r for r in records if r.id != record_id]
            self._save(records)
            self._records = records
        if found[0].action == "alias" and self.local_lexicon.exists():
            remove_aliases(self.local_lexicon, record_id)
        return found[0]

    def export(self, path: Path, fmt: str = "yaml") -> int:
        """Write every record to `path` as YAML or JSON; how many."""
        write_atomically(Path(path), dump_records(self.records(), fmt))
        return len(self._records)

    def import_(self, path: Path) -> list[Correction]:
        """Add the records of an exported file; the records new to the book.

        Every record is checked first: an unknown action, a missing why, a bad key, or an id
        the book holds with other content is one CorrectionError naming the file and the
        record, and nothing is imported."""
        incoming = read_records(Path(path))
        with locked(self.path):
            records = self._fresh()
            added = _merge(records, incoming, Path(path))
            if added:
                self._save(records)
            self._records = records
        for record in added:
            if record.action == "alias":
                self._write_alias(record)
        return added

    def apply(self, document: Document, lexicon: AgencyLexicon | None = None) -> Applied:
        """Apply the records meant for `document` in place (after its agencies are
        resolved, as `loaders.pipeline.read_plan` leaves it)."""
        lexicon = lexicon or AgencyLexicon.load(local=self.local_lexicon)
        return apply_corrections(document, self.records(), lexicon)

    def read_plan(self, path: Path, place: Jurisdiction | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> tuple[Document, Applied]:
        """A plan file read as the graph holds it: parsed, resolved (with the local
        lexicon), corrected. `Store.load([document], force=True)` then shows a new
        correction at once; an alias (`Applied.elsewhere`) holds in the other plans of its
        jurisdiction too, which are read and loaded the same way."""
        lexicon = AgencyLexicon.load(local=self.local_lexicon)
        document = read_plan(path, lexicon, place=place, limits=limits)
        return document, self.apply(document, lexicon)

    def read_text(self, text: str, name: str, encoding: str = "utf-8", place: str = "",
                  lexicon: AgencyLexicon | None = None) -> tuple[Document, Applied]:
        """A plan read again from the text the graph stores for it, as `read_plan` reads
        its file: parsed, resolved, corrected. The viewer corrects plans whose files it
        never saw (see `read_stored`)."""
        lexicon = lexicon or AgencyLexicon.load(local=self.local_lexicon)
        document = read_stored(text, name, encoding, place, lexicon)
        return document, self.apply(document, lexicon)

    def _fresh(self) -> list[Correction]:
        """The records on disk now: another process may have written since this one read."""
        return read_records(self.path) if self.path.exists() else []

    def _save(self, records: list[Correction]) -> None:
        write_atomically(self.path, dump_records(records, "yaml"))

    def _write_alias(self, record: Correction) -> None:
        add_alias(self.local_lexicon, record.payload["city"], record.key.mention,
                  record.target, record.id)


def _checked(record: Correction) -> Correction:
    """The record as its file form reads back (a record built by hand is checked too)."""
    try:
        return Correction.from_data(record.to_data())
    except ValueError as err:
        raise CorrectionError(f"record {record.id}", str(err)) from None


def _merge(records: list[Correction], incoming: list[Correction],
           source: Path) -> list[Correction]:
    """Append the incoming records the book does not hold; the ones appended. An id held
    with other content refuses them all (the list is left as it was)."""
    held = {r.id: r for r in records}
    added = []
    for index, record in enumerate(incoming, 1):
        known = held.get(record.id)
        if known is not None and known != record:
            raise CorrectionError(source, f"record {index} of {len(incoming)}: the book "
                                          f"already holds another record {record.id}; "
                                          "nothing was taken")
        if known is None:
            added.append(record)
            held[record.id] = record
    records += added
    return added


def read_stored(text: str, name: str, encoding: str = "utf-8", place: str = "",
                lexicon: AgencyLexicon | None = None) -> Document:
    """A plan parsed and resolved from its stored text (Document.text), file name, encoding
    and the jurisdiction given when it was loaded ("" when read from the text): the reading
    a load of its file gives, before corrections. Parsing reads nothing but the text, so
    the same text gives the same tasks, and records keyed by them match again.

    A LoaderError names the file; an exception nobody foresaw becomes a ReadFailed, as when
    the file itself is read."""
    try:
        where = named(place) if place else None
        document = parse_text(text, name, encoding, where)
        document.place = place
        enrich(document, lexicon or AgencyLexicon.load(), SectorTaxonomy.load())
    except LoaderError as err:
        raise type(err)(name, err.reason) from None
    except ValueError as err:  # an unknown stored place (the gazetteer changed)
        raise LoaderError(name, f"jurisdiction {place!r}: {err}") from None
    except Exception as exc:
        raise unexpected(name, exc) from exc
    return document
