"""The viewer's way to the progress file and to the assignments of the graph it serves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask import current_app

from webui.db import fetch, get_store
from webui.errors import WebError
from webui.supervision import STORE_KEY
from webui.supervision.assignments import QUERY, Ledger
from webui.supervision.store import ProgressStore, Report

LEDGER_KEY = "progress_ledger"


class NoProgressFile(WebError):
    status = 503


def progress_store() -> ProgressStore | None:
    found: ProgressStore | None = current_app.extensions.get(STORE_KEY)
    return found


def writable_store() -> ProgressStore:
    found = progress_store()
    if found is None:
        raise NoProgressFile("此查看器没有督办记录文件,无法导入 (no progress file: set "
                             "PROGRESS_PATH)")
    return found


def latest_reports() -> dict[tuple[str, str], Report]:
    found = progress_store()
    return found.latest() if found else {}


def ledger(doc: str | None = None, agency: str | None = None) -> Ledger:
    """The assignments of the graph now (of one plan, or of one agency).

    The whole ledger (tens of thousands of assignments on a national graph) is kept
    while the graph cannot change, as named-query answers are (webui.db): until the
    viewer's next write. The write count is read before the query, so a ledger built
    while a write ran is never kept as the new graph's.
    """
    store = get_store()
    whole = doc is None and agency is None and store.keeps_answers
    writes = store.writes
    kept = current_app.extensions.get(LEDGER_KEY)
    if whole and kept and kept[0] == writes:
        found: Ledger = kept[1]
        return found
    built = Ledger.from_records(fetch(QUERY, doc=doc, agency=agency).records())
    if whole:
        current_app.extensions[LEDGER_KEY] = (writes, built)
    return built


def keyed(agency_id: str, rows: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """Export rows of an agency's task list with each task's key (`key`)."""
    keys = {a.task.task_id: a.task.key for a in ledger(agency=agency_id).assignments}
    return [{**row, "key": keys.get(row.get("task_id", ""), "")} for row in rows]
