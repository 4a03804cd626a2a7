"""`python -m webui progress import FILE…`: take returned 任务清单 lists from the command line.

    python -m webui progress import 回收/*.xlsx 回收/*.docx
    python -m webui progress import 市工信局.xlsx --who zhang.wei

XLSX and DOCX lists may be mixed; each file's result is one line naming it. The same
checks as the import page (webui.supervision.returned): a file with any bad row is not
taken at all, the others are. The graph is opened read-only, so this runs beside the
viewer; reports go to progress.sqlite3 beside the graph, and each file to the audit log as
done by `cli`. Exit status 1 when any file was refused or could not be read.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from graph.settings import Settings
from graph.store import Store, open_store
from queries.catalog import get_query, load_catalog
from webui.accounts import Accounts
from webui.per_plan import BATCH
from webui.supervision.assignments import Ledger
from webui.supervision.importing import import_sheets
from webui.supervision.opening import MAX_FILE_BYTES
from webui.supervision.reading import PLAN_QUERY
from webui.supervision.store import PROGRESS_FILE, ProgressStore, ProgressStoreError

WHO, VIA = "cli", "command line"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `progress` subcommand and its one action, `import`."""
    progress = commands.add_parser("progress", help="督办: import returned task lists")
    actions = progress.add_subparsers(dest="action", required=True, metavar="ACTION")
    take = actions.add_parser("import", help="import returned XLSX or DOCX task lists "
                                             "(several at once, mixed); a file with any bad "
                                             "row is not taken")
    take.add_argument("files", nargs="+", type=Path, metavar="FILE")
    take.add_argument("--who", default=WHO,
                      help="who is recorded as importing them (default cli)")


def run(args: argparse.Namespace, settings: Settings, accounts: Accounts) -> int:
    """Import `args.files`; print what each gave, and each problem as `Error: …`."""
    files, unreadable = _read(args.files)
    with closing(open_store(replace(settings, read_only=True))) as store:
        ledger = Ledger.from_records(_assignments(store))
    progress = ProgressStore(settings.path.parent / PROGRESS_FILE)
    try:
        results = import_sheets(files, ledger, progress, args.who, date.today())
    except ProgressStoreError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    for result in results:
        print(result.summary())
        for problem in result.checked.problems:
            print(f"Error: {problem}", file=sys.stderr)
        accounts.audit(args.who, VIA, "progress.import", result.file, result.summary())
    if results:
        print(f"Reports kept in {progress.path}")
    return 1 if unreadable or not all(r.checked.ok for r in results) else 0


def _assignments(store: Store) -> list[dict[str, Any]]:
    """Every assignment, read BATCH plans at a time (one query over all of them runs past
    the time limit at scale 1000), in the order of progress_assignments."""
    catalog = load_catalog()
    ids = [row[0] for row in get_query(catalog, "plan_ids").run(store, {})[1]]
    found: list[dict[str, Any]] = []
    for start in range(0, len(ids), BATCH):
        batch = {"docs": ids[start:start + BATCH]}
        columns, rows = get_query(catalog, PLAN_QUERY).run(store, batch)
        found += [dict(zip(columns, row, strict=True)) for row in rows]
    return found


def _read(paths: list[Path]) -> tuple[list[tuple[str, bytes]], int]:
    """(name, bytes) of each file that can be read; the others named on stderr."""
    found, failed = [], 0
    for path in paths:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise OSError(f"larger than {MAX_FILE_BYTES >> 20} MB, not a task list")
            found.append((path.name, path.read_bytes()))
        except OSError as err:
            print(f"Error: {path}: cannot read it ({err}); nothing taken from it",
                  file=sys.stderr)
            failed += 1
    return found, failed
