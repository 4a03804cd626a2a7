"""`POST /api/plans`: read the files now and load them all, or load none and say why.

A script has no review page, so every refusal is decided before anything is written: a
file that cannot be read (422, naming the file and the reason), a plan the graph already
holds under another id (409, naming the stored plan, unless `replace=1`). Reading goes
through the same worker as the upload pages; the files of a refused request are deleted.
"""

from __future__ import annotations

from typing import Any

from flask import Response, url_for
from werkzeug.datastructures import FileStorage

from graph.model import Document
from webui.auth import audit
from webui.tables import json_response
from webui.upload import get_jobs, new_job
from webui.uploads import loading
from webui.uploads.jobs import Job


def upload(files: list[FileStorage], *, replace: bool) -> Response:
    """201 with the plans and the load report; 422 or 409 with nothing loaded."""
    jobs = get_jobs()
    job = new_job(files)
    jobs.start(job).result()
    failed = [f for f in job.files if f.state == "failed"]
    if failed:
        _discard(job)
        return _refused(422, "; ".join(f"{f.given}: {f.error}" for f in failed),
                        failures=[{"file": f.given, "reason": f.error} for f in failed])
    documents = [f.document for f in job.files if f.document is not None]
    outcome = loading.load(documents, replace_same=replace)
    if outcome.result is None:
        _discard(job)
        return _refused(409, "; ".join(
            f"{s.doc_id}: 与已载入的方案《{s.title or s.stored_id}》相同({s.reason}),"
            f"编号 {s.stored_id};要替换它请加 replace=1 (same plan as {s.stored_id}; "
            "send replace=1 to replace it)" for s in outcome.blocking),
            same=[{"id": s.doc_id, "same_as": s.stored_id, "title": s.title,
                   "reason": s.reason} for s in outcome.blocking])
    report = outcome.report() + [f"{f.name}: {line.strip()}" for f in job.files
                                 for line in f.corrections]
    for f in job.files:
        jobs.settle(f, "loaded")
        f.plan_id, f.report = f.document.id if f.document else "", report
        audit("load", f.plan_id, f"{f.given} (API); " + "; ".join(report))
    changed = outcome.result.loaded + outcome.result.replaced
    response = json_response({"plans": [_plan(d) for d in documents], "report": report},
                             201 if changed else 200)
    if changed:
        response.headers["Location"] = url_for("api.plan", doc_id=changed[0])
    return response


def _plan(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "tasks": len(doc.tasks), "file": doc.doc,
            "city": doc.city or doc.province, "issuer": doc.issuer,
            "doc_number": doc.doc_number, "issued": doc.issued,
            "url": url_for("plans.plan", doc_id=doc.id),
            "api": url_for("api.plan", doc_id=doc.id)}


def _discard(job: Job) -> None:
    for f in job.files:
        get_jobs().settle(f, "discarded")


def _refused(status: int, message: str, **detail: Any) -> Response:
    return json_response({"error": message, "status": status, **detail}, status)
