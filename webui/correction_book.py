"""The corrections book of the app's graph, read again only when its file changed.

Every page that shows an edge a correction made names the record's reason, so pages read
the book; a task page must not parse a YAML file on each request, and the command line
(`python -m loaders corrections add`) may change the file while the viewer runs, so the
book is kept with its file's stamp and read again when the stamp moves.

The book is `corrections.yaml` beside the graph (`loaders.corrections.book_path`), the
one `python -m loaders load` and `--rebuild` apply; `CORRECTIONS_PATH` names another file
(tests), `CORRECTIONS_LEXICON` the local agency lexicon aliases go to (default: the
loaders' agencies.local.yaml, as for the command line).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from graph.settings import Settings
from loaders.agencies import AgencyLexicon
from loaders.corrections import Applied, Correction, CorrectionBook, CorrectionError, book_path
from webui.correction_words import words
from webui.errors import WebError

log = logging.getLogger(__name__)
BOOK_KEY = "corrections_book"
DEFAULTS: dict[str, Any] = {
    "CORRECTIONS_PATH": None,  # None: corrections.yaml beside the graph the app opened
    "CORRECTIONS_LEXICON": None,  # None: the loaders' local agency lexicon
}
Stamp = tuple[int, int] | None  # (mtime_ns, size) of the book file; None: no file yet
NO_FILE = Path("corrections.yaml")  # what an empty book without a place is called


class NoBook(WebError):
    """This viewer was given no place for a corrections book."""

    status = 503


class BadBook(WebError):
    """The book file does not read (edited by hand?): nothing is changed until it is
    mended; pages that only show marks go on without them."""

    status = 503


@dataclass
class BookFile:
    """The app's book file, its last reading, and what applying it to plans gave."""

    path: Path | None
    lexicon_path: Path | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _stamp: Stamp = None
    _book: CorrectionBook | None = None
    by_id: dict[str, Correction] = field(default_factory=dict, repr=False)
    # (book stamp, plan text sha256) -> what the book did to that plan (webui.rereading)
    applied: dict[tuple[Stamp, str], Applied] = field(default_factory=dict, repr=False)

    def stamp(self) -> Stamp:
        if self.path is None:
            return None
        try:
            status = self.path.stat()
        except FileNotFoundError:
            return None
        return (status.st_mtime_ns, status.st_size)

    def book(self) -> CorrectionBook:
        """The book as its file is now (an empty one when there is no file, or no path);
        BadBook, naming the file and the record, when it does not read."""
        if self.path is None:
            return CorrectionBook(NO_FILE, [], local_lexicon=self.lexicon_path)
        with self._lock:
            stamp = self.stamp()
            if self._book is None or stamp != self._stamp:
                try:
                    self._book = CorrectionBook.load(self.path, local_lexicon=self.lexicon_path)
                except CorrectionError as err:
                    raise BadBook(f"更正文件无法读取,请修正后重试 (the corrections book does "
                                  f"not read): {err}") from None
                self.by_id = {r.id: r for r in self._book}
                self._stamp = stamp
                self.applied = {k: v for k, v in self.applied.items() if k[0] == stamp}
            return self._book

    def readable(self) -> CorrectionBook:
        """The book for pages that only show marks: empty (and logged) when it does not
        read, so a bad edit to the file never takes the plan and task pages down."""
        try:
            return self.book()
        except BadBook:
            log.exception("corrections book %s", self.path)
            return CorrectionBook(NO_FILE, [], local_lexicon=self.lexicon_path)

    def writable(self) -> CorrectionBook:
        """The book to change: NoBook when this viewer has none."""
        if self.path is None:
            raise NoBook("此查看器没有更正记录文件,无法更正 (no corrections book: set "
                         "CORRECTIONS_PATH)")
        return self.book()

    def lexicon(self) -> AgencyLexicon:
        """The agency lexicon with the local additions aliases go to (read once per version
        of the local file)."""
        return AgencyLexicon.load(local=self.lexicon_path)



def init_app(app: Flask, settings: Settings | None) -> None:
    """The book beside the graph of `settings`, or at CORRECTIONS_PATH; templates get
    `correction_note` (a badge's hover text) and `correction_action` (an action's name)."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    path = app.config["CORRECTIONS_PATH"] or (book_path(settings.path) if settings else None)
    lexicon = app.config["CORRECTIONS_LEXICON"]
    app.extensions[BOOK_KEY] = BookFile(Path(path) if path else None,
                                        Path(lexicon) if lexicon else None)
    app.jinja_env.globals.update(correction_note=correction_note,
                                 correction_action=lambda action: words().action(action))


def book_file() -> BookFile:
    found: BookFile = current_app.extensions[BOOK_KEY]
    return found


def records_by_id() -> dict[str, Correction]:
    """Every record of the book by id; an unreadable book reads as empty here (the
    corrections page says what is wrong with it)."""
    files = book_file()
    try:
        files.book()
    except BadBook:
        return {}
    return files.by_id


def correction_note(record_id: str) -> str:
    """The hover text of a 人工更正 badge: the record's reason, who and when."""
    record = records_by_id().get(record_id)
    if record is None:
        return f"人工更正 {record_id}(记录已不在更正文件中)"
    return f"人工更正 {record.id}:{record.why}({record.who},{record.when})"
