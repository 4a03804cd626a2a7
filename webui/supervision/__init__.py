"""督办: progress from the task lists offices send out, kept beside the graph.

An agency's XLSX/DOCX 任务清单 carries each task's key and blank reply columns
(`sheet`); returned sheets are checked row by row and kept whole or not at all
(`returned`, `importing`) in progress.sqlite3 beside the graph (`store`), by task key
(`keys`) and agency, so reports outlive reloads and rebuilds of the graph; the /duban/
pages (`views`) show progress per plan and per agency, what is overdue and what has no
report (`summary`), over the assignments the graph holds now (`assignments`): the
overview counts from each plan's part of them (`parts`), summed across writes (`tally`,
`overview`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, render_template

from graph.settings import Settings

log = logging.getLogger(__name__)

STORE_KEY = "progress_store"


def init_app(app: Flask, settings: Settings | None) -> None:
    """The progress file (PROGRESS_PATH, else progress.sqlite3 beside the graph) and the
    /duban/ pages. An app on a store handed in without PROGRESS_PATH shows no reports
    and takes none."""
    from webui.supervision import views
    from webui.supervision.store import PROGRESS_FILE, ProgressStore, ProgressStoreError

    path = app.config.get("PROGRESS_PATH") or (settings.path.parent / PROGRESS_FILE
                                               if settings else None)
    app.extensions[STORE_KEY] = ProgressStore(Path(path)) if path else None
    app.register_blueprint(views.bp)
    app.register_error_handler(ProgressStoreError, _unusable)


def _unusable(exc: Exception) -> Any:
    log.error("progress file: %s", exc)
    return render_template("error.html", status=503,
                           message=f"督办记录文件不可用 (progress file unavailable: {exc})"), 503
