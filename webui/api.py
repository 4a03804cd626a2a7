"""JSON API: the pages' data without the HTML, documented in the README (JSON API).

Each endpoint returns what the matching page shows (the same loader, the same
parameters, the same `sort`/`table` handling), so the API and the pages cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request, url_for

from queries.catalog import get_query
from webui import agencies, network, plans, sectors, tasks
from webui.auth import editor_required
from webui.db import get_catalog
from webui.query import run_named
from webui.tables import Page, json_response, selected_table, sort_requested
from webui.uploads import direct

bp = Blueprint("api", __name__, url_prefix="/api")
PAGE_ARGS = ("format", "sort", "table")  # read by every page, never a query's parameter


@bp.get("/")
def index() -> Response:
    endpoints = {
        "agencies": url_for("api.agency_list"), "agency": "/api/agencies/<id>",
        "tasks": url_for("api.task_list"), "task": "/api/tasks/<id>",
        "plans": url_for("api.plan_list"), "plan": "/api/plans/<id>",
        "sectors": url_for("api.sector_list"), "sector": "/api/sectors/<name>",
        "queries": url_for("api.query_list"), "query": "/api/queries/<name>?<param>=…",
        "network": url_for("api.network_data"), "ask": "/api/ask?q=…",
    }
    return json_response({"endpoints": endpoints, "documentation": "README.md#json-api"})


@bp.get("/agencies")
def agency_list() -> Response:
    return json_response(_page(agencies.agencies_page()))


@bp.get("/agencies/<agency_id>")
def agency(agency_id: str) -> Response:
    return json_response(_page(agencies.load_agency(agency_id)))


@bp.get("/tasks")
def task_list() -> Response:
    return json_response(_page(tasks.tasks_page()))


@bp.get("/tasks/<task_id>")
def task(task_id: str) -> Response:
    page = sort_requested(tasks.load_task(task_id))
    marked = page.view["highlight"]
    return json_response({**page.to_json(), "highlight": {
        "text": [s._asdict() for s in marked.text],
        "elsewhere": [{"source": q.source, "basis": q.basis,
                       "segments": [s._asdict() for s in q.segments]}
                      for q in marked.elsewhere]}})


@bp.get("/plans")
def plan_list() -> Response:
    return json_response(_page(plans.plans_page()))


@bp.get("/plans/<doc_id>")
def plan(doc_id: str) -> Response:
    return json_response(_page(plans.load_plan(doc_id)))


@bp.post("/plans")
@editor_required
def plan_upload() -> Response:
    """Read the files of field `file` and load them all, or none (webui.uploads.direct)."""
    return direct.upload(request.files.getlist("file"),
                        replace=request.values.get("replace") in ("1", "true", "yes"))


@bp.delete("/plans/<doc_id>")
@editor_required
def plan_remove(doc_id: str) -> Response:
    return json_response(plans.remove_plan(doc_id))


@bp.get("/sectors")
def sector_list() -> Response:
    return json_response(_page(sectors.sectors_page()))


@bp.get("/sectors/<path:name>")
def sector(name: str) -> Response:
    return json_response(_page(sectors.sector_page(name)))


@bp.get("/queries")
def query_list() -> Response:
    return json_response({"queries": [_describe(q) for q in get_catalog().values()]})


@bp.get("/queries/<name>")
def query_run(name: str) -> Response:
    query = get_query(get_catalog(), name)
    values = {k: v for k, v in request.args.items() if k not in PAGE_ARGS}
    page = sort_requested(Page(query.title, tables={"result": run_named(query, values)}))
    return json_response({"query": name, "params": values,
                          "result": page.tables["result"].to_json()})


@bp.get("/network")
def network_data() -> Response:
    page = network.network_page()
    data = {**page.info, **page.view["network"].to_json()}
    if sort := request.args.get("sort"):  # the page's tables are these lists, row for row
        name = selected_table(page)
        data[name] = [data[name][n] for n in page.tables[name].order(sort)]
    return json_response(data)


def _page(page: Page) -> dict[str, Any]:
    """The page as JSON, its table sorted by `?sort=` as the page would sort it."""
    return sort_requested(page).to_json()


def _describe(query: Any) -> dict[str, Any]:
    return {"name": query.name, "title": query.title, "question": query.question,
            "title_zh": query.title_zh, "question_zh": query.question_zh,
            "columns": list(query.columns), "example": dict(query.example),
            "params": [{"name": p.name, "type": p.type, "required": p.required,
                        "default": p.default, "meaning": p.meaning, "label": p.label,
                        "hint": p.hint} for p in query.params],
            "url": url_for("api.query_run", name=query.name)}
