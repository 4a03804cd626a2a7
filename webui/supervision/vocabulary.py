"""The words of progress reporting, from data/progress.yaml: statuses, reply columns, the
hidden sheet's labels. One file for the export that writes them and the import that reads
them back, so a sheet the viewer sends out is always a sheet it can take in."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders.datafiles import read_yaml

DATA = Path(__file__).with_name("data") / "progress.yaml"
DONE = "done"  # the status that ends a task's follow-up: never overdue
COLUMN_KEYS = ("key", "progress", "status", "reported", "note")
META_KEYS = ("sheet", "format", "format_value", "agency_id", "agency", "city", "exported")


class VocabularyError(Exception):
    """data/progress.yaml lacks a section or a word; names the file."""


@dataclass(frozen=True)
class Vocabulary:
    statuses: dict[str, str]  # code -> word, in dropdown order
    unreported: str
    columns: dict[str, str]  # COLUMN_KEYS -> heading
    task_heading: str
    meta: dict[str, str]  # META_KEYS -> label
    date_hint: str

    def status_word(self, code: str | None) -> str:
        """The word for a stored status; 未报送 when there is no report."""
        return self.statuses.get(code or "", self.unreported)

    def status_code(self, word: str) -> str | None:
        """The code of a status word as typed (NFKC, spaces ignored); None if not one."""
        wanted = comparable(word)
        return next((code for code, w in self.statuses.items() if comparable(w) == wanted),
                    None)


def comparable(text: str) -> str:
    """Text as compared: NFKC, no whitespace (a typed word, a heading, a task title)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@cache
def vocabulary(path: Path = DATA) -> Vocabulary:
    data: Any = read_yaml(path, VocabularyError)
    try:
        words = {k: {str(a): str(b) for a, b in data[k].items()}
                 for k in ("statuses", "columns", "meta")}
        found = Vocabulary(words["statuses"], str(data["unreported"]), words["columns"],
                           str(data["task_heading"]), words["meta"], str(data["date_hint"]))
    except (KeyError, TypeError, AttributeError) as err:
        raise VocabularyError(f"{path}: needs statuses, unreported, columns, task_heading, "
                              f"meta and date_hint ({err})") from None
    missing = [k for k in COLUMN_KEYS if k not in found.columns]
    missing += [k for k in META_KEYS if k not in found.meta]
    if DONE not in found.statuses:
        missing.append(f"statuses.{DONE}")
    if missing:
        raise VocabularyError(f"{path}: lacks {', '.join(missing)}")
    return found
