"""Import returned sheets: each checked on its own, each kept whole or not at all.

Shared by the import page and `python -m webui progress import`, so both refuse the same
rows with the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from webui.supervision.assignments import Ledger
from webui.supervision.returned import Checked, check_sheet
from webui.supervision.store import Imported, ProgressStore


@dataclass(frozen=True)
class FileResult:
    """One file: its checks, and what was kept (None when it was refused or empty)."""

    checked: Checked
    imported: Imported | None

    @property
    def file(self) -> str:
        return self.checked.file

    def summary(self) -> str:
        """One line on what happened to the file, for the page and the command line."""
        c = self.checked
        if not c.ok:
            return f"{c.file}:未导入,有 {len(c.problems)} 处错误 (refused)"
        if self.imported is None:
            return f"{c.file}:{c.agency} 没有填写任何进展,未导入 (nothing filled in)"
        return (f"{c.file}:{c.agency} 导入 {self.imported.added} 条进展,"
                f"{self.imported.unchanged} 条与已有记录相同,{c.blank} 项未填写 (imported)")


def import_sheets(files: Sequence[tuple[str, bytes]], ledger: Ledger, store: ProgressStore,
                  who: str, today: date) -> list[FileResult]:
    """Check every file against `ledger`; keep the reports of each file that passes."""
    results = []
    for name, data in files:
        checked = check_sheet(name, data, ledger, today)
        imported = None
        if checked.ok and checked.entries:
            imported = store.add(checked.entries, who=who, file=name,
                                 agency_id=checked.agency_id, agency=checked.agency)
        results.append(FileResult(checked, imported))
    return results
