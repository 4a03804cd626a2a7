"""Upload pages: send plan files, watch them being read, review each reading, load it.

    /plans/upload                  the form (editors)
    /plans/upload/<job>            the files of one upload and how far reading got
    /plans/upload/<job>/status     the same as JSON, polled by static/upload.js
    /plans/upload/<job>/<n>        file n's reading beside its text; 载入 / 替换 / 放弃

Nothing is loaded before an editor confirms on the review page; the load goes through the
app's one writer (`webui.db.write`), so every page shows the plan on its next request.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from graph.settings import Settings
from loaders.corrections import book_path
from loaders.readers import SUPPORTED_SUFFIXES, Limits
from loaders.readers.limits import megabytes
from webui.auth import audit, current_editor, editor_required
from webui.correction_book import BOOK_KEY
from webui.db import fetch_one
from webui.errors import BadParameter, WebError, handle_error
from webui.tables import json_response
from webui.uploads import loading
from webui.uploads.jobs import Job, Jobs, Reader, Upload
from webui.uploads.review import review

bp = Blueprint("upload", __name__, url_prefix="/plans/upload")
JOBS_KEY = "upload_jobs"
UPLOAD_FOLDER = "uploads"  # beside the graph: var/uploads by default

DEFAULTS: dict[str, Any] = {
    "UPLOAD_FOLDER": None,  # None: "uploads" beside the graph the app opened
    "UPLOAD_LIMITS": None,  # loaders' Limits; None: LOADER_MAX_* from the environment
    "UPLOAD_MAX_FILES": 20,  # files in one request
    "UPLOAD_PROCESSES": 1,  # worker processes reading uploads
    "UPLOAD_KEEP_SECONDS": 24 * 3600,  # a job nobody settles is forgotten after this
}
ACTIONS = ("load", "replace", "discard")


class TooLarge(WebError):
    status = 413


class TooManyFiles(TooLarge):
    pass


def init_app(app: Flask, settings: Settings | None) -> None:
    """Jobs beside the graph of `settings` (a temporary folder for an app handed a store),
    files read within the loaders' limits (LOADER_MAX_* in the environment)."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    limits = app.config.get("UPLOAD_LIMITS") or Limits.from_env(os.environ)
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default: no limit
        # The whole request: a few files at the per-file limit; each is checked alone.
        app.config["MAX_CONTENT_LENGTH"] = 2 * limits.max_file_bytes
    app.register_error_handler(RequestEntityTooLarge, _too_large)
    folder = app.config["UPLOAD_FOLDER"] or (
        Path(settings.path).parent / UPLOAD_FOLDER if settings else _temporary_folder())
    # the book and local lexicon the correction pages write (webui.correction_book), so an
    # upload reads as the corrections say, wherever CORRECTIONS_PATH puts the book
    corrections = app.extensions.get(BOOK_KEY)
    book = corrections.path if corrections else (
        book_path(Path(settings.path)) if settings else None)
    reader = Reader(limits, app.config["UPLOAD_PROCESSES"], book,
                    corrections.lexicon_path if corrections else None)
    app.extensions[JOBS_KEY] = Jobs(Path(folder), reader, app.config["UPLOAD_KEEP_SECONDS"])
    app.register_blueprint(bp)


def _temporary_folder() -> Path:
    """For an app handed a store (tests, tools): uploads live as long as the process."""
    folder = tempfile.mkdtemp(prefix="uploads-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder)


def _too_large(exc: RequestEntityTooLarge) -> Any:
    most = megabytes(current_app.config["MAX_CONTENT_LENGTH"])
    return handle_error(TooLarge(f"上传的内容超过 {most} 的上限,请分几次上传 (request over the "
                                 f"limit of {most}; send fewer files at a time)"))


def get_jobs() -> Jobs:
    jobs: Jobs = current_app.extensions[JOBS_KEY]
    return jobs


def close(app: Flask) -> None:
    """Stop reading: the worker process and the reading thread end."""
    app.extensions[JOBS_KEY].reader.close()


def new_job(files: list[FileStorage]) -> Job:
    """A job of the request's files (those with a name), refused when there are none or
    too many."""
    chosen = [f for f in files if f.filename]
    if not chosen:
        raise BadParameter("请选择至少一个方案文件 (no file given: send one or more as "
                           f"'file'; types {', '.join(SUPPORTED_SUFFIXES)})")
    most = current_app.config["UPLOAD_MAX_FILES"]
    if len(chosen) > most:
        raise TooManyFiles(f"一次最多上传 {most} 个文件,收到 {len(chosen)} 个 "
                           f"(at most {most} files per upload, got {len(chosen)})")
    streams: Iterable[tuple[IO[bytes], str]] = ((f.stream, f.filename or "") for f in chosen)
    return get_jobs().create(current_editor() or "", streams)


@bp.get("")
@editor_required
def form() -> Any:
    limits = get_jobs().reader.limits
    return render_template("upload/form.html", suffixes=SUPPORTED_SUFFIXES,
                           max_file=megabytes(limits.max_file_bytes),
                           max_files=current_app.config["UPLOAD_MAX_FILES"],
                           jobs=get_jobs().recent())


@bp.post("")
@editor_required
def receive() -> Any:
    job = new_job(request.files.getlist("file"))
    get_jobs().start(job)
    audit("upload", job.id, "、".join(f.name for f in job.files))
    return redirect(url_for("upload.job", job_id=job.id), 303)


@bp.get("/<job_id>")
@editor_required
def job(job_id: str) -> Any:
    return render_template("upload/job.html", job=get_jobs().get(job_id))


@bp.get("/<job_id>/status")
@editor_required
def status(job_id: str) -> Any:
    job = get_jobs().get(job_id)
    data = job.status()
    for n, entry in enumerate(data["files"]):
        entry["review"] = url_for("upload.file_review", job_id=job.id, n=n)
    return json_response(data)


@bp.get("/<job_id>/<int:n>")
@editor_required
def file_review(job_id: str, n: int) -> Any:
    job = get_jobs().get(job_id)
    upload = job.upload(n)
    context: dict[str, Any] = {"job": job, "n": n, "upload": upload}
    if upload.document is not None and not upload.outcome:
        doc = upload.document
        context.update(review=review(doc, agencies_in_graph), same=loading.find_same([doc]),
                       stored=fetch_one("plan_info", doc=doc.id))
    return render_template("upload/review.html", **context)


@bp.post("/<job_id>/<int:n>")
@editor_required
def settle(job_id: str, n: int) -> Any:
    """载入, 替换 or 放弃 file n; then back to its page, which shows what became of it."""
    action = request.form.get("action", "")
    if action not in ACTIONS:
        raise BadParameter(f"action 须为 {', '.join(ACTIONS)} 之一,收到 {action!r}")
    job = get_jobs().get(job_id)
    with job.lock:  # a second click waits, then finds the file settled
        upload = job.upload(n)
        if not upload.outcome and upload.document is not None:
            _settle(upload, action)
    return redirect(url_for("upload.file_review", job_id=job.id, n=n), 303)


def _settle(upload: Upload, action: str) -> None:
    assert upload.document is not None
    if action == "discard":
        get_jobs().settle(upload, "discarded")
        audit("upload-discard", upload.document.id, upload.given)
        return
    outcome = loading.load([upload.document], replace_same=action == "replace")
    if outcome.result is None:
        return  # the same plan was loaded meanwhile: the page shows it and asks again
    upload.report = outcome.report() + [line.strip() for line in upload.corrections]
    upload.plan_id = upload.document.id
    get_jobs().settle(upload, "loaded")
    audit("load", upload.plan_id, f"{upload.given}; " + "; ".join(upload.report))


def agencies_in_graph(ids: Iterable[str]) -> set[str]:
    """Which of `ids` the graph holds (one small named query each)."""
    return {i for i in ids if fetch_one("agency_detail", agency=i) is not None}
